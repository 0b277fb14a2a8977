#include "server/http_server.h"

#include <httplib.h>

#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "server/api_error.h"
#include "server/assets.h"
#include "server/auth.h"
#include "server/context.h"
#include "server/export_handler.h"
#include "server/graph_handlers.h"
#include "server/neo4j_handler.h"
#include "server/query_handler.h"
#include "server/routes.h"

namespace dyad::server {

namespace {

using Handler = void (*)(ServerContext&, const httplib::Request&, httplib::Response&);

// The browser UI may only load what it ships with.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const ApiError kInternalError = {500, "InternalError", "the server could not complete the request"};

// Connections the kernel queues for accept(). cpp-httplib listens with a
// backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, compiled into Debian's library):
// a dozen clients connecting at once overflowed it, so SYNs were dropped
// (a one-second stall each) and now and then a connection was lost before
// any answer. The kernel caps this at net.core.somaxconn.
constexpr int kListenBacklog = 1024;

bool WantsJson(const httplib::Request& req) {
  std::string accept = req.get_header_value("Accept");
  return accept.find("application/json") != std::string::npos && accept.find("text/html") == std::string::npos;
}

}  // namespace

struct HttpServer::Impl {
  Impl(storage::GraphStore* store, ServerOptions options) : ctx(store, std::move(options)) {}

  // Runs a handler with metrics and a last-resort guard: no exception text
  // ever reaches a client.
  httplib::Server::Handler Wrap(Handler h) {
    return [this, h](const httplib::Request& req, httplib::Response& res) {
      auto t0 = std::chrono::steady_clock::now();
      ctx.metrics.Begin();
      try {
        h(ctx, req, res);
      } catch (...) {
        SendError(res, kInternalError);
      }
      ctx.metrics.End();
      Record(req, res, t0);
    };
  }

  void Record(const httplib::Request& req, const httplib::Response& res, std::chrono::steady_clock::time_point t0) {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ctx.metrics.Record(RouteFor(req.method, req.path), res.status, s);
  }

  // Rejects a request before routing (recorded in the metrics).
  httplib::Server::HandlerResponse Reject(const httplib::Request& req, httplib::Response& res, const ApiError& e) {
    SendError(res, e);
    Record(req, res, std::chrono::steady_clock::now());
    return httplib::Server::HandlerResponse::Handled;
  }

  bool OriginAllowed(const std::string& origin) const {
    for (const auto& o : ctx.options.cors_origins)
      if (o == "*" || o == origin) return true;
    return false;
  }

  httplib::Server::HandlerResponse PreRoute(const httplib::Request& req, httplib::Response& res) {
    // DNS rebinding: a loopback server answers only to loopback host names.
    if (loopback && !IsLoopbackHost(req.get_header_value("Host")))
      return Reject(req, res, {421, "MisdirectedRequest", "this server answers only to localhost and 127.0.0.1"});
    std::string origin = req.get_header_value("Origin");
    bool cors = !origin.empty() && OriginAllowed(origin);
    if (cors) {
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Vary", "Origin");
    }
    if (req.method == "OPTIONS") {
      if (!cors)
        return Reject(req, res,
                      {403, "Forbidden", "cross-origin requests are not allowed (start the server with --cors ORIGIN)"});
      res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      res.set_header("Access-Control-Allow-Headers", "Content-Type, Authorization, Accept");
      res.set_header("Access-Control-Max-Age", "600");
      res.status = 204;
      Record(req, res, std::chrono::steady_clock::now());
      return httplib::Server::HandlerResponse::Handled;
    }
    // A wrong token is refused outright, before any body is read.
    if (ctx.options.allow_writes &&
        CheckAuthorization(req.get_header_value("Authorization"), ctx.options.token) == Credential::kInvalid)
      return Reject(req, res, {401, "Unauthorized", "the Authorization token is not valid"});
    return httplib::Server::HandlerResponse::Unhandled;
  }

