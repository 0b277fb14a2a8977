// Graph algorithms over a SnapshotGraph, computed with Boost.Graph. Results
// are indexed by vertex (SnapshotGraph::node_ids gives the node). The
// definitions follow networkx's, so that results can be checked against it.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/status.h"
#include "query/algo/snapshot_graph.h"

namespace dyad::query::algo {

// PageRank parameters (networkx.pagerank's defaults).
struct PageRankOptions {
  bool directed = true;     // false: every relationship counts both ways
  int iterations = 100;     // at most this many power iterations
  double damping = 0.85;
  double tolerance = 1e-6;  // stop when the L1 change is below n * tolerance
};

// PageRank by power iteration on a Boost compressed_sparse_row_graph:
// parallel relationships add weight, dangling vertices spread their rank
// evenly, scores sum to 1. *iterations_run (if set) gets the count used.
std::vector<double> PageRank(const SnapshotGraph& g, const PageRankOptions& o, int* iterations_run = nullptr);

// Betweenness centrality (boost::brandes_betweenness_centrality) on the
// simple graph (parallel relationships merged, self-loops ignored).
// normalized divides by (n-1)(n-2) for directed graphs and by
// (n-1)(n-2)/2 for undirected ones, as networkx does.
std::vector<double> Betweenness(const SnapshotGraph& g, bool directed, bool normalized);

// Connected components: weakly connected (boost::connected_components), or
// strongly connected (boost::strong_components). component[v] is the
// smallest node id of v's component; size[v] its vertex count.
void Components(const SnapshotGraph& g, bool strong, std::vector<uint64_t>* component, std::vector<int64_t>* size);

// Which relationships a degree counts.
enum class DegreeDirection { kBoth, kOut, kIn };
// Degrees on a bidirectional Boost adjacency_list: every relationship
// counts (a self-loop twice for kBoth).
std::vector<int64_t> Degrees(const SnapshotGraph& g, DegreeDirection direction);

// A shortest path: vertices (from..to) and the arcs between them.
struct PathResult {
  bool found = false;
  std::vector<uint32_t> vertices;
  std::vector<uint32_t> arcs;  // indexes into SnapshotGraph::arcs
  double cost = 0;
};

// Shortest path from one vertex to another: boost::breadth_first_search
// (fewest relationships) when weights is null, else
// boost::dijkstra_shortest_paths with weights[arc] (all >= 0). Undirected
// unless directed. Among equal paths, the first found in id order wins.
Status ShortestPath(const SnapshotGraph& g, uint32_t from, uint32_t to, bool directed,
                    const std::vector<double>* weights, PathResult* out);

}  // namespace dyad::query::algo
