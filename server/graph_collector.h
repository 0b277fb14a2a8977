// GraphCollector: gathers the nodes and relationships that query values
// mention (in lists, maps and paths too), for graph-shaped answers.
#pragma once

#include <cstdint>
#include <set>

#include "graph/value.h"

namespace dyad::server {

// The distinct entities of a set of values.
class GraphCollector {
 public:
  // Adds every node and relationship inside v.
  void Add(const Value& v);
  // Adds the endpoints of every collected relationship as nodes.
  void AddEndpoints();
  // Forgets everything.
  void Clear() {
    nodes_.clear();
    rels_.clear();
  }
  // The collected node ids, ascending.
  const std::set<uint64_t>& nodes() const { return nodes_; }
  // The collected relationships by id (with endpoints), ascending.
  const std::set<std::pair<uint64_t, std::pair<uint64_t, uint64_t>>>& rels() const { return rels_; }

 private:
  std::set<uint64_t> nodes_;
  std::set<std::pair<uint64_t, std::pair<uint64_t, uint64_t>>> rels_;
};

}  // namespace dyad::server
