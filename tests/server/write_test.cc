// Writes over HTTP: refused without the token (401) or a wrong one, done
// with it; and readers running in parallel with a writer never see half a
// write.
#include <atomic>

#include "server_harness.h"
#include "storage/preload.h"

namespace dyad::server {
namespace {

const char* kToken = "test-token-0123456789abcdef";

class WriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenEmpty(dir_.path());
    ASSERT_NE(store_, nullptr);
    ServerOptions o;
    o.allow_writes = true;
    o.token = kToken;
    server_ = std::make_unique<RunningServer>(store_.get(), o);
    client_ = server_->Client();
  }
  void TearDown() override {
    server_.reset();
    store_.reset();
  }
  httplib::Result Post(const std::string& body, const std::string& auth = "") {
    httplib::Headers h;
    if (!auth.empty()) h.emplace("Authorization", auth);
    return client_->Post("/query", h, body, "application/json");
  }
  int64_t Count() {
    auto r = Post(R"j({"query": "MATCH (n) RETURN count(n) AS c"})j");
    return r && r->status == 200 ? Json(r->body)["rows"][0][0].GetInt64() : -1;
  }

  TempDir dir_;
  std::unique_ptr<storage::GraphStore> store_;
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(WriteTest, RefusedWithoutToken) {
  auto r = Post(R"j({"query": "CREATE (:City {name: 'Beijing'})"})j");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(ErrorCode(Json(r->body)), "Unauthorized");
  EXPECT_NE(r->get_header_value("WWW-Authenticate").find("Bearer"), std::string::npos);
  EXPECT_EQ(Count(), 0);
}

TEST_F(WriteTest, RefusedWithWrongToken) {
  for (const std::string& auth : std::vector<std::string>{"Bearer wrong-token", std::string("Bearer ") + kToken + "x", std::string("Basic ") + kToken}) {
    auto r = Post(R"j({"query": "CREATE (:City {name: 'Beijing'})"})j", auth);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << auth;
    EXPECT_EQ(ErrorCode(Json(r->body)), "Unauthorized");
  }
  // A wrong token is refused even for reads.
  auto r = Post(R"j({"query": "RETURN 1"})j", "Bearer wrong-token");
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(Count(), 0);
}

TEST_F(WriteTest, AcceptedWithToken) {
  auto r = Post(R"j({"query": "CREATE (a:City {name: 'Beijing'})-[:TWINNED {since: 1980}]->(b:City {name: 'Washington'}) RETURN a, b"})j",
                std::string("Bearer ") + kToken);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto d = Json(r->body);
  EXPECT_EQ(d["stats"]["nodes_created"].GetInt(), 2);
  EXPECT_EQ(d["stats"]["relationships_created"].GetInt(), 1);
  EXPECT_TRUE(d["stats"]["contains_updates"].GetBool());
  EXPECT_EQ(Count(), 2);
  // Reads need no token; the search index sees the new names.
  auto s = client_->Get("/api/search?q=beijing");
  EXPECT_EQ(Json(s->body)["results"].Size(), 1u);
  // Neo4j clients send Basic auth: the password is the token.
  httplib::Headers basic = {{"Authorization", "Basic bmVvNGo6dGVzdC10b2tlbi0wMTIzNDU2Nzg5YWJjZGVm"}};
  auto n = client_->Post("/db/neo4j/tx/commit", basic, R"j({"statements": [{"statement": "CREATE (:City {name: 'Paris'})"}]})j",
                         "application/json");
  ASSERT_TRUE(n);
  EXPECT_EQ(Json(n->body)["errors"].Size(), 0u) << n->body;
  EXPECT_EQ(Count(), 3);
}

TEST_F(WriteTest, Neo4jWriteWithoutTokenIsUnauthorized) {
  auto r = client_->Post("/db/neo4j/tx/commit", R"j({"statements": [{"statement": "CREATE (:City)"}]})j", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  auto d = Json(r->body);
  ASSERT_EQ(d["errors"].Size(), 1u);
  EXPECT_STREQ(d["errors"][0]["code"].GetString(), "Neo.ClientError.Security.Unauthorized");
  EXPECT_EQ(Count(), 0);
}

TEST_F(WriteTest, FailedStatementWritesNothing) {
  auto r = Post(R"j({"query": "CREATE (:City {name: 'A'}) WITH 1 AS x RETURN 1 / 0"})j", std::string("Bearer ") + kToken);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Count(), 0);
}

// Each write creates two nodes and the relationship between them in one
// statement; a reader must always see nodes == 2 × relationships.
TEST_F(WriteTest, ReadersNeverSeeHalfAWrite) {
  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, torn{0}, failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t)
    readers.emplace_back([&] {
      auto c = server_->Client();
      while (!done.load()) {
        auto r = c->Post("/query",
                         R"j({"query": "MATCH (n:P) WITH count(n) AS nodes OPTIONAL MATCH (:P)-[r:R]->(:P) RETURN nodes, count(r) AS rels"})j",
                         "application/json");
        if (!r || r->status != 200) {
          ++failures;
          continue;
        }
        auto d = Json(r->body);
        int64_t nodes = d["rows"][0][0].GetInt64(), rels = d["rows"][0][1].GetInt64();
        if (nodes != 2 * rels) ++torn;
        ++reads;
      }
    });
  auto writer = server_->Client();
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  for (int i = 0; i < 60; ++i) {
    std::string body = R"j({"query": "CREATE (:P {i: $i})-[:R]->(:P {i: $i})", "params": {"i": )j" + std::to_string(i) + "}}";
    auto r = writer->Post("/query", auth, body, "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(Count(), 120);
}

TEST(ServeOptions, WritesNeedAToken) {
  TempDir dir;
  auto store = OpenEmpty(dir.path());
  ServerOptions o;
  o.allow_writes = true;
  o.port = 0;
  HttpServer server(store.get(), o);
  Status s = server.Bind();
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
}

TEST(ServeCli, AllowWritesWithoutTokenIsAUsageError) {
  const char* bin = std::getenv("DYAD_BIN");
  if (!bin) GTEST_SKIP() << "DYAD_BIN is not set (run under ctest)";
  TempDir dir;
  std::string cmd = std::string("env -u DYAD_TOKEN ") + bin + " --db " + dir.path() +
                    "/db serve --port 0 --allow-writes >/dev/null 2>&1";
  int rc = std::system(cmd.c_str());
  EXPECT_TRUE(WIFEXITED(rc));
  EXPECT_EQ(WEXITSTATUS(rc), 2);
}

// A store kept preloaded (dyad serve --preload) answers every read after
// a write with the write in it, while its preloader reads the new view in
// the background.
TEST_F(WriteTest, APreloadedStoreSeesEveryWriteAtOnce) {
  const std::string auth = std::string("Bearer ") + kToken;
  ASSERT_EQ(Post(R"j({"query": "CREATE (:City {key: 'hub'})"})j", auth)->status, 200);
  storage::PreloadStats stats;
  ASSERT_TRUE(store_->KeepPreloaded(&stats).ok());
  EXPECT_EQ(stats.records, 1u);
  for (int i = 1; i <= 20; ++i) {
    auto w = Post(R"j({"query": "MATCH (h {key: 'hub'}) CREATE (h)-[:LINK]->(:City {key: $k})", "params": {"k": "c)j" +
                      std::to_string(i) + R"j("}})j",
                  auth);
    ASSERT_TRUE(w);
    ASSERT_EQ(w->status, 200) << w->body;
    auto r = Post(R"j({"query": "MATCH ({key: 'hub'})-[:LINK]->(c) RETURN count(c) AS n"})j");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(Json(r->body)["rows"][0][0].GetInt64(), i);
    auto k = Post(R"j({"query": "MATCH (c {key: $k}) RETURN count(c) AS n", "params": {"k": "c)j" + std::to_string(i) + R"j("}})j");
    ASSERT_TRUE(k);
    EXPECT_EQ(Json(k->body)["rows"][0][0].GetInt64(), 1) << "c" << i;
  }
  EXPECT_EQ(Count(), 21);
}

}  // namespace
}  // namespace dyad::server
