#include "query/exec/reach_ops.h"

#include <limits>

#include "query/exec/node_marks.h"

namespace dyad::query {

using storage::Direction;

VarReachOp::VarReachOp(std::unique_ptr<Operator> input, StepSpec spec, int64_t min_hops, int64_t max_hops)
    : spec_(std::move(spec)), min_(min_hops), max_(max_hops) {
  children.push_back(std::move(input));
}

Status VarReachOp::Open(ExecContext& ctx) {
  ResolveTypes(ctx.txn(), spec_.types, &type_ids_, &no_types_match_);
  found_.clear();
  next_ = 0;
  return Operator::Open(ctx);
}

Status VarReachOp::Search(ExecContext& ctx, uint64_t start) {
  found_.clear();
  next_ = 0;
  const bool undirected = spec_.dir == Direction::kBoth;
  const uint64_t target = spec_.to_bound ? GetSlot(current_, spec_.to_slot).as_node().id : 0;
  bool start_found = min_ == 0;
  if (no_types_match_ || max_ == 0) {
    if (start_found) found_.push_back(start);
    return Status::OK();
  }
  PooledNodeMarks pooled;
  NodeMarks& marks = *pooled;
  marks.Reserve(ctx.txn()->store()->next_node_id());
  // Mark data: the relationship by which the node's BFS tree path leaves
  // the start (its branch); for depth-1 nodes that is their tree edge.
  marks.Insert(start, 0, 0);
  frontier_.assign(1, start);
  for (int64_t d = 0; d < max_ && !frontier_.empty(); ++d) {
    next_frontier_.clear();
    const uint32_t depth = static_cast<uint32_t>(std::min<int64_t>(d, std::numeric_limits<uint32_t>::max() - 1));
    for (uint64_t u : frontier_) {
      // Branches matter only to find cycles through the start, undirected.
      uint64_t branch = undirected && u != start ? marks.data(u) : 0;
      DYAD_RETURN_IF_ERROR(OpenSpans(ctx.txn(), u, spec_.dir, type_ids_, &spans_));
      for (const storage::AdjSpan& sp : spans_) {
        const uint64_t* nbrs = sp.nbrs();
        const uint64_t* edges = sp.edges();
        for (size_t i = 0, n = sp.size(); i < n; ++i) {
          uint64_t v = nbrs[i];
          if (v == start) {
            // A closed walk of length d + 1 <= max back to the start.
            if (!undirected || u == start || edges[i] != branch) start_found = true;
            continue;
          }
          if (!marks.Has(v)) {
            // Directed, a node needs no depth or branch: one store, not three.
            if (undirected) marks.Insert(v, depth + 1, u == start ? edges[i] : branch);
            else marks.Mark(v);
            DYAD_RETURN_IF_ERROR(ctx.Tick());
            next_frontier_.push_back(v);
            found_.push_back(v);
            continue;
          }
          if (!undirected || start_found) continue;
          uint64_t v_branch = marks.data(v);
          if (u == start) {
            // A second relationship to a depth-1 node: a cycle of length 2.
            if (edges[i] != v_branch && max_ >= 2) start_found = true;
          } else if (v_branch != branch && d + marks.depth(v) + 1 <= max_) {
            start_found = true;  // two branches joined: a cycle through the start
          }
        }
      }
    }
    frontier_.swap(next_frontier_);
  }
  if (start_found) found_.push_back(start);
  if (spec_.to_bound) {
    bool reached = target == start ? start_found : marks.Has(target);
    found_.clear();
    if (reached) found_.push_back(target);
  }
  return Status::OK();
}

Status VarReachOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (next_ >= found_.size()) {
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) {
      *has = false;
      return Status::OK();
    }
    found_.clear();
    next_ = 0;
    std::optional<uint64_t> start = StepStart(current_, spec_);
    if (!start) continue;
    DYAD_RETURN_IF_ERROR(Search(ctx, *start));
  }
  row = current_;
  if (!spec_.to_bound) SetSlot(row, spec_.to_slot, Value(NodeRef{found_[next_]}));
  ++next_;
  *has = true;
  return Status::OK();
}

Status VarReachOp::CountDistinctEnds(ExecContext& ctx, int64_t* ends) {
  *ends = 0;
  // One search's ends are distinct already; only a second input row needs
  // the set of ends counted so far. The first row's ends wait in first_ends
  // until then (most counts have one start row and never build the set).
  std::optional<PooledNodeMarks> pooled;
  std::vector<uint64_t> first_ends;
  bool searched = false;
  while (true) {
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) return Status::OK();
    std::optional<uint64_t> start = StepStart(current_, spec_);
    if (!start) continue;
    DYAD_RETURN_IF_ERROR(Search(ctx, *start));
    if (!searched) {
      searched = true;
      *ends = static_cast<int64_t>(found_.size());
      first_ends.swap(found_);
      continue;
    }
    if (!pooled) {
      pooled.emplace();
      (*pooled)->Reserve(ctx.txn()->store()->next_node_id());
      for (uint64_t v : first_ends) (*pooled)->Mark(v);
    }
    for (uint64_t v : found_) *ends += (*pooled)->Mark(v);
  }
}

std::string VarReachOp::Describe() const {
  return "VarLengthReach" + spec_.text + " *" + std::to_string(min_) + ".." +
         (max_ == std::numeric_limits<int64_t>::max() ? std::string() : std::to_string(max_));
}

}  // namespace dyad::query
