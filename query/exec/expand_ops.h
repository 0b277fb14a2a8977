// Traversal operators: single-hop expansion, variable-length expansion and
// shortest paths, all over the adjacency column family.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "query/exec/operator.h"
#include "storage/adj_cache.h"
#include "storage/keys.h"

namespace dyad::query {

class IndexSeekOp;

// What a relationship step matches: direction (relative to the traversal),
// the allowed types (empty = any), and which slots it binds.
struct StepSpec {
  int from_slot = -1;
  int to_slot = -1;
  int rel_slot = -1;          // single hop: RelRef; var-length: List of RelRef
  bool to_bound = false;      // to_slot already holds a node: only matches reaching it
  storage::Direction dir = storage::Direction::kOut;
  std::vector<std::string> types;
  std::vector<int> distinct_from;  // rel slots of the same MATCH the new rels must differ from
  bool reverse_rels = false;  // var-length walked right to left: bind the list in pattern order
  std::string text;           // "(a)-[r:T]->(b)" for EXPLAIN
};

// For each input row, each relationship of the from node that matches.
class ExpandOp : public Operator {
 public:
  ExpandOp(std::unique_ptr<Operator> input, StepSpec spec);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override;
  // Instead of Next: the number of rows it would produce (CountRowsOp).
  Status CountRows(ExecContext& ctx, int64_t* rows);
  const StepSpec& spec() const { return spec_; }

 private:
  Status StartRow(ExecContext& ctx);
  StepSpec spec_;
  std::vector<uint32_t> type_ids_;
  bool no_types_match_ = false;
  Row current_;
  std::vector<storage::AdjSpan> spans_;  // the from node's matching runs
  std::vector<RelRef> used_;  // CountRows: the row's relationships this one must differ from (kept: no allocation per run)
  size_t span_ = 0, pos_ = 0;
  std::vector<uint64_t> seen_loops_;
};

// For each input row, every path of min..max relationships from the from
// node (relationships unique within the path and distinct from the other
// relationships of the MATCH); binds the list of relationships and the end.
class VarExpandOp : public Operator {
 public:
  VarExpandOp(std::unique_ptr<Operator> input, StepSpec spec, int64_t min_hops, int64_t max_hops);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override;
  // Instead of Next: the number of rows it would produce (CountRowsOp),
  // without building their relationship lists.
  Status CountRows(ExecContext& ctx, int64_t* rows);
  const StepSpec& spec() const { return spec_; }

 private:
  // Advances the depth-first search to the next path to produce (pulling
  // input rows as needed): path_ holds it, *end its last node.
  Status NextPath(ExecContext& ctx, bool* has, uint64_t* end);
  // Counts the paths from start (ending at to when spec_.to_bound), adding
  // them to *rows; used_ holds the relationships they must not reuse.
  Status CountFrom(ExecContext& ctx, uint64_t start, uint64_t to, int64_t* rows);
  // Opens the next depth's frame at node (with its adjacency when expand).
  Status PushFrame(ExecContext& ctx, uint64_t node, bool expand);
  StepSpec spec_;
  int64_t min_, max_;
  // The input when it is an index seek: CountRows may take its nodes directly.
  IndexSeekOp* seek_ = nullptr;
  std::vector<uint32_t> type_ids_;
  bool no_types_match_ = false;
  Row current_;
  // DFS state: one frame per depth with the node's matching adjacency runs
  // and the position in them; frames_[0, depth_) are live.
  struct Frame {
    std::vector<storage::AdjSpan> spans;
    size_t span = 0, pos = 0;
    uint64_t node = 0;
  };
  // Moves f to its next relationship (an undirected self-loop's twin
  // skipped) into *e; false when f has none left.
  bool NextEntry(Frame& f, storage::AdjEntry* e) const;
  std::vector<Frame> frames_;
  size_t depth_ = 0;
  std::vector<RelRef> path_;
  // CountRows' scratch (kept: a rerun allocates nothing): the row's other
  // relationships, and those plus the current path.
  std::vector<RelRef> used_, used_or_path_;
  bool emit_zero_ = false;
};

// Looks type names up as ids into *ids; *none is true when a named type
// does not exist at all and no other type was named (nothing can match).
void LookUpTypes(storage::Transaction* txn, const std::vector<std::string>& names, std::vector<uint32_t>* ids,
                 bool* none);
// LookUpTypes, unless an earlier run of the plan found every name: a name's
// id never changes, so there is nothing to look up again (a missing name
// may exist by now: those are looked up each time). Inline: every run of
// an expansion passes here.
inline void ResolveTypes(storage::Transaction* txn, const std::vector<std::string>& names,
                         std::vector<uint32_t>* ids, bool* none) {
  if (!names.empty() && ids->size() == names.size()) return;
  LookUpTypes(txn, names, ids, none);
}

// The adjacency runs of node for a step, one per direction and type (all
// types when types is empty) that has entries, into *out.
Status OpenSpans(storage::Transaction* txn, uint64_t node, storage::Direction dir, const std::vector<uint32_t>& types,
                 std::vector<storage::AdjSpan>* out);

// The id of the node a step on row starts from, or nullopt when the row
// cannot match the step: its from slot, or its bound to slot, holds no node
// (a null an OPTIONAL MATCH left).
std::optional<uint64_t> StepStart(const Row& row, const StepSpec& spec);

// The relationship an adjacency entry stands for (with its type).
RelRef ToRel(const storage::AdjEntry& e);

// True when rel is one of the relationships held in the given slots of row
// (a relationship or a list of them): relationship uniqueness in a MATCH.
bool UsedElsewhere(const Row& row, const std::vector<int>& slots, uint64_t rel);

// An undirected scan meets a self-loop twice (out and in): true for the
// second, which is skipped.
inline bool SkipLoopTwin(const storage::AdjEntry& e, storage::Direction dir) {
  return dir == storage::Direction::kBoth && e.dir == storage::Direction::kIn && e.nbr == e.node;
}

// Builds the path value of a chain: the start node, then each relationship
// with the node it leads to.
PathValue BuildPath(uint64_t start, const std::vector<RelRef>& rels);

}  // namespace dyad::query
