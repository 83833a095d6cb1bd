#pragma once
// p-center: K new sites so that the largest cost (metres or minutes) from any demand point to its
// nearest open site is least: "how far is the farthest household". Solved exactly: the optimal
// radius is one of the option costs, so a binary search over their distinct values asks at each
// whether K candidates cover every point within that radius (a set cover with at most K sets),
// answered by the greedy cover when it needs no more than K sites and by CBC otherwise.
//
// Weights do not change a p-center optimum: the largest cost is the same whether a point stands
// for one household or a hundred, so the problem has none. They decide only which points take
// part (a point the caller weighs 0 is best left out of `options`).
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "analysis/common/location_models.hpp"

namespace rz::analysis {

struct CenterProblem {
  size_t candidates = 0;  // sites 0..candidates-1 may open; sites >= candidates are always open
                          // (existing or required)
  size_t sites = 0;
  // Per demand point (a household or a weighted demand point): (site, cost) pairs within the
  // cutoff. A point with none is not servable and takes no part (the caller reports it).
  std::vector<std::vector<std::pair<uint32_t, double>>> options;
};

// Chooses k candidates (besides the always-open sites) minimising the largest cost from any point
// with options to its nearest open site. In the result:
//   objective       that largest cost for the chosen sites (exactly k of them: sites a smaller
//                   cover leaves over go where they lower the points' costs most in total)
//   bound           the smallest radius not proven infeasible: the optimum is at least this, and
//                   equal to the objective when proven_optimal
//   stopped_on_time a step's set cover ran out of the time limit (all steps share it): the best
//                   radius proven feasible is returned, not proven optimal
//   has_solution    false when no k candidates give every point an open site (`infeasible`),
//                   or when time ran out before a step found k that do and the greedy sites
//                   below leave some point without one
//   greedy_objective the largest cost of quick greedy sites that bound the search from above (the
//                   candidate serving the most points yet unserved, then the one lowering the
//                   total cost most; NaN when they leave some point without a site)
// A point whose costs are all infinite takes no part, like one without options.
// Throws UsageError when k > candidates.
SitingResult solve_pcenter(const CenterProblem& problem, size_t k, double time_limit_s);

}  // namespace rz::analysis
