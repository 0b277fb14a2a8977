// Integration tests of the read-only HTTP API against a real server on
// loopback, over the embedded US–China graph: every endpoint, bad JSON, bad
// queries, limits, oversized bodies, path traversal, CORS and host checks.
#include <set>

#include "server_harness.h"

namespace dyad::server {
namespace {

class ApiTest : public DefaultGraphServerTest {
 protected:
  void SetUp() override {
    ServerOptions o;
    o.max_body_bytes = 4096;
    o.max_rows = 500;
    StartServer(o);
  }

  // POSTs a JSON body to /query.
  httplib::Result Query(const std::string& body) { return client_->Post("/query", body, "application/json"); }
};

TEST_F(ApiTest, Health) {
  auto r = client_->Get("/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  auto d = Json(r->body);
  EXPECT_STREQ(d["status"].GetString(), "ok");
  EXPECT_STREQ(d["writes"].GetString(), "disabled");
  EXPECT_GT(d["nodes"].GetInt64(), 700);
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(ApiTest, QueryReturnsInterfacesShape) {
  auto r = Query(R"j({"query": "MATCH (m {key: $k}) RETURN m.name AS name, m, 1.0 AS f", "params": {"k": "mmca"}})j");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  auto d = Json(r->body);
  ASSERT_EQ(d["columns"].Size(), 3u);
  EXPECT_STREQ(d["columns"][0].GetString(), "name");
  ASSERT_EQ(d["rows"].Size(), 1u);
  EXPECT_STREQ(d["rows"][0][0].GetString(), "Military Maritime Consultative Agreement");
  const auto& node = d["rows"][0][1]["~node"];
  EXPECT_TRUE(node["id"].IsUint64());
  EXPECT_STREQ(node["labels"][0].GetString(), "Mechanism");
  EXPECT_STREQ(node["properties"]["key"].GetString(), "mmca");
  EXPECT_NE(r->body.find("1.0"), std::string::npos);  // floats keep their point
  EXPECT_FALSE(d["stats"]["contains_updates"].GetBool());
  EXPECT_EQ(d["statements"].GetInt(), 1);
}

TEST_F(ApiTest, QueryGraphMember) {
  auto r = Query(R"j({"query": "MATCH (a {key: 'trump_administration'})-[r:SUSPENDED]->(m) RETURN r", "graph": true})j");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto d = Json(r->body);
  ASSERT_TRUE(d.HasMember("graph"));
  EXPECT_EQ(d["graph"]["relationships"].Size(), d["rows"].Size());
  EXPECT_GE(d["graph"]["nodes"].Size(), 2u);  // the endpoints are included
  EXPECT_STREQ(d["graph"]["relationships"][0]["type"].GetString(), "SUSPENDED");
}

TEST_F(ApiTest, BadJsonAndBadRequests) {
  auto r = Query("{\"query\": ");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorCode(Json(r->body)), "InvalidJson");

  r = Query("[1, 2]");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorCode(Json(r->body)), "InvalidJson");

  r = Query(R"j({"text": "RETURN 1"})j");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorCode(Json(r->body)), "InvalidArgument");

  r = Query(R"j({"query": "RETURN $x", "params": [1]})j");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorCode(Json(r->body)), "InvalidArgument");

  r = Query(R"j({"query": "   "})j");
  EXPECT_EQ(r->status, 400);

  // No JSON content type: a cross-site form could send this.
  r = client_->Post("/query", R"j({"query": "RETURN 1"})j", "text/plain");
  EXPECT_EQ(r->status, 415);
  EXPECT_EQ(ErrorCode(Json(r->body)), "UnsupportedMediaType");

  r = client_->Get("/query");
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->get_header_value("Allow"), "POST");
}

TEST_F(ApiTest, SyntaxErrorHasPosition) {
  auto r = Query(R"j({"query": "MATCH (n)\nRETRN n"})j");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  auto d = Json(r->body);
  EXPECT_EQ(ErrorCode(d), "SyntaxError");
  EXPECT_EQ(d["error"]["line"].GetInt(), 2);
  EXPECT_EQ(d["error"]["column"].GetInt(), 1);
  EXPECT_TRUE(d["error"]["message"].IsString());
}

