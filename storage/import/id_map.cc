#include "storage/import/id_map.h"

#include <cstring>
#include <functional>

namespace dyad::storage {

IdMap::IdMap() : slots_(1024) {}

uint64_t IdMap::Hash(std::string_view key) {
  // std::hash of a string is a good byte hash; mix so low bits spread.
  uint64_t h = std::hash<std::string_view>()(key);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

std::string_view IdMap::KeyOf(const Slot& s) const {
  if (s.size <= kInline) return std::string_view(s.inline_key, s.size);
  return std::string_view(arena_).substr(s.offset, s.size);
}

size_t IdMap::Probe(std::string_view key, uint64_t h) const {
  size_t mask = slots_.size() - 1;
  uint32_t tag = static_cast<uint32_t>(h >> 32);
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.id == 0) return i;
    if (s.hash == tag && s.size == key.size() && KeyOf(s) == key) return i;
  }
}

std::optional<uint64_t> IdMap::Find(std::string_view key) const {
  const Slot& s = slots_[Probe(key, Hash(key))];
  if (s.id == 0) return std::nullopt;
  return s.id;
}

void IdMap::Prefetch(std::string_view key) const {
  __builtin_prefetch(&slots_[Hash(key) & (slots_.size() - 1)]);
}

bool IdMap::Insert(std::string_view key, uint64_t id) {
  if ((size_ + 1) * 2 > slots_.size()) Grow();  // keep the load factor at most 1/2
  uint64_t h = Hash(key);
  Slot& s = slots_[Probe(key, h)];
  if (s.id != 0) return false;
  s.id = id;
  s.hash = static_cast<uint32_t>(h >> 32);
  s.size = static_cast<uint32_t>(key.size());
  if (key.size() <= kInline) {
    std::memcpy(s.inline_key, key.data(), key.size());
  } else {
    s.offset = arena_.size();
    arena_.append(key);
  }
  ++size_;
  return true;
}

void IdMap::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  for (const Slot& s : old) {
    if (s.id == 0) continue;
    size_t mask = slots_.size() - 1;
    uint64_t h = Hash(KeyOf(s));
    size_t i = h & mask;
    while (slots_[i].id != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace dyad::storage
