#include "query/exec/scan_ops.h"

#include <algorithm>
#include <span>

#include "query/expr/value_ops.h"

namespace dyad::query {

Status ArgumentOp::Open(ExecContext&) {
  done_ = false;
  return Status::OK();
}

Status ArgumentOp::Next(ExecContext&, Row& row, bool* has) {
  *has = !done_;
  if (!done_) {
    if (row_) row = *row_;
    else row.clear();
  }
  done_ = true;
  return Status::OK();
}

// ---- NodeScanOp ----

NodeScanOp::NodeScanOp(std::unique_ptr<Operator> input, int slot, std::string variable, std::optional<std::string> label)
    : slot_(slot), variable_(std::move(variable)), label_(std::move(label)) {
  children.push_back(std::move(input));
}

Status NodeScanOp::Open(ExecContext& ctx) {
  cursor_.reset();
  return Operator::Open(ctx);
}

Status NodeScanOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (true) {
    if (cursor_ && cursor_->Valid()) {
      uint64_t id = label_ ? cursor_->node_id() : storage::TrailingId(cursor_->key());
      cursor_->Next();
      row = current_;
      SetSlot(row, slot_, Value(NodeRef{id}));
      *has = true;
      return Status::OK();
    }
    if (cursor_) DYAD_RETURN_IF_ERROR(cursor_->status());
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) {
      *has = false;
      return Status::OK();
    }
    if (label_) {
      auto id = ctx.txn()->LabelId(*label_);
      if (!id) {
        cursor_.reset();
        continue;
      }
      cursor_ = ctx.txn()->ScanLabel(*id);
    } else {
      cursor_ = ctx.txn()->ScanNodes();
    }
  }
}

std::string NodeScanOp::Describe() const {
  return label_ ? "NodeByLabelScan(" + variable_ + ":" + *label_ + ")" : "AllNodesScan(" + variable_ + ")";
}

// ---- IndexSeekOp ----

IndexSeekOp::IndexSeekOp(std::unique_ptr<Operator> input, int slot, std::string variable, std::string label,
                         std::string key, CExprPtr value, bool value_is_list)
    : slot_(slot), variable_(std::move(variable)), label_(std::move(label)), key_(std::move(key)),
      value_(std::move(value)), value_is_list_(value_is_list) {
  argument_ = dynamic_cast<ArgumentOp*>(input.get());
  children.push_back(std::move(input));
}

Status IndexSeekOp::Open(ExecContext& ctx) {
  hits_.clear();
  next_ = 0;
  // key_id_ and label_id_ stay once found (a name's id never changes).
  return Operator::Open(ctx);
}

Status IndexSeekOp::StartRow(ExecContext& ctx) {
  hits_.clear();
  next_ = 0;
  // The value is usually a parameter: read in place, not copied.
  Value scratch;
  const Value* value = nullptr;
  DYAD_RETURN_IF_ERROR(EvaluateRef(*value_, current_, ctx, &scratch, &value));
  const Value& v = *value;
  if (!key_id_) key_id_ = ctx.txn()->KeyId(key_);
  uint32_t label = storage::kGlobalLabel;
  if (!label_.empty()) {
    if (!label_id_) label_id_ = ctx.txn()->LabelId(label_);
    if (!label_id_) return Status::OK();
    label = *label_id_;
  }
  const std::optional<uint32_t>& key = key_id_;
  if (!key) return Status::OK();
  // The values to seek: the list's elements, or v itself (no copy either way).
  std::span<const Value> wanted(&v, 1);
  if (value_is_list_) wanted = v.is_list() ? std::span<const Value>(v.as_list()) : std::span<const Value>();
  for (const Value& w : wanted) {
    if (w.is_null()) continue;
    candidates_.clear();
    bool exact = false;
    DYAD_RETURN_IF_ERROR(ctx.txn()->IndexLookup(label, *key, w, &candidates_, &exact));
    if (exact) {  // known equal (a preloaded key): nothing to confirm
      hits_.insert(hits_.end(), candidates_.begin(), candidates_.end());
      continue;
    }
    for (uint64_t id : candidates_) {
      // The index is a candidate generator (numbers are keyed by their double
      // value, lists by element): confirm with Cypher equality.
      const NodeRecord* n;
      DYAD_RETURN_IF_ERROR(ctx.GetNode(id, &n));
      const Value* p = FindProperty(n->props, *key);
      if (!p) continue;
      // Two strings (the usual key) compare directly; other kinds by Cypher's rules.
      const bool equal = p->is_string() && w.is_string() ? p->as_string() == w.as_string()
                                                         : CypherEquals(*p, w) == Value(true);
      if (equal) hits_.push_back(id);
    }
  }
  if (hits_.size() > 1) {  // one hit, the usual key seek, needs no sort
    std::sort(hits_.begin(), hits_.end());
    hits_.erase(std::unique(hits_.begin(), hits_.end()), hits_.end());
  }
  return Status::OK();
}

