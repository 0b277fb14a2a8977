#include "query/exec/path_op.h"

#include "query/exec/expand_ops.h"

namespace dyad::query {

BuildPathOp::BuildPathOp(std::unique_ptr<Operator> input, int start_slot, std::vector<int> rel_slots, int path_slot,
                         std::string name)
    : start_slot_(start_slot), rel_slots_(std::move(rel_slots)), path_slot_(path_slot), name_(std::move(name)) {
  children.push_back(std::move(input));
}

Status BuildPathOp::Next(ExecContext& ctx, Row& row, bool* has) {
  DYAD_RETURN_IF_ERROR(input()->Pull(ctx, row, has));
  if (!*has) return Status::OK();
  const Value& start = GetSlot(row, start_slot_);
  if (!start.is_node()) {
    SetSlot(row, path_slot_, Value());
    return Status::OK();
  }
  std::vector<RelRef> rels;
  for (int s : rel_slots_) {
    const Value& v = GetSlot(row, s);
    if (v.is_rel()) {
      rels.push_back(v.as_rel());
    } else if (v.is_list()) {
      for (const Value& e : v.as_list()) rels.push_back(e.as_rel());
    } else {
      SetSlot(row, path_slot_, Value());  // part of an unmatched OPTIONAL pattern
      return Status::OK();
    }
  }
  SetSlot(row, path_slot_, Value(BuildPath(start.as_node().id, rels)));
  return Status::OK();
}

}  // namespace dyad::query
