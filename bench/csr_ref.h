// The speed-of-memory reference: the benchmark graph as a Boost.Graph
// compressed_sparse_row_graph (outgoing and, for undirected questions,
// incoming), with the node columns in plain vectors, answering the same
// questions as the Cypher queries by hand-written loops.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>

#include "bench_common.h"

namespace dyad::bench {

// The graph of bench/gen_graph.py's CSVs, in memory.
class CsrGraph {
 public:
  // Reads DIR/nodes.csv and DIR/edges.csv; false with *error on failure.
  bool Load(const std::string& dir, std::string* error);

  // Answers query id for start row s; the result reduced as the workload's
  // check says. False with *out holding an error for an unknown id.
  bool Answer(const std::string& id, const CsrSpec& spec, const StartRow& s, std::string* out) const;

  size_t nodes() const { return names_.size(); }
  size_t edges() const { return types_.size(); }

 private:
  // Edge bundle: the index of the relationship in edges.csv order.
  struct EdgeProp {
    uint32_t rel = 0;
  };
  using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, EdgeProp, boost::no_property,
                                                    uint32_t, uint32_t>;
  using Vertex = uint32_t;

  // Calls f(rel, neighbour) for every relationship of v (out, or both ways;
  // a self-loop once), optionally of one type only.
  template <typename F>
  void ForEach(Vertex v, bool both, int type, F&& f) const;

  int64_t TwoHop(Vertex a, bool both) const;
  int64_t WithinThree(Vertex a, bool both) const;
  int64_t TypedPaths(Vertex a, bool both, int type) const;
  int64_t Shortest(Vertex a, Vertex b, bool both, int max_hops) const;

  std::unique_ptr<Graph> out_, in_;
  std::unordered_map<std::string, Vertex> index_;
  std::vector<std::string> names_;
  std::vector<int64_t> v_;
  std::vector<uint8_t> labels_;  // index into label_names_
  std::vector<std::string> label_names_;
  std::vector<uint8_t> types_;   // per relationship, index into type_names_
  std::vector<std::string> type_names_;
};

}  // namespace dyad::bench
