// AdjCache: a read-optimized in-memory view of the adjacency column family.
// Read-only transactions get each node's adjacency list from here instead of
// seeking RocksDB. Lists belong to an epoch: the lists of one snapshot
// sequence number (the same data for every snapshot at it). A transaction
// pins the epoch of its sequence once and then finds a node's list by one
// array load, without a lock or a reference count; a list missing from the
// epoch is read from the snapshot on first use and published for everyone.
// A commit resets the cache: later snapshots get a new epoch, while
// transactions still reading an old one keep it alive until they end. An
// epoch also keeps the decoded node records and the equality index hits
// its readers asked for (the same data at one sequence number, so the same
// rules hold): a repeated lookup by key then costs no RocksDB read.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/record.h"
#include "graph/string_hash.h"
#include "storage/key_index.h"
#include "storage/keys.h"

namespace dyad::storage {

// One node's adjacency entries in key order (direction, type, neighbour,
// relationship) in one block of memory: a small header, then the
// neighbours, the relationships and the types, each column contiguous, so
// that finding a node's list is one pointer and a traversal that only needs
// neighbours reads 8 bytes an entry.
class AdjList {
 public:
  // Frees a list made by Make.
  struct Deleter {
    void operator()(const AdjList* list) const;
  };
  using Ptr = std::unique_ptr<AdjList, Deleter>;
  // A list of node's entries (given in key order, all of node).
  static Ptr Make(uint64_t node, const std::vector<AdjEntry>& entries);

  uint64_t node() const { return node_; }
  size_t size() const { return size_; }
  // Entries [0, out_count()) point out, the rest in.
  uint32_t out_count() const { return out_count_; }
  // Entries whose neighbour is the node itself (a self-loop has two).
  uint32_t self_loops() const { return self_loops_; }
  const uint64_t* nbrs() const { return reinterpret_cast<const uint64_t*>(this + 1); }
  const uint64_t* edges() const { return nbrs() + size_; }
  const uint32_t* types() const { return reinterpret_cast<const uint32_t*>(edges() + size_); }
  Direction dir(size_t i) const { return i < out_count_ ? Direction::kOut : Direction::kIn; }
  // Entry i as a whole.
  AdjEntry entry(size_t i) const { return AdjEntry{node_, dir(i), types()[i], nbrs()[i], edges()[i]}; }

 private:
  AdjList() = default;
  uint64_t node_ = 0;
  uint32_t out_count_ = 0;
  uint32_t size_ = 0;
  uint32_t self_loops_ = 0;
};

// A contiguous run of one node's adjacency entries (one direction and type,
// one direction, or all). It points into a list that a pinned epoch keeps
// alive, or that it owns itself (lists read outside the cache).
class AdjSpan {
 public:
  AdjSpan() = default;
  AdjSpan(const AdjList* list, std::shared_ptr<const AdjList> owner, size_t begin, size_t end)
      : list_(list), owner_(std::move(owner)), begin_(begin), end_(end) {}

  size_t size() const { return end_ - begin_; }
  bool empty() const { return begin_ == end_; }
  // Columns of the run's i-th entry.
  uint64_t nbr(size_t i) const { return list_->nbrs()[begin_ + i]; }
  uint64_t edge(size_t i) const { return list_->edges()[begin_ + i]; }
  uint32_t type(size_t i) const { return list_->types()[begin_ + i]; }
  Direction dir(size_t i) const { return list_->dir(begin_ + i); }
  // The run's neighbours and relationships as arrays (for tight loops).
  const uint64_t* nbrs() const { return list_ ? list_->nbrs() + begin_ : nullptr; }
  const uint64_t* edges() const { return list_ ? list_->edges() + begin_ : nullptr; }
  // The run's i-th entry as a whole.
  AdjEntry operator[](size_t i) const { return list_->entry(begin_ + i); }
  // False when the run surely holds no self-loop (its list has none).
  bool MayHoldSelfLoops() const { return list_ && list_->self_loops() > 0; }
  // True when the run holds the entry (dir, type, nbr, edge): a binary
  // search, as a list is in key order (direction, type, neighbour, edge).
  bool Holds(Direction dir, uint32_t type, uint64_t nbr, uint64_t edge) const {
    if (!list_) return false;
    const size_t split = list_->out_count();
    const size_t lo = dir == Direction::kOut ? begin_ : std::max(begin_, split);
    const size_t hi = dir == Direction::kOut ? std::min(end_, split) : end_;
    if (lo >= hi) return false;
    const uint32_t* types = list_->types();
    const uint64_t* nbrs = list_->nbrs();
    const uint64_t* edges = list_->edges();
    // One search on (type, neighbour, edge) within the direction's entries.
    auto below = [&](size_t i) {
      if (types[i] != type) return types[i] < type;
      return nbrs[i] != nbr ? nbrs[i] < nbr : edges[i] < edge;
    };
    // By hand rather than std::ranges::partition_point over an iota view,
    // which measured ~470 more instructions per default-graph Q3 run (11,774 vs 11,305).
    size_t at = lo;
    for (size_t n = hi - lo; n > 0;) {
      const size_t half = n / 2;
      if (below(at + half)) {
        at += half + 1;
        n -= half + 1;
      } else {
        n = half;
      }
    }
    return at < hi && types[at] == type && nbrs[at] == nbr && edges[at] == edge;
  }

