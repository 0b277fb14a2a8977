// Operator: a physical plan node. Plans are trees of pull iterators: each
// Next() produces one output row, pulling from children as needed.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/status.h"
#include "query/exec/exec_context.h"
#include "query/exec/row.h"

namespace dyad::query {

// Base of every physical operator.
class Operator {
 public:
  virtual ~Operator() = default;
  // Prepares (or re-prepares, for sub-plans run once per outer row) the
  // operator and its children.
  virtual Status Open(ExecContext& ctx);
  // Produces the next row into row; *has is false when exhausted.
  virtual Status Next(ExecContext& ctx, Row& row, bool* has) = 0;
  // One line for EXPLAIN: the operator and its arguments.
  virtual std::string Describe() const = 0;

  // Next() with PROFILE accounting (rows out, time) and the row budget.
  // Inline: a point query pulls a handful of rows through several
  // operators, and the call would cost more than the work.
  Status Pull(ExecContext& ctx, Row& row, bool* has) {
    if (ctx.profiling) return ProfiledPull(ctx, row, has);
    DYAD_RETURN_IF_ERROR(Next(ctx, row, has));
    if (!*has) return Status::OK();
    ++rows_out;
    return ctx.Tick();
  }

  // Children, the first being the main input.
  std::vector<std::unique_ptr<Operator>> children;
  // PROFILE counters.
  int64_t rows_out = 0;
  double seconds = 0;

 protected:
  Operator* input() const { return children.empty() ? nullptr : children[0].get(); }

 private:
  // Pull under PROFILE: also times Next().
  Status ProfiledPull(ExecContext& ctx, Row& row, bool* has);
};

// Sets row[slot] = v, growing the row when needed.
inline void SetSlot(Row& row, int slot, Value v) {
  if (static_cast<int>(row.size()) <= slot) row.resize(slot + 1);
  row[slot] = std::move(v);
}

// row[slot], or null when the row is shorter.
inline const Value& GetSlot(const Row& row, int slot) {
  static const Value kNull;
  return slot < static_cast<int>(row.size()) ? row[slot] : kNull;
}

// Renders a plan tree for EXPLAIN (with_profile adds rows and time).
std::string RenderPlan(const Operator& root, bool with_profile);

}  // namespace dyad::query
