// Checker: verifies every index and counter of a store against its records.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/status.h"
#include "storage/graph_store.h"

namespace dyad::storage {

// What a check found.
struct CheckReport {
  uint64_t nodes = 0;
  uint64_t edges = 0;
  uint64_t adjacency_entries = 0;
  uint64_t label_entries = 0;
  uint64_t index_entries = 0;
  // One line per inconsistency (capped; `problem_count` has the total).
  std::vector<std::string> problems;
  uint64_t problem_count = 0;
  // True when nothing is wrong.
  bool ok() const { return problem_count == 0; }
};

// Reads the whole store on a snapshot and reports every inconsistency:
// records that do not decode, edges missing adjacency entries or pointing
// at missing nodes, stray adjacency/label/index entries, missing index
// entries, duplicate keys, unknown dictionary ids, and counters that differ
// from the records.
Status CheckStore(GraphStore* store, CheckReport* report);

}  // namespace dyad::storage
