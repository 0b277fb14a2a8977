// The Neo4j-compatible transactional endpoint: request and response shapes
// of POST /db/{name}/tx/commit (row, meta, graph, stats, errors).
#include "server_harness.h"

namespace dyad::server {
namespace {

class Neo4jTest : public DefaultGraphServerTest {
 protected:
  void SetUp() override { StartServer(ServerOptions()); }
  rapidjson::Document Commit(const std::string& body, int expect_status = 200, const std::string& db = "neo4j") {
    auto r = client_->Post("/db/" + db + "/tx/commit", body, "application/json");
    EXPECT_TRUE(r);
    if (!r) return rapidjson::Document();
    EXPECT_EQ(r->status, expect_status) << r->body;
    return Json(r->body);
  }
};

TEST_F(Neo4jTest, RowAndMeta) {
  auto d = Commit(R"j({"statements": [{"statement": "MATCH (m {key: $key}) RETURN m, m.name AS name, m.established AS est",
                                       "parameters": {"key": "mmca"}}]})j");
  ASSERT_EQ(d["errors"].Size(), 0u);
  ASSERT_EQ(d["results"].Size(), 1u);
  const auto& res = d["results"][0];
  EXPECT_STREQ(res["columns"][1].GetString(), "name");
  ASSERT_EQ(res["data"].Size(), 1u);
  const auto& row = res["data"][0]["row"];
  EXPECT_STREQ(row[0]["key"].GetString(), "mmca");  // a node is its property map
  EXPECT_STREQ(row[1].GetString(), "Military Maritime Consultative Agreement");
  EXPECT_STREQ(row[2].GetString(), "1998-01-01");  // dates as ISO strings
  const auto& meta = res["data"][0]["meta"];
  EXPECT_STREQ(meta[0]["type"].GetString(), "node");
  EXPECT_FALSE(meta[0]["deleted"].GetBool());
  EXPECT_TRUE(meta[0]["id"].IsUint64());
  EXPECT_TRUE(meta[1].IsNull());
  EXPECT_STREQ(meta[2]["type"].GetString(), "date");
  EXPECT_FALSE(res["data"][0].HasMember("graph"));
}

TEST_F(Neo4jTest, GraphFormat) {
  auto d = Commit(R"j({"statements": [{"statement": "MATCH (a {key: 'clinton_administration'})-[r:ESTABLISHED]->(m {key: 'mmca'}) RETURN a, r, m",
                                       "resultDataContents": ["row", "graph"], "includeStats": true}]})j");
  ASSERT_EQ(d["errors"].Size(), 0u);
  const auto& data = d["results"][0]["data"];
  ASSERT_EQ(data.Size(), 1u);
  const auto& g = data[0]["graph"];
  ASSERT_EQ(g["nodes"].Size(), 2u);
  ASSERT_EQ(g["relationships"].Size(), 1u);
  EXPECT_TRUE(g["nodes"][0]["id"].IsString());
  EXPECT_TRUE(g["nodes"][0]["labels"].IsArray());
  const auto& rel = g["relationships"][0];
  EXPECT_STREQ(rel["type"].GetString(), "ESTABLISHED");
  EXPECT_TRUE(rel["startNode"].IsString());
  EXPECT_TRUE(rel["endNode"].IsString());
  EXPECT_TRUE(rel["properties"]["quotes"].IsArray());
  std::string start = rel["startNode"].GetString();
  bool found = false;
  for (const auto& n : g["nodes"].GetArray())
    if (start == n["id"].GetString()) found = std::string(n["properties"]["key"].GetString()) == "clinton_administration";
  EXPECT_TRUE(found);
  EXPECT_STREQ(data[0]["meta"][1]["type"].GetString(), "relationship");
  EXPECT_FALSE(d["results"][0]["stats"]["contains_updates"].GetBool());
}