  // Errors httplib produces itself (no route, body too large, bad request).
  httplib::Server::HandlerResponse OnError(const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // already JSON
    ApiError e;
    e.http_status = res.status;
    switch (res.status) {
      case 404:
        e.code = "NotFound";
        e.message = "no such endpoint or file: " + req.method + " " + req.path.substr(0, 200);
        break;
      case 413:
        e.code = "PayloadTooLarge";
        e.message = "the request body is larger than " + std::to_string(ctx.options.max_body_bytes) + " bytes";
        break;
      case 414:
        e.code = "UriTooLong";
        e.message = "the request URI is too long";
        break;
      default:
        e.code = res.status >= 500 ? "InternalError" : "BadRequest";
        e.message = res.status >= 500 ? kInternalError.message : "the request is malformed";
        // cpp-httplib answers 400, not 413, when a chunked body passes the limit.
        if (res.status == 400 && req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos)
          e.message += " or its chunked body is larger than " + std::to_string(ctx.options.max_body_bytes) + " bytes";
    }
    SendError(res, e);
    Record(req, res, std::chrono::steady_clock::now());
    return httplib::Server::HandlerResponse::Handled;
  }

  void ServeAsset(const std::string& name, const httplib::Request& req, httplib::Response& res) {
    Asset a;
    if (!FindAsset(name, &a)) {
      SendError(res, {404, "NotFound", "no such file"});
      return;
    }
    res.set_header("ETag", a.etag);
    res.set_header("Cache-Control", "no-cache");
    if (a.content_type.rfind("text/html", 0) == 0) res.set_header("Content-Security-Policy", kContentSecurityPolicy);
    if (req.get_header_value("If-None-Match") == a.etag) {
      res.status = 304;
      return;
    }
    res.status = 200;
    res.set_content(a.body.data(), a.body.size(), a.content_type.c_str());
  }

  void Routes() {
    auto& s = svr;
    s.Get("/health", Wrap(HandleHealth));
    s.Get("/metrics", Wrap(HandleMetrics));
    s.Post("/query", Wrap(HandleQuery));
    s.Post(R"(/db/([^/]+)/tx/commit)", Wrap(HandleNeo4jCommit));
    s.Post(R"(/db/([^/]+)/tx(/.*)?)", Wrap(HandleNeo4jUnsupported));
    s.Get("/api/schema", Wrap(HandleSchema));
    s.Get(R"(/api/nodes/([^/]+)/neighbors)", Wrap(HandleNeighbors));
    s.Get(R"(/api/nodes/([^/]+))", Wrap(HandleNode));
    s.Get("/api/search", Wrap(HandleSearch));
    s.Get("/api/timeline", Wrap(HandleTimeline));
    s.Get("/api/export", Wrap(HandleExport));
    // The wrong method on an API endpoint: 405 with Allow.
    auto not_allowed = [](const char* allow) {
      return [allow](ServerContext&, const httplib::Request& req, httplib::Response& res) {
        SendError(res, {405, "MethodNotAllowed", req.method + " is not allowed here; use " + allow});
        res.set_header("Allow", allow);
      };
    };
    static const auto get_only = not_allowed("GET");
    static const auto post_only = not_allowed("POST");
    auto wrap_lambda = [this](const auto& fn) {
      return [this, &fn](const httplib::Request& req, httplib::Response& res) {
        auto t0 = std::chrono::steady_clock::now();
        fn(ctx, req, res);
        Record(req, res, t0);
      };
    };
    s.Get("/query", wrap_lambda(post_only));
    s.Get(R"(/db/([^/]+)/tx/commit)", wrap_lambda(post_only));
    for (const char* p : {"/health", "/metrics", "/api/schema", "/api/search", "/api/timeline", "/api/export",
                          R"(/api/nodes/([^/]+))", R"(/api/nodes/([^/]+)/neighbors)"}) {
      s.Post(p, wrap_lambda(get_only));
      s.Put(p, wrap_lambda(get_only));
      s.Delete(p, wrap_lambda(get_only));
    }
    s.Put("/query", wrap_lambda(post_only));
    s.Delete("/query", wrap_lambda(post_only));

    // The browser UI, from the embedded table only.
    auto ui = [this](const httplib::Request& req, httplib::Response& res) {
      auto t0 = std::chrono::steady_clock::now();
      if (req.path == "/" && WantsJson(req)) HandleNeo4jDiscovery(ctx, req, res);
      else ServeAsset("index.html", req, res);
      Record(req, res, t0);
    };
    s.Get("/", ui);
    s.Get("/index.html", ui);
    s.Get(R"(/assets/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
      auto t0 = std::chrono::steady_clock::now();
      ServeAsset(req.matches[1].str(), req, res);
      Record(req, res, t0);
    });
  }

