// PreparedQuery: one statement parsed and planned once, then run many times
// with different parameters (QueryEngine::Prepare, QueryEngine::RunPrepared)
// — what an application embedding dyad holds for the queries it repeats.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "query/plan_cache.h"

namespace dyad::query {

// A planned statement with its operators' state. Runs on one thread at a
// time: prepare the text again for another thread.
class PreparedQuery {
 public:
  // The statement's text as prepared.
  const std::string& text() const { return text_; }
  // The result's column names.
  const std::vector<std::string>& columns() const { return entry_->plan.columns; }

 private:
  friend class QueryEngine;
  const void* store_ = nullptr;  // the store it was planned for
  std::string text_;
  std::unique_ptr<CachedPlan> entry_;  // the statement, its plan and the index version it was made at
};

}  // namespace dyad::query