TEST_F(Neo4jTest, GraphOnlyAndPaths) {
  auto d = Commit(R"j({"statements": [{"statement": "MATCH p = (a {key: 'clinton_administration'})-[:ESTABLISHED]->(m {key: 'mmca'}) RETURN p",
                                       "resultDataContents": ["graph"]}]})j");
  ASSERT_EQ(d["errors"].Size(), 0u);
  const auto& row = d["results"][0]["data"][0];
  EXPECT_FALSE(row.HasMember("row"));
  EXPECT_EQ(row["graph"]["nodes"].Size(), 2u);
  d = Commit(R"j({"statements": [{"statement": "MATCH p = (a {key: 'clinton_administration'})-[:ESTABLISHED]->(m {key: 'mmca'}) RETURN p"}]})j");
  const auto& path = d["results"][0]["data"][0]["row"][0];
  ASSERT_TRUE(path.IsArray());
  EXPECT_EQ(path.Size(), 3u);  // node, relationship, node as property maps
  EXPECT_EQ(d["results"][0]["data"][0]["meta"][0].Size(), 3u);
}

TEST_F(Neo4jTest, SeveralStatementsAndErrors) {
  auto d = Commit(R"j({"statements": [{"statement": "RETURN 1 AS one"}, {"statement": "RETRN 2"}, {"statement": "RETURN 3"}]})j");
  ASSERT_EQ(d["results"].Size(), 1u);  // stops at the failed statement
  EXPECT_EQ(d["results"][0]["data"][0]["row"][0].GetInt(), 1);
  ASSERT_EQ(d["errors"].Size(), 1u);
  EXPECT_STREQ(d["errors"][0]["code"].GetString(), "Neo.ClientError.Statement.SyntaxError");
  std::string msg = d["errors"][0]["message"].GetString();
  EXPECT_NE(msg.find("(line 1, column 1 (offset: 0))"), std::string::npos) << msg;
}

TEST_F(Neo4jTest, ReadOnlyServerRefusesWrites) {
  auto d = Commit(R"j({"statements": [{"statement": "CREATE (n:X) RETURN n"}]})j");
  ASSERT_EQ(d["errors"].Size(), 1u);
  EXPECT_STREQ(d["errors"][0]["code"].GetString(), "Neo.ClientError.Security.Forbidden");
}

TEST_F(Neo4jTest, BadRequests) {
  auto d = Commit("{not json", 400);
  EXPECT_STREQ(d["errors"][0]["code"].GetString(), "Neo.ClientError.Request.InvalidFormat");
  d = Commit(R"j({"statements": {"statement": "RETURN 1"}})j", 400);
  EXPECT_STREQ(d["errors"][0]["code"].GetString(), "Neo.ClientError.Request.InvalidFormat");
  d = Commit(R"j({"statements": [{"statement": "RETURN 1", "resultDataContents": ["rest"]}]})j");
  EXPECT_STREQ(d["errors"][0]["code"].GetString(), "Neo.ClientError.Request.InvalidFormat");
  d = Commit(R"j({"statements": [{"statement": "RETURN 1"}]})j", 404, "other");
  EXPECT_STREQ(d["errors"][0]["code"].GetString(), "Neo.ClientError.Database.DatabaseNotFound");
  d = Commit(R"j({"statements": []})j");
  EXPECT_EQ(d["results"].Size(), 0u);
  EXPECT_EQ(d["errors"].Size(), 0u);
  auto r = client_->Post("/db/neo4j/tx", R"j({"statements": []})j", "application/json");
  EXPECT_EQ(r->status, 404);
}

TEST_F(Neo4jTest, DiscoveryDocument) {
  httplib::Headers json = {{"Accept", "application/json"}};
  auto r = client_->Get("/", json);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  auto d = Json(r->body);
  std::string tx = d["transaction"].GetString();
  EXPECT_NE(tx.find("/db/{databaseName}/tx"), std::string::npos);
}

}  // namespace
}  // namespace dyad::server
