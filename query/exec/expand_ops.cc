#include "query/exec/expand_ops.h"

#include <algorithm>
#include <limits>
#include <span>

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

Status OpenSpans(storage::Transaction* txn, uint64_t node, Direction dir, const std::vector<uint32_t>& types,
                 std::vector<storage::AdjSpan>* out) {
  out->clear();
  if (dir == Direction::kBoth && types.empty()) {  // the node's whole list, one lookup
    out->emplace_back();
    return txn->Adjacency(node, dir, nullptr, &out->back());
  }
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
  return e.dir == Direction::kOut ? RelRef{e.edge, e.node, e.nbr, e.type} : RelRef{e.edge, e.nbr, e.node, e.type};
}

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

Status ExpandOp::CountRows(ExecContext& ctx, int64_t* rows) {
  *rows = 0;
  std::vector<uint64_t> used;  // the row's relationships this one must differ from
  while (true) {
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) return Status::OK();
    DYAD_RETURN_IF_ERROR(StartRow(ctx));
    if (spans_.empty()) continue;
    const uint64_t from = GetSlot(current_, spec_.from_slot).as_node().id;
    const uint64_t to = spec_.to_bound ? GetSlot(current_, spec_.to_slot).as_node().id : 0;
    used.clear();
    for (int slot : spec_.distinct_from) {
      const Value& v = GetSlot(current_, slot);
      if (v.is_rel()) used.push_back(v.as_rel().id);
      if (v.is_list())
        for (const Value& e : v.as_list())
          if (e.is_rel()) used.push_back(e.as_rel().id);
    }
    for (const storage::AdjSpan& sp : spans_) {
      const uint64_t* nbrs = sp.nbrs();
      const uint64_t* edges = sp.edges();
      for (size_t i = 0, n = sp.size(); i < n; ++i) {
        if (spec_.to_bound && nbrs[i] != to) continue;
        // An undirected scan meets a self-loop twice: count it once.
        if (spec_.dir == Direction::kBoth && nbrs[i] == from && sp.dir(i) == Direction::kIn) continue;
        if (!used.empty() && std::find(used.begin(), used.end(), edges[i]) != used.end()) continue;
        ++*rows;
      }
    }
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

Status VarExpandOp::NextPath(ExecContext& ctx, bool* has, uint64_t* end) {
  while (true) {
    if (emit_zero_) {
      emit_zero_ = false;
      uint64_t start = frames_[0].node;
      if (!spec_.to_bound || GetSlot(current_, spec_.to_slot).as_node().id == start) {
        *end = start;
        *has = true;
        return Status::OK();
      }
    }
    if (depth_ > 0) {
      Frame& f = frames_[depth_ - 1];
      storage::AdjEntry e;
      bool got = false;
      while (f.span < f.spans.size()) {
        const storage::AdjSpan& sp = f.spans[f.span];
        if (f.pos >= sp.size()) {
          ++f.span;
          f.pos = 0;
          continue;
        }
        e = sp[f.pos++];
        if (!SkipLoopTwin(e, spec_.dir)) {
          got = true;
          break;
        }
      }
      if (!got) {
        --depth_;
        if (!path_.empty()) path_.pop_back();
        continue;
      }
      RelRef r = ToRel(e);
      bool repeated = std::any_of(path_.begin(), path_.end(), [&](const RelRef& p) { return p.id == r.id; });
      if (repeated || UsedElsewhere(current_, spec_.distinct_from, r.id)) continue;
      uint64_t next = e.nbr;
      path_.push_back(r);
      DYAD_RETURN_IF_ERROR(PushFrame(ctx, next, static_cast<int64_t>(path_.size()) < max_));
      DYAD_RETURN_IF_ERROR(ctx.Tick());
      if (static_cast<int64_t>(path_.size()) >= min_ &&
          (!spec_.to_bound || GetSlot(current_, spec_.to_slot).as_node().id == next)) {
        *end = next;
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

Status VarExpandOp::Next(ExecContext& ctx, Row& row, bool* has) {
  uint64_t end = 0;
  DYAD_RETURN_IF_ERROR(NextPath(ctx, has, &end));
  if (!*has) return Status::OK();
  row = current_;
  List rels;
  rels.reserve(path_.size());
  for (const RelRef& p : path_) rels.push_back(Value(p));
  if (spec_.reverse_rels) std::reverse(rels.begin(), rels.end());
  SetSlot(row, spec_.rel_slot, Value(std::move(rels)));
  if (!spec_.to_bound) SetSlot(row, spec_.to_slot, Value(NodeRef{end}));
  return Status::OK();
}

Status VarExpandOp::CountRows(ExecContext& ctx, int64_t* rows) {
  *rows = 0;
  for (bool has = true;;) {
    uint64_t end = 0;
    DYAD_RETURN_IF_ERROR(NextPath(ctx, &has, &end));
    if (!has) return Status::OK();
    ++*rows;
  }
}

std::string VarExpandOp::Describe() const {
  return "VarLengthExpand" + spec_.text + " *" + std::to_string(min_) + ".." +
         (max_ == std::numeric_limits<int64_t>::max() ? std::string() : std::to_string(max_));
}

}  // namespace dyad::query
