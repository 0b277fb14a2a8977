// ValueSet: the set of values a DISTINCT has seen. Node and relationship
// references — what DISTINCT over a traversal sees most — go into flat
// open-addressing tables of ids (no allocation per value); anything else
// into a hash set of Values (equality and hash as Value's: 1 equals 1.0).
#pragma once

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "graph/value.h"

namespace dyad::query {

// A set of Values. Not thread-safe.
class ValueSet {
 public:
  // Adds v; true when it was not in the set yet.
  bool Insert(const Value& v);
  // Empties the set.
  void Clear();
  // Number of values held.
  size_t size() const { return nodes_.size + rels_.size + others_.size(); }

 private:
  // Ids in linear-probing slots; 0 marks a free slot, so id 0 is kept apart.
  struct IdTable {
    std::vector<uint64_t> slots;
    size_t size = 0;
    bool has_zero = false;
    bool Insert(uint64_t id);
  };
  struct Hash {
    size_t operator()(const Value& v) const { return HashValue(v); }
  };
  IdTable nodes_, rels_;
  std::unordered_set<Value, Hash> others_;
};

}  // namespace dyad::query
