#include "query/exec/count_ops.h"

#include <algorithm>
#include <map>

#include "storage/transaction.h"

namespace dyad::query {

RelationshipCountOp::RelationshipCountOp(std::unique_ptr<Operator> input, std::vector<std::string> types,
                                         int type_slot, std::vector<int> count_slots, std::string text)
    : types_(std::move(types)), type_slot_(type_slot), count_slots_(std::move(count_slots)), text_(std::move(text)) {
  children.push_back(std::move(input));
}

Status RelationshipCountOp::Open(ExecContext& ctx) {
  counts_.clear();
  next_ = 0;
  return Operator::Open(ctx);
}

Status RelationshipCountOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (next_ >= counts_.size()) {
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) {
      *has = false;
      return Status::OK();
    }
    // Read per input row: the counters include this transaction's writes.
    std::map<uint32_t, int64_t> by_type;
    DYAD_RETURN_IF_ERROR(ctx.txn()->RelationshipCountsByType(&by_type));
    counts_.clear();
    next_ = 0;
    int64_t total = 0;
    for (const auto& [id, n] : by_type) {
      std::string name = ctx.txn()->TypeName(id);
      if (!types_.empty() && std::find(types_.begin(), types_.end(), name) == types_.end()) continue;
      total += n;
      if (type_slot_ >= 0) counts_.emplace_back(std::move(name), n);
    }
    // Without grouping, count(*) has one row even when nothing matches.
    if (type_slot_ < 0) counts_.emplace_back(std::string(), total);
  }
  const auto& [name, n] = counts_[next_++];
  row = current_;
  if (type_slot_ >= 0) SetSlot(row, type_slot_, Value(name));
  for (int s : count_slots_) SetSlot(row, s, Value(n));
  *has = true;
  return Status::OK();
}

// ---- CountRowsOp ----

CountRowsOp::CountRowsOp(std::unique_ptr<Operator> input, Counter counter, std::vector<int> slots, std::string text)
    : counter_(std::move(counter)), slots_(std::move(slots)), text_(std::move(text)) {
  children.push_back(std::move(input));
}

Status CountRowsOp::Open(ExecContext& ctx) {
  done_ = false;
  return Operator::Open(ctx);
}

Status CountRowsOp::Next(ExecContext& ctx, Row& row, bool* has) {
  *has = !done_;
  if (done_) return Status::OK();
  done_ = true;
  int64_t n = 0;
  DYAD_RETURN_IF_ERROR(counter_(ctx, &n));
  row.clear();
  for (int s : slots_) SetSlot(row, s, Value(n));
  return Status::OK();
}

}  // namespace dyad::query