  // Iterates whole entries (by value).
  class Iterator {
   public:
    Iterator(const AdjSpan* span, size_t i) : span_(span), i_(i) {}
    AdjEntry operator*() const { return (*span_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const AdjSpan* span_;
    size_t i_;
  };
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size()); }

 private:
  const AdjList* list_ = nullptr;
  std::shared_ptr<const AdjList> owner_;
  size_t begin_ = 0, end_ = 0;
};

// The entries [*first, *last) of list for a direction (kBoth: all) and,
// optionally, one type (within one direction entries are sorted by type).
inline void AdjRange(const AdjList& list, Direction dir, const uint32_t* type, size_t* first, size_t* last) {
  *first = dir == Direction::kIn ? list.out_count() : 0;
  *last = dir == Direction::kOut ? list.out_count() : list.size();
  if (type && dir != Direction::kBoth) {
    const uint32_t* b = list.types();
    const auto [lo, hi] = std::equal_range(b + *first, b + *last, *type);
    *first = lo - b;
    *last = hi - b;
  }
}

// The run of list for a direction (kBoth: all) and, optionally, one type.
// owner: the list's owner when no pinned epoch holds it (else null).
AdjSpan SliceAdjacency(const AdjList* list, std::shared_ptr<const AdjList> owner, Direction dir, const uint32_t* type);

// The adjacency lists of one snapshot sequence number. Thread-safe.
class AdjEpoch {
 public:
  // node_bound: node ids below it get a slot (others are never cached);
  // max_entries: the entries it may hold.
  AdjEpoch(uint64_t seq, uint64_t node_bound, size_t max_entries);
  ~AdjEpoch();
  AdjEpoch(const AdjEpoch&) = delete;
  AdjEpoch& operator=(const AdjEpoch&) = delete;

  uint64_t seq() const { return seq_; }
  // Entries held.
  size_t entries() const { return entries_.load(); }
  // True once a list was refused for lack of room.
  bool full() const { return full_.load(); }
  // The cached list of node, or null.
  const AdjList* Find(uint64_t node) const {
    return node < bound_ ? std::atomic_ref<const AdjList*>(slots_[node]).load(std::memory_order_acquire) : nullptr;
  }
  // Publishes list as node's. Returns the list now cached for node (list,
  // or one another reader published first), or null when the list cannot
  // be kept (no slot, or the cache is full): then the caller keeps it.
  const AdjList* Publish(uint64_t node, AdjList::Ptr* list);

  // The cached record of node, or null (one array load, like Find).
  const NodeRecord* FindNode(uint64_t node) const {
    return node < bound_ ? std::atomic_ref<const NodeRecord*>(node_slots_[node]).load(std::memory_order_acquire)
                         : nullptr;
  }
  // Publishes a record as its node's; returns the record now cached (this
  // one, or another reader's), or null when it cannot be kept.
  const NodeRecord* PublishNode(std::unique_ptr<NodeRecord>* record);
  // The nodes an equality index seek found (seek: the lookup's key, as
  // Transaction::IndexLookup makes it), or null when not cached. Stays
  // valid with the epoch.
  const std::vector<uint64_t>* FindSeek(std::string_view seek) const;
  // Keeps the nodes a seek found (unless the epoch is full). Returns false
  // when the epoch is full.
  bool PublishSeek(std::string_view seek, const std::vector<uint64_t>& nodes);

