#include "query/algo/algorithms.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/property_map/function_property_map.hpp>

namespace dyad::query::algo {

namespace {

using Csr = boost::compressed_sparse_row_graph<boost::directedS>;

// Records, for each vertex reached, the arc it was reached by.
template <typename G>
class BfsRecorder : public boost::default_bfs_visitor {
 public:
  explicit BfsRecorder(std::vector<int64_t>* pred) : pred_(pred) {}
  void tree_edge(typename boost::graph_traits<G>::edge_descriptor e, const G& g) const {
    (*pred_)[boost::target(e, g)] = g[e];
  }

 private:
  std::vector<int64_t>* pred_;
};

template <typename G>
class DijkstraRecorder : public boost::default_dijkstra_visitor {
 public:
  explicit DijkstraRecorder(std::vector<int64_t>* pred) : pred_(pred) {}
  void edge_relaxed(typename boost::graph_traits<G>::edge_descriptor e, const G& g) const {
    (*pred_)[boost::target(e, g)] = g[e];
  }

 private:
  std::vector<int64_t>* pred_;
};

// Fills pred: for each vertex reached from `from`, the arc of its shortest
// path tree (-1: not reached).
template <typename G>
void Search(const G& graph, const SnapshotGraph& g, uint32_t from, const std::vector<double>* weights,
            std::vector<int64_t>* pred) {
  if (!weights) {
    boost::breadth_first_search(graph, from, boost::visitor(BfsRecorder<G>(pred)));
    return;
  }
  using Edge = typename boost::graph_traits<G>::edge_descriptor;
  std::vector<double> dist(g.size(), std::numeric_limits<double>::infinity());
  auto weight = boost::make_function_property_map<Edge, double>([&](Edge e) { return (*weights)[graph[e]]; });
  boost::dijkstra_shortest_paths(
      graph, from,
      boost::weight_map(weight)
          .distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, graph)))
          .visitor(DijkstraRecorder<G>(pred)));
}

}  // namespace

std::vector<double> PageRank(const SnapshotGraph& g, const PageRankOptions& o, int* iterations_run) {
  const size_t n = g.size();
  if (iterations_run) *iterations_run = 0;
  if (n == 0) return {};
  std::vector<std::pair<size_t, size_t>> pairs;
  pairs.reserve(g.arcs.size() * (o.directed ? 1 : 2));
  for (const Arc& a : g.arcs) {
    pairs.emplace_back(a.from, a.to);
    if (!o.directed && a.from != a.to) pairs.emplace_back(a.to, a.from);
  }
  Csr csr(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(), n);
  std::vector<double> x(n, 1.0 / static_cast<double>(n)), last(n);
  const double d = o.damping;
  for (int it = 1; it <= std::max(1, o.iterations); ++it) {
    if (iterations_run) *iterations_run = it;
    x.swap(last);
    double dangling = 0;
    for (size_t u = 0; u < n; ++u)
      if (boost::out_degree(u, csr) == 0) dangling += last[u];
    std::fill(x.begin(), x.end(), ((1.0 - d) + d * dangling) / static_cast<double>(n));
    for (size_t u = 0; u < n; ++u) {
      size_t deg = boost::out_degree(u, csr);
      if (deg == 0) continue;
      double share = d * last[u] / static_cast<double>(deg);
      for (auto [e, end] = boost::out_edges(u, csr); e != end; ++e) x[boost::target(*e, csr)] += share;
    }
    double err = 0;
    for (size_t u = 0; u < n; ++u) err += std::fabs(x[u] - last[u]);
    if (err < static_cast<double>(n) * o.tolerance) break;
  }
  return x;
}

