// ServerContext: what every request handler shares — the store, the query
// engine, the options, metrics and the caches keyed by write generation.
#pragma once

#include <atomic>
#include <cstdint>

#include "query/engine.h"
#include "server/metrics.h"
#include "server/options.h"
#include "server/search_index.h"
#include "server/timeline.h"
#include "storage/graph_store.h"

namespace httplib {
struct Request;
}

namespace dyad::server {

// Shared state of one running server. Thread-safe.
struct ServerContext {
  // Shares store (which must outlive the context) with every handler.
  ServerContext(storage::GraphStore* s, ServerOptions o) : store(s), engine(s), options(std::move(o)) {}

  // True when this request may write: writes are enabled and it carries the
  // token (checked in constant time).
  bool CanWrite(const httplib::Request& req) const;
  // Records that a write may have committed: caches rebuild on next use.
  void BumpGeneration() { generation.fetch_add(1, std::memory_order_acq_rel); }
  // The current write generation.
  uint64_t Generation() const { return generation.load(std::memory_order_acquire); }

  storage::GraphStore* store;
  query::QueryEngine engine;
  const ServerOptions options;
  Metrics metrics;
  SearchIndex search;
  Timeline timeline;
  std::atomic<uint64_t> generation{1};
};

}  // namespace dyad::server
