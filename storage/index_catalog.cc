#include "storage/index_catalog.h"

#include <algorithm>
#include <mutex>

#include "graph/codec.h"
#include "storage/keys.h"

namespace dyad::storage {

void IndexCatalog::SetGlobalKeys(std::vector<uint32_t> keys) {
  std::unique_lock lock(mu_);
  global_ = std::move(keys);
  version_.fetch_add(1);
}

void IndexCatalog::Add(uint32_t label, uint32_t key) {
  std::unique_lock lock(mu_);
  per_label_.insert({label, key});
  version_.fetch_add(1);
}

void IndexCatalog::Remove(uint32_t label, uint32_t key) {
  std::unique_lock lock(mu_);
  per_label_.erase({label, key});
  version_.fetch_add(1);
}

bool IndexCatalog::Has(uint32_t label, uint32_t key) const {
  std::shared_lock lock(mu_);
  if (label == kGlobalLabel) return std::find(global_.begin(), global_.end(), key) != global_.end();
  return per_label_.count({label, key}) > 0;
}

std::vector<std::pair<uint32_t, uint32_t>> IndexCatalog::PerLabel() const {
  std::shared_lock lock(mu_);
  return {per_label_.begin(), per_label_.end()};
}

std::string PropIndexKey(uint32_t label, uint32_t key, const std::string& ordered_value, uint64_t node) {
  std::string k = PropIndexPrefix(label, key);
  k += ordered_value;
  PutFixed64BE(node, &k);
  return k;
}

namespace {

void AddEntries(uint32_t label, uint32_t key, const Value& v, uint64_t node, std::vector<std::string>* keys) {
  auto add = [&](const Value& e) {
    std::string enc;
    if (EncodeOrderedKey(e, &enc)) keys->push_back(PropIndexKey(label, key, enc, node));
  };
  if (v.is_list()) {
    for (const Value& e : v.as_list()) add(e);
  } else {
    add(v);
  }
}

}  // namespace

void IndexCatalog::EntriesFor(const NodeRecord& n, std::vector<std::string>* keys) const {
  std::shared_lock lock(mu_);
  for (uint32_t key : global_)
    if (const Value* v = FindProperty(n.props, key)) AddEntries(kGlobalLabel, key, *v, n.id, keys);
  if (per_label_.empty()) return;
  for (uint32_t label : n.labels) {
    for (auto it = per_label_.lower_bound({label, 0}); it != per_label_.end() && it->first == label; ++it)
      if (const Value* v = FindProperty(n.props, it->second)) AddEntries(label, it->second, *v, n.id, keys);
  }
}

void IndexCatalog::LabelEntriesFor(const NodeRecord& n, std::vector<std::string>* keys) {
  for (uint32_t label : n.labels) keys->push_back(LabelKey(label, n.id));
}

}  // namespace dyad::storage
