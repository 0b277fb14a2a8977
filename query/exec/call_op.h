// ProcedureCallOp: for each input row, the rows of a procedure, with the
// yielded fields bound to slots.
#pragma once

#include <string>
#include <vector>

#include "query/exec/operator.h"
#include "query/exec/procedures.h"
#include "query/expr/compiled_expr.h"

namespace dyad::query {

// CALL proc(args) YIELD ...
class ProcedureCallOp : public Operator {
 public:
  // yield_slots[i] is the slot of output field i (-1: not yielded).
  ProcedureCallOp(std::unique_ptr<Operator> input, const ProcedureDef* proc, std::vector<CExprPtr> args,
                  std::vector<int> yield_slots);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "ProcedureCall(" + proc_->name + ")"; }

 private:
  const ProcedureDef* proc_;
  std::vector<CExprPtr> args_;
  std::vector<int> yield_slots_;
  Row current_;
  std::vector<std::vector<Value>> rows_;
  size_t next_ = 0;
};

}  // namespace dyad::query
