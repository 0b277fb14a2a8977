#include "query/exec/value_set.h"

#include <algorithm>

namespace dyad::query {

namespace {

// Spreads consecutive ids over the table (a 64-bit multiplicative hash).
size_t Mix(uint64_t id) {
  uint64_t h = id * 0x9E3779B97F4A7C15ull;
  return static_cast<size_t>(h ^ (h >> 29));
}

}  // namespace

bool ValueSet::IdTable::Insert(uint64_t id) {
  if (id == 0) {
    bool fresh = !has_zero;
    has_zero = true;
    size += fresh;
    return fresh;
  }
  if ((size + 1) * 2 > slots.size()) {  // keep the load at most 1/2
    std::vector<uint64_t> old(std::max<size_t>(64, slots.size() * 2), 0);
    old.swap(slots);
    size_t mask = slots.size() - 1;
    for (uint64_t x : old) {
      if (x == 0) continue;
      size_t i = Mix(x) & mask;
      while (slots[i] != 0) i = (i + 1) & mask;
      slots[i] = x;
    }
  }
  size_t mask = slots.size() - 1;
  for (size_t i = Mix(id) & mask;; i = (i + 1) & mask) {
    if (slots[i] == id) return false;
    if (slots[i] == 0) {
      slots[i] = id;
      ++size;
      return true;
    }
  }
}

bool ValueSet::Insert(const Value& v) {
  if (v.is_node()) return nodes_.Insert(v.as_node().id);
  if (v.is_rel()) return rels_.Insert(v.as_rel().id);
  return others_.insert(v).second;
}

void ValueSet::Clear() {
  nodes_ = IdTable();
  rels_ = IdTable();
  others_.clear();
}

}  // namespace dyad::query
