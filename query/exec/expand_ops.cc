#include "query/exec/expand_ops.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <limits>
#include <unordered_map>

namespace dyad::query {

using storage::Direction;

void ResolveTypes(storage::Transaction* txn, const std::vector<std::string>& names, std::vector<uint32_t>* ids,
                  bool* none) {
  ids->clear();
  for (const auto& n : names)
    if (auto id = txn->TypeId(n)) ids->push_back(*id);
  *none = !names.empty() && ids->empty();
}

PathValue BuildPath(uint64_t start, const std::vector<RelRef>& rels) {
  PathValue p;
  p.nodes.push_back(NodeRef{start});
  uint64_t at = start;
  for (const RelRef& r : rels) {
    at = r.start == at ? r.end : r.start;
    p.rels.push_back(r);
    p.nodes.push_back(NodeRef{at});
  }
  return p;
}

namespace {

// Opens the adjacency cursors of node for a step.
void OpenCursors(storage::Transaction* txn, uint64_t node, Direction dir, const std::vector<uint32_t>& types,
                 std::vector<std::unique_ptr<storage::Cursor>>* out) {
  out->clear();
  std::vector<Direction> dirs = dir == Direction::kBoth ? std::vector<Direction>{Direction::kOut, Direction::kIn}
                                                       : std::vector<Direction>{dir};
  for (Direction d : dirs) {
    if (types.empty()) out->push_back(txn->Neighbors(node, d, std::nullopt));
    else
      for (uint32_t t : types) out->push_back(txn->Neighbors(node, d, t));
  }
}

RelRef ToRel(const storage::AdjEntry& e) {
  return e.dir == Direction::kOut ? RelRef{e.edge, e.node, e.nbr} : RelRef{e.edge, e.nbr, e.node};
}

// True when rel is one of the relationships held in the given slots.
bool UsedElsewhere(const Row& row, const std::vector<int>& slots, uint64_t rel) {
  for (int s : slots) {
    const Value& v = GetSlot(row, s);
    if (v.is_rel() && v.as_rel().id == rel) return true;
    if (v.is_list())
      for (const Value& e : v.as_list())
        if (e.is_rel() && e.as_rel().id == rel) return true;
  }
  return false;
}

// A self-loop appears twice in an undirected scan (out and in): keep one.
bool SkipLoopTwin(const storage::AdjEntry& e, Direction dir) {
  return dir == Direction::kBoth && e.dir == Direction::kIn && e.nbr == e.node;
}

}  // namespace

// ---- ExpandOp ----

ExpandOp::ExpandOp(std::unique_ptr<Operator> input, StepSpec spec) : spec_(std::move(spec)) {
  children.push_back(std::move(input));
}

Status ExpandOp::Open(ExecContext& ctx) {
  ResolveTypes(ctx.txn(), spec_.types, &type_ids_, &no_types_match_);
  cursors_.clear();
  cursor_ = 0;
  return Operator::Open(ctx);
}

Status ExpandOp::StartRow(ExecContext& ctx) {
  cursors_.clear();
  cursor_ = 0;
  const Value& from = GetSlot(current_, spec_.from_slot);
  if (!from.is_node() || no_types_match_) return Status::OK();
  if (spec_.to_bound && !GetSlot(current_, spec_.to_slot).is_node()) return Status::OK();
  OpenCursors(ctx.txn(), from.as_node().id, spec_.dir, type_ids_, &cursors_);
  return Status::OK();
}

Status ExpandOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (true) {
    while (cursor_ < cursors_.size()) {
      storage::Cursor& c = *cursors_[cursor_];
      if (!c.Valid()) {
        DYAD_RETURN_IF_ERROR(c.status());
        ++cursor_;
        continue;
      }
      storage::AdjEntry e = c.adj();
      c.Next();
      if (SkipLoopTwin(e, spec_.dir)) continue;
      if (spec_.to_bound && GetSlot(current_, spec_.to_slot).as_node().id != e.nbr) continue;
      if (UsedElsewhere(current_, spec_.distinct_from, e.edge)) continue;
      row = current_;
      if (spec_.rel_slot >= 0) SetSlot(row, spec_.rel_slot, Value(ToRel(e)));
      if (!spec_.to_bound) SetSlot(row, spec_.to_slot, Value(NodeRef{e.nbr}));
      *has = true;
      return Status::OK();
    }
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) {
      *has = false;
      return Status::OK();
    }
    DYAD_RETURN_IF_ERROR(StartRow(ctx));
  }
}

std::string ExpandOp::Describe() const { return std::string(spec_.to_bound ? "ExpandInto" : "Expand") + spec_.text; }

// ---- VarExpandOp ----

VarExpandOp::VarExpandOp(std::unique_ptr<Operator> input, StepSpec spec, int64_t min_hops, int64_t max_hops)
    : spec_(std::move(spec)), min_(min_hops), max_(max_hops) {
  children.push_back(std::move(input));
}

Status VarExpandOp::Open(ExecContext& ctx) {
  ResolveTypes(ctx.txn(), spec_.types, &type_ids_, &no_types_match_);
  stack_.clear();
  path_.clear();
  emit_zero_ = false;
  return Operator::Open(ctx);
}

