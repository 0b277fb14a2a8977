// Hostile queries and requests against a running server: deep nesting, long
// operator chains, huge literals, exponential variable-length patterns,
// cartesian products, enormous bodies and slow clients. Each is stopped by a
// limit with a clear error, and the server answers the next request.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "query/engine.h"
#include "server_harness.h"

namespace dyad::server {
namespace {

class HostileTest : public ::testing::Test {
 protected:
  // A complete graph on 12 nodes (every var-length pattern explodes) and 300
  // loose nodes (cartesian products of a few of them are huge).
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    store_ = OpenEmpty(dir_->path()).release();
    query::QueryEngine engine(store_);
    std::vector<query::QueryResult> out;
    Status s = engine.Run(
        "UNWIND range(1, 12) AS i CREATE (:K {i: i}); "
        "MATCH (a:K), (b:K) WHERE a <> b CREATE (a)-[:E]->(b); "
        "UNWIND range(1, 300) AS i CREATE (:Loose {i: i})",
        query::QueryOptions(), &out);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  static void TearDownTestSuite() {
    delete store_;
    delete dir_;
  }
  void SetUp() override {
    ServerOptions o;
    o.timeout_ms = 1500;
    o.read_timeout_sec = 1;
    server_ = std::make_unique<RunningServer>(store_, o);
    client_ = server_->Client();
  }

  // POSTs {"query": text} to /query.
  httplib::Result Query(const std::string& text) {
    return client_->Post("/query", "{\"query\": " + Quote(text) + "}", "application/json");
  }

  // Expects the query to be refused with HTTP 400 and the error code.
  void ExpectRefused(const std::string& text, const std::string& code, const std::string& message_part = "") {
    auto r = Query(text);
    ASSERT_TRUE(r) << "no answer: " << httplib::to_string(r.error());
    EXPECT_EQ(r->status, 400) << r->body.substr(0, 300);
    auto d = Json(r->body);
    EXPECT_EQ(ErrorCode(d), code) << r->body.substr(0, 300);
    if (!message_part.empty() && ErrorCode(d) == code) {
      EXPECT_NE(std::string(d["error"]["message"].GetString()).find(message_part), std::string::npos) << r->body;
    }
  }

  // The server still answers an ordinary request, on a new connection.
  void ExpectAlive() {
    auto c = server_->Client();
    auto r = c->Post("/query", R"j({"query": "MATCH (n:K) RETURN count(n) AS c"})j", "application/json");
    ASSERT_TRUE(r) << "the server did not answer: " << httplib::to_string(r.error());
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(Json(r->body)["rows"][0][0].GetInt64(), 12);
  }

  static std::string Repeat(const std::string& s, int n) {
    std::string out;
    out.reserve(s.size() * n);
    for (int i = 0; i < n; ++i) out += s;
    return out;
  }

