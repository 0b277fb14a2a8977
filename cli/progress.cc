#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace dyad::cli {

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), enabled_(isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()), last_(start_) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Update(uint64_t done, uint64_t total) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done < total) return;
  last_ = now;
  drawn_ = true;
  double frac = total ? static_cast<double>(done) / static_cast<double>(total) : 0;
  if (frac > 1) frac = 1;
  const int width = 30;
  int filled = static_cast<int>(frac * width);
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? static_cast<double>(done) / secs / 1e6 : 0;
  std::string bar(filled, '#');
  bar.append(width - filled, '.');
  fprintf(stderr, "\r%s [%s] %3d%% %6.1f MB/s", label_.c_str(), bar.c_str(), static_cast<int>(frac * 100), rate);
  fflush(stderr);
}

void ProgressBar::Finish() {
  if (enabled_ && drawn_) {
    fprintf(stderr, "\r\033[K");
    fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace dyad::cli
