// ExecContext: per-statement execution state shared by operators and the
// expression evaluator — transaction, parameters, counters, limits, caches.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <unordered_map>

#include "graph/record.h"
#include "graph/status.h"
#include "query/functions/function_registry.h"
#include "query/result/query_result.h"
#include "storage/transaction.h"

namespace dyad::query {

// State of one statement's execution.
class ExecContext {
 public:
  ExecContext(storage::Transaction* txn, const Map* params) : txn_(txn), params_(params) { fn.txn = txn; }

  // The statement's transaction.
  storage::Transaction* txn() const { return txn_; }
  // The parameter map.
  const Map& params() const { return *params_; }

  // Sets a deadline (timeout) and a budget of intermediate rows.
  void SetLimits(int64_t timeout_ms, int64_t max_rows);
  // Counts one produced intermediate row; fails when the deadline passed or
  // the budget is exhausted (cheap: the clock is read every 1024 rows).
  Status Tick() { return Tick(1); }
  // Counts n rows at once (an operator that counts rows without producing
  // them), with the same budget and deadline checks. Inline: every produced
  // row passes here, and almost always there is nothing to check.
  Status Tick(int64_t n) {
    const int64_t before = ticks_;
    ticks_ += n;
    if ((budget_ > 0 && ticks_ > budget_) || (has_deadline_ && (before >> 10) != (ticks_ >> 10))) return CheckLimits();
    return Status::OK();
  }

  // Reads a node through a small cache (invalidated by writes).
  Status GetNode(uint64_t id, const NodeRecord** out);
  // Reads a relationship through the cache.
  Status GetEdge(uint64_t id, const EdgeRecord** out);
  // Forgets cached records (after any write).
  void InvalidateCache() { records_.reset(); }

  QueryStats stats;
  FunctionContext fn;
  // True while PROFILE is collecting per-operator times.
  bool profiling = false;

 private:
  // The slow half of Tick: the budget is spent, or the clock is due.
  Status CheckLimits();

  storage::Transaction* txn_;
  const Map* params_;
  // Records read by this statement that the snapshot's shared cache does
  // not hold (a writer's own, or past the cache's bound).
  struct RecordCache {
    std::unordered_map<uint64_t, NodeRecord> nodes;
    std::unordered_map<uint64_t, EdgeRecord> edges;
  };
  // Made on first use: most reads hit the shared cache, and a point query
  // should not pay for building and tearing down two hash tables.
  RecordCache& records() {
    if (!records_) records_ = std::make_unique<RecordCache>();
    return *records_;
  }
  std::unique_ptr<RecordCache> records_;
  bool has_deadline_ = false;
  int64_t deadline_ns_ = 0;  // on the coarse monotonic clock
  int64_t timeout_ms_ = 0;
  int64_t budget_ = 0;
  int64_t ticks_ = 0;
};

}  // namespace dyad::query
