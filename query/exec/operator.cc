#include "query/exec/operator.h"

#include <chrono>
#include <cstdio>

namespace dyad::query {

Status Operator::Open(ExecContext& ctx) {
  for (auto& c : children) DYAD_RETURN_IF_ERROR(c->Open(ctx));
  return Status::OK();
}

Status Operator::ProfiledPull(ExecContext& ctx, Row& row, bool* has) {
  auto t0 = std::chrono::steady_clock::now();
  Status s = Next(ctx, row, has);
  seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (s.ok() && *has) {
    ++rows_out;
    return ctx.Tick();
  }
  return s;
}

namespace {

void Render(const Operator& op, int depth, bool profile, std::string* out) {
  out->append(static_cast<size_t>(depth) * 2, ' ');
  out->append(op.Describe());
  if (profile) {
    // Time is inclusive of children, as each Pull wraps its children's.
    char buf[96];
    snprintf(buf, sizeof buf, "  [rows=%lld, time=%.3f ms]", static_cast<long long>(op.rows_out), op.seconds * 1e3);
    out->append(buf);
  }
  out->push_back('\n');
  for (const auto& c : op.children) Render(*c, depth + 1, profile, out);
}

}  // namespace

std::string RenderPlan(const Operator& root, bool with_profile) {
  std::string out;
  Render(root, 0, with_profile, &out);
  return out;
}

}  // namespace dyad::query
