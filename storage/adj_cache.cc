#include "storage/adj_cache.h"

#include <algorithm>
#include <mutex>
#include <tuple>

namespace dyad::storage {

AdjSpan SliceAdjacency(std::shared_ptr<const AdjList> list, Direction dir, const uint32_t* type) {
  if (!list) return AdjSpan();
  size_t n = list->size();
  if (dir == Direction::kBoth) return AdjSpan(std::move(list), 0, n);
  // Entries are sorted by (direction, type): binary-search the run.
  auto key = [](const AdjEntry& e) { return std::make_tuple(static_cast<uint8_t>(e.dir), e.type); };
  const uint8_t d = static_cast<uint8_t>(dir);
  auto first = list->begin(), last = list->end();
  if (type) {
    auto t = std::make_tuple(d, *type);
    first = std::lower_bound(list->begin(), list->end(), t, [&](const AdjEntry& e, const auto& v) { return key(e) < v; });
    last = std::upper_bound(first, list->end(), t, [&](const auto& v, const AdjEntry& e) { return v < key(e); });
  } else {
    first = std::lower_bound(list->begin(), list->end(), d,
                             [](const AdjEntry& e, uint8_t v) { return static_cast<uint8_t>(e.dir) < v; });
    last = std::upper_bound(first, list->end(), d,
                            [](uint8_t v, const AdjEntry& e) { return v < static_cast<uint8_t>(e.dir); });
  }
  size_t b = first - list->begin(), e = last - list->begin();
  return AdjSpan(std::move(list), b, e);
}

std::shared_ptr<const AdjList> AdjCache::Find(uint64_t seq, uint64_t node) const {
  std::shared_lock lock(mu_);
  if (seq != seq_) return nullptr;
  auto it = lists_.find(node);
  return it == lists_.end() ? nullptr : it->second;
}

void AdjCache::Insert(uint64_t seq, uint64_t node, std::shared_ptr<const AdjList> list) {
  if (max_entries_ == 0) return;
  std::unique_lock lock(mu_);
  if (seq < floor_ || seq < seq_) return;
  if (seq > seq_ || entries_ + list->size() > max_entries_) {
    lists_.clear();
    entries_ = 0;
    seq_ = seq;
  }
  if (list->size() > max_entries_ || lists_.count(node)) return;
  entries_ += list->size();
  lists_.emplace(node, std::move(list));
}

void AdjCache::Reset(uint64_t floor) {
  std::unique_lock lock(mu_);
  lists_.clear();
  entries_ = 0;
  floor_ = std::max(floor_, floor);
  seq_ = floor_;
}

size_t AdjCache::entries() const {
  std::shared_lock lock(mu_);
  return entries_;
}

}  // namespace dyad::storage
