// Leaf and scan operators: the argument row, node scans, index seeks.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>

#include "query/exec/operator.h"
#include "query/expr/compiled_expr.h"
#include "storage/transaction.h"

namespace dyad::query {

// Emits one row: a copy of the row it was given (sub-plans), or an empty
// row (the start of a query).
class ArgumentOp : public Operator {
 public:
  // Sets the row to emit (nullptr: an empty row).
  void set_row(const Row* row) { row_ = row; }
  // True when it emits an empty row (no outer row was set).
  bool emits_empty_row() const { return row_ == nullptr; }
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "Argument"; }

 private:
  const Row* row_ = nullptr;
  bool done_ = false;
};

// For each input row, every node (with label, when given) bound to slot.
class NodeScanOp : public Operator {
 public:
  NodeScanOp(std::unique_ptr<Operator> input, int slot, std::string variable, std::optional<std::string> label);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override;

 private:
  int slot_;
  std::string variable_;
  std::optional<std::string> label_;
  Row current_;
  std::unique_ptr<storage::Cursor> cursor_;
};

// For each input row, the nodes whose indexed property equals a value (or
// each value of a list, for IN), bound to slot. label_id 0 = global index.
class IndexSeekOp : public Operator {
 public:
  IndexSeekOp(std::unique_ptr<Operator> input, int slot, std::string variable, std::string label, std::string key,
              CExprPtr value, bool value_is_list);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override;
  // True when its only input row is the plan's empty one (its input is an
  // Argument without an outer row): then SeekNodes may replace pulling.
  bool SeeksFromEmptyRow() const { return argument_ && argument_->emits_empty_row(); }
  // For a consumer that needs only the nodes (a count over the seek), when
  // SeeksFromEmptyRow: the nodes found, sorted and unique, with no row built
  // (valid until the next call; they count against the row budget as rows).
  Status SeekNodes(ExecContext& ctx, const std::vector<uint64_t>** nodes);
  // The slot the seek binds.
  int slot() const { return slot_; }

 private:
  Status StartRow(ExecContext& ctx);
  int slot_;
  std::string variable_, label_, key_;
  CExprPtr value_;
  bool value_is_list_;
  ArgumentOp* argument_ = nullptr;  // the input, when it is an Argument
  Row current_;
  std::vector<uint64_t> hits_;
  std::vector<uint64_t> candidates_;  // of one value, before the check
  // The key and label ids once found in this run (a name that exists keeps
  // its id; a missing one is looked up again, a write may add it).
  std::optional<uint32_t> key_id_, label_id_;
  size_t next_ = 0;
};

// For each input row, the nodes whose indexed property lies in a range.
class IndexRangeOp : public Operator {
 public:
  IndexRangeOp(std::unique_ptr<Operator> input, int slot, std::string variable, std::string label, std::string key,
               CExprPtr lo, bool lo_inclusive, CExprPtr hi, bool hi_inclusive);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override;

 private:
  int slot_;
  std::string variable_, label_, key_;
  CExprPtr lo_, hi_;
  bool lo_inclusive_, hi_inclusive_;
  Row current_;
  std::unique_ptr<storage::Cursor> cursor_;
  std::unordered_set<uint64_t> seen_;  // a list property can match twice
};

}  // namespace dyad::query
