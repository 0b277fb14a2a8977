// AdjCache: a read-optimized in-memory view of the adjacency column family.
// Read-only transactions get each node's adjacency list from here instead of
// seeking RocksDB; a list is read from the snapshot on the first miss and
// kept for every later snapshot of the same sequence number (the same data).
// Any commit resets the cache, so a list is never served to a snapshot that
// could see different adjacency.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "storage/keys.h"

namespace dyad::storage {

// Every adjacency entry of one node in key order: direction, type,
// neighbour, relationship.
using AdjList = std::vector<AdjEntry>;

// A contiguous run of one node's adjacency entries (one direction and type,
// one direction, or all), sharing the list it points into.
class AdjSpan {
 public:
  AdjSpan() = default;
  AdjSpan(std::shared_ptr<const AdjList> list, size_t begin, size_t end)
      : list_(std::move(list)), begin_(begin), end_(end) {}
  // The entries.
  const AdjEntry* begin() const { return list_ ? list_->data() + begin_ : nullptr; }
  const AdjEntry* end() const { return list_ ? list_->data() + end_ : nullptr; }
  size_t size() const { return end_ - begin_; }
  bool empty() const { return begin_ == end_; }
  // The i-th entry of the run.
  const AdjEntry& operator[](size_t i) const { return (*list_)[begin_ + i]; }

 private:
  std::shared_ptr<const AdjList> list_;
  size_t begin_ = 0, end_ = 0;
};

// The run of list (one node's entries in key order) for a direction
// (kBoth: all) and, optionally, one type.
AdjSpan SliceAdjacency(std::shared_ptr<const AdjList> list, Direction dir, const uint32_t* type);

// Adjacency lists of one snapshot sequence number, shared by all readers.
// Thread-safe.
class AdjCache {
 public:
  // max_entries bounds the memory (32 bytes an entry); when full, the cache
  // starts over.
  explicit AdjCache(size_t max_entries) : max_entries_(max_entries) {}

  // The list of node as a snapshot at seq sees it, if cached.
  std::shared_ptr<const AdjList> Find(uint64_t seq, uint64_t node) const;
  // Keeps a list read from a snapshot at seq (ignored when a newer
  // sequence's lists are cached, or seq is older than the last reset).
  void Insert(uint64_t seq, uint64_t node, std::shared_ptr<const AdjList> list);
  // Forgets everything; lists read at snapshots older than floor (the
  // sequence number after a commit) are refused from now on.
  void Reset(uint64_t floor);
  // Entries held (for tests and the benchmark).
  size_t entries() const;

 private:
  const size_t max_entries_;
  mutable std::shared_mutex mu_;
  uint64_t seq_ = 0;
  uint64_t floor_ = 0;
  size_t entries_ = 0;
  std::unordered_map<uint64_t, std::shared_ptr<const AdjList>> lists_;
};

}  // namespace dyad::storage
