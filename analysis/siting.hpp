#pragma once
// Siting of new facilities: the maximal covering location problem (MCLP) — choose K candidate
// sites so that the most households become covered — solved to a proven optimum with CBC, with
// the greedy answer as a warm start. Households are aggregated by identical coverage sets first
// (thousands of households near the same candidates are one row), and those already covered by
// an existing facility, or coverable by no candidate, drop out.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace rz::analysis {

struct CoverageProblem {
  size_t candidates = 0;
  std::vector<std::vector<uint32_t>> covers;  // per demand group: candidates covering it (sorted)
  std::vector<double> weight;                 // per demand group: households
};

// Groups demand points (each with the candidates that would cover it) by identical sets.
CoverageProblem aggregate_coverage(size_t candidates,
                                   const std::vector<std::vector<uint32_t>>& covers_of_point,
                                   const std::vector<double>& weight_of_point);

struct SitingResult {
  std::vector<uint32_t> chosen;  // candidate indexes
  double covered = 0;            // households newly covered
  double bound = 0;              // best possible (= covered when proven optimal)
  bool proven_optimal = false;
  bool stopped_on_time = false;  // the best solution found within the limit, not proven
  double greedy_covered = 0;
};

// Greedy: repeatedly the candidate covering the most still-uncovered weight.
std::vector<uint32_t> greedy_mclp(const CoverageProblem& problem, size_t k);
double covered_weight(const CoverageProblem& problem, const std::vector<uint32_t>& chosen);

// Throws UsageError when k exceeds the number of candidates.
SitingResult solve_mclp(const CoverageProblem& problem, size_t k, double time_limit_s);

}  // namespace rz::analysis
