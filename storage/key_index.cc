#include "storage/key_index.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace dyad::storage {

namespace {

// The low 8 bytes at p (n of them, n < 8), without reading past p + n.
uint64_t LoadTail(const char* p, size_t n) {
  uint64_t w = 0;
  if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);  // overlaps a when n < 8: still a function of the bytes
    return uint64_t{a} << 32 | b;
  }
  for (size_t i = 0; i < n; ++i) w = w << 8 | static_cast<unsigned char>(p[i]);
  return w;
}

}  // namespace

uint64_t KeyIndex::Hash(std::string_view key) {
  // Eight bytes at a time, each mixed by a multiply and a shift (the
  // finalizer of splitmix64); keys are short, so this is a few dozen
  // instructions where std::hash's general routine takes about a hundred.
  uint64_t h = 0x9e3779b97f4a7c15ull ^ key.size();
  const char* p = key.data();
  size_t n = key.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
  }
  h = (h ^ LoadTail(p, n)) * 0x94d049bb133111ebull;
  return h ^ (h >> 29);
}

void KeyIndex::Add(std::string_view key, uint64_t node) {
  slots_.push_back(Slot{node, uint64_t{arena_.size()} << 24 | key.size()});
  arena_.append(key);
}

void KeyIndex::Seal() {
  std::vector<Slot> added;
  added.swap(slots_);
  count_ = added.size();
  // At most half full: a probe that misses ends at an empty slot soon.
  const size_t capacity = std::bit_ceil(std::max<size_t>(2 * count_, 16));
  slots_.assign(capacity, Slot());
  mask_ = capacity - 1;
  for (const Slot& a : added) {
    std::string_view key(arena_.data() + (a.where >> 24), a.where & 0xffffff);
    const uint64_t h = Hash(key);
    size_t i = h & mask_;
    while (slots_[i].node_tag != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{a.node_tag << 16 | (h >> 48), a.where};
  }
  arena_.shrink_to_fit();
}

uint64_t KeyIndex::Find(std::string_view key) const {
  if (mask_ == 0) return 0;  // not sealed
  const uint64_t h = Hash(key);
  const uint64_t tag = h >> 48;
  for (size_t i = h & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.node_tag == 0) return 0;
    if ((s.node_tag & 0xffff) == tag && (s.where & 0xffffff) == key.size() &&
        std::memcmp(arena_.data() + (s.where >> 24), key.data(), key.size()) == 0)
      return s.node_tag >> 16;
  }
}

}  // namespace dyad::storage