TEST_F(ApiTest, UndefinedVariableHasPosition) {
  auto r = Query(R"j({"query": "MATCH (n) RETURN m"})j");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  auto d = Json(r->body);
  EXPECT_NE(d["error"]["message"].GetString(), std::string());
  EXPECT_TRUE(ErrorCode(d) == "SyntaxError" || ErrorCode(d) == "SemanticError") << ErrorCode(d);
  EXPECT_EQ(d["error"]["line"].GetInt(), 1);
  EXPECT_EQ(d["error"]["column"].GetInt(), 18);
}

TEST_F(ApiTest, ErrorWithoutPositionHasNullLine) {
  auto r = Query(R"j({"query": "RETURN 1 / 0"})j");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  auto d = Json(r->body);
  EXPECT_FALSE(ErrorCode(d).empty());
  EXPECT_TRUE(d["error"].HasMember("line"));
  EXPECT_TRUE(d["error"].HasMember("column"));
}

TEST_F(ApiTest, RowLimit) {
  auto r = Query(R"j({"query": "UNWIND range(1, 1000) AS x RETURN x"})j");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorCode(Json(r->body)), "ResourceLimit");
  // A request may tighten the limit, never loosen it.
  r = Query(R"j({"query": "UNWIND range(1, 20) AS x RETURN x", "max_rows": 10})j");
  EXPECT_EQ(ErrorCode(Json(r->body)), "ResourceLimit");
  r = Query(R"j({"query": "UNWIND range(1, 400) AS x RETURN x", "max_rows": 100000})j");
  EXPECT_EQ(r->status, 200);
}

TEST_F(ApiTest, TimeLimit) {
  auto r = Query(R"j({"query": "MATCH (a), (b), (c) RETURN count(*)", "timeout_ms": 30})j");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  EXPECT_EQ(ErrorCode(Json(r->body)), "Timeout");
}

TEST_F(ApiTest, OversizedBodyIsRefused) {
  std::string big = R"j({"query": "RETURN 1", "pad": ")j" + std::string(10000, 'x') + "\"}";
  auto r = Query(big);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(ErrorCode(Json(r->body)), "PayloadTooLarge");
}

TEST_F(ApiTest, WritesRefusedOnReadOnlyServer) {
  for (const char* q : {"CREATE (:X {a: 1})", "MATCH (n {key: 'mmca'}) SET n.name = 'x'",
                        "MATCH (n {key: 'mmca'}) DETACH DELETE n", "CREATE INDEX FOR (n:X) ON (n.a)"}) {
    auto r = Query(std::string("{\"query\": ") + Quote(q) + "}");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403) << q << ": " << r->body;
    EXPECT_EQ(ErrorCode(Json(r->body)), "Forbidden");
  }
  // A token is no use when writes are disabled.
  httplib::Headers auth = {{"Authorization", "Bearer anything"}};
  auto r = client_->Post("/query", auth, R"j({"query": "CREATE (:X)"})j", "application/json");
  EXPECT_EQ(r->status, 403);
  auto check = Query(R"j({"query": "MATCH (n {key: 'mmca'}) RETURN n.name"})j");
  EXPECT_NE(check->body.find("Military Maritime"), std::string::npos);
}

TEST_F(ApiTest, Schema) {
  auto r = client_->Get("/api/schema");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  auto d = Json(r->body);
  std::map<std::string, int64_t> labels, types;
  for (const auto& l : d["labels"].GetArray()) labels[l["name"].GetString()] = l["count"].GetInt64();
  for (const auto& t : d["types"].GetArray()) types[t["name"].GetString()] = t["count"].GetInt64();
  EXPECT_GT(labels["Mechanism"], 100);
  EXPECT_GE(labels["Administration"], 8);
  EXPECT_GE(types["SUSPENDED"], 1);
  std::set<std::string> keys;
  for (const auto& k : d["property_keys"].GetArray()) keys.insert(k.GetString());
  EXPECT_TRUE(keys.count("quotes") && keys.count("sources") && keys.count("aliases"));
  EXPECT_EQ(d["nodes"].GetInt64(), store_->counters().nodes);
}

