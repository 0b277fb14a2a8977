// ServerOptions: how `dyad serve` listens and what it allows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dyad::server {

// Everything the HTTP server is configured with.
struct ServerOptions {
  // Address to listen on; loopback unless the operator says otherwise.
  std::string bind = "127.0.0.1";
  // TCP port (0: any free port; HttpServer::port() tells which).
  int port = 7480;
  // Accept write queries from requests that carry the token.
  bool allow_writes = false;
  // The bearer token that unlocks writes (required with allow_writes).
  std::string token;
  // Origins allowed to call the API from a browser ("*": any); empty: none.
  std::vector<std::string> cors_origins;
  // The largest request body accepted (413 above it).
  size_t max_body_bytes = 1 << 20;
  // The most rows one statement may return (0: no limit).
  int64_t max_rows = 10000;
  // The longest one statement may run, in milliseconds (0: no limit).
  int64_t timeout_ms = 10000;
  // The version /health and the discovery document report.
  std::string version = "0.0.0";
  // Worker threads, one per connection being served (0: 64).
  int threads = 0;
  // A client that sends nothing for this long (mid-request or idle between
  // requests) is disconnected, so slow clients cannot hold workers.
  int read_timeout_sec = 10;
};

}  // namespace dyad::server
