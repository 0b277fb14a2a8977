// The dyad binary end to end: exit codes, load, stats, check, get, and the
// embedded default graph.
#include <fstream>

#include "cli_util.h"

namespace dyad::cli {
namespace {

using storage::TempDir;

TEST(Cli, HelpVersionAndUsageErrors) {
  TempDir dir;
  auto help = RunDyad(dir, "--help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("load"), std::string::npos);
  auto version = RunDyad(dir, "--version");
  EXPECT_EQ(version.code, 0);
  EXPECT_EQ(version.out.rfind("dyad ", 0), 0u) << version.out;
  EXPECT_EQ(RunDyad(dir, "").code, 2);
  EXPECT_EQ(RunDyad(dir, "frobnicate").code, 2);
  EXPECT_EQ(RunDyad(dir, "--db x stats --format yaml").code, 2);
  EXPECT_EQ(RunDyad(dir, "--db x load").code, 2);
}

TEST(Cli, LoadStatsGetCheckOnATempDatabase) {
  TempDir dir;
  std::ofstream(dir.sub("g.jsonl")) << R"({"key": "mmca", "labels": ["Mechanism", "Agreement"], "properties": {"name": "Military Maritime Consultative Agreement", "aliases": ["MMCA"]}}
{"key": "clinton_administration", "labels": ["Actor", "Administration"], "properties": {"name": "Clinton administration"}}
{"type": "ESTABLISHED", "from": "clinton_administration", "to": "mmca", "properties": {"date": {"~date": "1998-01-01"}, "precision": "year"}}
)";
  auto load = RunDyad(dir, "--db db load g.jsonl");
  ASSERT_EQ(load.code, 0) << load.err;
  EXPECT_NE(load.out.find("loaded 2 nodes and 1 relationships"), std::string::npos) << load.out;

  auto stats = RunDyad(dir, "--db db stats --format json");
  ASSERT_EQ(stats.code, 0) << stats.err;
  EXPECT_EQ(stats.out, "{\"nodes\":2,\"relationships\":1,\"labels\":{\"Mechanism\":1,\"Agreement\":1,\"Actor\":1,"
                       "\"Administration\":1},\"types\":{\"ESTABLISHED\":1}}\n");

  auto get = RunDyad(dir, "--db db get MMCA");
  ASSERT_EQ(get.code, 0) << get.err;
  EXPECT_NE(get.out.find("mmca — Military Maritime Consultative Agreement"), std::string::npos) << get.out;
  EXPECT_NE(get.out.find("<-[:ESTABLISHED]- (1)"), std::string::npos) << get.out;
  EXPECT_NE(get.out.find("clinton_administration — Clinton administration  [1998-01-01]"), std::string::npos);

  auto json = RunDyad(dir, "--db db get mmca --format json");
  ASSERT_EQ(json.code, 0);
  EXPECT_NE(json.out.find("\"~rel\":{\"id\":1,\"type\":\"ESTABLISHED\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"date\":{\"~date\":\"1998-01-01\"}"), std::string::npos) << json.out;

  auto missing = RunDyad(dir, "--db db get nothing");
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("error: no node with key, name or alias 'nothing'"), std::string::npos);

  auto check = RunDyad(dir, "--db db check");
  EXPECT_EQ(check.code, 0) << check.out;
  EXPECT_NE(check.out.find("ok: no problems found"), std::string::npos);
}

// `serve --preload` reads the graph into memory before it listens, and one
// that does not fit --cache-entries stops at start with an error naming it.
TEST(Cli, ServePreloadsAndRefusesAGraphTooLargeForTheView) {
  TempDir dir;
  std::ofstream(dir.sub("g.jsonl")) << R"({"key": "a", "labels": ["N"], "properties": {}}
{"key": "b", "labels": ["N"], "properties": {}}
{"type": "R", "from": "a", "to": "b", "properties": {}}
)";
  ASSERT_EQ(RunDyad(dir, "--db db load g.jsonl").code, 0);
  // `env timeout ... dyad ...`: the server runs for 3 s, then stops on SIGINT
  // (its own exit status is kept: 0 when it stopped cleanly).
  auto served = RunDyad(dir, "--db db serve --port 0 --preload", "timeout --preserve-status -s INT 3");
  EXPECT_EQ(served.code, 0) << served.err;
  EXPECT_NE(served.out.find("dyad serve: preloaded 2 node records, 2 keys and 2 adjacency entries in "),
            std::string::npos) << served.out;
  EXPECT_NE(served.out.find("dyad serve: listening on http://127.0.0.1:"), std::string::npos) << served.out;
  auto small = RunDyad(dir, "--db db serve --port 0 --preload --cache-entries 3");
  EXPECT_EQ(small.code, 1);
  EXPECT_NE(small.err.find("error: preload: the graph does not fit the in-memory view"), std::string::npos)
      << small.err;
  EXPECT_NE(small.err.find("raise --cache-entries"), std::string::npos) << small.err;
  EXPECT_EQ(small.out.find("listening"), std::string::npos) << small.out;
}