  // Keeps keys as the epoch's table of `key` strings (a preload built it
  // from the snapshot); false when it does not fit the bound. The first
  // table set stays (a second preload of the epoch read the same keys).
  bool SetKeyIndex(std::unique_ptr<KeyIndex> keys);
  // The table of `key` strings, or null. A string it lacks may still be
  // in the general seek cache (a key several nodes share, or one too long).
  const KeyIndex* key_index() const { return key_index_.load(std::memory_order_acquire); }

  // Marks the epoch as holding every adjacency list of its snapshot (a
  // preload read them all): a node without a list here has no relationships.
  void MarkAdjacencyComplete() { adj_complete_.store(true, std::memory_order_release); }
  // True once MarkAdjacencyComplete was called.
  bool adjacency_complete() const { return adj_complete_.load(std::memory_order_acquire); }
  // Marks the epoch as holding every equality answer of index (label, key):
  // a value without one matches no node.
  void MarkSeekComplete(uint32_t label, uint32_t key) {
    complete_seek_.store(uint64_t{label} << 32 | key, std::memory_order_release);
  }
  // True when MarkSeekComplete(label, key) was called.
  bool SeekComplete(uint32_t label, uint32_t key) const {
    return complete_seek_.load(std::memory_order_acquire) == (uint64_t{label} << 32 | key);
  }

 private:
  // Counts n more entries against the bound; false (and full) when over.
  bool Charge(size_t n);
  const uint64_t seq_;
  const uint64_t bound_;
  const size_t max_entries_;
  std::atomic<size_t> entries_{0};
  std::atomic<bool> full_{false};
  std::atomic<bool> adj_complete_{false};
  std::unique_ptr<KeyIndex> key_index_owned_;  // set once, under owned_mu_
  std::atomic<const KeyIndex*> key_index_{nullptr};
  // The one (label, key) index whose answers are all held (label << 32 |
  // key); ~0: none (no index has label and key ids both 2^32 - 1).
  std::atomic<uint64_t> complete_seek_{~uint64_t{0}};
  const AdjList** slots_;  // bound_ pointers, zeroed lazily (calloc)
  std::mutex owned_mu_;
  std::vector<const AdjList*> owned_;  // every published list, freed with the epoch
  const NodeRecord** node_slots_;  // like slots_, for node records
  std::vector<std::unique_ptr<const NodeRecord>> owned_nodes_;  // under owned_mu_
  mutable std::shared_mutex seek_mu_;
  std::unordered_map<std::string, std::vector<uint64_t>, TransparentStringHash, std::equal_to<>> seeks_;
};

// The epoch's key for an equality lookup of value in index (label, key):
// the label and key ids as they are in memory, then a string's bytes as
// they are, or another indexable value's ordered encoding (the cache needs
// equality only, so a string, the usual key, skips the escaping that
// ordering needs). False when the value is not indexable.
bool SeekCacheKey(uint32_t label, uint32_t key, const Value& value, std::string* out);
// The same key for the value whose ordered encoding is enc (as an index
// entry holds it). False when enc is malformed.
bool SeekCacheKeyOfEncoding(uint32_t label, uint32_t key, std::string_view enc, std::string* out);

// The current epoch and the memory bound. Thread-safe.
class AdjCache {
 public:
  // max_entries bounds the entries of an epoch (20 bytes each); when it is
  // full, its readers read further lists without keeping them, and the next
  // transaction starts a new epoch (the full one is freed when its last
  // reader ends). 0: no cache.
  explicit AdjCache(size_t max_entries) : max_entries_(max_entries) {}

  // The epoch for a snapshot at seq, to use for its whole life: the current
  // one, or a new one when seq is newer or the current one is full
  // (node_bound: the next node id). Null — read without the cache — when
  // seq is older than the current epoch or than the last reset (the cache
  // may hold newer data).
  std::shared_ptr<AdjEpoch> Pin(uint64_t seq, uint64_t node_bound);
  // The current epoch when it serves seq as it is (the common case, which
  // needs no node bound); null when Pin must decide.
  std::shared_ptr<AdjEpoch> Reuse(uint64_t seq);
  // Forgets the current epoch; snapshots older than floor (the sequence
  // number after a commit) get no epoch from now on.
  void Reset(uint64_t floor);
  // Entries held by the current epoch (for tests and the benchmark).
  size_t entries();
  // False when the bound is 0: no epochs at all.
  bool enabled() const { return max_entries_ > 0; }

 private:
  const size_t max_entries_;
  std::mutex mu_;
  std::shared_ptr<AdjEpoch> current_;
  uint64_t floor_ = 0;
};

}  // namespace dyad::storage
