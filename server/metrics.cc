#include "server/metrics.h"

#include <cstdio>

namespace dyad::server {

namespace {

std::string Num(double v) {
  char buf[32];
  snprintf(buf, sizeof(buf), "%.9g", v);
  return buf;
}

// Escapes a label value (backslash, quote, newline).
std::string Label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

Metrics::Metrics() : start_(std::chrono::steady_clock::now()) {}

void Metrics::Record(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

void Metrics::RecordQueryError(const std::string& kind) {
  std::lock_guard<std::mutex> lock(mu_);
  ++query_errors_[kind];
}

std::string Metrics::Render(const std::string& extra_gauges) const {
  std::string out;
  std::lock_guard<std::mutex> lock(mu_);
  out += "# HELP dyad_http_requests_total HTTP requests by route and status code.\n";
  out += "# TYPE dyad_http_requests_total counter\n";
  for (const auto& [k, n] : requests_)
    out += "dyad_http_requests_total{route=\"" + Label(k.first) + "\",code=\"" + std::to_string(k.second) +
           "\"} " + std::to_string(n) + "\n";
  out += "# HELP dyad_http_errors_total HTTP responses with a 4xx or 5xx status, by route and status code.\n";
  out += "# TYPE dyad_http_errors_total counter\n";
  for (const auto& [k, n] : requests_)
    if (k.second >= 400)
      out += "dyad_http_errors_total{route=\"" + Label(k.first) + "\",code=\"" + std::to_string(k.second) +
             "\"} " + std::to_string(n) + "\n";
  out += "# HELP dyad_http_request_duration_seconds Time spent handling a request, by route.\n";
  out += "# TYPE dyad_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    std::string r = Label(route);
    for (size_t i = 0; i < kBuckets.size(); ++i)
      out += "dyad_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"" + Num(kBuckets[i]) + "\"} " +
             std::to_string(h.buckets[i]) + "\n";
    out += "dyad_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    out += "dyad_http_request_duration_seconds_sum{route=\"" + r + "\"} " + Num(h.sum) + "\n";
    out += "dyad_http_request_duration_seconds_count{route=\"" + r + "\"} " + std::to_string(h.count) + "\n";
  }
  out += "# HELP dyad_query_errors_total Failed queries by error kind.\n";
  out += "# TYPE dyad_query_errors_total counter\n";
  for (const auto& [kind, n] : query_errors_)
    out += "dyad_query_errors_total{kind=\"" + Label(kind) + "\"} " + std::to_string(n) + "\n";
  out += "# HELP dyad_http_requests_in_flight Requests being handled now.\n";
  out += "# TYPE dyad_http_requests_in_flight gauge\n";
  out += "dyad_http_requests_in_flight " + std::to_string(in_flight_.load()) + "\n";
  double up = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  out += "# HELP dyad_uptime_seconds Seconds since the server started.\n";
  out += "# TYPE dyad_uptime_seconds gauge\n";
  out += "dyad_uptime_seconds " + Num(up) + "\n";
  out += extra_gauges;
  return out;
}

}  // namespace dyad::server
