#include "query/exec/exec_context.h"

#include <time.h>

namespace dyad::query {

namespace {
constexpr size_t kMaxCached = 200000;

// The coarse monotonic clock, in nanoseconds. A deadline needs only
// millisecond-scale resolution, and the coarse clock costs a few
// nanoseconds where the precise one costs ~30 (measured here, kvm-clock):
// a per-query cost a sub-microsecond query notices.
int64_t CoarseNowNs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}
}  // namespace

void ExecContext::SetLimits(int64_t timeout_ms, int64_t max_rows) {
  timeout_ms_ = timeout_ms;
  has_deadline_ = timeout_ms > 0;
  // A timeout fires within one coarse tick (1-10 ms) of its deadline.
  if (has_deadline_) deadline_ns_ = CoarseNowNs() + timeout_ms * 1000000;
  budget_ = max_rows;
}

Status ExecContext::CheckLimits() {
  if (budget_ > 0 && ticks_ > budget_)
    return Status(Status::Code::kResourceLimit,
                  "the query produced more than " + std::to_string(budget_) +
                      " intermediate rows and was stopped (a runaway expansion or cartesian product?)");
  if (has_deadline_ && CoarseNowNs() > deadline_ns_)
    return Status(Status::Code::kTimeout, "the query ran longer than " + std::to_string(timeout_ms_) + " ms and was stopped");
  return Status::OK();
}

Status ExecContext::GetNode(uint64_t id, const NodeRecord** out) {
  // Readers share decoded records through the snapshot's epoch.
  if ((*out = txn_->CachedNode(id))) return Status::OK();
  DYAD_RETURN_IF_ERROR(txn_->SharedNode(id, out));
  if (*out) return Status::OK();
  auto& nodes = records().nodes;
  auto it = nodes.find(id);
  if (it == nodes.end()) {
    NodeRecord n;
    DYAD_RETURN_IF_ERROR(txn_->GetNode(id, &n));
    if (nodes.size() > kMaxCached) nodes.clear();
    it = nodes.emplace(id, std::move(n)).first;
  }
  *out = &it->second;
  return Status::OK();
}

Status ExecContext::GetEdge(uint64_t id, const EdgeRecord** out) {
  auto& edges = records().edges;
  auto it = edges.find(id);
  if (it == edges.end()) {
    EdgeRecord e;
    DYAD_RETURN_IF_ERROR(txn_->GetEdge(id, &e));
    if (edges.size() > kMaxCached) edges.clear();
    it = edges.emplace(id, std::move(e)).first;
  }
  *out = &it->second;
  return Status::OK();
}

}  // namespace dyad::query
