// BuildPathOp: binds a named path (p = (a)-[r]->(b)...) from the slots of
// its nodes and relationships.
#pragma once

#include <string>
#include <vector>

#include "query/exec/operator.h"

namespace dyad::query {

// Builds a PathValue from a start node slot and relationship slots (a slot
// may hold one relationship or, for variable-length steps, a list).
class BuildPathOp : public Operator {
 public:
  BuildPathOp(std::unique_ptr<Operator> input, int start_slot, std::vector<int> rel_slots, int path_slot,
              std::string name);
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override { return "BuildPath(" + name_ + ")"; }

 private:
  int start_slot_;
  std::vector<int> rel_slots_;
  int path_slot_;
  std::string name_;
};

}  // namespace dyad::query
