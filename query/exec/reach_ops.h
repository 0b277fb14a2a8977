// VarReachOp: the distinct end nodes of a variable-length pattern, found
// breadth-first instead of by enumerating every path.
#pragma once

#include <string>
#include <vector>

#include "query/exec/expand_ops.h"

namespace dyad::query {

// For each input row, each node at the end of some path of min..max
// relationships (min 0 or 1) from the from node, once — what
//   MATCH (a)-[*min..max]->(b)
// yields after de-duplicating (a, b) pairs; the planner uses it only when
// the rows are de-duplicated anyway and the relationships are not read
// (Planner::OnlyDistinctEndsMatter). The relationship slot stays unset.
//
// Why a BFS gives Cypher's trail semantics (no relationship twice in a
// path): a node b other than the start at BFS depth d has a shortest walk
// of length d, and a shortest walk repeats no node, so no relationship. The
// start node itself (when min is 1) needs a closed trail: directed, the
// shortest closed walk through it is a simple cycle, found as any scanned
// relationship back to it; undirected, a walk there and back over one
// relationship is not a trail, so it needs a self-loop, a second
// relationship to a depth-1 neighbour, or a relationship between two nodes
// whose BFS tree paths leave the start by different relationships (their
// lengths plus one must be at most max) — the shortest cycle through a node.
class VarReachOp : public Operator {
 public:
  VarReachOp(std::unique_ptr<Operator> input, StepSpec spec, int64_t min_hops, int64_t max_hops);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override;
  // Instead of Next: how many distinct end nodes all input rows reach
  // together — count(DISTINCT end) over its rows (CountRowsOp).
  Status CountDistinctEnds(ExecContext& ctx, int64_t* ends);
  const StepSpec& spec() const { return spec_; }

 private:
  // Fills found_ with the nodes reachable from start.
  Status Search(ExecContext& ctx, uint64_t start);
  StepSpec spec_;
  int64_t min_, max_;
  std::vector<uint32_t> type_ids_;
  bool no_types_match_ = false;
  Row current_;
  std::vector<uint64_t> found_;
  size_t next_ = 0;
  std::vector<uint64_t> frontier_, next_frontier_;
  std::vector<storage::AdjSpan> spans_;
};

}  // namespace dyad::query