Status VarExpandOp::Neighbours(ExecContext& ctx, uint64_t node, std::vector<RelRef>* out) {
  out->clear();
  if (no_types_match_) return Status::OK();
  std::vector<std::unique_ptr<storage::Cursor>> cursors;
  OpenCursors(ctx.txn(), node, spec_.dir, type_ids_, &cursors);
  for (auto& c : cursors) {
    for (; c->Valid(); c->Next()) {
      storage::AdjEntry e = c->adj();
      if (!SkipLoopTwin(e, spec_.dir)) out->push_back(ToRel(e));
    }
    DYAD_RETURN_IF_ERROR(c->status());
  }
  return Status::OK();
}

Status VarExpandOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (true) {
    if (emit_zero_) {
      emit_zero_ = false;
      uint64_t start = stack_.front().node;
      if (!spec_.to_bound || GetSlot(current_, spec_.to_slot).as_node().id == start) {
        row = current_;
        SetSlot(row, spec_.rel_slot, Value(List{}));
        if (!spec_.to_bound) SetSlot(row, spec_.to_slot, Value(NodeRef{start}));
        *has = true;
        return Status::OK();
      }
    }
    if (!stack_.empty()) {
      Frame& f = stack_.back();
      if (f.next >= f.rels.size()) {
        stack_.pop_back();
        if (!path_.empty()) path_.pop_back();
        continue;
      }
      RelRef r = f.rels[f.next++];
      bool repeated = std::any_of(path_.begin(), path_.end(), [&](const RelRef& p) { return p.id == r.id; });
      if (repeated || UsedElsewhere(current_, spec_.distinct_from, r.id)) continue;
      uint64_t next = r.start == f.node ? r.end : r.start;
      path_.push_back(r);
      Frame child;
      child.node = next;
      if (static_cast<int64_t>(path_.size()) < max_) DYAD_RETURN_IF_ERROR(Neighbours(ctx, next, &child.rels));
      stack_.push_back(std::move(child));
      DYAD_RETURN_IF_ERROR(ctx.Tick());
      if (static_cast<int64_t>(path_.size()) >= min_ &&
          (!spec_.to_bound || GetSlot(current_, spec_.to_slot).as_node().id == next)) {
        row = current_;
        List rels;
        for (const RelRef& p : path_) rels.push_back(Value(p));
        if (spec_.reverse_rels) std::reverse(rels.begin(), rels.end());
        SetSlot(row, spec_.rel_slot, Value(std::move(rels)));
        if (!spec_.to_bound) SetSlot(row, spec_.to_slot, Value(NodeRef{next}));
        *has = true;
        return Status::OK();
      }
      continue;
    }
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) {
      *has = false;
      return Status::OK();
    }
    const Value& from = GetSlot(current_, spec_.from_slot);
    if (!from.is_node()) continue;
    if (spec_.to_bound && !GetSlot(current_, spec_.to_slot).is_node()) continue;
    Frame root;
    root.node = from.as_node().id;
    if (max_ > 0) DYAD_RETURN_IF_ERROR(Neighbours(ctx, root.node, &root.rels));
    stack_.push_back(std::move(root));
    path_.clear();
    emit_zero_ = min_ == 0;
  }
}

std::string VarExpandOp::Describe() const {
  return "VarLengthExpand" + spec_.text + " *" + std::to_string(min_) + ".." +
         (max_ == std::numeric_limits<int64_t>::max() ? std::string() : std::to_string(max_));
}

// ---- ShortestPathOp ----

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
  // BFS recording, for each reached node, the relationships that reach it
  // at its (shortest) depth.
  std::unordered_map<uint64_t, int64_t> depth{{src, 0}};
  std::unordered_map<uint64_t, std::vector<RelRef>> parents;
  std::vector<uint64_t> frontier{src};
  bool found = false;
  for (int64_t d = 1; d <= max_ && !frontier.empty() && !found; ++d) {
    std::vector<uint64_t> next;
    for (uint64_t n : frontier) {
      std::vector<std::unique_ptr<storage::Cursor>> cursors;
      OpenCursors(ctx.txn(), n, spec_.dir, type_ids_, &cursors);
      for (auto& c : cursors) {
        for (; c->Valid(); c->Next()) {
          storage::AdjEntry e = c->adj();
          if (SkipLoopTwin(e, spec_.dir) || UsedElsewhere(current_, spec_.distinct_from, e.edge)) continue;
          DYAD_RETURN_IF_ERROR(ctx.Tick());
          auto it = depth.find(e.nbr);
          if (it == depth.end()) {
            depth[e.nbr] = d;
            next.push_back(e.nbr);
          } else if (it->second != d) {
            continue;
          }
          parents[e.nbr].push_back(ToRel(e));
          if (e.nbr == dst) found = true;
        }
      }
    }
    frontier = std::move(next);
  }
  if (!found) return Status::OK();
  // Walk back from dst; for shortestPath keep only the first path.
  std::vector<RelRef> path;
  std::function<void(uint64_t)> walk = [&](uint64_t n) {
    if (n == src) {
      std::vector<RelRef> p(path.rbegin(), path.rend());
      results_.push_back(std::move(p));
      return;
    }
    for (const RelRef& r : parents[n]) {
      if (!all_ && !results_.empty()) return;
      uint64_t prev = r.start == n ? r.end : r.start;
      if (depth[prev] != depth[n] - 1) continue;
      path.push_back(r);
      walk(prev);
      path.pop_back();
    }
  };
  walk(dst);
  if (static_cast<int64_t>(results_.empty() ? 0 : results_[0].size()) < min_) results_.clear();
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
