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

// The same from (point, candidate) pairs: a province's millions of households then need no
// vector each. Each point weighs `weight_of_point[point]`, or 1 when that is empty.
CoverageProblem aggregate_coverage(size_t candidates,
                                   std::vector<std::pair<uint32_t, uint32_t>> point_candidate,
                                   const std::vector<double>& weight_of_point = {});

struct SitingResult {
  std::vector<uint32_t> chosen;  // candidate indexes
  bool has_solution = false;     // false: no solution was found (LSCP: or none exists)
  bool infeasible = false;       // proven that none exists (LSCP with capacities)
  double objective = 0;          // MCLP: households newly covered; LSCP: sites; p-median: cost
  double bound = 0;              // best possible objective (= objective when proven optimal)
  bool proven_optimal = false;
  bool stopped_on_time = false;  // the best solution found within the limit, not proven
  double greedy_objective = 0;   // of the greedy warm start (NaN when there is none)
  double gap() const;            // relative gap between objective and bound
};

// Greedy: repeatedly the candidate covering the most still-uncovered weight.
std::vector<uint32_t> greedy_mclp(const CoverageProblem& problem, size_t k);
double covered_weight(const CoverageProblem& problem, const std::vector<uint32_t>& chosen);

// Throws UsageError when k exceeds the number of candidates.
SitingResult solve_mclp(const CoverageProblem& problem, size_t k, double time_limit_s);

// LSCP: the fewest candidates so that every demand group some candidate covers is covered.
// Without capacities (`capacity` empty) a group needs one open candidate among its covers. With
// capacities (households per site; +inf = unlimited) every household of a group is assigned to
// an open site covering it, no site beyond its capacity. Sites numbered from `candidates` on
// (existing facilities) are always open, take part only through `covers` and need capacity
// entries too; `capacity` then has one entry per site, candidates first.
SitingResult solve_lscp(const CoverageProblem& problem, const std::vector<double>& capacity,
                        double time_limit_s);

// p-median: K candidates to open so that the total cost (households x metres or minutes) of
// serving every demand unit from an open site is least. A unit is served wholly by one site
// when capacities allow, split between sites otherwise; a unit no open site can take pays
// `unserved_cost` per household (so the problem always has a solution).
struct AssignmentProblem {
  size_t candidates = 0;       // sites 0..candidates-1 may open; later sites (existing) are open
  size_t sites = 0;            // candidates + existing facilities
  std::vector<double> weight;  // per unit: households
  std::vector<std::vector<std::pair<uint32_t, double>>> options;  // per unit: (site, total cost)
  std::vector<double> capacity;  // per site (households); empty = none
  double unserved_cost = 0;      // per household
};
struct Assignment {
  std::vector<std::vector<std::pair<uint32_t, double>>> shares;  // per unit: (site, households)
  std::vector<double> unserved;                                  // per unit: households
};
SitingResult solve_pmedian(const AssignmentProblem& problem, size_t k, double time_limit_s,
                           Assignment* assignment = nullptr);

}  // namespace rz::analysis
