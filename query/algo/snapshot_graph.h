// SnapshotGraph: the topology of a snapshot (optionally narrowed to some
// labels and relationship types) as dense vertex indexes over dyad node ids,
// and the Boost.Graph graphs the algorithms run on.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "graph/status.h"
#include "storage/transaction.h"

namespace dyad::query::algo {

// Which nodes and relationships take part (unset: all).
struct GraphFilter {
  // Nodes having at least one of these labels (set and empty: none).
  std::optional<std::vector<uint32_t>> labels;
  // Relationships of one of these types (set and empty: none).
  std::optional<std::vector<uint32_t>> types;
};

// A relationship between two vertices.
struct Arc {
  uint32_t from = 0;
  uint32_t to = 0;
  uint64_t edge = 0;  // dyad relationship id
  uint32_t type = 0;
};

// The loaded topology. Vertex i is node node_ids[i] (ascending ids); arcs
// are ordered by (from, edge id).
struct SnapshotGraph {
  std::vector<uint64_t> node_ids;
  std::unordered_map<uint64_t, uint32_t> index;
  std::vector<Arc> arcs;

  // The vertex of a node id, if it takes part.
  std::optional<uint32_t> VertexOf(uint64_t id) const;
  size_t size() const { return node_ids.size(); }
};

// Reads the nodes and relationships that pass filter from txn's snapshot.
// check is called every 64 records (timeouts, budgets); its error stops
// the load.
Status LoadSnapshotGraph(storage::Transaction* txn, const GraphFilter& filter, const std::function<Status()>& check,
                         SnapshotGraph* out);

// Boost graphs over the vertex indexes; the edge property is the arc index.
using DirectedMultigraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property, uint32_t>;
using UndirectedMultigraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, uint32_t>;
// Simple graphs (parallel arcs merged, self-loops dropped) for path counting.
using DirectedSimple = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using UndirectedSimple = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

// Every arc, with its direction.
DirectedMultigraph BuildDirected(const SnapshotGraph& g);
// Every arc, direction ignored.
UndirectedMultigraph BuildUndirected(const SnapshotGraph& g);
// One edge per connected ordered pair (directed) or unordered pair
// (undirected); no self-loops.
DirectedSimple BuildDirectedSimple(const SnapshotGraph& g);
UndirectedSimple BuildUndirectedSimple(const SnapshotGraph& g);

}  // namespace dyad::query::algo
