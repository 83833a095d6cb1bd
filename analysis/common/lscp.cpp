// LSCP (siting.hpp): the fewest sites covering every coverable household, with or without
// capacities.
#include <algorithm>
#include <cmath>
#include <limits>

#include "analysis/common/location_models.hpp"
#include "analysis/common/mip.hpp"

namespace rz::analysis {

namespace {

// Greedy set cover: the candidate covering the most uncovered weight, until all is covered.
std::vector<uint32_t> greedy_cover(const CoverageProblem& p) {
  std::vector<std::vector<uint32_t>> groups_of(p.candidates);
  for (size_t g = 0; g < p.covers.size(); ++g)
    for (uint32_t c : p.covers[g]) groups_of[c].push_back(static_cast<uint32_t>(g));
  std::vector<bool> done(p.covers.size(), false);
  size_t left = p.covers.size();
  std::vector<uint32_t> chosen;
  while (left > 0) {
    double best_gain = 0;
    uint32_t best = 0;
    for (uint32_t c = 0; c < p.candidates; ++c) {
      double gain = 0;
      for (uint32_t g : groups_of[c])
        if (!done[g]) gain += p.weight[g];
      if (gain > best_gain) best_gain = gain, best = c;
    }
    if (best_gain <= 0) break;
    chosen.push_back(best);
    for (uint32_t g : groups_of[best])
      if (!done[g]) done[g] = true, --left;
  }
  return chosen;
}

}  // namespace

SitingResult solve_lscp(const CoverageProblem& p, const std::vector<double>& capacity,
                        double time_limit_s) {
  const size_t nc = p.candidates;
  const bool capacitated = !capacity.empty();
  SitingResult result;
  result.greedy_objective = std::numeric_limits<double>::quiet_NaN();

  MipProblem m;
  m.maximise = false;
  for (size_t c = 0; c < nc; ++c) m.add_column(1.0, 0.0, 1.0, true);
  std::optional<std::vector<double>> start;

  if (!capacitated) {
    CoverageProblem only_new = p;  // groups an existing site covers need nothing
    only_new.covers.clear();
    only_new.weight.clear();
    for (size_t g = 0; g < p.covers.size(); ++g)
      if (!p.covers[g].empty() &&
          std::all_of(p.covers[g].begin(), p.covers[g].end(), [&](uint32_t s) { return s < nc; })) {
        only_new.covers.push_back(p.covers[g]);
        only_new.weight.push_back(p.weight[g]);
      }
    for (const auto& covers : only_new.covers) {
      MipRow row;
      for (uint32_t c : covers) row.push_back({static_cast<int>(c), 1.0});
      m.add_row(std::move(row), 1.0, kMipFree);
    }
    const auto greedy = greedy_cover(only_new);
    result.greedy_objective = static_cast<double>(greedy.size());
    start.emplace(nc, 0.0);
    for (uint32_t c : greedy) (*start)[c] = 1.0;
    if (only_new.covers.empty()) {
      result.has_solution = result.proven_optimal = true;
      return result;
    }
  } else {
    // z_gs: households of group g served by site s.
    std::vector<MipRow> served_by(capacity.size());
    for (size_t g = 0; g < p.covers.size(); ++g) {
      const double w = p.weight[g];
      MipRow all;
      for (uint32_t s : p.covers[g]) {
        const int z = m.add_column(0.0, 0.0, w, false);
        all.push_back({z, 1.0});
        served_by[s].push_back({z, 1.0});
        if (s < nc) m.add_row({{z, 1.0}, {static_cast<int>(s), -w}}, -kMipFree, 0.0);
      }
      m.add_row(std::move(all), w, w);
    }
    m.add_capacity_rows(std::move(served_by), capacity, nc);
  }

  const MipResult r = solve_mip(m, start, time_limit_s);
  result.has_solution = r.has_solution;
  result.infeasible = r.infeasible;
  result.proven_optimal = r.proven_optimal;
  result.stopped_on_time = r.stopped_on_time;
  result.bound = r.bound;
  if (r.has_solution) {
    for (uint32_t c = 0; c < nc; ++c)
      if (r.x[c] > 0.5) result.chosen.push_back(c);
    result.objective = static_cast<double>(result.chosen.size());
    if (r.proven_optimal) result.bound = result.objective;
  } else if (start && !r.infeasible) {  // time ran out before CBC had its own: the greedy cover
    for (uint32_t c = 0; c < nc; ++c)
      if ((*start)[c] > 0.5) result.chosen.push_back(c);
    result.has_solution = true;
    result.objective = static_cast<double>(result.chosen.size());
  }
  return result;
}

}  // namespace rz::analysis
