#include "query/algo/algo_procedures.h"

#include <exception>
#include <mutex>
#include <new>

#include "query/algo/algo_options.h"
#include "query/algo/algorithms.h"
#include "query/algo/snapshot_graph.h"
#include "query/exec/procedures.h"

int dyad_algo_procedures_anchor = 0;

namespace dyad::query::algo {

namespace {

using Rows = std::vector<std::vector<Value>>;

// Parses options and loads the filtered snapshot graph.
Status Prepare(const std::string& proc, const Value& arg, const std::vector<std::string>& allowed, ExecContext& ctx,
               AlgoOptions* o, SnapshotGraph* g) {
  DYAD_RETURN_IF_ERROR(ParseAlgoOptions(proc, arg, allowed, ctx.txn(), o));
  return LoadSnapshotGraph(ctx.txn(), o->filter, [&ctx] { return ctx.Tick(); }, g);
}

// Runs body, turning exceptions (Boost, allocation) into a Status.
template <typename Fn>
Status Guarded(const char* proc, Fn body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Status(Status::Code::kResourceLimit, std::string(proc) + ": out of memory");
  } catch (const std::exception& e) {
    return Status::Internal(std::string(proc) + ": " + e.what());
  }
}

template <typename T>
void NodeScores(const SnapshotGraph& g, const std::vector<T>& scores, Rows* rows) {
  rows->reserve(g.size());
  for (size_t v = 0; v < g.size(); ++v) rows->push_back({Value(NodeRef{g.node_ids[v]}), Value(scores[v])});
}

Status RunPageRank(const std::vector<Value>& args, ExecContext& ctx, Rows* rows) {
  return Guarded("algo.pageRank", [&]() -> Status {
    AlgoOptions o;
    SnapshotGraph g;
    DYAD_RETURN_IF_ERROR(
        Prepare("algo.pageRank", args[0], {"directed", "iterations", "damping", "tolerance"}, ctx, &o, &g));
    PageRankOptions p;
    p.directed = o.directed;
    p.iterations = o.iterations;
    p.damping = o.damping;
    p.tolerance = o.tolerance;
    NodeScores(g, PageRank(g, p), rows);
    return Status::OK();
  });
}

Status RunBetweenness(const std::vector<Value>& args, ExecContext& ctx, Rows* rows) {
  return Guarded("algo.betweenness", [&]() -> Status {
    AlgoOptions o;
    o.directed = false;
    SnapshotGraph g;
    DYAD_RETURN_IF_ERROR(Prepare("algo.betweenness", args[0], {"directed", "normalized"}, ctx, &o, &g));
    NodeScores(g, Betweenness(g, o.directed, o.normalized), rows);
    return Status::OK();
  });
}

Status RunComponents(const std::vector<Value>& args, ExecContext& ctx, Rows* rows) {
  return Guarded("algo.components", [&]() -> Status {
    AlgoOptions o;
    SnapshotGraph g;
    DYAD_RETURN_IF_ERROR(Prepare("algo.components", args[0], {"strong"}, ctx, &o, &g));
    std::vector<uint64_t> comp;
    std::vector<int64_t> size;
    Components(g, o.strong, &comp, &size);
    for (size_t v = 0; v < g.size(); ++v)
      rows->push_back({Value(NodeRef{g.node_ids[v]}), Value(static_cast<int64_t>(comp[v])), Value(size[v])});
    return Status::OK();
  });
}

Status RunDegree(const std::vector<Value>& args, ExecContext& ctx, Rows* rows) {
  return Guarded("algo.degree", [&]() -> Status {
    AlgoOptions o;
    SnapshotGraph g;
    DYAD_RETURN_IF_ERROR(Prepare("algo.degree", args[0], {"direction"}, ctx, &o, &g));
    NodeScores(g, Degrees(g, o.direction), rows);
    return Status::OK();
  });
}

// A node argument: a node, a node id, or null (no rows).
Status NodeArg(const char* name, const Value& v, std::optional<uint64_t>* out) {
  if (v.is_null()) return Status::OK();
  if (v.is_node()) *out = v.as_node().id;
  else if (v.is_int() && v.as_int() >= 0) *out = static_cast<uint64_t>(v.as_int());
  else return Status::TypeError(std::string("algo.shortestPath: `") + name + "` must be a node (or a node id)");
  return Status::OK();
}

Status RunShortestPath(const std::vector<Value>& args, ExecContext& ctx, Rows* rows) {
  return Guarded("algo.shortestPath", [&]() -> Status {
    std::optional<uint64_t> a, b;
    DYAD_RETURN_IF_ERROR(NodeArg("from", args[0], &a));
    DYAD_RETURN_IF_ERROR(NodeArg("to", args[1], &b));
    AlgoOptions o;
    o.directed = false;
    SnapshotGraph g;
    DYAD_RETURN_IF_ERROR(Prepare("algo.shortestPath", args[2], {"directed", "weight"}, ctx, &o, &g));
    if (!a || !b) return Status::OK();
    auto from = g.VertexOf(*a), to = g.VertexOf(*b);
    if (!from || !to) return Status::OK();
    std::vector<double> weights;
    if (!o.weight.empty()) {
      auto key = ctx.txn()->KeyId(o.weight);
      weights.assign(g.arcs.size(), 1.0);
      for (size_t i = 0; key && i < g.arcs.size(); ++i) {
        EdgeRecord e;
        DYAD_RETURN_IF_ERROR(ctx.txn()->GetEdge(g.arcs[i].edge, &e));
        const Value* w = FindProperty(e.props, *key);
        if (!w) continue;  // absent: 1
        if (!w->is_number() || !(w->as_number() >= 0))
          return Status::ArgumentError("algo.shortestPath: weight `" + o.weight + "` of relationship " +
                                       std::to_string(e.id) + " is not a number >= 0");
        weights[i] = w->as_number();
      }
    }
    PathResult r;
    DYAD_RETURN_IF_ERROR(ShortestPath(g, *from, *to, o.directed, o.weight.empty() ? nullptr : &weights, &r));
    if (!r.found) return Status::OK();
    PathValue p;
    for (uint32_t v : r.vertices) p.nodes.push_back(NodeRef{g.node_ids[v]});
    for (uint32_t i : r.arcs) {
      const Arc& arc = g.arcs[i];
      p.rels.push_back(RelRef{arc.edge, g.node_ids[arc.from], g.node_ids[arc.to]});
    }
    int64_t length = static_cast<int64_t>(p.rels.size());
    rows->push_back({Value(std::move(p)), Value(length), Value(r.cost)});
    return Status::OK();
  });
}

}  // namespace

