// Row-at-a-time relational operators: filter, project, unwind, skip/limit,
// sort, distinct, aggregate, union, optional, eager.
#pragma once

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "query/exec/operator.h"
#include "query/exec/scan_ops.h"
#include "query/exec/value_set.h"
#include "query/expr/compiled_expr.h"

namespace dyad::query {

// Keeps the rows whose predicate is true.
class FilterOp : public Operator {
 public:
  FilterOp(std::unique_ptr<Operator> input, CExprPtr predicate, std::string text);
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "Filter(" + text_ + ")"; }

 private:
  CExprPtr predicate_;
  std::string text_;
};

// Evaluates expressions into slots (the input's slots stay available).
class ProjectOp : public Operator {
 public:
  ProjectOp(std::unique_ptr<Operator> input, std::vector<std::pair<int, CExprPtr>> items, std::string text);
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "Projection(" + text_ + ")"; }

 private:
  std::vector<std::pair<int, CExprPtr>> items_;
  std::string text_;
};

// For each input row, one row per element of a list (a non-list value is a
// one-element list; null is empty).
class UnwindOp : public Operator {
 public:
  UnwindOp(std::unique_ptr<Operator> input, CExprPtr list, int slot, std::string variable);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "Unwind(" + variable_ + ")"; }

 private:
  CExprPtr list_;
  int slot_;
  std::string variable_;
  Row current_;
  Value items_;
  size_t next_ = 0;
};

// Skips the first n rows and/or stops after m rows (expressions evaluated once).
class SkipLimitOp : public Operator {
 public:
  SkipLimitOp(std::unique_ptr<Operator> input, CExprPtr skip, CExprPtr limit);
  // Pull the whole input even past the limit (it performs writes).
  void set_drain(bool drain) { drain_ = drain; }
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override;

 private:
  CExprPtr skip_, limit_;
  int64_t to_skip_ = 0, left_ = -1;
  bool drain_ = false;
};

// One ORDER BY key.
struct SortKey {
  CExprPtr expr;
  bool descending = false;
};

// Sorts all input rows by the keys (stable; Cypher's orderability).
class SortOp : public Operator {
 public:
  SortOp(std::unique_ptr<Operator> input, std::vector<SortKey> keys, std::string text);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "Sort(" + text_ + ")"; }

 private:
  std::vector<SortKey> keys_;
  std::string text_;
  std::vector<Row> rows_;
  size_t next_ = 0;
  bool loaded_ = false;
};

// Drops rows whose values in the given slots were already seen.
class DistinctOp : public Operator {
 public:
  DistinctOp(std::unique_ptr<Operator> input, std::vector<int> slots);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "Distinct"; }
  // Hashes a row key (consistent with Value equality).
  struct Hash {
    size_t operator()(const std::vector<Value>& v) const;
  };

 private:
  std::vector<int> slots_;
  std::unordered_set<std::vector<Value>, Hash> seen_;
  ValueSet seen_one_;  // when there is one slot
};

// The aggregate functions.
enum class AggKind { kCount, kCountStar, kSum, kAvg, kMin, kMax, kCollect, kStDev, kStDevP, kPercentileCont, kPercentileDisc };

// One aggregate: function, argument, DISTINCT, and the output slot.
struct AggSpec {
  AggKind kind = AggKind::kCount;
  CExprPtr arg;         // null for count(*)
  CExprPtr percentile;  // percentileCont/Disc second argument
  bool distinct = false;
  int slot = -1;
};

// Groups rows by key expressions and computes aggregates per group.
class AggregateOp : public Operator {
 public:
  AggregateOp(std::unique_ptr<Operator> input, std::vector<std::pair<int, CExprPtr>> keys, std::vector<AggSpec> aggs,
              std::string text);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "Aggregate(" + text_ + ")"; }

 private:
  Status Load(ExecContext& ctx);
  std::vector<std::pair<int, CExprPtr>> keys_;
  std::vector<AggSpec> aggs_;
  std::string text_;
  std::vector<Row> out_;
  size_t next_ = 0;
  bool loaded_ = false;
};

// Concatenates its children's rows, copying each child's column slots to
// the output slots; distinct drops duplicate rows (UNION vs UNION ALL).
class UnionOp : public Operator {
 public:
  UnionOp(std::vector<std::unique_ptr<Operator>> parts, std::vector<std::vector<int>> column_slots, bool distinct);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return distinct_ ? "Union" : "UnionAll"; }

 private:
  std::vector<std::vector<int>> column_slots_;
  bool distinct_;
  size_t part_ = 0;
  std::unordered_set<std::vector<Value>, DistinctOp::Hash> seen_;
};

// OPTIONAL MATCH: for each input row, the rows of the sub-plan seeded with
// it; when there are none, the input row with the new slots set to null.
class OptionalOp : public Operator {
 public:
  OptionalOp(std::unique_ptr<Operator> input, SubPlan sub, std::vector<int> null_slots);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "Optional"; }

 private:
  SubPlan sub_;
  std::vector<int> null_slots_;
  Row current_;
  bool active_ = false;
  bool produced_ = false;
};

// Reads all input rows before passing any on, so that writes downstream do
// not affect reads upstream (Cypher's clause-at-a-time semantics).
class EagerOp : public Operator {
 public:
  explicit EagerOp(std::unique_ptr<Operator> input);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "Eager"; }

 private:
  std::vector<Row> rows_;
  size_t next_ = 0;
  bool loaded_ = false;
};

}  // namespace dyad::query
