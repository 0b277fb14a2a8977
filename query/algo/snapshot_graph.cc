#include "query/algo/snapshot_graph.h"

#include <algorithm>
#include <utility>

namespace dyad::query::algo {

namespace {

bool Contains(const std::vector<uint32_t>& v, uint32_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

template <typename G>
G BuildSimple(const SnapshotGraph& g, bool directed) {
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  pairs.reserve(g.arcs.size());
  for (const Arc& a : g.arcs) {
    if (a.from == a.to) continue;
    pairs.emplace_back(directed ? a.from : std::min(a.from, a.to), directed ? a.to : std::max(a.from, a.to));
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  G out(g.size());
  for (const auto& [a, b] : pairs) boost::add_edge(a, b, out);
  return out;
}

}  // namespace

std::optional<uint32_t> SnapshotGraph::VertexOf(uint64_t id) const {
  auto it = index.find(id);
  if (it == index.end()) return std::nullopt;
  return it->second;
}

Status LoadSnapshotGraph(storage::Transaction* txn, const GraphFilter& filter, const std::function<Status()>& check,
                         SnapshotGraph* out) {
  size_t ticks = 0;
  auto tick = [&]() -> Status { return (++ticks & 63) == 0 && check ? check() : Status::OK(); };
  if (filter.labels) {
    for (uint32_t label : *filter.labels) {
      auto c = txn->ScanLabel(label);
      for (; c->Valid(); c->Next()) {
        out->node_ids.push_back(c->node_id());
        DYAD_RETURN_IF_ERROR(tick());
      }
      DYAD_RETURN_IF_ERROR(c->status());
    }
    std::sort(out->node_ids.begin(), out->node_ids.end());
    out->node_ids.erase(std::unique(out->node_ids.begin(), out->node_ids.end()), out->node_ids.end());
  } else {
    auto c = txn->ScanNodes();
    for (; c->Valid(); c->Next()) {
      out->node_ids.push_back(c->node_id());
      DYAD_RETURN_IF_ERROR(tick());
    }
    DYAD_RETURN_IF_ERROR(c->status());
  }
  out->index.reserve(out->node_ids.size());
  for (size_t i = 0; i < out->node_ids.size(); ++i) out->index.emplace(out->node_ids[i], static_cast<uint32_t>(i));
  for (size_t i = 0; i < out->node_ids.size(); ++i) {
    size_t first = out->arcs.size();
    auto c = txn->Neighbors(out->node_ids[i], storage::Direction::kOut, std::nullopt);
    for (; c->Valid(); c->Next()) {
      storage::AdjEntry e = c->adj();
      DYAD_RETURN_IF_ERROR(tick());
      if (filter.types && !Contains(*filter.types, e.type)) continue;
      auto to = out->VertexOf(e.nbr);
      if (!to) continue;
      out->arcs.push_back({static_cast<uint32_t>(i), *to, e.edge, e.type});
    }
    DYAD_RETURN_IF_ERROR(c->status());
    std::sort(out->arcs.begin() + static_cast<std::ptrdiff_t>(first), out->arcs.end(),
              [](const Arc& a, const Arc& b) { return a.edge < b.edge; });
  }
  return Status::OK();
}

DirectedMultigraph BuildDirected(const SnapshotGraph& g) {
  DirectedMultigraph out(g.size());
  for (size_t i = 0; i < g.arcs.size(); ++i)
    boost::add_edge(g.arcs[i].from, g.arcs[i].to, static_cast<uint32_t>(i), out);
  return out;
}

UndirectedMultigraph BuildUndirected(const SnapshotGraph& g) {
  UndirectedMultigraph out(g.size());
  for (size_t i = 0; i < g.arcs.size(); ++i)
    boost::add_edge(g.arcs[i].from, g.arcs[i].to, static_cast<uint32_t>(i), out);
  return out;
}

DirectedSimple BuildDirectedSimple(const SnapshotGraph& g) { return BuildSimple<DirectedSimple>(g, true); }
UndirectedSimple BuildUndirectedSimple(const SnapshotGraph& g) { return BuildSimple<UndirectedSimple>(g, false); }

}  // namespace dyad::query::algo