  ServerContext ctx;
  httplib::Server svr;
  int listen_fd = -1;  // the listening socket, seen by the socket options hook
  bool loopback = true;
  int port = 0;
  bool bound = false;
};

HttpServer::HttpServer(storage::GraphStore* store, ServerOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(options))) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Bind() {
  const ServerOptions& o = impl_->ctx.options;
  if (o.allow_writes && o.token.empty())
    return Status::InvalidArgument("--allow-writes needs a token: pass --token TOKEN or set DYAD_TOKEN");
  if (o.port < 0 || o.port > 65535) return Status::InvalidArgument("--port must be from 0 to 65535");
  if (o.max_body_bytes == 0) return Status::InvalidArgument("--max-body-bytes must be positive");
  if (o.max_rows < 0 || o.timeout_ms < 0) return Status::InvalidArgument("limits must not be negative");
  impl_->loopback = IsLoopbackAddress(o.bind);
  auto& s = impl_->svr;
  int threads = o.threads > 0 ? o.threads : 64;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  s.set_payload_max_length(o.max_body_bytes);
  s.set_tcp_nodelay(true);  // no 40 ms Nagle delay on small answers
  // Replaces cpp-httplib's default (SO_REUSEPORT, which would let a second
  // server bind the same port and take half its connections): SO_REUSEADDR
  // only, so a restart may reuse a port with connections in TIME_WAIT.
  s.set_socket_options([this](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    impl_->listen_fd = sock;
  });
  s.set_keep_alive_max_count(1000);
  s.set_keep_alive_timeout(5);
  s.set_read_timeout(o.read_timeout_sec, 0);
  s.set_write_timeout(10, 0);
  s.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                         {"X-Frame-Options", "DENY"},
                         {"Referrer-Policy", "no-referrer"},
                         {"Server", "dyad"}});
  s.set_pre_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) { return impl_->PreRoute(req, res); });
  s.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) { return impl_->OnError(req, res); }));
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    SendError(res, kInternalError);
  });
  impl_->Routes();
  std::string host = o.bind == "localhost" ? "127.0.0.1" : o.bind;
  if (o.port == 0) {
    int p = s.bind_to_any_port(host);
    if (p < 0) return Status::IOError("cannot listen on " + o.bind);
    impl_->port = p;
  } else {
    if (!s.bind_to_port(host, o.port))
      return Status::IOError("cannot listen on " + o.bind + ":" + std::to_string(o.port) +
                             " (in use, or not an address of this machine)");
    impl_->port = o.port;
  }
  // Listening again on a listening socket only changes its backlog (Linux).
  if (impl_->listen_fd < 0 || ::listen(impl_->listen_fd, kListenBacklog) != 0)
    return Status::IOError("cannot set the listen backlog on " + o.bind + ": " + std::strerror(errno));
  impl_->bound = true;
  return Status::OK();
}

int HttpServer::port() const { return impl_->port; }

Status HttpServer::Serve() {
  if (!impl_->bound) return Status::InvalidArgument("Serve() needs a successful Bind()");
  impl_->svr.listen_after_bind();
  return Status::OK();
}

void HttpServer::Stop() { impl_->svr.stop(); }

}  // namespace dyad::server
