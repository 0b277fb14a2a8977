// ProgressBar: a one-line progress display on stderr, shown only when
// stderr is a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace dyad::cli {

// Redraws "label [#####.....] 42% 12.3 MB/s" at most ten times a second.
class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();
  // Updates the bar with done out of total bytes.
  void Update(uint64_t done, uint64_t total);
  // Clears the line.
  void Finish();

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace dyad::cli
