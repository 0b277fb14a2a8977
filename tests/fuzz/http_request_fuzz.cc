// Fuzzes the HTTP request handling: the input is a raw request
//   METHOD TARGET\n(Name: value\n)*\nBODY
// which is split as cpp-httplib would, routed like HttpServer::Routes()
// and handed to the route's handler on a read-only server over a small
// graph. Every answer must be a JSON document with a sane status; no input
// may crash a handler or throw out of it.
#include <httplib.h>
#include <rapidjson/document.h>

#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <regex>
#include <string>
#include <unistd.h>

#include "query/engine.h"
#include "server/auth.h"
#include "server/context.h"
#include "server/export_handler.h"
#include "server/graph_handlers.h"
#include "server/neo4j_handler.h"
#include "server/query_handler.h"
#include "server/routes.h"
#include "storage/graph_store.h"

namespace {

using namespace dyad;
using Handler = void (*)(server::ServerContext&, const httplib::Request&, httplib::Response&);

void Check(bool ok, const httplib::Response* res = nullptr) {
  if (ok) return;
  if (res) fprintf(stderr, "answer: %d %s\n", res->status, res->body.substr(0, 1000).c_str());
  __builtin_trap();
}

// A store with a few nodes of every value kind, built once per process.
server::ServerContext* Context() {
  static server::ServerContext* ctx = [] {
    std::string dir = std::filesystem::temp_directory_path() / ("dyad-http-fuzz-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    auto store = storage::GraphStore::Open(dir, storage::StoreOptions());
    Check(store.ok());
    storage::GraphStore* s = store.value().release();  // lives for the process
    query::QueryEngine engine(s);
    std::vector<query::QueryResult> out;
    Check(engine
              .Run("CREATE (a:Country {key: 'cn', name: 'China', aliases: ['PRC'], founded: date('1949-10-01')})"
                   "-[:BORDERS {since: 1949, km: 4057.5}]->(b:Country {key: 'ru', name: 'Russia'}),"
                   "(c:Person {key: 'x', name: 'Xi', born: datetime('1953-06-15T00:00:00+08:00')})"
                   "-[:LEADS {term: duration('P10Y')}]->(a), (d:Event {key: 'e', name: 'Summit', "
                   "date: date('2023-11-15')})-[:IN]->(a)",
                   query::QueryOptions(), &out)
              .ok());
    std::atexit([] { std::filesystem::remove_all(std::filesystem::temp_directory_path() /
                                                 ("dyad-http-fuzz-" + std::to_string(getpid()))); });
    server::ServerOptions o;
    o.timeout_ms = 200;
    o.max_rows = 100;
    return new server::ServerContext(s, o);
  }();
  return ctx;
}

struct Route {
  const char* method;
  std::regex pattern;
  Handler handler;
};

// The routes of HttpServer::Routes() that reach handlers.
const std::vector<Route>& Routes() {
  static const std::vector<Route> routes = {
      {"GET", std::regex("/health"), server::HandleHealth},
      {"GET", std::regex("/metrics"), server::HandleMetrics},
      {"POST", std::regex("/query"), server::HandleQuery},
      {"POST", std::regex(R"(/db/([^/]+)/tx/commit)"), server::HandleNeo4jCommit},
      {"POST", std::regex(R"(/db/([^/]+)/tx(/.*)?)"), server::HandleNeo4jUnsupported},
      {"GET", std::regex("/api/schema"), server::HandleSchema},
      {"GET", std::regex(R"(/api/nodes/([^/]+)/neighbors)"), server::HandleNeighbors},
      {"GET", std::regex(R"(/api/nodes/([^/]+))"), server::HandleNode},
      {"GET", std::regex("/api/search"), server::HandleSearch},
      {"GET", std::regex("/api/timeline"), server::HandleTimeline},
      {"GET", std::regex("/api/export"), server::HandleExport},
      {"GET", std::regex("/"), server::HandleNeo4jDiscovery},
  };
  return routes;
}

// Splits text at the first "\n" (the line without "\r").
std::string TakeLine(std::string* text) {
  size_t nl = text->find('\n');
  std::string line = text->substr(0, nl);
  *text = nl == std::string::npos ? "" : text->substr(nl + 1);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  server::ServerContext& ctx = *Context();
  std::string text(reinterpret_cast<const char*>(data), size);
  httplib::Request req;
  std::string first = TakeLine(&text);
  size_t sp = first.find(' ');
  req.method = first.substr(0, sp);
  std::string target = sp == std::string::npos ? "/" : first.substr(sp + 1);
  if (target.size() > 8192) return 0;  // httplib answers 414 before routing
  size_t q = target.find('?');
  req.path = httplib::detail::decode_url(target.substr(0, q), false);
  if (q != std::string::npos) httplib::detail::parse_query_text(target.substr(q + 1), req.params);
  while (!text.empty()) {
    std::string line = TakeLine(&text);
    if (line.empty()) break;
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    size_t v = line.find_first_not_of(' ', colon + 1);
    req.headers.emplace(line.substr(0, colon), v == std::string::npos ? "" : line.substr(v));
  }
  req.body = text;

  // What PreRoute looks at.
  (void)server::IsLoopbackHost(req.get_header_value("Host"));
  (void)server::CheckAuthorization(req.get_header_value("Authorization"), "fuzz-token");
  (void)server::RouteFor(req.method, req.path);

  for (const Route& r : Routes()) {
    if (req.method != r.method || !std::regex_match(req.path, req.matches, r.pattern)) continue;
    httplib::Response res;
    r.handler(ctx, req, res);
    Check(res.status >= 200 && res.status < 600, &res);
    Check(res.status != 500, &res);  // internal errors are bugs here: the store is healthy
    std::string type = res.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) == 0) {
      rapidjson::Document d;
      d.Parse(res.body.c_str(), res.body.size());
      Check(!d.HasParseError(), &res);
      if (res.status >= 400) Check(d.IsObject() && (d.HasMember("error") || d.HasMember("errors")), &res);
    }
    break;
  }
  return 0;
}
