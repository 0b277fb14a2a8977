// KeyIndex: an immutable hash table from the `key` strings of a snapshot to
// their nodes, built by a preload (storage/preload.h) and read without a lock.
// It answers the usual point lookup, MATCH (n {key: $k}), in one probe: the
// key's bytes are hashed once and compared once, where the epoch's general
// seek cache builds a lookup key, takes a lock and hashes a longer string.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::storage {

class KeyIndex {
 public:
  // True when key → node can be held (node below 2^48, key below 16 MB);
  // other pairs stay in the epoch's general seek cache.
  static bool Fits(std::string_view key, uint64_t node) {
    return node != 0 && node < (uint64_t{1} << 48) && key.size() < (size_t{1} << 24);
  }
  // Adds key → node while building (Fits must hold; each key once).
  void Add(std::string_view key, uint64_t node);
  // Builds the table from what was added; no Add after it.
  void Seal();
  // The node whose key is key, or 0 (no node has id 0).
  uint64_t Find(std::string_view key) const;
  // Keys held.
  size_t size() const { return count_; }
  // Bytes of memory held (for the epoch's bound).
  size_t bytes() const { return arena_.capacity() + slots_.capacity() * sizeof(Slot); }

 private:
  // node << 16 | a 16-bit tag of the hash (0: empty); offset << 24 | size.
  struct Slot {
    uint64_t node_tag = 0;
    uint64_t where = 0;
  };
  static uint64_t Hash(std::string_view key);

  std::string arena_;          // every key's bytes, back to back
  std::vector<Slot> slots_;    // Add: one per key in order; Seal: the table
  uint64_t mask_ = 0;
  size_t count_ = 0;
};

}  // namespace dyad::storage
