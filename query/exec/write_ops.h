// Write operators: CREATE, MERGE, SET, REMOVE, DELETE. Each reads its whole
// input first (Eager) so that its writes never feed back into its own reads.
#pragma once

#include <string>
#include <vector>

#include "query/exec/operator.h"
#include "query/expr/compiled_expr.h"
#include "storage/keys.h"

namespace dyad::query {

// A node of a CREATE/MERGE pattern.
struct CreateNodeSpec {
  int slot = -1;
  bool bound = false;  // already bound by earlier clauses: not created
  std::vector<std::string> labels;
  CExprPtr props;      // a map expression, or null
};

// A relationship of a CREATE/MERGE pattern between nodes[from] and nodes[to].
struct CreateRelSpec {
  int slot = -1;
  std::string type;
  size_t from = 0, to = 0;  // indexes into the part's nodes, already oriented
  CExprPtr props;
};

// One comma-separated part of a CREATE/MERGE pattern.
struct CreatePartSpec {
  std::vector<CreateNodeSpec> nodes;
  std::vector<CreateRelSpec> rels;
  int path_slot = -1;
  std::vector<size_t> order;  // node index of each path position (rels follow the chain)
  std::vector<bool> rel_forward;  // path step i goes from order[i] to order[i+1] as written
};

// Creates the pattern once for each input row.
class CreateOp : public Operator {
 public:
  CreateOp(std::unique_ptr<Operator> input, std::vector<CreatePartSpec> parts);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "Create"; }

 private:
  std::vector<CreatePartSpec> parts_;
};

// Creates a pattern's missing elements into row (shared with MERGE).
Status CreateParts(const std::vector<CreatePartSpec>& parts, Row& row, ExecContext& ctx);

// One SET / ON CREATE SET / ON MATCH SET assignment.
struct SetSpec {
  enum Kind { kProperty, kReplace, kMerge, kLabels } kind = kProperty;
  CExprPtr target;  // kProperty: the entity expression; others: the variable
  std::string key;  // kProperty
  CExprPtr value;
  std::vector<std::string> labels;
};

// Applies assignments to row's entities.
Status ApplySets(const std::vector<SetSpec>& sets, Row& row, ExecContext& ctx);

// SET: applies the assignments to each input row.
class SetOp : public Operator {
 public:
  SetOp(std::unique_ptr<Operator> input, std::vector<SetSpec> sets);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "SetProperties"; }

 private:
  std::vector<SetSpec> sets_;
};

// REMOVE: removes properties or labels for each input row.
struct RemoveSpec {
  CExprPtr target;
  std::string key;                  // property removal when non-empty
  std::vector<std::string> labels;  // label removal otherwise
};

// REMOVE operator.
class RemoveOp : public Operator {
 public:
  RemoveOp(std::unique_ptr<Operator> input, std::vector<RemoveSpec> items);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "Remove"; }

 private:
  std::vector<RemoveSpec> items_;
};

// [DETACH] DELETE: deletes nodes, relationships or paths for each input row.
class DeleteOp : public Operator {
 public:
  DeleteOp(std::unique_ptr<Operator> input, std::vector<CExprPtr> targets, bool detach);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return detach_ ? "DetachDelete" : "Delete"; }

 private:
  Status DeleteValue(const Value& v, ExecContext& ctx);
  std::vector<CExprPtr> targets_;
  bool detach_;
  std::vector<Row> rows_;
  size_t next_ = 0;
  bool done_ = false;
};

// MERGE: for each input row, the matches of the pattern (sub-plan); when
// there are none, creates it. Then ON MATCH / ON CREATE assignments.
class MergeOp : public Operator {
 public:
  MergeOp(std::unique_ptr<Operator> input, SubPlan match, std::vector<CreatePartSpec> create,
          std::vector<SetSpec> on_match, std::vector<SetSpec> on_create);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "Merge"; }

 private:
  SubPlan match_;
  std::vector<CreatePartSpec> create_;
  std::vector<SetSpec> on_match_, on_create_;
  std::vector<Row> pending_;
  size_t next_ = 0;
};

}  // namespace dyad::query