std::vector<double> Betweenness(const SnapshotGraph& g, bool directed, bool normalized) {
  const size_t n = g.size();
  std::vector<double> c(n, 0.0);
  if (n == 0) return c;
  if (directed) {
    DirectedSimple sg = BuildDirectedSimple(g);
    auto map = boost::make_iterator_property_map(c.begin(), get(boost::vertex_index, sg));
    boost::brandes_betweenness_centrality(sg, map);
  } else {
    // Boost halves undirected scores: each unordered pair counts once.
    UndirectedSimple sg = BuildUndirectedSimple(g);
    auto map = boost::make_iterator_property_map(c.begin(), get(boost::vertex_index, sg));
    boost::brandes_betweenness_centrality(sg, map);
  }
  if (normalized && n > 2) {
    double scale = (directed ? 1.0 : 2.0) / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
    for (double& v : c) v *= scale;
  }
  return c;
}

void Components(const SnapshotGraph& g, bool strong, std::vector<uint64_t>* component, std::vector<int64_t>* size) {
  const size_t n = g.size();
  std::vector<int> comp(n, 0);
  int count = 0;
  if (strong) {
    DirectedSimple sg = BuildDirectedSimple(g);
    count = boost::strong_components(sg, boost::make_iterator_property_map(comp.begin(), get(boost::vertex_index, sg)));
  } else {
    UndirectedSimple sg = BuildUndirectedSimple(g);
    auto map = boost::make_iterator_property_map(comp.begin(), get(boost::vertex_index, sg));
    count = boost::connected_components(sg, map);
  }
  std::vector<uint64_t> min_id(static_cast<size_t>(count), std::numeric_limits<uint64_t>::max());
  std::vector<int64_t> sizes(static_cast<size_t>(count), 0);
  for (size_t v = 0; v < n; ++v) {
    auto c = static_cast<size_t>(comp[v]);
    min_id[c] = std::min(min_id[c], g.node_ids[v]);
    ++sizes[c];
  }
  component->assign(n, 0);
  size->assign(n, 0);
  for (size_t v = 0; v < n; ++v) {
    (*component)[v] = min_id[static_cast<size_t>(comp[v])];
    (*size)[v] = sizes[static_cast<size_t>(comp[v])];
  }
}

std::vector<int64_t> Degrees(const SnapshotGraph& g, DegreeDirection direction) {
  DirectedMultigraph dg = BuildDirected(g);
  std::vector<int64_t> out(g.size(), 0);
  for (size_t v = 0; v < g.size(); ++v) {
    int64_t o = static_cast<int64_t>(boost::out_degree(v, dg)), i = static_cast<int64_t>(boost::in_degree(v, dg));
    out[v] = direction == DegreeDirection::kOut ? o : direction == DegreeDirection::kIn ? i : o + i;
  }
  return out;
}

Status ShortestPath(const SnapshotGraph& g, uint32_t from, uint32_t to, bool directed,
                    const std::vector<double>* weights, PathResult* out) {
  *out = PathResult();
  if (from >= g.size() || to >= g.size()) return Status::OK();
  if (weights) {
    for (double w : *weights)
      if (!(w >= 0)) return Status::ArgumentError("algo.shortestPath: weights must be numbers >= 0");
  }
  std::vector<int64_t> pred(g.size(), -1);
  if (from != to) {
    if (directed)
      Search(BuildDirected(g), g, from, weights, &pred);
    else
      Search(BuildUndirected(g), g, from, weights, &pred);
    if (pred[to] < 0) return Status::OK();
  }
  uint32_t v = to;
  out->vertices.push_back(v);
  while (v != from) {
    auto a = static_cast<uint32_t>(pred[v]);
    const Arc& arc = g.arcs[a];
    out->arcs.push_back(a);
    out->cost += weights ? (*weights)[a] : 1.0;
    v = arc.to == v ? arc.from : arc.to;
    out->vertices.push_back(v);
    if (out->arcs.size() > g.size()) return Status::Internal("algo.shortestPath: broken predecessor chain");
  }
  std::reverse(out->vertices.begin(), out->vertices.end());
  std::reverse(out->arcs.begin(), out->arcs.end());
  out->found = true;
  return Status::OK();
}

}  // namespace dyad::query::algo
