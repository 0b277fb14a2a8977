#include "query/exec/call_op.h"

namespace dyad::query {

ProcedureCallOp::ProcedureCallOp(std::unique_ptr<Operator> input, const ProcedureDef* proc, std::vector<CExprPtr> args,
                                 std::vector<int> yield_slots)
    : proc_(proc), args_(std::move(args)), yield_slots_(std::move(yield_slots)) {
  children.push_back(std::move(input));
}

Status ProcedureCallOp::Open(ExecContext& ctx) {
  rows_.clear();
  next_ = 0;
  return Operator::Open(ctx);
}

Status ProcedureCallOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (next_ >= rows_.size()) {
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, current_, &in));
    if (!in) {
      *has = false;
      return Status::OK();
    }
    std::vector<Value> args(args_.size());
    for (size_t i = 0; i < args_.size(); ++i) DYAD_RETURN_IF_ERROR(Evaluate(*args_[i], current_, ctx, &args[i]));
    rows_.clear();
    next_ = 0;
    DYAD_RETURN_IF_ERROR(proc_->run(args, ctx, &rows_));
  }
  row = current_;
  const std::vector<Value>& out = rows_[next_++];
  for (size_t i = 0; i < yield_slots_.size() && i < out.size(); ++i)
    if (yield_slots_[i] >= 0) SetSlot(row, yield_slots_[i], out[i]);
  *has = true;
  return Status::OK();
}

}  // namespace dyad::query
