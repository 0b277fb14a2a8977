// Metrics: request counters, latency histograms and error counts, rendered
// in the Prometheus text exposition format for GET /metrics.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace dyad::server {

// Thread-safe request statistics. Routes are patterns ("/api/nodes/{key}"),
// never raw paths, so the label set stays small.
class Metrics {
 public:
  Metrics();
  // Records one finished request: its route pattern, status and duration.
  void Record(const std::string& route, int status, double seconds);
  // Records a failed query by its error kind ("SyntaxError", ...).
  void RecordQueryError(const std::string& kind);
  // Marks a request as started / finished (the in-flight gauge).
  void Begin() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void End() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
  // The Prometheus text; extra_gauges are appended as they are.
  std::string Render(const std::string& extra_gauges) const;

 private:
  static constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,    0.25,  0.5,    1,     2.5,   5,     10};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;  // (route, status)
  std::map<std::string, Histogram> latency_;                  // route
  std::map<std::string, uint64_t> query_errors_;              // kind
  std::atomic<int64_t> in_flight_{0};
  std::chrono::steady_clock::time_point start_;
};

}  // namespace dyad::server
