// SearchIndex: finds nodes by name, alias or key (case- and
// punctuation-insensitive), ranked. Kept in memory and rebuilt lazily when
// the graph's write generation changes.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "graph/status.h"
#include "storage/graph_store.h"

namespace dyad::server {

// One search result.
struct SearchHit {
  uint64_t id = 0;
  std::string key;
  std::string name;
  std::vector<std::string> labels;
  // The text that matched (the name, an alias or the key).
  std::string matched;
  // Which one it was: "name", "alias" or "key".
  std::string field;
  // How it matched: "exact", "prefix", "word", "substring" or "words".
  std::string match;
  // Higher is better.
  int score = 0;
};

// The lowercase, punctuation-free form searches compare ("U.S.-China" →
// "us china").
std::string NormalizeForSearch(std::string_view text);

// An in-memory index over every node's key, name and aliases.
class SearchIndex {
 public:
  // Returns up to limit hits for query, best first; label, when not empty,
  // keeps only nodes with that label. Rebuilds the index first when
  // generation differs from the one it was built at.
  Result<std::vector<SearchHit>> Search(storage::GraphStore* store, uint64_t generation, std::string_view query,
                                        size_t limit, const std::string& label);

 private:
  struct Entry {
    uint64_t id = 0;
    std::string key, name;
    std::vector<std::string> labels;
    int64_t degree = 0;
    // The name, the aliases and the key: original and normalized.
    struct Text {
      std::string original, normalized;
      const char* field;
    };
    std::vector<Text> texts;
  };
  using Entries = std::vector<Entry>;
  Result<std::shared_ptr<const Entries>> Current(storage::GraphStore* store, uint64_t generation);

  std::mutex mu_;
  std::shared_ptr<const Entries> entries_;
  uint64_t generation_ = 0;
};

}  // namespace dyad::server