TEST_F(ApiTest, NodeWithCitations) {
  auto r = client_->Get("/api/nodes/mmca");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto d = Json(r->body);
  EXPECT_STREQ(d["node"]["name"].GetString(), "Military Maritime Consultative Agreement");
  EXPECT_STREQ(d["node"]["aliases"][0].GetString(), "MMCA");
  EXPECT_TRUE(d["node"]["properties"].HasMember("established"));
  ASSERT_GE(d["citations"].Size(), 1u);
  const auto& c = d["citations"][0];
  EXPECT_TRUE(c["quote"].IsString());
  EXPECT_STREQ(c["source"].GetString(), "ffg_crisis_management");
  EXPECT_TRUE(c["document"]["title"].IsString());
  bool established = false;
  for (const auto& rel : d["relationships"].GetArray())
    if (std::string(rel["type"].GetString()) == "ESTABLISHED" && std::string(rel["direction"].GetString()) == "in")
      established = true;
  EXPECT_TRUE(established);
}

TEST_F(ApiTest, NodeByAliasAndMissing) {
  auto r = client_->Get("/api/nodes/MMCA");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_STREQ(Json(r->body)["node"]["key"].GetString(), "mmca");
  r = client_->Get("/api/nodes/no_such_node");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(ErrorCode(Json(r->body)), "NotFound");
}

TEST_F(ApiTest, Neighbors) {
  auto r = client_->Get("/api/nodes/mmca/neighbors");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto d = Json(r->body);
  EXPECT_STREQ(d["center"]["key"].GetString(), "mmca");
  std::set<std::string> keys;
  for (const auto& n : d["nodes"].GetArray()) keys.insert(n["node"]["key"].GetString());
  EXPECT_TRUE(keys.count("clinton_administration"));
  EXPECT_TRUE(keys.count("maritime_safety"));
  size_t all = d["nodes"].Size();

  // Only incoming ESTABLISHED relationships.
  r = client_->Get("/api/nodes/mmca/neighbors?types=ESTABLISHED&direction=in");
  d = Json(r->body);
  ASSERT_GE(d["relationships"].Size(), 1u);
  for (const auto& rel : d["relationships"].GetArray()) {
    EXPECT_STREQ(rel["type"].GetString(), "ESTABLISHED");
    EXPECT_EQ(rel["end"].GetUint64(), d["center"]["id"].GetUint64());
    EXPECT_TRUE(rel["properties"].HasMember("quotes"));
  }
  EXPECT_LT(d["nodes"].Size(), all);

  // Outgoing only: no relationship ends at the centre.
  r = client_->Get("/api/nodes/mmca/neighbors?direction=out");
  d = Json(r->body);
  for (const auto& rel : d["relationships"].GetArray()) EXPECT_EQ(rel["start"].GetUint64(), d["center"]["id"].GetUint64());

  // Depth 2 reaches further; the limit truncates.
  r = client_->Get("/api/nodes/mmca/neighbors?depth=2&exclude=MENTIONS");
  d = Json(r->body);
  EXPECT_GT(d["nodes"].Size(), all - 1);
  r = client_->Get("/api/nodes/mmca/neighbors?depth=2&limit=5");
  d = Json(r->body);
  EXPECT_EQ(d["nodes"].Size(), 5u);
  EXPECT_TRUE(d["truncated"].GetBool());

  EXPECT_EQ(client_->Get("/api/nodes/mmca/neighbors?depth=9")->status, 400);
  EXPECT_EQ(client_->Get("/api/nodes/mmca/neighbors?depth=x")->status, 400);
  EXPECT_EQ(client_->Get("/api/nodes/mmca/neighbors?direction=up")->status, 400);
  EXPECT_EQ(client_->Get("/api/nodes/nope/neighbors")->status, 404);
}

