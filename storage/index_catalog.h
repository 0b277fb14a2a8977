// IndexCatalog: which property keys are indexed, globally and per label, and
// the index entries a node record implies.
#pragma once

#include <atomic>
#include <cstdint>
#include <set>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "graph/record.h"

namespace dyad::storage {

// The set of property indexes of a store. Safe for concurrent use.
class IndexCatalog {
 public:
  // Sets the ids of the globally indexed keys (`key`, `name`, `aliases`).
  void SetGlobalKeys(std::vector<uint32_t> keys);
  // Registers a per-label index on (label, key).
  void Add(uint32_t label, uint32_t key);
  // Drops the per-label index on (label, key).
  void Remove(uint32_t label, uint32_t key);
  // True when nodes with label can be sought by key (label 0: global index).
  bool Has(uint32_t label, uint32_t key) const;
  // Every per-label index.
  std::vector<std::pair<uint32_t, uint32_t>> PerLabel() const;
  // Changes with every change of the catalog (plans that chose an index
  // are only valid for the version they were made at).
  uint64_t version() const { return version_.load(); }

  // Appends the props-CF keys of every index entry node n implies. A list
  // value is indexed element by element; unindexable values are skipped.
  void EntriesFor(const NodeRecord& n, std::vector<std::string>* keys) const;
  // Appends the labels-CF keys of node n.
  static void LabelEntriesFor(const NodeRecord& n, std::vector<std::string>* keys);

 private:
  mutable std::shared_mutex mu_;
  std::vector<uint32_t> global_;
  std::set<std::pair<uint32_t, uint32_t>> per_label_;
  std::atomic<uint64_t> version_{0};
};

// The props-CF key of one index entry.
std::string PropIndexKey(uint32_t label, uint32_t key, const std::string& ordered_value, uint64_t node);

}  // namespace dyad::storage
