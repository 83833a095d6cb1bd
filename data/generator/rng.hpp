#pragma once
// Random numbers: std::mt19937_64 (fully specified by the standard) mapped to doubles with
// arithmetic only, so every platform draws the same county.
#include <cmath>
#include <cstdint>
#include <random>
#include <string_view>

namespace rz::gen {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : eng_(seed) {}
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(eng_() >> 11) * 0x1.0p-53; }
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  // Uniform integer in [lo, hi].
  int integer(int lo, int hi) {
    const auto n = static_cast<std::uint64_t>(hi - lo + 1);
    return lo + static_cast<int>(eng_() % n);
  }
  bool chance(double p) { return uniform() < p; }
  // Standard normal approximated by the Irwin-Hall sum of 12 uniforms (range +-6): arithmetic
  // only, so bit-identical everywhere.
  double normal() {
    double s = 0.0;
    for (int i = 0; i < 12; ++i) s += uniform();
    return s - 6.0;
  }
  double normal(double mean, double sd) { return mean + sd * normal(); }
  // Positive, right-skewed factor with median ~1: (1 + k*|N|) or 1/(1 + k*|N|) with equal odds.
  double skewed(double k) {
    const double f = 1.0 + k * std::abs(normal());
    return chance(0.5) ? f : 1.0 / f;
  }

 private:
  std::mt19937_64 eng_;
};

// One independent stream per purpose, so a change in one part does not reshuffle the others.
Rng stream(std::string_view purpose);

}  // namespace rz::gen
