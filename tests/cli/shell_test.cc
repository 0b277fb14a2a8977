// `dyad shell` driven through stdin (not a terminal: no prompts, no history).
#include <filesystem>

#include "cli_util.h"

namespace dyad::cli {
namespace {

// Runs the shell on a fresh database in dir with the given input.
RunResult Shell(const storage::TempDir& dir, const std::string& input) {
  return RunDyad(dir, "--db db shell", "XDG_DATA_HOME=" + ShellQuote(dir.sub("xdg")), input);
}

TEST(ShellTest, RunsStatementsAndPrintsTables) {
  storage::TempDir dir;
  auto r = Shell(dir, "CREATE (:T {name: 'a'});\nMATCH (n:T) RETURN n.name AS name;\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("Created 1 node, added 1 label, set 1 property.\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("│ name │\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("│ a    │\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(1 row)\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("dyad>"), std::string::npos) << "no prompt without a terminal";
  EXPECT_FALSE(std::filesystem::exists(dir.sub("xdg/dyad/history")));
}

TEST(ShellTest, MultiLineStatementsEndAtSemicolonOrEmptyLine) {
  storage::TempDir dir;
  auto r = Shell(dir,
                 ":format csv\n"
                 "RETURN 1\n  AS one;\n"         // ';' ends it
                 "RETURN 'a;b' // x;y\n  AS s\n"  // ';' inside a string or comment does not
                 "\n"                             // an empty line runs it
                 "RETURN 2 AS two; RETURN 3 AS three;\n"
                 "RETURN 4 AS last");             // end of input runs the rest
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "one\n1\ns\na;b\ntwo\n2\nthree\n3\nlast\n4\n");
}

TEST(ShellTest, FormatsAndParams) {
  storage::TempDir dir;
  auto r = Shell(dir,
                 ":format json\n"
                 ":params {\"x\": 41, \"d\": {\"~date\": \"2017-06-01\"}}\n"
                 "RETURN $x + 1 AS y, $d AS d;\n"
                 ":params\n"
                 ":format\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"columns\":[\"y\",\"d\"],\"rows\":[[42,{\"~date\":\"2017-06-01\"}]]}\n"
            "{\"d\":{\"~date\":\"2017-06-01\"},\"x\":41}\n"
            "format: json\n");
}

TEST(ShellTest, ErrorsAreReportedAndTheShellContinues) {
  storage::TempDir dir;
  auto r = Shell(dir, "RETURN 1 AS a;\nMATCH (n)\nRETRUN n;\nRETURN 2 AS b;\n:bogus\n:format xml\n:params [1]\n");
  EXPECT_EQ(r.code, 1) << "a scripted shell exits 1 when a statement failed";
  EXPECT_NE(r.out.find("│ a │"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("│ b │"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("error: SyntaxError at line 2, column 1: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\n\"RETRUN n\"\n ^\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("error: unknown command ':bogus'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("error: :format expects table, json or csv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("error: :params expects a JSON object"), std::string::npos) << r.err;
}

TEST(ShellTest, QuitStopsReading) {
  storage::TempDir dir;
  auto r = Shell(dir, ":format csv\nRETURN 1 AS a;\n:quit\nRETURN 2 AS b;\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "a\n1\n");
  r = Shell(dir, ":format csv\nRETURN 1 AS a;\n:exit;\nRETURN 2 AS b;\n");
  EXPECT_EQ(r.out, "a\n1\n");
}

TEST(ShellTest, HelpAndSchema) {
  storage::TempDir dir;
  auto r = Shell(dir,
                 "CREATE (:Actor {key: 'a', name: 'A'})-[:SUSPENDED {date: date('2018-01-01')}]->"
                 "(:Mechanism {key: 'm'});\n"
                 ":help\n:schema\n");
  EXPECT_EQ(r.code, 0) << r.err;
  for (const char* s : {":schema", ":format table|json|csv", ":params {json}", ":quit", "MATCH ("})
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  for (const char* s : {"│ Actor ", "│ Mechanism ", "│ SUSPENDED ", "│ key ", "│ date ", "all nodes"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
}

TEST(ShellTest, NoChangesAndEmptyResults) {
  storage::TempDir dir;
  auto r = Shell(dir, "MATCH (n:Nothing) RETURN n;\nMATCH (n:Nothing) DELETE n;\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("(0 rows)\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(no changes)\n"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace dyad::cli
