// IdMap: the node keys a load defines and the ids they were given.
//
// A load resolves two keys per relationship, tens of millions of lookups in
// a table of millions of keys. A node-based hash map spends most of that
// time on cache misses (bucket, node, string); this open-addressing table
// keeps short keys inside the slot, so a lookup usually touches one line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::storage {

// Maps node keys (strings) to node ids; insert and find only.
class IdMap {
 public:
  IdMap();
  // Adds key → id; false (and no change) when key is already present.
  bool Insert(std::string_view key, uint64_t id);
  // The id of key, if present.
  std::optional<uint64_t> Find(std::string_view key) const;
  // Starts loading the slot where key's lookup begins into the cache, so
  // that a Find a few elements later does not wait for memory.
  void Prefetch(std::string_view key) const;
  // Number of keys.
  size_t size() const { return size_; }

 private:
  static constexpr size_t kInline = 16;
  // One table slot; size == 0 with id == 0 marks an empty slot (ids start at 1).
  struct alignas(32) Slot {  // aligned: a slot never spans two cache lines
    uint64_t id = 0;
    uint32_t hash = 0;
    uint32_t size = 0;
    union {
      char inline_key[kInline];
      uint64_t offset;  // into arena_, for longer keys
    };
  };
  static uint64_t Hash(std::string_view key);
  std::string_view KeyOf(const Slot& s) const;
  // The slot holding key, or the empty slot where it would go.
  size_t Probe(std::string_view key, uint64_t h) const;
  void Grow();

  std::vector<Slot> slots_;
  std::string arena_;
  size_t size_ = 0;
};

}  // namespace dyad::storage
