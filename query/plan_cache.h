// PlanCache: ready-to-run plans of read-only statements by query text, so
// that a statement run again — typically with other parameters — is neither
// parsed nor planned. A plan does not depend on parameter values (they are
// read when it runs), and every operator re-prepares in Open, so a plan
// can run again; while it runs it is taken out of the cache, so concurrent
// runs of one text each use their own. A plan that chose an index is only
// valid while the index catalog is unchanged: entries remember its version.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/string_hash.h"
#include "query/parser/ast.h"
#include "query/planner/planner.h"

namespace dyad::query {

// One cached statement: its syntax tree and its plan.
struct CachedPlan {
  std::unique_ptr<ast::Statement> statement;
  Plan plan;
  uint64_t index_version = 0;  // IndexCatalog::version() when planned
  // Where Take found it, so that Give need not look the text up again
  // (valid while the cache's generation is unchanged).
  std::vector<std::unique_ptr<CachedPlan>>* home = nullptr;
  uint64_t home_generation = 0;
};

// Idle plans by text. Thread-safe.
class PlanCache {
 public:
  // Takes an idle plan of text made at index_version (stale ones are
  // dropped); null when there is none.
  std::unique_ptr<CachedPlan> Take(std::string_view text, uint64_t index_version);
  // Returns a plan after its run (or keeps a new one).
  void Give(std::string_view text, std::unique_ptr<CachedPlan> plan);

 private:
  // Bounds: texts held (the cache starts over when more arrive) and idle
  // plans per text (as many as run at once, up to this).
  static constexpr size_t kMaxTexts = 512;
  static constexpr size_t kMaxPerText = 4;
  std::mutex mu_;
  uint64_t generation_ = 0;  // bumped when the map is cleared (homes die)
  std::unordered_map<std::string, std::vector<std::unique_ptr<CachedPlan>>, TransparentStringHash, std::equal_to<>> idle_;
};

}  // namespace dyad::query
