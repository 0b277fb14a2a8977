// Timeline: the lifecycle of every mechanism (established, signed,
// suspended, canceled, frozen, resumed, ...) with dates, actors and the
// administration each event belongs to — the data of GET /api/timeline.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "graph/status.h"
#include "storage/graph_store.h"

namespace dyad::server {

// The relationship types that make up a mechanism's lifecycle, in the order
// the timeline lists them.
const std::vector<std::string>& LifecycleTypes();

// Builds the timeline JSON and caches it per write generation.
class Timeline {
 public:
  // The timeline as JSON; rebuilt when generation differs from the cached
  // one.
  Result<std::shared_ptr<const std::string>> Json(storage::GraphStore* store, uint64_t generation);

 private:
  std::mutex mu_;
  std::shared_ptr<const std::string> json_;
  uint64_t generation_ = 0;
};

// Builds the timeline JSON from a read view (uncached).
Status BuildTimelineJson(storage::Transaction* txn, std::string* out);

}  // namespace dyad::server