TEST_F(ApiTest, SearchRanksNamesAndAliases) {
  auto r = client_->Get("/api/search?q=MMCA");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  auto d = Json(r->body);
  ASSERT_GE(d["results"].Size(), 1u);
  EXPECT_STREQ(d["results"][0]["key"].GetString(), "mmca");
  EXPECT_STREQ(d["results"][0]["match"].GetString(), "exact");

  r = client_->Get("/api/search?q=maritime%20consultative&limit=5");
  d = Json(r->body);
  ASSERT_GE(d["results"].Size(), 1u);
  EXPECT_STREQ(d["results"][0]["key"].GetString(), "mmca");
  EXPECT_LE(d["results"].Size(), 5u);

  // Case and punctuation do not matter.
  r = client_->Get("/api/search?q=paris%20agreement");
  d = Json(r->body);
  ASSERT_GE(d["results"].Size(), 1u);
  EXPECT_STREQ(d["results"][0]["key"].GetString(), "paris_agreement");

  r = client_->Get("/api/search?q=trump&label=Administration");
  d = Json(r->body);
  ASSERT_EQ(d["results"].Size(), 1u);
  EXPECT_STREQ(d["results"][0]["key"].GetString(), "trump_administration");

  EXPECT_EQ(Json(client_->Get("/api/search?q=")->body)["results"].Size(), 0u);
  EXPECT_EQ(client_->Get("/api/search?q=x&limit=0")->status, 400);
}

TEST_F(ApiTest, TimelineAnswersSuspensions) {
  auto r = client_->Get("/api/timeline");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  auto d = Json(r->body);
  ASSERT_GE(d["administrations"].Size(), 8u);
  // Administrations come in order of their start.
  std::string prev;
  for (const auto& a : d["administrations"].GetArray()) {
    std::string start = a["start"].IsString() ? a["start"].GetString() : "";
    EXPECT_LE(prev, start);
    prev = start;
  }
  std::set<std::string> suspended_by_trump;
  bool rejoined_by_biden = false;
  for (const auto& m : d["mechanisms"].GetArray())
    for (const auto& e : m["events"].GetArray()) {
      std::string type = e["type"].GetString();
      std::string admin = e["administration"].IsString() ? e["administration"].GetString() : "";
      if (type == "SUSPENDED" && admin == "trump_administration") suspended_by_trump.insert(m["node"]["key"].GetString());
      if (type == "REJOINED" && admin == "biden_administration") rejoined_by_biden = true;
      EXPECT_TRUE(e["quotes"].IsArray());
    }
  EXPECT_TRUE(suspended_by_trump.count("green_climate_fund"));
  EXPECT_TRUE(rejoined_by_biden);
}

TEST_F(ApiTest, MetricsCountRequestsAndErrors) {
  Query(R"j({"query": "RETURN 1"})j");
  Query(R"j({"query": "RETRN 1"})j");
  client_->Get("/api/nodes/mmca");
  auto r = client_->Get("/metrics");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Content-Type").find("text/plain"), std::string::npos);
  const std::string& t = r->body;
  EXPECT_NE(t.find("dyad_http_requests_total{route=\"/query\",code=\"200\"} 1"), std::string::npos) << t;
  EXPECT_NE(t.find("dyad_http_errors_total{route=\"/query\",code=\"400\"} 1"), std::string::npos);
  EXPECT_NE(t.find("dyad_http_requests_total{route=\"/api/nodes/{key}\",code=\"200\"} 1"), std::string::npos);
  EXPECT_NE(t.find("dyad_http_request_duration_seconds_bucket{route=\"/query\",le=\"+Inf\"} 2"), std::string::npos);
  EXPECT_NE(t.find("dyad_query_errors_total{kind=\"SyntaxError\"} 1"), std::string::npos);
  EXPECT_NE(t.find("dyad_graph_nodes "), std::string::npos);
}

TEST_F(ApiTest, BrowserUiIsEmbedded) {
  auto r = client_->Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(r->body.find("/assets/vendor/cytoscape.min.js"), std::string::npos);
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  auto js = client_->Get("/assets/vendor/cytoscape.min.js");
  EXPECT_EQ(js->status, 200);
  EXPECT_GT(js->body.size(), 100000u);
  EXPECT_NE(js->get_header_value("Content-Type").find("javascript"), std::string::npos);
  auto css = client_->Get("/assets/style.css");
  EXPECT_EQ(css->status, 200);
  // Revalidation with the ETag.
  httplib::Headers h = {{"If-None-Match", css->get_header_value("ETag")}};
  EXPECT_EQ(client_->Get("/assets/style.css", h)->status, 304);
}