TEST(Cli, FailedLoadExitsOneAndChangesNothing) {
  TempDir dir;
  std::ofstream(dir.sub("a.csv")) << ":ID,:LABEL\na,L\n";
  ASSERT_EQ(RunDyad(dir, "--db db load a.csv").code, 0);
  std::ofstream(dir.sub("b.csv")) << ":ID,n:int,:LABEL\nb,1,L\nc,x,L\n";
  auto bad = RunDyad(dir, "--db db load b.csv");
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("error: b.csv:3: column 'n': 'x' is not a 64-bit integer"), std::string::npos) << bad.err;
  auto stats = RunDyad(dir, "--db db stats --format json");
  EXPECT_NE(stats.out.find("\"nodes\":1,"), std::string::npos) << stats.out;
  EXPECT_EQ(RunDyad(dir, "--db db check").code, 0);
  // Reading a database that does not exist is an error, not an empty database.
  auto none = RunDyad(dir, "--db nowhere stats");
  EXPECT_EQ(none.code, 1);
  EXPECT_NE(none.err.find("no dyad database at nowhere"), std::string::npos);
}

TEST(Cli, DbFromEnvironment) {
  TempDir dir;
  std::ofstream(dir.sub("a.jsonl")) << "{\"key\": \"a\", \"labels\": [\"L\"]}\n";
  ASSERT_EQ(RunDyad(dir, "load a.jsonl", "DYAD_DB=envdb").code, 0);
  auto stats = RunDyad(dir, "--db envdb stats --format json");
  EXPECT_NE(stats.out.find("\"nodes\":1,"), std::string::npos) << stats.out;
}

TEST(Cli, EmbeddedDefaultGraphIsBuiltOnceAndChecksClean) {
  TempDir dir;
  std::string env = "DYAD_DB= XDG_DATA_HOME=" + ShellQuote(dir.sub("xdg"));
  auto stats = RunDyad(dir, "stats --format json", env);
  ASSERT_EQ(stats.code, 0) << stats.err;
  EXPECT_NE(stats.out.find("\"Mechanism\":"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir.sub("xdg/dyad/default/CURRENT")));
  // A second run reuses the materialized database (its files stay in place).
  auto before = std::filesystem::last_write_time(dir.sub("xdg/dyad/default/IDENTITY"));
  ASSERT_EQ(RunDyad(dir, "stats", env).code, 0);
  EXPECT_EQ(before, std::filesystem::last_write_time(dir.sub("xdg/dyad/default/IDENTITY")));
  auto check = RunDyad(dir, "check", env);
  EXPECT_EQ(check.code, 0) << check.out;
  auto mmca = RunDyad(dir, "get MMCA", env);
  EXPECT_EQ(mmca.code, 0) << mmca.err;
  EXPECT_NE(mmca.out.find("Military Maritime Consultative Agreement"), std::string::npos);
}

TEST(Cli, EmbeddedDefaultIsRebuiltWhenItsDigestDiffers) {
  TempDir dir;
  std::string env = "DYAD_DB= XDG_DATA_HOME=" + ShellQuote(dir.sub("xdg"));
  ASSERT_EQ(RunDyad(dir, "stats", env).code, 0);
  {
    // Pretend the database was built from older fixtures.
    auto store = storage::OpenOrDie(dir.sub("xdg/dyad/default"));
    ASSERT_TRUE(store->PutMeta(storage::kMetaFixtureHash, "stale").ok());
  }
  ASSERT_EQ(RunDyad(dir, "stats", env).code, 0);
  auto store = storage::OpenOrDie(dir.sub("xdg/dyad/default"));
  EXPECT_NE(store->GetMeta(storage::kMetaFixtureHash), "stale");
  EXPECT_GT(store->counters().nodes, 300);
}

}  // namespace
}  // namespace dyad::cli
