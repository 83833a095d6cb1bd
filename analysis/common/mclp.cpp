#include "analysis/common/location_models.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "analysis/common/mip.hpp"
#include "geo/error.hpp"

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

SitingResult solve_mclp(const CoverageProblem& p, size_t k, double time_limit_s) {
  if (k > p.candidates)
    throw UsageError(fmt::format("K = {} is more than the {} candidate sites", k, p.candidates));
  SitingResult result;
  const auto greedy = greedy_mclp(p, k);
  result.greedy_objective = covered_weight(p, greedy);
  result.has_solution = true;
  if (k == 0 || p.covers.empty()) {
    result.chosen = greedy;
    result.objective = result.bound = result.greedy_objective;
    result.proven_optimal = true;
    return result;
  }
  // Columns: x_c (open candidate c, binary), then y_g (group g covered, 0..1).
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
  for (uint32_t c : greedy) start[c] = 1.0, open[c] = true;
  for (size_t g = 0; g < ng; ++g)
    if (std::any_of(p.covers[g].begin(), p.covers[g].end(), [&](uint32_t c) { return open[c]; }))
      start[nc + g] = 1.0;

  const MipResult r = solve_mip(m, start, time_limit_s);
  result.proven_optimal = r.proven_optimal;
  result.stopped_on_time = r.stopped_on_time;
  if (r.has_solution) {
    for (uint32_t c = 0; c < nc; ++c)
      if (r.x[c] > 0.5) result.chosen.push_back(c);
    result.objective = covered_weight(p, result.chosen);
    result.bound = std::max(r.bound, result.objective);
  }
  // Never report less than the greedy answer we started from.
  if (!r.has_solution || result.objective + 1e-9 < result.greedy_objective) {
    result.chosen = greedy;
    result.objective = result.greedy_objective;
    result.proven_optimal = false;
    result.bound = std::max(r.bound, result.objective);
  }
  return result;
}

}  // namespace rz::analysis
