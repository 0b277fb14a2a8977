// QueryResult: what one statement returns — columns, rows, counters, and a
// read view of the graph for rendering nodes and relationships.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "query/exec/row.h"
#include "storage/transaction.h"

namespace dyad::query {

// What a statement changed (reported with --stats and over HTTP).
struct QueryStats {
  int64_t nodes_created = 0;
  int64_t nodes_deleted = 0;
  int64_t relationships_created = 0;
  int64_t relationships_deleted = 0;
  int64_t labels_added = 0;
  int64_t labels_removed = 0;
  int64_t properties_set = 0;
  // True when any counter is non-zero.
  bool any() const {
    return nodes_created || nodes_deleted || relationships_created || relationships_deleted || labels_added ||
           labels_removed || properties_set;
  }
};

// The result of one statement.
struct QueryResult {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  QueryStats stats;
  // EXPLAIN / PROFILE: the plan as text (one operator per line); else "".
  std::string plan;
  // A snapshot taken after the statement (after its commit, for writes);
  // formatters read node labels/properties and relationship types from it.
  std::shared_ptr<storage::Transaction> view;
};

}  // namespace dyad::query
