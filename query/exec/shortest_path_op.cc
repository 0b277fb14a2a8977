#include "query/exec/shortest_path_op.h"

#include <functional>
#include <unordered_map>

namespace dyad::query {

ShortestPathOp::ShortestPathOp(std::unique_ptr<Operator> input, StepSpec spec, int64_t min_hops, int64_t max_hops,
                               bool all, int path_slot)
    : spec_(std::move(spec)), min_(min_hops), max_(max_hops), all_(all), path_slot_(path_slot) {
  children.push_back(std::move(input));
}

Status ShortestPathOp::Open(ExecContext& ctx) {
  ResolveTypes(ctx.txn(), spec_.types, &type_ids_, &no_types_match_);
  results_.clear();
  next_ = 0;
  return Operator::Open(ctx);
}

Status ShortestPathOp::Search(ExecContext& ctx) {
  results_.clear();
  next_ = 0;
  const Value& a = GetSlot(current_, spec_.from_slot);
  const Value& b = GetSlot(current_, spec_.to_slot);
  if (!a.is_node() || !b.is_node() || no_types_match_) return Status::OK();
  uint64_t src = a.as_node().id, dst = b.as_node().id;
  if (src == dst) {
    if (min_ == 0) results_.push_back({});
    return Status::OK();
  }
  DYAD_RETURN_IF_ERROR(all_ ? SearchAll(ctx, src, dst) : SearchBothEnds(ctx, src, dst));
  if (static_cast<int64_t>(results_.empty() ? 0 : results_[0].size()) < min_) results_.clear();
  return Status::OK();
}

namespace {

storage::Direction Reverse(storage::Direction d) {
  if (d == storage::Direction::kBoth) return d;
  return d == storage::Direction::kOut ? storage::Direction::kIn : storage::Direction::kOut;
}

// Mark depth: the side that reached the node (start or end) in the top
// bit, the distance from that side below.
constexpr uint32_t kEndSide = 1u << 31;
// Mark data of the two ends: reached by no relationship.
constexpr uint64_t kRoot = ~uint64_t{0};

}  // namespace

Status ShortestPathOp::SearchBothEnds(ExecContext& ctx, uint64_t src, uint64_t dst) {
  PooledNodeMarks pooled;
  NodeMarks& marks = *pooled;
  marks.Reserve(ctx.txn()->store()->next_node_id());
  via_.clear();
  marks.Insert(src, 0, kRoot);
  marks.Insert(dst, kEndSide, kRoot);
  frontier_[0].assign(1, src);
  frontier_[1].assign(1, dst);
  int64_t depth[2] = {0, 0};
  // The path so far from node back to its side's end, appended to out.
  auto walk_back = [&](uint64_t node, std::vector<RelRef>* out) {
    for (uint64_t at = node; marks.data(at) != kRoot;) {
      const RelRef& r = via_[marks.data(at)];
      out->push_back(r);
      at = r.start == at ? r.end : r.start;
    }
  };
  while (depth[0] + depth[1] < max_ && !frontier_[0].empty() && !frontier_[1].empty()) {
    // Grow the smaller frontier by one level: from the end, against the
    // pattern's direction.
    const int side = frontier_[1].size() < frontier_[0].size() ? 1 : 0;
    const storage::Direction dir = side == 0 ? spec_.dir : Reverse(spec_.dir);
    const uint32_t next_depth = static_cast<uint32_t>(depth[side] + 1) | (side ? kEndSide : 0);
    next_frontier_.clear();
    for (uint64_t u : frontier_[side]) {
      DYAD_RETURN_IF_ERROR(OpenSpans(ctx.txn(), u, dir, type_ids_, &spans_));
      for (const storage::AdjSpan& sp : spans_) {
        for (size_t i = 0, n = sp.size(); i < n; ++i) {
          const uint64_t v = sp.nbr(i);
          if (!marks.Has(v)) {
            if (!spec_.distinct_from.empty() && UsedElsewhere(current_, spec_.distinct_from, sp.edge(i))) continue;
            DYAD_RETURN_IF_ERROR(ctx.Tick());
            marks.Insert(v, next_depth, via_.size());
            via_.push_back(ToRel(sp[i]));
            next_frontier_.push_back(v);
            continue;
          }
          if ((marks.depth(v) & kEndSide) == (side ? kEndSide : 0)) continue;  // this side's own
          if (!spec_.distinct_from.empty() && UsedElsewhere(current_, spec_.distinct_from, sp.edge(i))) continue;
          // The frontiers meet: the first meeting is a shortest path, as no
          // node was reached from both ends before this level.
          std::vector<RelRef> from_src, to_dst;
          walk_back(side == 0 ? u : v, &from_src);
          walk_back(side == 0 ? v : u, &to_dst);
          std::vector<RelRef> path(from_src.rbegin(), from_src.rend());
          path.push_back(ToRel(sp[i]));
          path.insert(path.end(), to_dst.begin(), to_dst.end());
          results_.push_back(std::move(path));
          return Status::OK();
        }
      }
    }
    frontier_[side].swap(next_frontier_);
    ++depth[side];
  }
  return Status::OK();
}

Status ShortestPathOp::SearchAll(ExecContext& ctx, uint64_t src, uint64_t dst) {
  // BFS from src recording, for each reached node, every relationship that
  // reaches it at its (shortest) depth; then every way back from dst.
  std::unordered_map<uint64_t, int64_t> depth{{src, 0}};
  std::unordered_map<uint64_t, std::vector<RelRef>> parents;
  std::vector<uint64_t> frontier{src}, next;
  bool found = false;
  for (int64_t d = 1; d <= max_ && !frontier.empty() && !found; ++d) {
    next.clear();
    for (uint64_t u : frontier) {
      DYAD_RETURN_IF_ERROR(OpenSpans(ctx.txn(), u, spec_.dir, type_ids_, &spans_));
      for (const storage::AdjSpan& sp : spans_) {
        for (const storage::AdjEntry& e : sp) {
          if (SkipLoopTwin(e, spec_.dir) || UsedElsewhere(current_, spec_.distinct_from, e.edge)) continue;
          DYAD_RETURN_IF_ERROR(ctx.Tick());
          auto [it, fresh] = depth.try_emplace(e.nbr, d);
          if (fresh) next.push_back(e.nbr);
          else if (it->second != d) continue;
          parents[e.nbr].push_back(ToRel(e));
          found = found || e.nbr == dst;
        }
      }
    }
    frontier.swap(next);
  }
  if (!found) return Status::OK();
  std::vector<RelRef> path;
  std::function<void(uint64_t)> walk = [&](uint64_t n) {
    if (n == src) {
      results_.emplace_back(path.rbegin(), path.rend());
      return;
    }
    for (const RelRef& r : parents[n]) {
      uint64_t prev = r.start == n ? r.end : r.start;
      if (depth[prev] != depth[n] - 1) continue;
      path.push_back(r);
      walk(prev);
      path.pop_back();
    }
  };
  walk(dst);
  return Status::OK();
}

Status ShortestPathOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (next_ >= results_.size()) {
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) {
      *has = false;
      return Status::OK();
    }
    DYAD_RETURN_IF_ERROR(Search(ctx));
  }
  const std::vector<RelRef>& rels = results_[next_++];
  row = current_;
  List list;
  for (const RelRef& r : rels) list.push_back(Value(r));
  if (spec_.rel_slot >= 0) SetSlot(row, spec_.rel_slot, Value(std::move(list)));
  if (path_slot_ >= 0) SetSlot(row, path_slot_, Value(BuildPath(GetSlot(current_, spec_.from_slot).as_node().id, rels)));
  *has = true;
  return Status::OK();
}

std::string ShortestPathOp::Describe() const {
  return std::string(all_ ? "AllShortestPaths" : "ShortestPath") + spec_.text;
}

}  // namespace dyad::query