void RegisterAlgorithmProcedures() {
  static std::once_flag once;
  std::call_once(once, [] {
    RegisterProcedure({"algo.pageRank", {"options"}, {"node", "score"},
                       "PageRank of every node (scores sum to 1); options: labels, types, directed (true), "
                       "iterations (100), damping (0.85), tolerance (1e-6)",
                       RunPageRank, 1});
    RegisterProcedure({"algo.betweenness", {"options"}, {"node", "score"},
                       "betweenness centrality (Brandes); options: labels, types, directed (false), "
                       "normalized (true)",
                       RunBetweenness, 1});
    RegisterProcedure({"algo.components", {"options"}, {"node", "score", "size"},
                       "connected components: score is the component id (its smallest node id), size its node "
                       "count; options: labels, types, strong (false: weakly connected)",
                       RunComponents, 1});
    RegisterProcedure({"algo.degree", {"options"}, {"node", "score"},
                       "number of relationships of every node; options: labels, types, direction ('both', "
                       "'out', 'in')",
                       RunDegree, 1});
    RegisterProcedure({"algo.shortestPath", {"from", "to", "options"}, {"path", "length", "cost"},
                       "a shortest path between two nodes (fewest relationships, or least total weight); "
                       "options: labels, types, directed (false), weight (a relationship property)",
                       RunShortestPath, 1});
  });
}

namespace {
// Registers at load time; the anchor keeps this object file linked.
const bool kRegistered = (RegisterAlgorithmProcedures(), true);
}  // namespace

}  // namespace dyad::query::algo
