#include "analysis/common/location_models.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "analysis/common/mip.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::analysis {

namespace {
// One demand group per distinct coverage set, weighted by what the set's points weigh together.
CoverageProblem problem_of_groups(size_t candidates,
                                  const std::map<std::vector<uint32_t>, double>& groups) {
  CoverageProblem p;
  p.candidates = candidates;
  for (const auto& [covers, w] : groups) {
    p.covers.push_back(covers);
    p.weight.push_back(w);
  }
  return p;
}
}  // namespace

CoverageProblem aggregate_coverage(size_t candidates,
                                   const std::vector<std::vector<uint32_t>>& covers_of_point,
                                   const std::vector<double>& weight_of_point) {
  std::map<std::vector<uint32_t>, double> groups;
  for (size_t i = 0; i < covers_of_point.size(); ++i) {
    if (covers_of_point[i].empty()) continue;
    auto set = covers_of_point[i];
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    groups[set] += weight_of_point[i];
  }
  return problem_of_groups(candidates, groups);
}

CoverageProblem aggregate_coverage(size_t candidates,
                                   std::vector<std::pair<uint32_t, uint32_t>> point_candidate,
                                   const std::vector<double>& weight_of_point) {
  std::sort(point_candidate.begin(), point_candidate.end());
  point_candidate.erase(std::unique(point_candidate.begin(), point_candidate.end()),
                        point_candidate.end());
  std::map<std::vector<uint32_t>, double> groups;
  std::vector<uint32_t> set;
  for (size_t i = 0; i < point_candidate.size();) {
    const uint32_t point = point_candidate[i].first;
    set.clear();
    for (; i < point_candidate.size() && point_candidate[i].first == point; ++i)
      set.push_back(point_candidate[i].second);
    groups[set] += weight_of_point.empty() ? 1.0 : weight_of_point[point];
  }
  return problem_of_groups(candidates, groups);
}

double covered_weight(const CoverageProblem& p, const std::vector<uint32_t>& chosen) {
  std::vector<bool> open(p.candidates, false);
  for (uint32_t c : chosen) open[c] = true;
  double total = 0;
  for (size_t g = 0; g < p.covers.size(); ++g)
    if (std::any_of(p.covers[g].begin(), p.covers[g].end(), [&](uint32_t c) { return open[c]; }))
      total += p.weight[g];
  return total;
}

std::vector<uint32_t> greedy_mclp(const CoverageProblem& p, size_t k) {
  std::vector<std::vector<uint32_t>> groups_of(p.candidates);
  for (size_t g = 0; g < p.covers.size(); ++g)
    for (uint32_t c : p.covers[g]) groups_of[c].push_back(static_cast<uint32_t>(g));
  std::vector<bool> done(p.covers.size(), false), open(p.candidates, false);
  std::vector<uint32_t> chosen;
  for (size_t round = 0; round < k && round < p.candidates; ++round) {
    double best_gain = -1;
    uint32_t best = 0;
    for (uint32_t c = 0; c < p.candidates; ++c) {
      if (open[c]) continue;
      double gain = 0;
      for (uint32_t g : groups_of[c])
        if (!done[g]) gain += p.weight[g];
      if (gain > best_gain) {  // ties: the smallest index
        best_gain = gain;
        best = c;
      }
    }
    open[best] = true;
    chosen.push_back(best);
    for (uint32_t g : groups_of[best]) done[g] = true;
  }
  return chosen;
}

double SitingResult::gap() const {
  if (!has_solution) return std::numeric_limits<double>::infinity();
  if (proven_optimal) return 0;
  return std::abs(bound - objective) / std::max(1e-9, std::abs(objective));
}

namespace {

// The MIP on `p` from the start `start_chosen`: x_c (open candidate c, binary), then y_g (group
// g covered, 0..1).
MipResult solve_mclp_mip(const CoverageProblem& p, size_t k,
                         const std::vector<uint32_t>& start_chosen, double time_limit_s) {
  const size_t nc = p.candidates, ng = p.covers.size();
  MipProblem m;
  m.maximise = true;
  for (size_t c = 0; c < nc; ++c) m.add_column(0.0, 0.0, 1.0, true);
  for (size_t g = 0; g < ng; ++g) m.add_column(p.weight[g], 0.0, 1.0, false);
  for (size_t g = 0; g < ng; ++g) {  // y_g <= sum of x_c over the candidates covering g
    MipRow row{{static_cast<int>(nc + g), 1.0}};
    for (uint32_t c : p.covers[g]) row.push_back({static_cast<int>(c), -1.0});
    m.add_row(std::move(row), -kMipFree, 0.0);
  }
  MipRow cardinality;
  for (size_t c = 0; c < nc; ++c) cardinality.push_back({static_cast<int>(c), 1.0});
  m.add_row(std::move(cardinality), static_cast<double>(k), static_cast<double>(k));

  std::vector<double> start(nc + ng, 0.0);
  std::vector<bool> open(nc, false);
  for (uint32_t c : start_chosen) start[c] = 1.0, open[c] = true;
  for (size_t g = 0; g < ng; ++g)
    if (std::any_of(p.covers[g].begin(), p.covers[g].end(), [&](uint32_t c) { return open[c]; }))
      start[nc + g] = 1.0;
  return solve_mip(m, start, time_limit_s);
}

// What each candidate covers alone.
std::vector<double> weight_alone(const CoverageProblem& p) {
  std::vector<double> alone(p.candidates, 0.0);
  for (size_t g = 0; g < p.covers.size(); ++g)
    for (uint32_t c : p.covers[g]) alone[c] += p.weight[g];
  return alone;
}

}  // namespace

