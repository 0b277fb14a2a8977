// NodeMarks: per-node scratch state of one traversal (visited, depth and
// one word of payload: a branch, a parent), kept in flat arrays indexed by
// node id — ids are dense, allocated upwards from 1 — so that marking a
// node is an array store rather than a hash-map insertion. The visited
// check reads only a 4-byte stamp per node; a generation stamp forgets all
// marks in O(1), and instances are pooled, so a query neither allocates
// nor page-faults them again.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace dyad::query {

// The marks of one traversal. Not thread-safe.
class NodeMarks {
 public:
  // Forgets every mark.
  void Reset();
  // Makes room for node ids below bound up front, so that marking them
  // never reallocates (and the check stays one load).
  void Reserve(uint64_t bound);
  // True when node is marked.
  bool Has(uint64_t node) const {
    if (node < stamp_.size()) return stamp_[node] == gen_;
    return far_.count(node) > 0;
  }
  // Marks node with depth and data unless it is marked already; true when
  // it was not.
  bool Insert(uint64_t node, uint32_t depth, uint64_t data) {
    if (node < stamp_.size()) {
      if (stamp_[node] == gen_) return false;
      stamp_[node] = gen_;
      depth_[node] = depth;
      data_[node] = data;
      return true;
    }
    return InsertSlow(node, depth, data);
  }
  // Marks node without depth or data (a plain set: one store, where Insert
  // makes three); true when it was not marked. depth() and data() of a node
  // marked this way are undefined.
  bool Mark(uint64_t node) {
    if (node < stamp_.size()) {
      if (stamp_[node] == gen_) return false;
      stamp_[node] = gen_;
      return true;
    }
    return InsertSlow(node, 0, 0);
  }
  // The depth and data of a node marked by Insert.
  uint32_t depth(uint64_t node) const { return node < stamp_.size() ? depth_[node] : far_.at(node).depth; }
  uint64_t data(uint64_t node) const { return node < stamp_.size() ? data_[node] : far_.at(node).data; }

 private:
  // Ids at or above this go to a hash map instead (16 bytes a node below:
  // at most 256 MB for the largest graphs).
  static constexpr uint64_t kFlatLimit = uint64_t{1} << 24;
  struct Far {
    uint32_t depth;
    uint64_t data;
  };
  bool InsertSlow(uint64_t node, uint32_t depth, uint64_t data);
  std::vector<uint32_t> stamp_;  // == gen_ when marked
  std::vector<uint32_t> depth_;
  std::vector<uint64_t> data_;
  std::unordered_map<uint64_t, Far> far_;
  uint32_t gen_ = 1;
};

// A NodeMarks borrowed from a process-wide pool for the life of this
// object, reset and ready to use.
class PooledNodeMarks {
 public:
  PooledNodeMarks();
  ~PooledNodeMarks();
  PooledNodeMarks(const PooledNodeMarks&) = delete;
  PooledNodeMarks& operator=(const PooledNodeMarks&) = delete;
  NodeMarks* operator->() { return marks_.get(); }
  NodeMarks& operator*() { return *marks_; }

 private:
  std::unique_ptr<NodeMarks> marks_;
};

}  // namespace dyad::query
