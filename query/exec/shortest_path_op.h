// ShortestPathOp: shortestPath() and allShortestPaths() between two bound
// nodes.
#pragma once

#include <string>
#include <vector>

#include "query/exec/expand_ops.h"
#include "query/exec/node_marks.h"

namespace dyad::query {

// For each input row with both ends bound, the shortest path(s) between
// them, the pattern's direction and types respected. shortestPath searches
// breadth-first from both ends at once, always growing the smaller
// frontier, over flat node marks; allShortestPaths searches from the start
// only and keeps every parent at the shortest depth.
class ShortestPathOp : public Operator {
 public:
  ShortestPathOp(std::unique_ptr<Operator> input, StepSpec spec, int64_t min_hops, int64_t max_hops, bool all,
                 int path_slot);
  Status Open(ExecContext& ctx) override;
  Status Next(ExecContext& ctx, Row& row, bool* has) override;
  std::string Describe() const override;

 private:
  // Fills results_ for the current row.
  Status Search(ExecContext& ctx);
  // shortestPath: one shortest path from src to dst (src != dst) into
  // results_, if there is one within max_ relationships.
  Status SearchBothEnds(ExecContext& ctx, uint64_t src, uint64_t dst);
  // allShortestPaths: every shortest path into results_.
  Status SearchAll(ExecContext& ctx, uint64_t src, uint64_t dst);
  StepSpec spec_;
  int64_t min_, max_;
  bool all_;
  int path_slot_;
  std::vector<uint32_t> type_ids_;
  bool no_types_match_ = false;
  Row current_;
  std::vector<std::vector<RelRef>> results_;
  size_t next_ = 0;
  // SearchBothEnds' state, kept for its capacity: the frontiers, and the
  // relationship by which each reached node was reached (by mark data).
  std::vector<uint64_t> frontier_[2], next_frontier_;
  std::vector<RelRef> via_;
  std::vector<storage::AdjSpan> spans_;
};

}  // namespace dyad::query
