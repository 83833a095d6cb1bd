#include "app/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace rz::app {

Progress::Progress(std::string label, bool quiet)
    : label_(std::move(label)), enabled_(!quiet && ::isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
  done();
}

void Progress::update(double fraction) {
  if (!enabled_) return;
  int percent = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 100.0);
  if (percent == last_percent_) return;
  last_percent_ = percent;
  int filled = percent / 5;
  std::fprintf(stderr, "\r%s [%-20.*s] %3d%%", label_.c_str(), filled,
               "====================", percent);
  std::fflush(stderr);
}

void Progress::done() {
  if (!enabled_ || last_percent_ < 0) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  last_percent_ = -1;
}

}  // namespace rz::app
