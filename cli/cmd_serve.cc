// `dyad serve`: the HTTP API and the browser UI (server/).
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "server/http_server.h"
#include "storage/preload.h"

#ifndef DYAD_VERSION
#define DYAD_VERSION "0.0.0"
#endif

namespace dyad::cli {

CLI::App* AddServeCommand(CLI::App* app, ServeCommandOptions* o) {
  auto* serve = app->add_subcommand("serve", "run the HTTP API and the browser UI (http://127.0.0.1:7480/)");
  serve->add_option("--bind", o->bind, "address to listen on (default 127.0.0.1: this machine only)");
  serve->add_option("--port", o->port, "TCP port (default 7480; 0: any free port)");
  serve->add_flag("--allow-writes", o->allow_writes, "accept write queries from requests carrying the token");
  serve->add_option("--token", o->token, "the bearer token for writes (default: $DYAD_TOKEN)");
  serve->add_option("--cors", o->cors, "allow browser calls from this origin (repeatable; '*': any)");
  serve->add_option("--max-body-bytes", o->max_body_bytes, "largest request body accepted (default 1048576)");
  serve->add_option("--max-rows", o->max_rows, "most rows one statement may return (default 10000; 0: no limit)");
  serve->add_option("--timeout-ms", o->timeout_ms, "longest a statement may run (default 10000; 0: no limit)");
  serve->add_option("--threads", o->threads, "worker threads: connections served at once (default 64)");
  serve->add_flag("--preload", o->preload,
                  "read the whole adjacency, every node record and every key into memory at start, and again "
                  "after each write, so that no query waits on disk for them");
  serve->add_option("--cache-entries", o->cache_entries,
                    "bound of the in-memory view, in 20-byte entries (default 33554432, about 700 MB; 0: none)");
  return serve;
}

int RunServe(const GlobalOptions& g, const ServeCommandOptions& o) {
  server::ServerOptions options;
  options.bind = o.bind;
  options.port = o.port;
  options.allow_writes = o.allow_writes;
  options.token = o.token;
  if (options.token.empty())
    if (const char* env = std::getenv("DYAD_TOKEN")) options.token = env;
  options.cors_origins = o.cors;
  options.max_body_bytes = o.max_body_bytes;
  options.max_rows = o.max_rows;
  options.timeout_ms = o.timeout_ms;
  options.threads = o.threads;
  options.version = DYAD_VERSION;
  if (options.allow_writes && options.token.empty()) {
    PrintError("--allow-writes needs a token: pass --token TOKEN or set DYAD_TOKEN");
    return kExitUsage;
  }
  if (options.allow_writes && options.token.size() < 16)
    fprintf(stderr, "warning: the token is shorter than 16 characters\n");

  // SIGINT and SIGTERM stop the server from a dedicated thread; every other
  // thread (RocksDB's and the workers) inherits the blocked mask, so block
  // them before the store opens.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto store = OpenDatabase(g, !options.allow_writes, o.cache_entries);
  if (!store.ok()) {
    PrintError(store.status().message());
    return kExitError;
  }
  if (o.preload) {
    auto t0 = std::chrono::steady_clock::now();
    storage::PreloadStats p;
    Status s = (*store)->KeepPreloaded(&p);
    if (!s.ok()) {
      PrintError(s.message());
      return kExitError;
    }
    printf("dyad serve: preloaded %llu node records, %llu keys and %llu adjacency entries in %.2f s\n",
           static_cast<unsigned long long>(p.records), static_cast<unsigned long long>(p.keys),
           static_cast<unsigned long long>(p.entries),
           std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }

  server::HttpServer http(store->get(), options);
  Status s = http.Bind();
  if (!s.ok()) {
    PrintError(s.message());
    return s.code() == Status::Code::kInvalidArgument ? kExitUsage : kExitError;
  }
  std::thread([&http, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    http.Stop();
  }).detach();
  storage::Counters c = (*store)->counters();
  std::string host = options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind;
  printf("dyad serve: listening on http://%s:%d/ (%s; %lld nodes, %lld relationships)\n", host.c_str(), http.port(),
         options.allow_writes ? "writes with the token" : "read-only", static_cast<long long>(c.nodes),
         static_cast<long long>(c.edges));
  fflush(stdout);
  s = http.Serve();
  if (!s.ok()) {
    PrintError(s.message());
    return kExitError;
  }
  printf("dyad serve: stopped\n");
  return kExitOk;
}

}  // namespace dyad::cli
