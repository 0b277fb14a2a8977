#include "query/exec/expand_ops.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <limits>
#include <span>
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

// The adjacency runs of node for a step: one per direction and type.
Status OpenSpans(storage::Transaction* txn, uint64_t node, Direction dir, const std::vector<uint32_t>& types,
                 std::vector<storage::AdjSpan>* out) {
  out->clear();
  const Direction both[] = {Direction::kOut, Direction::kIn};
  for (Direction d : dir == Direction::kBoth ? std::span<const Direction>(both) : std::span<const Direction>(&dir, 1)) {
    if (types.empty()) {
      out->emplace_back();
      DYAD_RETURN_IF_ERROR(txn->Adjacency(node, d, nullptr, &out->back()));
    } else {
      for (const uint32_t& t : types) {
        out->emplace_back();
        DYAD_RETURN_IF_ERROR(txn->Adjacency(node, d, &t, &out->back()));
      }
    }
  }
  return Status::OK();
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
  spans_.clear();
  span_ = 0;
  pos_ = 0;
  return Operator::Open(ctx);
}

Status ExpandOp::StartRow(ExecContext& ctx) {
  spans_.clear();
  span_ = 0;
  pos_ = 0;
  const Value& from = GetSlot(current_, spec_.from_slot);
  if (!from.is_node() || no_types_match_) return Status::OK();
  if (spec_.to_bound && !GetSlot(current_, spec_.to_slot).is_node()) return Status::OK();
  return OpenSpans(ctx.txn(), from.as_node().id, spec_.dir, type_ids_, &spans_);
}

Status ExpandOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (true) {
    while (span_ < spans_.size()) {
      const storage::AdjSpan& sp = spans_[span_];
      if (pos_ >= sp.size()) {
        ++span_;
        pos_ = 0;
        continue;
      }
      const storage::AdjEntry& e = sp[pos_++];
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
  frames_.clear();
  depth_ = 0;
  path_.clear();
  emit_zero_ = false;
  return Operator::Open(ctx);
}

Status VarExpandOp::PushFrame(ExecContext& ctx, uint64_t node, bool expand) {
  // Frames are reused from path to path: their span vectors keep capacity.
  if (frames_.size() <= depth_) frames_.emplace_back();
  Frame& f = frames_[depth_++];
  f.node = node;
  f.span = f.pos = 0;
  f.spans.clear();
  if (expand && !no_types_match_) return OpenSpans(ctx.txn(), node, spec_.dir, type_ids_, &f.spans);
  return Status::OK();
}

Status VarExpandOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (true) {
    if (emit_zero_) {
      emit_zero_ = false;
      uint64_t start = frames_[0].node;
      if (!spec_.to_bound || GetSlot(current_, spec_.to_slot).as_node().id == start) {
        row = current_;
        SetSlot(row, spec_.rel_slot, Value(List{}));
        if (!spec_.to_bound) SetSlot(row, spec_.to_slot, Value(NodeRef{start}));
        *has = true;
        return Status::OK();
      }
    }
    if (depth_ > 0) {
      Frame& f = frames_[depth_ - 1];
      const storage::AdjEntry* e = nullptr;
      while (f.span < f.spans.size()) {
        const storage::AdjSpan& sp = f.spans[f.span];
        if (f.pos >= sp.size()) {
          ++f.span;
          f.pos = 0;
          continue;
        }
        e = &sp[f.pos++];
        if (!SkipLoopTwin(*e, spec_.dir)) break;
        e = nullptr;
      }
      if (!e) {
        --depth_;
        if (!path_.empty()) path_.pop_back();
        continue;
      }
      RelRef r = ToRel(*e);
      bool repeated = std::any_of(path_.begin(), path_.end(), [&](const RelRef& p) { return p.id == r.id; });
      if (repeated || UsedElsewhere(current_, spec_.distinct_from, r.id)) continue;
      uint64_t next = e->nbr;
      path_.push_back(r);
      DYAD_RETURN_IF_ERROR(PushFrame(ctx, next, static_cast<int64_t>(path_.size()) < max_));
      DYAD_RETURN_IF_ERROR(ctx.Tick());
      if (static_cast<int64_t>(path_.size()) >= min_ &&
          (!spec_.to_bound || GetSlot(current_, spec_.to_slot).as_node().id == next)) {
        row = current_;
        List rels;
        rels.reserve(path_.size());
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
    path_.clear();
    depth_ = 0;
    DYAD_RETURN_IF_ERROR(PushFrame(ctx, from.as_node().id, max_ > 0));
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
  // at its (shortest) depth: all of them for allShortestPaths, the first one
  // for shortestPath (which also stops as soon as dst is reached).
  std::unordered_map<uint64_t, int64_t> depth{{src, 0}};
  std::unordered_map<uint64_t, std::vector<RelRef>> parents;
  std::unordered_map<uint64_t, RelRef> first_parent;
  std::vector<uint64_t> frontier{src}, next;
  std::vector<storage::AdjSpan> spans;
  bool found = false;
  for (int64_t d = 1; d <= max_ && !frontier.empty() && !found; ++d) {
    next.clear();
    for (size_t i = 0; i < frontier.size() && !(found && !all_); ++i) {
      DYAD_RETURN_IF_ERROR(OpenSpans(ctx.txn(), frontier[i], spec_.dir, type_ids_, &spans));
      for (const storage::AdjSpan& sp : spans) {
        for (const storage::AdjEntry& e : sp) {
          if (SkipLoopTwin(e, spec_.dir) || UsedElsewhere(current_, spec_.distinct_from, e.edge)) continue;
          DYAD_RETURN_IF_ERROR(ctx.Tick());
          auto [it, fresh] = depth.try_emplace(e.nbr, d);
          if (fresh) next.push_back(e.nbr);
          else if (it->second != d) continue;
          if (all_) parents[e.nbr].push_back(ToRel(e));
          else if (fresh) first_parent.emplace(e.nbr, ToRel(e));
          if (e.nbr == dst) {
            found = true;
            if (!all_) break;
          }
        }
        if (found && !all_) break;
      }
    }
    frontier.swap(next);
  }
  if (!found) return Status::OK();
  // Walk back from dst; for shortestPath keep only the first path.
  std::vector<RelRef> path;
  if (!all_) {
    for (uint64_t n = dst; n != src;) {
      const RelRef& r = first_parent.at(n);
      path.push_back(r);
      n = r.start == n ? r.end : r.start;
    }
    results_.emplace_back(path.rbegin(), path.rend());
  }
  std::function<void(uint64_t)> walk = [&](uint64_t n) {
    if (n == src) {
      std::vector<RelRef> p(path.rbegin(), path.rend());
      results_.push_back(std::move(p));
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
  if (all_) walk(dst);
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