  static TempDir* dir_;
  static storage::GraphStore* store_;
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TempDir* HostileTest::dir_ = nullptr;
storage::GraphStore* HostileTest::store_ = nullptr;

TEST_F(HostileTest, DeepParentheses) {
  ExpectRefused("RETURN " + Repeat("(", 100000) + "1" + Repeat(")", 100000), "SyntaxError", "nested too deeply");
  ExpectAlive();
}

TEST_F(HostileTest, DeepListsAndMaps) {
  ExpectRefused("RETURN " + Repeat("[", 100000) + Repeat("]", 100000), "SyntaxError", "nested too deeply");
  ExpectRefused("RETURN " + Repeat("{a: ", 50000) + "1" + Repeat("}", 50000), "SyntaxError", "nested too deeply");
  ExpectRefused("RETURN " + Repeat("NOT ", 100000) + "true", "SyntaxError", "nested too deeply");
  ExpectRefused("RETURN " + Repeat("-", 100000) + "1", "SyntaxError", "nested too deeply");
  ExpectRefused("RETURN " + Repeat("[x IN ", 50000) + "[1]" + Repeat(" | x]", 50000), "SyntaxError",
                "nested too deeply");
  ExpectAlive();
}

// Left-deep operator chains nest without parentheses; they are bounded too.
TEST_F(HostileTest, LongOperatorChains) {
  ExpectRefused("RETURN 1" + Repeat(" + 1", 150000), "SyntaxError", "too long");
  ExpectRefused("RETURN true" + Repeat(" AND true", 100000), "SyntaxError", "too long");
  ExpectRefused("RETURN 1" + Repeat(" < 2", 100000), "SyntaxError", "too long");
  ExpectRefused("RETURN [1]" + Repeat("[0]", 200000), "SyntaxError", "too long");
  ExpectRefused("RETURN 'a'" + Repeat(" =~ 'a'", 100000), "SyntaxError", "too long");
  // Chains of ordinary length still work.
  auto r = Query("RETURN 1" + Repeat(" + 1", 400) + " AS n");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  EXPECT_EQ(Json(r->body)["rows"][0][0].GetInt64(), 401);
  ExpectAlive();
}

// Long patterns and long clause chains make deep operator trees.
TEST_F(HostileTest, LongPatternsAndClauseChains) {
  ExpectRefused("MATCH (a)" + Repeat("-->()", 100000) + " RETURN a", "SyntaxError", "too long");
  ExpectRefused("WITH 1 AS x " + Repeat("WITH x ", 100000) + "RETURN x", "SyntaxError", "too long");
  ExpectRefused("RETURN 1 AS x" + Repeat(" UNION RETURN 1 AS x", 50000), "SyntaxError", "too long");
  ExpectAlive();
}

TEST_F(HostileTest, HugeLiterals) {
  ExpectRefused("RETURN " + std::string(200000, '9'), "SyntaxError", "too large");
  ExpectRefused("RETURN 1" + std::string(200000, '0') + ".5e99999", "SyntaxError", "too large");
  // The error quotes the literal in part, not all 200 KB of it.
  auto refused = Query("RETURN " + std::string(200000, '9'));
  ASSERT_TRUE(refused);
  EXPECT_LT(refused->body.size(), 2000u);
  // A large string literal is data, not an attack: it round-trips.
  std::string big(500000, 'x');
  auto r = Query("RETURN size('" + big + "') AS n");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  EXPECT_EQ(Json(r->body)["rows"][0][0].GetInt64(), 500000);
  // So is a long list literal.
  r = Query("RETURN size([" + Repeat("1, ", 100000) + "1]) AS n");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  EXPECT_EQ(Json(r->body)["rows"][0][0].GetInt64(), 100001);
  ExpectAlive();
}

TEST_F(HostileTest, HugeGeneratedValues) {
  ExpectRefused("RETURN size(range(1, 9000000000000000000))", "ResourceLimit", "more than the limit");
  ExpectAlive();
}

// Found by value_codec_fuzz under UBSan: rendering a datetime near the ends
// of int64 overflowed (signed overflow in WallClock).
TEST_F(HostileTest, ExtremeTemporalValues) {
  for (const char* q : {"RETURN datetime({epochSeconds: -9223372036854775807, nanosecond: 5}) AS x",
                        "RETURN datetime.fromepoch(9223372036854775807, 999999999) AS x",
                        "RETURN localdatetime({epochSeconds: -9223372036854775807}) AS x"}) {
    auto r = Query(q);
    ASSERT_TRUE(r) << q;
    EXPECT_TRUE(r->status == 200 || r->status == 400) << q << ": " << r->body.substr(0, 300);
  }
  ExpectAlive();
}

TEST_F(HostileTest, ExponentialVarLengthPatterns) {
  // 12! / k! paths: stopped by the timeout or the row budget.
  auto r = Query("MATCH p = (a:K)-[*]-(b:K) RETURN count(p)");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  std::string code = ErrorCode(Json(r->body));
  EXPECT_TRUE(code == "Timeout" || code == "ResourceLimit") << r->body;
  ExpectRefused("MATCH (a:K)-[*]->(b:K)-[*]->(c:K) RETURN count(*)", "Timeout");
  ExpectAlive();
}

TEST_F(HostileTest, CartesianProducts) {
  ExpectRefused("MATCH (a:Loose), (b:Loose), (c:Loose), (d:Loose) RETURN count(*)", "Timeout");
  ExpectRefused("MATCH (a:Loose), (b:Loose) RETURN a, b", "ResourceLimit");  // 90000 rows > max_rows
  ExpectAlive();
}

TEST_F(HostileTest, EnormousBodies) {
  // Declared too large: refused from the Content-Length, before reading.
  std::string big(2 << 20, ' ');
  auto r = client_->Post("/query", "{\"query\": \"RETURN 1\", \"pad\": \"" + big + "\"}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(ErrorCode(Json(r->body)), "PayloadTooLarge");
  // Chunked, without a length: refused once the limit is passed.
  size_t sent = 0;
  auto chunked = server_->Client();
  r = chunked->Post(
      "/query",
      [&](size_t, httplib::DataSink& sink) {
        std::string piece(64 << 10, ' ');
        if (sent == 0) piece = "{\"query\": \"RETURN 1\", \"pad\": \"" + piece;
        sent += piece.size();
        if (sent > (4 << 20)) {
          sink.done();
          return true;
        }
        return sink.write(piece.data(), piece.size());
      },
      "application/json");
  // cpp-httplib stops reading a chunked body at the limit but answers 400.
  if (r) {
    EXPECT_TRUE(r->status == 413 || r->status == 400) << r->status;
    EXPECT_NE(Json(r->body)["error"]["message"].GetString(), std::string()) << r->body;
  }
  ExpectAlive();
}

// Opens a raw TCP connection to the server.
int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Slow clients (a request header that never ends, a body that never comes)
// are dropped after the read timeout, and never keep others waiting.
TEST_F(HostileTest, SlowClients) {
  std::vector<int> slow;
  for (int i = 0; i < 16; ++i) {
    int fd = Connect(server_->port());
    ASSERT_GE(fd, 0);
    std::string partial = i % 2 ? "POST /query HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n"
                                         "Content-Type: application/json\r\n\r\n{\"query\":"
                                 : "GET /health HTTP/1.1\r\nHost: loc";
    ASSERT_EQ(send(fd, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
    slow.push_back(fd);
  }
  // Others are served while the slow ones hang.
  ExpectAlive();
  // The server closes each slow connection (read returns 0 or an error)
  // once the read timeout passes; a 408 answer may come first.
  for (int fd : slow) {
    timeval tv{30, 0};  // generous: only a server that never closes fails
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[4096];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
    }
    EXPECT_TRUE(n == 0 || errno == ECONNRESET) << "connection still open: " << strerror(errno);
    close(fd);
  }
  ExpectAlive();
}

// Garbage on the wire gets 400 and the connection is closed; the server
// lives on.
TEST_F(HostileTest, MalformedRequests) {
  for (std::string junk : {std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11),
                           std::string("GET /health HTTP/1.1\r\nHost: localhost\r\n") + std::string(100000, 'A') +
                               "\r\n\r\n",
                           std::string("POST /query HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\n"),
                           std::string("POST /query HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                                       "zzzz\r\n\r\n"),
                           std::string("GET /") + std::string(20000, 'a') + " HTTP/1.1\r\nHost: localhost\r\n\r\n"}) {
    int fd = Connect(server_->port());
    ASSERT_GE(fd, 0);
    send(fd, junk.data(), junk.size(), MSG_NOSIGNAL);
    shutdown(fd, SHUT_WR);
    timeval tv{30, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[4096];
    std::string answer;
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) answer.append(buf, n);
    close(fd);
    if (!answer.empty()) {
      EXPECT_EQ(answer.rfind("HTTP/1.1 4", 0), 0u) << answer.substr(0, 200);
    }
    ExpectAlive();
  }
}

// Deeply nested JSON bodies (within the body limit) are refused: RapidJSON's
// recursive parser overflowed the stack and a 800 KB body of '[' killed the
// server.
TEST_F(HostileTest, DeeplyNestedJsonBodies) {
  const int n = 400000;
  std::string deep = Repeat("[", n) + Repeat("]", n);
  for (auto [path, body] : std::vector<std::pair<std::string, std::string>>{
           {"/query", deep},
           {"/query", "{\"query\": \"RETURN $a\", \"params\": {\"a\": " + deep + "}}"},
           {"/db/neo4j/tx/commit", "{\"statements\": [{\"statement\": \"RETURN $a\", \"parameters\": {\"a\": " +
                                       deep + "}}]}"}}) {
    auto r = client_->Post(path, body, "application/json");
    ASSERT_TRUE(r) << path << ": no answer: " << httplib::to_string(r.error());
    EXPECT_EQ(r->status, 400) << r->body.substr(0, 300);
    auto d = Json(r->body);
    std::string all = r->body.substr(0, 400);
    EXPECT_NE(all.find("nested deeper than 256 levels"), std::string::npos) << all;
  }
  // Nesting within the limit still works (values nest up to 64 levels).
  auto r = Query("RETURN size(" + Repeat("[", 60) + Repeat("]", 60) + ") AS n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body.substr(0, 300);
  ExpectAlive();
}

// Found by tests/fuzz/http_request_fuzz: an export query with no statement
// (only ';', comments or blanks such as a vertical tab) was a 500.
TEST_F(HostileTest, ExportOfAnEmptyScriptIsABadRequest) {
  for (const char* q : {"%3B", "%0B", "%2F%2F%20nothing", "%3B%20%3B"}) {
    auto r = client_->Get(std::string("/api/export?format=graphml&query=") + q);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << q << ": " << r->body;
    EXPECT_EQ(ErrorCode(Json(r->body)), "InvalidArgument") << q;
  }
  ExpectAlive();
}

}  // namespace
}  // namespace dyad::server
