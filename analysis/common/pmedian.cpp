// p-median (siting.hpp): K new sites so that serving every demand unit costs least in total.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "analysis/common/location_models.hpp"
#include "analysis/common/mip.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::analysis {

namespace {

// Greedy without capacities: open, K times, the candidate that lowers the total cost most
// (each unit served by its cheapest open site, or unserved).
std::vector<uint32_t> greedy_pmedian(const AssignmentProblem& p, size_t k) {
  std::vector<double> current(p.weight.size());
  for (size_t u = 0; u < p.weight.size(); ++u) {
    current[u] = p.weight[u] * p.unserved_cost;
    for (const auto& [s, cost] : p.options[u])
      if (s >= p.candidates) current[u] = std::min(current[u], cost);
  }
  std::vector<std::vector<std::pair<uint32_t, double>>> units_of(p.candidates);
  for (size_t u = 0; u < p.options.size(); ++u)
    for (const auto& [s, cost] : p.options[u])
      if (s < p.candidates) units_of[s].push_back({static_cast<uint32_t>(u), cost});
  std::vector<bool> open(p.candidates, false);
  std::vector<uint32_t> chosen;
  for (size_t round = 0; round < k; ++round) {
    double best_gain = -1;
    uint32_t best = 0;
    for (uint32_t c = 0; c < p.candidates; ++c) {
      if (open[c]) continue;
      double gain = 0;
      for (const auto& [u, cost] : units_of[c]) gain += std::max(0.0, current[u] - cost);
      if (gain > best_gain) best_gain = gain, best = c;
    }
    open[best] = true;
    chosen.push_back(best);
    for (const auto& [u, cost] : units_of[best]) current[u] = std::min(current[u], cost);
  }
  return chosen;
}

}  // namespace

SitingResult solve_pmedian(const AssignmentProblem& p, size_t k, double time_limit_s,
                           Assignment* assignment) {
  if (k > p.candidates)
    throw UsageError(fmt::format(fmt::runtime(tr("K = {} is more than the {} candidate sites")), k,
                                 p.candidates));
  const size_t nc = p.candidates, units = p.weight.size();
  const bool capacitated = !p.capacity.empty();
  MipProblem m;
  m.maximise = false;
  auto add_column = [&](double cost, bool integer) {
    return m.add_column(cost, 0.0, 1.0, integer);
  };
  for (size_t c = 0; c < nc; ++c) add_column(0.0, true);
  // z_us: the share of unit u served by site s; v_u: the share left unserved.
  std::vector<std::vector<int>> z_of(units);
  std::vector<int> v_of(units);
  std::vector<MipRow> load_of(p.sites);
  for (size_t u = 0; u < units; ++u) {
    MipRow all;
    for (const auto& [s, cost] : p.options[u]) {
      const int z = add_column(cost, false);
      z_of[u].push_back(z);
      all.push_back({z, 1.0});
      if (s < nc) m.add_row({{z, 1.0}, {static_cast<int>(s), -1.0}}, -kMipFree, 0.0);
      if (capacitated) load_of[s].push_back({z, p.weight[u]});
    }
    v_of[u] = add_column(p.weight[u] * p.unserved_cost, false);
    all.push_back({v_of[u], 1.0});
    m.add_row(std::move(all), 1.0, 1.0);
  }
  if (capacitated) m.add_capacity_rows(std::move(load_of), p.capacity, nc);
  MipRow cardinality;
  for (size_t c = 0; c < nc; ++c) cardinality.push_back({static_cast<int>(c), 1.0});
  m.add_row(std::move(cardinality), static_cast<double>(k), static_cast<double>(k));

  // The greedy answer as a start (without capacities it is always feasible).
  SitingResult result;
  const auto greedy = greedy_pmedian(p, k);
  std::vector<double> start(m.objective.size(), 0.0);
  {
    std::vector<bool> open(p.sites, true);
    std::fill(open.begin(), open.begin() + static_cast<long>(nc), false);
    for (uint32_t c : greedy) open[c] = true, start[c] = 1.0;
    double total = 0;
    for (size_t u = 0; u < units; ++u) {
      double best = p.weight[u] * p.unserved_cost;
      int best_col = v_of[u];
      for (size_t i = 0; i < p.options[u].size(); ++i) {
        const auto& [s, cost] = p.options[u][i];
        if (open[s] && cost < best) best = cost, best_col = z_of[u][i];
      }
      start[static_cast<size_t>(best_col)] = 1.0;
      total += best;
    }
    result.greedy_objective = capacitated ? std::numeric_limits<double>::quiet_NaN() : total;
  }
  const MipResult r = solve_mip(m, capacitated ? std::nullopt : std::optional(start), time_limit_s);
  const std::vector<double>& x = r.has_solution ? r.x : start;
  result.has_solution = r.has_solution || !capacitated;
  result.proven_optimal = r.proven_optimal;
  result.stopped_on_time = r.stopped_on_time;
  if (!result.has_solution) return result;
  result.objective = 0;
  for (size_t i = 0; i < x.size(); ++i) result.objective += m.objective[i] * x[i];
  result.bound = r.proven_optimal ? result.objective : std::min(r.bound, result.objective);
  for (uint32_t c = 0; c < nc; ++c)
    if (x[c] > 0.5) result.chosen.push_back(c);
  if (assignment) {
    assignment->shares.assign(units, {});
    assignment->unserved.assign(units, 0.0);
    for (size_t u = 0; u < units; ++u) {
      for (size_t i = 0; i < p.options[u].size(); ++i) {
        const double share = x[static_cast<size_t>(z_of[u][i])];
        if (share > 1e-9)
          assignment->shares[u].push_back({p.options[u][i].first, share * p.weight[u]});
      }
      assignment->unserved[u] = x[static_cast<size_t>(v_of[u])] * p.weight[u];
    }
  }
  return result;
}

}  // namespace rz::analysis
