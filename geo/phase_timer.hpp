#pragma once
// Phase timings for benchmarks: with RZ_TIMINGS=1 in the environment, each phase's wall time is
// printed to stderr when the next one starts (and at destruction). Silent otherwise.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace rz::geo {

class PhaseTimer {
 public:
  explicit PhaseTimer(std::string scope)
      : scope_(std::move(scope)), on_(std::getenv("RZ_TIMINGS")) {}
  ~PhaseTimer() { phase({}); }
  PhaseTimer(const PhaseTimer&) = delete;
  PhaseTimer& operator=(const PhaseTimer&) = delete;
  // Ends the current phase (if any) and starts `name` (empty: none).
  void phase(std::string name) {
    const auto now = std::chrono::steady_clock::now();
    if (on_ && !current_.empty())
      std::fprintf(stderr, "timing: %s: %s %.4f s (peak RSS so far %ld MiB)\n", scope_.c_str(),
                   current_.c_str(), std::chrono::duration<double>(now - start_).count(),
                   peak_rss_kib() / 1024);
    current_ = std::move(name);
    start_ = now;
  }

 private:
  static long peak_rss_kib() {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return 0;
    char line[256];
    long kib = 0;
    while (std::fgets(line, sizeof line, f))
      if (std::sscanf(line, "VmHWM: %ld", &kib) == 1) break;
    std::fclose(f);
    return kib;
  }
  std::string scope_, current_;
  bool on_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace rz::geo