Status IndexSeekOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (next_ >= hits_.size()) {
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) {
      *has = false;
      return Status::OK();
    }
    DYAD_RETURN_IF_ERROR(StartRow(ctx));
  }
  row = current_;
  SetSlot(row, slot_, Value(NodeRef{hits_[next_++]}));
  *has = true;
  return Status::OK();
}

Status IndexSeekOp::SeekNodes(ExecContext& ctx, const std::vector<uint64_t>** nodes) {
  current_.clear();  // the empty row the Argument would emit
  DYAD_RETURN_IF_ERROR(StartRow(ctx));
  next_ = hits_.size();  // consumed: a Next after this pulls the input again
  *nodes = &hits_;
  return ctx.Tick(static_cast<int64_t>(hits_.size()));
}

std::string IndexSeekOp::Describe() const {
  return std::string("NodeIndexSeek(") + variable_ + (label_.empty() ? "" : ":" + label_) + "." + key_ +
         (value_is_list_ ? " IN list)" : " = value)");
}

// ---- IndexRangeOp ----

IndexRangeOp::IndexRangeOp(std::unique_ptr<Operator> input, int slot, std::string variable, std::string label,
                           std::string key, CExprPtr lo, bool lo_inclusive, CExprPtr hi, bool hi_inclusive)
    : slot_(slot), variable_(std::move(variable)), label_(std::move(label)), key_(std::move(key)), lo_(std::move(lo)),
      hi_(std::move(hi)), lo_inclusive_(lo_inclusive), hi_inclusive_(hi_inclusive) {
  children.push_back(std::move(input));
}

Status IndexRangeOp::Open(ExecContext& ctx) {
  cursor_.reset();
  return Operator::Open(ctx);
}

Status IndexRangeOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (true) {
    while (cursor_ && cursor_->Valid() && !seen_.insert(cursor_->node_id()).second) cursor_->Next();
    if (cursor_ && cursor_->Valid()) {
      uint64_t id = cursor_->node_id();
      cursor_->Next();
      row = current_;
      SetSlot(row, slot_, Value(NodeRef{id}));
      *has = true;
      return Status::OK();
    }
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) {
      *has = false;
      return Status::OK();
    }
    cursor_.reset();
    seen_.clear();
    Value lo, hi;
    if (lo_) DYAD_RETURN_IF_ERROR(Evaluate(*lo_, current_, ctx, &lo));
    if (hi_) DYAD_RETURN_IF_ERROR(Evaluate(*hi_, current_, ctx, &hi));
    if ((lo_ && lo.is_null()) || (hi_ && hi.is_null())) continue;
    auto key = ctx.txn()->KeyId(key_);
    auto label = label_.empty() ? std::optional<uint32_t>(storage::kGlobalLabel) : ctx.txn()->LabelId(label_);
    if (!key || !label) continue;
    cursor_ = ctx.txn()->IndexSeek(*label, *key, lo_ ? &lo : nullptr, lo_inclusive_, hi_ ? &hi : nullptr, hi_inclusive_);
  }
}

std::string IndexRangeOp::Describe() const {
  return "NodeIndexSeekByRange(" + variable_ + (label_.empty() ? "" : ":" + label_) + "." + key_ + ")";
}

}  // namespace dyad::query
