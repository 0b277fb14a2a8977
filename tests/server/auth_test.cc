// Unit tests of the server's small pieces: token checks, host checks, route
// names, search normalization and the metrics text.
#include <gtest/gtest.h>

#include "server/auth.h"
#include "server/metrics.h"
#include "server/routes.h"
#include "server/search_index.h"

namespace dyad::server {
namespace {

TEST(Auth, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("secret-token", "secret-token"));
  EXPECT_FALSE(ConstantTimeEquals("secret-tokem", "secret-token"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secret-token"));
  EXPECT_FALSE(ConstantTimeEquals("secret-token-longer", "secret-token"));
  EXPECT_FALSE(ConstantTimeEquals("", "secret-token"));
  EXPECT_FALSE(ConstantTimeEquals("", ""));  // an empty secret never matches
}

TEST(Auth, BearerAndBasic) {
  const std::string token = "s3cret-token-0123456789";
  EXPECT_EQ(CheckAuthorization("", token), Credential::kNone);
  EXPECT_EQ(CheckAuthorization("Bearer " + token, token), Credential::kValid);
  EXPECT_EQ(CheckAuthorization("bearer " + token, token), Credential::kValid);
  EXPECT_EQ(CheckAuthorization("Bearer wrong", token), Credential::kInvalid);
  EXPECT_EQ(CheckAuthorization("Token " + token, token), Credential::kInvalid);
  // Basic auth with the token as the password (any user name): neo4j:<token>.
  EXPECT_EQ(CheckAuthorization("Basic bmVvNGo6czNjcmV0LXRva2VuLTAxMjM0NTY3ODk=", token), Credential::kValid);
  EXPECT_EQ(CheckAuthorization("Basic bmVvNGo6bmVvNGo=", token), Credential::kInvalid);  // neo4j:neo4j
  EXPECT_EQ(CheckAuthorization("Basic !!!", token), Credential::kInvalid);
  EXPECT_EQ(CheckAuthorization("Bearer " + token, ""), Credential::kInvalid);
}

TEST(Routes, LoopbackHosts) {
  EXPECT_TRUE(IsLoopbackHost(""));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_TRUE(IsLoopbackHost("localhost:7480"));
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1:7480"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("[::1]:7480"));
  EXPECT_FALSE(IsLoopbackHost("evil.example"));
  EXPECT_FALSE(IsLoopbackHost("evil.example:7480"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0.1.evil.example"));
  EXPECT_FALSE(IsLoopbackHost("10.0.0.1"));
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("0.0.0.0"));
}

TEST(Routes, PatternsNotRawPaths) {
  EXPECT_EQ(RouteFor("GET", "/api/nodes/mmca"), "/api/nodes/{key}");
  EXPECT_EQ(RouteFor("GET", "/api/nodes/mmca/neighbors"), "/api/nodes/{key}/neighbors");
  EXPECT_EQ(RouteFor("POST", "/db/neo4j/tx/commit"), "/db/{name}/tx/commit");
  EXPECT_EQ(RouteFor("GET", "/assets/app.js"), "/ui");
  EXPECT_EQ(RouteFor("GET", "/query"), "/query");
  EXPECT_EQ(RouteFor("GET", "/etc/passwd"), "other");
}

TEST(Search, Normalize) {
  EXPECT_EQ(NormalizeForSearch("U.S.-China Military Maritime"), "us china military maritime");
  EXPECT_EQ(NormalizeForSearch("  MMCA  "), "mmca");
  EXPECT_EQ(NormalizeForSearch("Xi's   visit"), "xis visit");
  EXPECT_EQ(NormalizeForSearch("phase_one_agreement"), "phase one agreement");
}

TEST(Metrics, PrometheusText) {
  Metrics m;
  m.Record("/query", 200, 0.002);
  m.Record("/query", 400, 0.0001);
  m.RecordQueryError("SyntaxError");
  std::string text = m.Render("dyad_graph_nodes 3\n");
  EXPECT_NE(text.find("# TYPE dyad_http_requests_total counter"), std::string::npos);
  EXPECT_NE(text.find("dyad_http_requests_total{route=\"/query\",code=\"200\"} 1"), std::string::npos);
  EXPECT_NE(text.find("dyad_http_errors_total{route=\"/query\",code=\"400\"} 1"), std::string::npos);
  EXPECT_NE(text.find("dyad_http_request_duration_seconds_bucket{route=\"/query\",le=\"0.0025\"} 2"), std::string::npos);
  EXPECT_NE(text.find("dyad_http_request_duration_seconds_bucket{route=\"/query\",le=\"0.001\"} 1"), std::string::npos);
  EXPECT_NE(text.find("dyad_http_request_duration_seconds_count{route=\"/query\"} 2"), std::string::npos);
  EXPECT_NE(text.find("dyad_query_errors_total{kind=\"SyntaxError\"} 1"), std::string::npos);
  EXPECT_NE(text.find("dyad_graph_nodes 3"), std::string::npos);
}

}  // namespace
}  // namespace dyad::server