// Before any MIP, two exact arguments from what each candidate covers alone, w(c):
//  - K sites together cover at most the sum of their w, so at most U_K, the sum of the K
//    largest w: greedy reaching U_K is optimal (the usual case at province scale, where the
//    best sites lie far apart), and CBC is not needed at all;
//  - a set S of K sites covering more than greedy's G has, for each c in S,
//    w(c) + U_(K-1) >= w(c) + sum of w over S without c >= covered(S) > G. Candidates with
//    w(c) + U_(K-1) <= G are in no better set: the MIP gets only the others (and greedy's own,
//    its start), and the groups they cover. Its optimum, or G, is the optimum of the whole.
SitingResult solve_mclp(const CoverageProblem& p, size_t k, double time_limit_s) {
  if (k > p.candidates)
    throw UsageError(fmt::format(fmt::runtime(tr("K = {} is more than the {} candidate sites")), k,
                                 p.candidates));
  SitingResult result;
  const auto greedy = greedy_mclp(p, k);
  result.greedy_objective = covered_weight(p, greedy);
  result.has_solution = true;
  result.chosen = greedy;
  result.objective = result.bound = result.greedy_objective;
  if (k == 0 || p.covers.empty()) {
    result.proven_optimal = true;
    return result;
  }
  const std::vector<double> alone = weight_alone(p);
  std::vector<double> sorted = alone;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  double largest_k_less_one = 0;
  for (size_t i = 0; i + 1 < k; ++i) largest_k_less_one += sorted[i];
  const double largest_k = largest_k_less_one + sorted[k - 1];
  const double greedy_covered = result.greedy_objective;
  const double tolerance = 1e-9 * std::max(1.0, std::abs(greedy_covered));
  if (greedy_covered >= largest_k - tolerance) {
    result.proven_optimal = true;
    return result;
  }

  std::vector<bool> in_greedy(p.candidates, false);
  for (uint32_t c : greedy) in_greedy[c] = true;
  std::vector<int64_t> reduced_index(p.candidates, -1);
  std::vector<uint32_t> kept;
  for (uint32_t c = 0; c < p.candidates; ++c)
    if (in_greedy[c] || alone[c] + largest_k_less_one > greedy_covered + tolerance) {
      reduced_index[c] = static_cast<int64_t>(kept.size());
      kept.push_back(c);
    }
  CoverageProblem reduced;
  reduced.candidates = kept.size();
  for (size_t g = 0; g < p.covers.size(); ++g) {
    std::vector<uint32_t> covers;
    for (uint32_t c : p.covers[g])
      if (reduced_index[c] >= 0) covers.push_back(static_cast<uint32_t>(reduced_index[c]));
    if (covers.empty()) continue;
    reduced.covers.push_back(std::move(covers));
    reduced.weight.push_back(p.weight[g]);
  }
  std::vector<uint32_t> start;
  for (uint32_t c : greedy) start.push_back(static_cast<uint32_t>(reduced_index[c]));

  const MipResult r = solve_mclp_mip(reduced, k, start, time_limit_s);
  result.proven_optimal = r.proven_optimal;
  result.stopped_on_time = r.stopped_on_time;
  if (r.has_solution) {
    std::vector<uint32_t> chosen;
    for (uint32_t c = 0; c < reduced.candidates; ++c)
      if (r.x[c] > 0.5) chosen.push_back(kept[c]);
    const double objective = covered_weight(p, chosen);
    // Never report less than the greedy answer we started from.
    if (objective + 1e-9 >= greedy_covered) {
      result.chosen = std::move(chosen);
      result.objective = objective;
    } else {
      result.proven_optimal = false;
    }
  } else {
    result.proven_optimal = false;
  }
  result.bound = std::min(largest_k, std::max(r.bound, result.objective));
  return result;
}

}  // namespace rz::analysis