TEST_F(ApiTest, PathTraversalNeverReachesFiles) {
  for (const char* path : {"/assets/../CMakeLists.txt", "/assets/../../../../etc/passwd", "/assets/%2e%2e/%2e%2e/etc/passwd",
                           "/assets/..%2f..%2fetc%2fpasswd", "/assets//etc/passwd", "/assets/%2fetc%2fpasswd",
                           "/../../etc/passwd", "/etc/passwd", "/assets/vendor/../../server/http_server.cc",
                           "/assets/....//....//etc/passwd", "/assets/%252e%252e/etc/passwd", "/CMakeLists.txt"}) {
    auto r = client_->Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_TRUE(r->status == 404 || r->status == 400) << path << " → " << r->status;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("cmake_minimum_required"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("#include"), std::string::npos) << path;
    if (!r->body.empty()) {
      EXPECT_FALSE(ErrorCode(Json(r->body)).empty()) << path;
    }
  }
}

TEST_F(ApiTest, UnknownEndpointIsJson404) {
  auto r = client_->Get("/api/nothing");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(ErrorCode(Json(r->body)), "NotFound");
}

TEST_F(ApiTest, CorsClosedByDefault) {
  httplib::Headers origin = {{"Origin", "http://viz.example"}};
  auto r = client_->Get("/health", origin);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin"));
  httplib::Headers preflight = {{"Origin", "http://viz.example"}, {"Access-Control-Request-Method", "POST"}};
  r = client_->Options("/query", preflight);
  EXPECT_EQ(r->status, 403);
  EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin"));
}

TEST_F(ApiTest, CorsOpenedForOneOrigin) {
  ServerOptions o;
  o.cors_origins = {"http://viz.example"};
  RunningServer cors(store_, o);
  auto c = cors.Client();
  httplib::Headers preflight = {{"Origin", "http://viz.example"}, {"Access-Control-Request-Method", "POST"}};
  auto r = c->Options("/query", preflight);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 204);
  EXPECT_EQ(r->get_header_value("Access-Control-Allow-Origin"), "http://viz.example");
  EXPECT_NE(r->get_header_value("Access-Control-Allow-Headers").find("Authorization"), std::string::npos);
  httplib::Headers other = {{"Origin", "http://evil.example"}};
  r = c->Get("/health", other);
  EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin"));
  httplib::Headers good = {{"Origin", "http://viz.example"}};
  r = c->Post("/query", good, R"j({"query": "RETURN 1 AS x"})j", "application/json");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Access-Control-Allow-Origin"), "http://viz.example");
}

TEST_F(ApiTest, ForeignHostIsRefused) {
  httplib::Headers host = {{"Host", "evil.example:7480"}};
  auto r = client_->Get("/api/schema", host);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 421);
  EXPECT_EQ(ErrorCode(Json(r->body)), "MisdirectedRequest");
  httplib::Headers local = {{"Host", "localhost:7480"}};
  EXPECT_EQ(client_->Get("/api/schema", local)->status, 200);
}

TEST_F(ApiTest, ErrorBodiesDoNotLeakInternals) {
  std::vector<httplib::Result> rs;
  rs.push_back(Query(R"j({"query": "MATCH (n) RETURN n.x +"})j"));
  rs.push_back(Query("{bad"));
  rs.push_back(client_->Get("/api/nodes/nope"));
  rs.push_back(client_->Get("/assets/../../etc/passwd"));
  for (auto& r : rs) {
    ASSERT_TRUE(r);
    EXPECT_GE(r->status, 400);
    EXPECT_EQ(r->body.find(dir_->path()), std::string::npos);
    EXPECT_EQ(r->body.find(".cc:"), std::string::npos);
    EXPECT_EQ(r->body.find("std::"), std::string::npos);
    EXPECT_EQ(r->body.find("rocksdb"), std::string::npos);
  }
}

TEST_F(ApiTest, ParallelReaders) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      auto c = server_->Client();
      for (int i = 0; i < 20; ++i) {
        auto r = c->Post("/query", R"j({"query": "MATCH (m:Mechanism)<-[:ESTABLISHED]-(a) RETURN count(*)"})j",
                         "application/json");
        if (r && r->status == 200) ++ok;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 160);
}

}  // namespace
}  // namespace dyad::server
