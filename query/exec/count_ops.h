// Operators that answer counting questions from the store's counters
// instead of scanning (the planner picks them only when that is exact).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "query/exec/operator.h"

namespace dyad::query {

// `MATCH ()-[r:T1|T2]->() RETURN type(r), count(*)` over the whole graph:
// one row per relationship type (or, without type_slot, one row with the
// total) read from the per-type counters as the transaction sees them —
// snapshot plus its own uncommitted changes — instead of every relationship.
class RelationshipCountOp : public Operator {
 public:
  // types: the pattern's types (empty: all); type_slot: receives type(r)
  // (-1: no grouping); count_slots: each receives the count.
  RelationshipCountOp(std::unique_ptr<Operator> input, std::vector<std::string> types, int type_slot,
                      std::vector<int> count_slots, std::string text);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "RelationshipCountFromStore(" + text_ + ")"; }

 private:
  std::vector<std::string> types_;
  int type_slot_;
  std::vector<int> count_slots_;
  std::string text_;
  std::vector<std::pair<std::string, int64_t>> counts_;  // for the current input row
  size_t next_ = 0;
  Row current_;
};

// count(*) (or count(DISTINCT end) over a VarReachOp) with no grouping:
// asks its input to count the rows it would produce instead of producing
// them — no row is built, no relationship list allocated — and yields one
// row with the count in each slot.
class CountRowsOp : public Operator {
 public:
  // Counts the input's rows (the input's CountRows or CountDistinctEnds).
  using Counter = std::function<Status(ExecContext&, int64_t*)>;
  CountRowsOp(std::unique_ptr<Operator> input, Counter counter, std::vector<int> slots, std::string text);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "CountRows(" + text_ + ")"; }

 private:
  Counter counter_;
  std::vector<int> slots_;
  std::string text_;
  bool done_ = false;
};

}  // namespace dyad::query
