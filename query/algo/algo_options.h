// Options of the algo.* procedures: one optional map argument, every key
// optional, unknown keys refused (docs/ALGORITHMS.md lists them).
#pragma once

#include <string>
#include <vector>

#include "graph/status.h"
#include "graph/value.h"
#include "query/algo/algorithms.h"
#include "query/algo/snapshot_graph.h"
#include "storage/transaction.h"

namespace dyad::query::algo {

// Every option any procedure takes, with its default.
struct AlgoOptions {
  GraphFilter filter;       // labels / types
  bool directed = true;     // pageRank, betweenness, shortestPath
  int iterations = 100;     // pageRank
  double damping = 0.85;    // pageRank
  double tolerance = 1e-6;  // pageRank
  bool normalized = true;   // betweenness
  bool strong = false;      // components
  DegreeDirection direction = DegreeDirection::kBoth;  // degree
  std::string weight;       // shortestPath: numeric relationship property
};

// Reads the options map arg (null: all defaults) for procedure proc, which
// accepts the keys in allowed besides `labels` and `types`. Label and type
// names are resolved with txn (unknown names match nothing).
Status ParseAlgoOptions(const std::string& proc, const Value& arg, const std::vector<std::string>& allowed,
                        storage::Transaction* txn, AlgoOptions* out);

}  // namespace dyad::query::algo
