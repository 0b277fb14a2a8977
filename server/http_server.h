// HttpServer: `dyad serve` — the HTTP API and the embedded browser UI on one
// port (cpp-httplib), with the security rules of docs/HTTP.md: loopback by
// default, read-only unless writes are enabled with a token, request-size,
// row and time limits, closed CORS, and JSON errors without internals.
#pragma once

#include <memory>

#include "graph/status.h"
#include "server/options.h"
#include "storage/graph_store.h"

namespace dyad::server {

// One HTTP server over one open store. Handlers run on a thread pool; each
// request reads its own snapshot, so readers run in parallel with a writer.
class HttpServer {
 public:
  // The store must outlive the server.
  HttpServer(storage::GraphStore* store, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Checks the options and binds the listening socket (port 0: any free
  // port). InvalidArgument for bad options, IOError when the port is taken.
  Status Bind();
  // The bound port (valid after Bind).
  int port() const;
  // Serves until Stop() is called. Requires a successful Bind.
  Status Serve();
  // Makes Serve() return; safe from any thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dyad::server
