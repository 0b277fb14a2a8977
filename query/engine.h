// QueryEngine: runs openCypher text against a GraphStore — parse, plan,
// execute — one transaction per statement, all or nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/status.h"
#include "graph/value.h"
#include "query/plan_cache.h"
#include "query/prepared_query.h"
#include "query/result/query_result.h"
#include "storage/graph_store.h"

namespace dyad::query {

// Limits and inputs of one run.
struct QueryOptions {
  // Parameters ($name).
  Map params;
  // Abort a statement after this long (0: no limit) with a Timeout error.
  int64_t timeout_ms = 0;
  // Refuse results with more rows than this (0: no limit) with a
  // ResourceLimit error.
  int64_t max_rows = 0;
  // Refuse any write (the HTTP server without --allow-writes).
  bool read_only = false;
  // Guard against runaway expansions: the most intermediate rows a statement
  // may produce in any operator before it is stopped (0: no limit).
  int64_t max_intermediate_rows = 50'000'000;
};

// Runs queries. Safe to use from several threads at once: readers run on
// snapshots in parallel; writers are serialized by the store.
class QueryEngine {
 public:
  explicit QueryEngine(storage::GraphStore* store) : store_(store) {}

  // Runs every ';'-separated statement of text in order, appending one
  // QueryResult per statement. Stops at the first error and returns it with
  // its kind and position (statements before it stay committed). Each
  // statement is its own transaction: a failed statement changes nothing.
  // A lone read-only statement's plan is kept (PlanCache) and reused when
  // the same text runs again.
  Status Run(std::string_view text, const QueryOptions& options, std::vector<QueryResult>* results);

  // Parses and plans one statement for repeated runs with RunPrepared.
  // Index commands and texts of several statements are refused (Run them).
  Result<std::unique_ptr<PreparedQuery>> Prepare(std::string_view text);
  // Runs a prepared statement with options' parameters, as Run would, into
  // *result, reusing its storage (a warm run of a small query allocates
  // little; a read keeps result's snapshot when nothing was committed since
  // and the caller holds no other reference to it). Plans again first when
  // the indexes changed since the last plan. On error *result is left empty;
  // a query prepared on another store is refused (InvalidArgument).
  Status RunPrepared(PreparedQuery* query, const QueryOptions& options, QueryResult* result);

  // The store queries run on.
  storage::GraphStore* store() const { return store_; }

 private:
  // Runs one planned statement in its own transaction into *result
  // (overwritten; its rows' storage is reused).
  Status Execute(const ast::Statement& st, Plan* plan, const QueryOptions& options, QueryResult* result);
  // Execute, appending the result to *results when it succeeds.
  Status ExecuteInto(const ast::Statement& st, Plan* plan, const QueryOptions& options,
                     std::vector<QueryResult>* results);
  // EXPLAIN's result: the columns and the plan as text, without running it.
  void Explain(const Plan& plan, QueryResult* result);

  storage::GraphStore* store_;
  PlanCache plans_;
};

}  // namespace dyad::query
