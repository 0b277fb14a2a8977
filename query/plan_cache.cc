#include "query/plan_cache.h"

namespace dyad::query {

std::unique_ptr<CachedPlan> PlanCache::Take(std::string_view text, uint64_t index_version) {
  std::unique_ptr<CachedPlan> out;
  std::lock_guard lock(mu_);
  auto it = idle_.find(text);
  if (it == idle_.end()) return nullptr;
  while (!it->second.empty() && !out) {
    out = std::move(it->second.back());
    it->second.pop_back();
    if (out->index_version != index_version) out.reset();
  }
  if (out) {
    out->home = &it->second;  // map nodes stay put until the map is cleared
    out->home_generation = generation_;
  }
  return out;
}

void PlanCache::Give(std::string_view text, std::unique_ptr<CachedPlan> plan) {
  std::lock_guard lock(mu_);
  std::vector<std::unique_ptr<CachedPlan>>* home = plan->home;
  if (!home || plan->home_generation != generation_) {
    auto it = idle_.find(text);
    if (it == idle_.end()) {
      if (idle_.size() >= kMaxTexts) {
        idle_.clear();
        ++generation_;
      }
      it = idle_.emplace(std::string(text), std::vector<std::unique_ptr<CachedPlan>>()).first;
    }
    home = &it->second;
  }
  plan->home = nullptr;
  if (home->size() < kMaxPerText) home->push_back(std::move(plan));
}

}  // namespace dyad::query
