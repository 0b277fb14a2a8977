#include "query/exec/expand_ops.h"

#include <algorithm>
#include <limits>
#include <span>

#include "query/exec/scan_ops.h"

namespace dyad::query {

using storage::Direction;

void LookUpTypes(storage::Transaction* txn, const std::vector<std::string>& names, std::vector<uint32_t>* ids,
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
  // A list the snapshot's cache holds is sliced here, with no call per run
  // (the common case of a warm traversal); otherwise Adjacency reads it.
  const storage::AdjList* cached = txn->CachedAdjacency(node);
  // Typed runs are per direction; untyped, kBoth is the node's whole list.
  const Direction both[] = {Direction::kOut, Direction::kIn};
  const std::span<const Direction> dirs =
      dir == Direction::kBoth && !types.empty() ? std::span<const Direction>(both) : std::span<const Direction>(&dir, 1);
  for (Direction d : dirs) {
    for (size_t i = 0; i < std::max<size_t>(types.size(), 1); ++i) {
      const uint32_t* type = types.empty() ? nullptr : &types[i];
      if (cached) {
        size_t first, last;
        storage::AdjRange(*cached, d, type, &first, &last);
        if (first < last) out->emplace_back(cached, nullptr, first, last);
        continue;
      }
      storage::AdjSpan span;
      DYAD_RETURN_IF_ERROR(txn->Adjacency(node, d, type, &span));
      if (!span.empty()) out->push_back(std::move(span));
    }
  }
  return Status::OK();
}

std::optional<uint64_t> StepStart(const Row& row, const StepSpec& spec) {
  const Value& from = GetSlot(row, spec.from_slot);
  if (!from.is_node()) return std::nullopt;
  if (spec.to_bound && !GetSlot(row, spec.to_slot).is_node()) return std::nullopt;
  return from.as_node().id;
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

namespace {

// How many rows the entries of sp make for an expansion from `from`: those
// reaching `to` (when to_bound), without an undirected scan's second sight
// of a self-loop, and whose relationship is not in used (relationship
// uniqueness). A used relationship can only be in from's outgoing entries
// if it starts at from, in its incoming ones if it ends there: usually it
// is in neither, and the count is the run's length without a scan.
int64_t CountSpan(const storage::AdjSpan& sp, uint64_t from, bool both, bool to_bound, uint64_t to,
                  const std::vector<RelRef>& used) {
  const uint64_t* nbrs = sp.nbrs();
  const uint64_t* edges = sp.edges();
  const size_t n = sp.size();
  if (n == 0) return 0;
  auto is_used = [&](uint64_t edge) {
    return std::any_of(used.begin(), used.end(), [&](const RelRef& r) { return r.id == edge; });
  };
  if (to_bound) {
    int64_t rows = 0;
    for (size_t i = 0; i < n; ++i)
      if (nbrs[i] == to && !(both && nbrs[i] == from && sp.dir(i) == Direction::kIn) && !is_used(edges[i])) ++rows;
    return rows;
  }
  // Entries are ordered out, then in.
  const bool has_out = sp.dir(0) == Direction::kOut, has_in = sp.dir(n - 1) == Direction::kIn;
  // A relationship occurs at most once in a run of one direction; in both
  // directions a self-loop occurs twice, and the in-twin is skipped below.
  int64_t rows = static_cast<int64_t>(n);
  for (const RelRef& u : used) {
    const bool unknown_ends = u.start == 0 && u.end == 0;  // node ids start at 1
    const bool out_side = has_out && u.start == from, in_side = has_in && u.end == from;
    if (!unknown_ends && !out_side && !in_side) continue;
    if (!unknown_ends && u.has_type()) {
      // The entry's whole key is known: found by binary search, not a
      // scan (the relationship that led here always touches from).
      rows -= out_side && sp.Holds(Direction::kOut, u.type_id, u.end, u.id);
      rows -= in_side && sp.Holds(Direction::kIn, u.type_id, u.start, u.id);
      continue;
    }
    int64_t same = 0;
    for (size_t i = 0; i < n; ++i) same += edges[i] == u.id;
    rows -= same;
  }
  if (both && has_in && sp.MayHoldSelfLoops()) {
    int64_t loops = 0;
    for (size_t i = 0; i < n; ++i) loops += nbrs[i] == from;
    if (loops > 0)  // rare: find the in-twins that were not subtracted as used
      for (size_t i = 0; i < n; ++i)
        if (nbrs[i] == from && sp.dir(i) == Direction::kIn && !is_used(edges[i])) --rows;
  }
  return rows;
}

// The distinct relationships held in the given slots of row (a
// relationship or a list of them).
void RelsInSlots(const Row& row, const std::vector<int>& slots, std::vector<RelRef>* out) {
  out->clear();
  for (int slot : slots) {
    const Value& v = GetSlot(row, slot);
    if (v.is_rel()) out->push_back(v.as_rel());
    if (v.is_list())
      for (const Value& e : v.as_list())
        if (e.is_rel()) out->push_back(e.as_rel());
  }
  if (out->size() > 1) {
    auto by_id = [](const RelRef& a, const RelRef& b) { return a.id < b.id; };
    std::sort(out->begin(), out->end(), by_id);
    out->erase(std::unique(out->begin(), out->end()), out->end());  // RelRef == compares ids
  }
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

Status ExpandOp::CountRows(ExecContext& ctx, int64_t* rows) {
  *rows = 0;
  while (true) {
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) return Status::OK();
    DYAD_RETURN_IF_ERROR(StartRow(ctx));
    if (spans_.empty()) continue;
    const uint64_t from = GetSlot(current_, spec_.from_slot).as_node().id;
    const uint64_t to = spec_.to_bound ? GetSlot(current_, spec_.to_slot).as_node().id : 0;
    RelsInSlots(current_, spec_.distinct_from, &used_);
    int64_t n = 0;
    for (const storage::AdjSpan& sp : spans_) n += CountSpan(sp, from, spec_.dir == Direction::kBoth, spec_.to_bound, to, used_);
    *rows += n;
  }
}

std::string ExpandOp::Describe() const { return std::string(spec_.to_bound ? "ExpandInto" : "Expand") + spec_.text; }

// ---- VarExpandOp ----

VarExpandOp::VarExpandOp(std::unique_ptr<Operator> input, StepSpec spec, int64_t min_hops, int64_t max_hops)
    : spec_(std::move(spec)), min_(min_hops), max_(max_hops) {
  seek_ = dynamic_cast<IndexSeekOp*>(input.get());
  children.push_back(std::move(input));
}

Status VarExpandOp::Open(ExecContext& ctx) {
  ResolveTypes(ctx.txn(), spec_.types, &type_ids_, &no_types_match_);
  depth_ = 0;  // frames_ stay allocated for the next run
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
      if (!NextEntry(f, &e)) {
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
    std::optional<uint64_t> start = StepStart(current_, spec_);
    if (!start) continue;
    path_.clear();
    depth_ = 0;
    DYAD_RETURN_IF_ERROR(PushFrame(ctx, *start, max_ > 0));
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

bool VarExpandOp::NextEntry(Frame& f, storage::AdjEntry* e) const {
  while (f.span < f.spans.size()) {
    const storage::AdjSpan& sp = f.spans[f.span];
    if (f.pos >= sp.size()) {
      ++f.span;
      f.pos = 0;
      continue;
    }
    *e = sp[f.pos++];
    if (!SkipLoopTwin(*e, spec_.dir)) return true;
  }
  return false;
}

Status VarExpandOp::CountRows(ExecContext& ctx, int64_t* rows) {
  *rows = 0;
  // A seek from the plan's empty row (MATCH (a {key: $k})-[*]->() RETURN
  // count(*)) hands over its nodes without building a row for each: only
  // the start node matters then. PROFILE pulls rows, to count them.
  if (seek_ && !ctx.profiling && seek_->SeeksFromEmptyRow() && seek_->slot() == spec_.from_slot && !spec_.to_bound &&
      spec_.distinct_from.empty()) {
    const std::vector<uint64_t>* starts = nullptr;
    DYAD_RETURN_IF_ERROR(seek_->SeekNodes(ctx, &starts));
    used_.clear();
    for (uint64_t start : *starts) DYAD_RETURN_IF_ERROR(CountFrom(ctx, start, 0, rows));
    return Status::OK();
  }
  while (true) {
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) return Status::OK();
    const std::optional<uint64_t> from = StepStart(current_, spec_);
    if (!from) continue;
    const uint64_t to = spec_.to_bound ? GetSlot(current_, spec_.to_slot).as_node().id : 0;
    RelsInSlots(current_, spec_.distinct_from, &used_);
    DYAD_RETURN_IF_ERROR(CountFrom(ctx, *from, to, rows));
  }
}

Status VarExpandOp::CountFrom(ExecContext& ctx, uint64_t start, uint64_t to, int64_t* rows) {
  // NextPath's depth-first search, except that the paths of the last
  // length are counted per frame (CountSpan) instead of one by one: the
  // search never opens a frame for them.
  const bool both = spec_.dir == Direction::kBoth;
  if (min_ == 0 && (!spec_.to_bound || to == start)) ++*rows;
  if (max_ <= 0 || no_types_match_) return Status::OK();
  path_.clear();
  depth_ = 0;
  DYAD_RETURN_IF_ERROR(PushFrame(ctx, start, true));
  while (depth_ > 0) {
    Frame& f = frames_[depth_ - 1];
    const int64_t len = static_cast<int64_t>(path_.size()) + 1;  // of the paths f's entries end
    if (len >= max_) {
      if (len >= min_) {
        used_or_path_ = used_;
        used_or_path_.insert(used_or_path_.end(), path_.begin(), path_.end());
        int64_t n = 0;
        for (const storage::AdjSpan& sp : f.spans) n += CountSpan(sp, f.node, both, spec_.to_bound, to, used_or_path_);
        *rows += n;
        DYAD_RETURN_IF_ERROR(ctx.Tick(n));
      }
      --depth_;
      if (!path_.empty()) path_.pop_back();
      continue;
    }
    storage::AdjEntry e;
    if (!NextEntry(f, &e)) {
      --depth_;
      if (!path_.empty()) path_.pop_back();
      continue;
    }
    const uint64_t id = e.edge;
    auto same = [&](const RelRef& p) { return p.id == id; };
    if (std::any_of(path_.begin(), path_.end(), same) || std::any_of(used_.begin(), used_.end(), same)) continue;
    path_.push_back(ToRel(e));
    DYAD_RETURN_IF_ERROR(PushFrame(ctx, e.nbr, true));  // len < max_: it has a next length
    DYAD_RETURN_IF_ERROR(ctx.Tick());
    if (len >= min_ && (!spec_.to_bound || to == e.nbr)) ++*rows;
  }
  return Status::OK();
}

std::string VarExpandOp::Describe() const {
  return "VarLengthExpand" + spec_.text + " *" + std::to_string(min_) + ".." +
         (max_ == std::numeric_limits<int64_t>::max() ? std::string() : std::to_string(max_));
}

}  // namespace dyad::query
