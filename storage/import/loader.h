// Loader: imports JSON, JSON Lines and CSV graph files into a store as one
// all-or-nothing bulk load (docs/FORMAT.md).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "graph/status.h"
#include "storage/graph_store.h"

namespace dyad::storage {

// What a load did.
struct LoadStats {
  uint64_t nodes = 0;
  uint64_t edges = 0;
  double seconds = 0;
};

// Called with (file index, bytes read in it, file size) as a load goes on.
using LoadProgressFn = std::function<void(size_t file, uint64_t bytes, uint64_t size)>;

// One in-memory input (the embedded fixtures): a name and its JSON text.
struct TextInput {
  std::string name;
  std::string text;
};

// Loads files (format by extension: .json, .jsonl/.ndjson, .csv). On any
// error the store is left exactly as it was and the status names the file,
// the line and the problem.
Result<LoadStats> LoadFiles(GraphStore* store, const std::vector<std::string>& files,
                            const LoadProgressFn& progress = nullptr);
// Loads JSON texts held in memory, with the same guarantees.
Result<LoadStats> LoadTexts(GraphStore* store, const std::vector<TextInput>& inputs);

}  // namespace dyad::storage
