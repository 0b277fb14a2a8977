#include "query/exec/node_marks.h"

#include <algorithm>
#include <mutex>

namespace dyad::query {

void NodeMarks::Reset() {
  far_.clear();
  if (++gen_ == 0) {  // the stamps wrapped: clear them for real
    std::fill(stamp_.begin(), stamp_.end(), 0);
    gen_ = 1;
  }
}

void NodeMarks::Reserve(uint64_t bound) {
  bound = std::min(bound, kFlatLimit);
  if (bound <= stamp_.size()) return;
  stamp_.resize(bound, 0);
  depth_.resize(bound);
  data_.resize(bound);
}

bool NodeMarks::InsertSlow(uint64_t node, uint32_t depth, uint64_t data) {
  if (node < kFlatLimit) {
    Reserve(std::max<uint64_t>(node + 1, stamp_.size() * 2));
    return Insert(node, depth, data);
  }
  return far_.try_emplace(node, Far{depth, data}).second;
}

namespace {

// Idle instances; a few are enough (one per concurrently running traversal
// is created on demand, the rest freed).
constexpr size_t kMaxIdle = 2;
std::mutex pool_mu;
std::vector<std::unique_ptr<NodeMarks>>& Pool() {
  static auto* pool = new std::vector<std::unique_ptr<NodeMarks>>();
  return *pool;
}

}  // namespace

PooledNodeMarks::PooledNodeMarks() {
  {
    std::lock_guard lock(pool_mu);
    if (!Pool().empty()) {
      marks_ = std::move(Pool().back());
      Pool().pop_back();
    }
  }
  if (!marks_) marks_ = std::make_unique<NodeMarks>();
  marks_->Reset();
}

PooledNodeMarks::~PooledNodeMarks() {
  std::lock_guard lock(pool_mu);
  if (Pool().size() < kMaxIdle) Pool().push_back(std::move(marks_));
}

}  // namespace dyad::query
