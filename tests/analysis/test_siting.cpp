// Siting with CBC (MCLP, LSCP, p-median, with and without capacities): the optimum equals brute
// force on small instances, is never worse than the greedy answer, capacities hold, and K larger
// than the candidates is bad usage.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "analysis/common/location_models.hpp"
#include "geo/error.hpp"

using namespace rz::analysis;

namespace {

CoverageProblem random_problem(std::mt19937_64& rng, size_t candidates, size_t points) {
  std::vector<std::vector<uint32_t>> covers(points);
  std::vector<double> weight(points);
  for (size_t i = 0; i < points; ++i) {
    for (uint32_t c = 0; c < candidates; ++c)
      if (rng() % 4 == 0) covers[i].push_back(c);
    weight[i] = static_cast<double>(1 + rng() % 9);
  }
  return aggregate_coverage(candidates, covers, weight);
}

double brute_force(const CoverageProblem& p, size_t k) {
  double best = 0;
  const uint32_t n = static_cast<uint32_t>(p.candidates);
  for (uint32_t mask = 0; mask < (1u << n); ++mask) {
    if (static_cast<size_t>(__builtin_popcount(mask)) != k) continue;
    std::vector<uint32_t> chosen;
    for (uint32_t c = 0; c < n; ++c)
      if (mask & (1u << c)) chosen.push_back(c);
    best = std::max(best, covered_weight(p, chosen));
  }
  return best;
}

}  // namespace

TEST(Siting, AggregatesIdenticalCoverageSets) {
  auto p = aggregate_coverage(3, {{0, 1}, {1, 0}, {2}, {}, {1, 0, 1}}, {1, 2, 3, 4, 5});
  ASSERT_EQ(p.covers.size(), 2u);  // {0,1} three times, {2}; the uncoverable point dropped
  EXPECT_EQ(p.covers[0], (std::vector<uint32_t>{0, 1}));
  EXPECT_DOUBLE_EQ(p.weight[0], 8);
  EXPECT_DOUBLE_EQ(p.weight[1], 3);
}

TEST(Siting, OptimumEqualsBruteForceAndIsNeverBelowGreedy) {
  std::mt19937_64 rng(17);
  int greedy_beaten = 0;
  for (int trial = 0; trial < 40; ++trial) {
    auto p = random_problem(rng, 10, 60);
    for (size_t k : {size_t{1}, size_t{2}, size_t{3}, size_t{5}}) {
      auto r = solve_mclp(p, k, 30);
      ASSERT_TRUE(r.proven_optimal) << trial << " " << k;
      EXPECT_EQ(r.chosen.size(), k);
      EXPECT_DOUBLE_EQ(r.objective, brute_force(p, k)) << trial << " " << k;
      EXPECT_GE(r.objective, r.greedy_objective);
      EXPECT_DOUBLE_EQ(r.bound, r.objective);
      greedy_beaten += r.objective > r.greedy_objective;
    }
  }
  EXPECT_GT(greedy_beaten, 0);  // instances where greedy is not optimal do occur
}

// Sites along a line, each covering the points within a few places of it, with heavy-tailed
// weights: the shape of a province, where most candidates cannot be in a better set than
// greedy's (solve_mclp leaves them out of the MIP) and greedy is often optimal by the sum of the
// K largest coverages alone. The optimum must still equal brute force.
TEST(Siting, LocalCoverageOptimumEqualsBruteForce) {
  std::mt19937_64 rng(29);
  for (int trial = 0; trial < 60; ++trial) {
    const size_t candidates = 16, points = 120;
    std::vector<std::vector<uint32_t>> covers(points);
    std::vector<double> weight(points);
    for (size_t i = 0; i < points; ++i) {
      const double at = static_cast<double>(rng() % 1000) / 1000.0 * candidates;
      const double reach = 0.5 + static_cast<double>(rng() % 100) / 100.0 * (trial % 3);
      for (uint32_t c = 0; c < candidates; ++c)
        if (std::abs(static_cast<double>(c) + 0.5 - at) <= reach) covers[i].push_back(c);
      weight[i] = rng() % 10 == 0 ? static_cast<double>(50 + rng() % 200)
                                  : static_cast<double>(1 + rng() % 9);
    }
    auto p = aggregate_coverage(candidates, covers, weight);
    for (size_t k : {size_t{1}, size_t{2}, size_t{3}, size_t{4}}) {
      auto r = solve_mclp(p, k, 30);
      ASSERT_TRUE(r.proven_optimal) << trial << " " << k;
      EXPECT_EQ(r.chosen.size(), k);
      EXPECT_DOUBLE_EQ(r.objective, brute_force(p, k)) << trial << " " << k;
      EXPECT_DOUBLE_EQ(r.objective, covered_weight(p, r.chosen));
      EXPECT_DOUBLE_EQ(r.bound, r.objective);
    }
  }
}

TEST(Siting, KLargerThanCandidatesIsBadUsage) {
  auto p = aggregate_coverage(2, {{0}, {1}}, {1, 1});
  EXPECT_THROW(solve_mclp(p, 3, 1), rz::UsageError);
  auto all = solve_mclp(p, 2, 1);
  EXPECT_DOUBLE_EQ(all.objective, 2);
}

namespace {

// The fewest candidates covering every group (brute force over subsets), with capacities when
// given: then a subset must also admit an assignment within capacity, checked as a max-flow by
// the simple augmenting search below.
bool assignable(const CoverageProblem& p, const std::vector<double>& capacity,
                const std::vector<bool>& open) {
  // Tiny instances: greedy fractional assignment is not exact, so run a max-flow.
  const size_t g = p.covers.size(), s = capacity.size();
  const size_t n = g + s + 2, source = g + s, sink = g + s + 1;
  std::vector<std::vector<double>> cap(n, std::vector<double>(n, 0));
  double demand = 0;
  for (size_t i = 0; i < g; ++i) {
    cap[source][i] = p.weight[i];
    demand += p.weight[i];
    for (uint32_t site : p.covers[i])
      if (open[site]) cap[i][g + site] = 1e18;
  }
  for (size_t j = 0; j < s; ++j) cap[g + j][sink] = open[j] ? capacity[j] : 0;
  double flow = 0;
  while (true) {
    std::vector<int> prev(n, -1);
    prev[source] = static_cast<int>(source);
    std::vector<size_t> queue{source};
    for (size_t qi = 0; qi < queue.size(); ++qi)
      for (size_t v = 0; v < n; ++v)
        if (prev[v] < 0 && cap[queue[qi]][v] > 1e-9) {
          prev[v] = static_cast<int>(queue[qi]);
          queue.push_back(v);
        }
    if (prev[sink] < 0) break;
    double push = 1e18;
    for (size_t v = sink; v != source; v = static_cast<size_t>(prev[v]))
      push = std::min(push, cap[static_cast<size_t>(prev[v])][v]);
    for (size_t v = sink; v != source; v = static_cast<size_t>(prev[v])) {
      cap[static_cast<size_t>(prev[v])][v] -= push;
      cap[v][static_cast<size_t>(prev[v])] += push;
    }
    flow += push;
  }
  return flow >= demand - 1e-6;
}

int brute_force_lscp(const CoverageProblem& p, const std::vector<double>& capacity) {
  const uint32_t n = static_cast<uint32_t>(p.candidates);
  int best = -1;
  for (uint32_t mask = 0; mask < (1u << n); ++mask) {
    const int size = __builtin_popcount(mask);
    if (best >= 0 && size >= best) continue;
    std::vector<bool> open(capacity.empty() ? n : capacity.size(), true);
    for (uint32_t c = 0; c < n; ++c) open[c] = (mask & (1u << c)) != 0;
    bool ok = true;
    if (capacity.empty()) {
      for (const auto& covers : p.covers)
        ok = ok && std::any_of(covers.begin(), covers.end(), [&](uint32_t c) { return open[c]; });
    } else {
      ok = assignable(p, capacity, open);
    }
    if (ok) best = size;
  }
  return best;
}

}  // namespace

TEST(Siting, LscpEqualsBruteForce) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 60; ++trial) {
    const size_t nc = 4 + rng() % 6;
    auto p = random_problem(rng, nc, 25);
    auto r = solve_lscp(p, {}, 30);
    ASSERT_TRUE(r.has_solution);
    EXPECT_TRUE(r.proven_optimal);
    EXPECT_EQ(r.objective, brute_force_lscp(p, {})) << trial;
    EXPECT_LE(r.objective, r.greedy_objective);
    // Every group covered by the chosen sites.
    EXPECT_DOUBLE_EQ(covered_weight(p, r.chosen),
                     std::accumulate(p.weight.begin(), p.weight.end(), 0.0));
  }
}

TEST(Siting, CapacitatedLscpEqualsBruteForceAndReportsInfeasible) {
  std::mt19937_64 rng(9);
  int needed_more = 0;
  for (int trial = 0; trial < 40; ++trial) {
    const size_t nc = 4 + rng() % 5;
    auto p = random_problem(rng, nc, 12);
    std::vector<double> capacity(nc);
    for (auto& c : capacity) c = static_cast<double>(10 + rng() % 30);
    const int expected = brute_force_lscp(p, capacity);
    auto r = solve_lscp(p, capacity, 30);
    if (expected < 0) {
      EXPECT_FALSE(r.has_solution) << trial;
      EXPECT_TRUE(r.infeasible) << trial;
      continue;
    }
    ASSERT_TRUE(r.has_solution) << trial;
    EXPECT_EQ(r.objective, expected) << trial;
    needed_more += expected > brute_force_lscp(p, {});
  }
  EXPECT_GT(needed_more, 0);  // capacities made a difference somewhere
}

TEST(Siting, ExistingSitesWithCapacityServeFirst) {
  // Two groups: 10 households coverable by candidate 0 or existing site 2, 5 by candidate 1 or
  // the existing site. With capacity 15 the existing site takes all; with 9 one candidate must
  // open, and the fewest is candidate 0 taking the 10 while the existing site takes the 5.
  CoverageProblem p;
  p.candidates = 2;
  p.covers = {{0, 2}, {1, 2}};
  p.weight = {10, 5};
  auto none = solve_lscp(p, {100, 100, 15}, 10);
  ASSERT_TRUE(none.has_solution);
  EXPECT_EQ(none.objective, 0);
  auto one = solve_lscp(p, {100, 100, 9}, 10);
  ASSERT_TRUE(one.has_solution);
  EXPECT_EQ(one.chosen, (std::vector<uint32_t>{0}));  // 10 go to 0, the existing site takes 5
  // Without capacities an existing site's groups need nothing.
  EXPECT_EQ(solve_lscp(p, {}, 10).objective, 0);
}

namespace {

AssignmentProblem random_assignment(std::mt19937_64& rng, size_t candidates, size_t existing,
                                    size_t units) {
  AssignmentProblem p;
  p.candidates = candidates;
  p.sites = candidates + existing;
  p.unserved_cost = 100;
  for (size_t u = 0; u < units; ++u) {
    p.weight.push_back(static_cast<double>(1 + rng() % 9));
    p.options.emplace_back();
    for (uint32_t s = 0; s < p.sites; ++s)
      if (rng() % 3 != 0)
        p.options.back().push_back({s, p.weight.back() * static_cast<double>(rng() % 60)});
  }
  return p;
}

double brute_force_pmedian(const AssignmentProblem& p, size_t k) {
  double best = 1e300;
  const uint32_t n = static_cast<uint32_t>(p.candidates);
  for (uint32_t mask = 0; mask < (1u << n); ++mask) {
    if (static_cast<size_t>(__builtin_popcount(mask)) != k) continue;
    double total = 0;
    for (size_t u = 0; u < p.weight.size(); ++u) {
      double c = p.weight[u] * p.unserved_cost;
      for (const auto& [s, cost] : p.options[u])
        if (s >= n || (mask & (1u << s))) c = std::min(c, cost);
      total += c;
    }
    best = std::min(best, total);
  }
  return best;
}

}  // namespace

TEST(Siting, PmedianEqualsBruteForceAndIsNeverAboveGreedy) {
  std::mt19937_64 rng(23);
  for (int trial = 0; trial < 60; ++trial) {
    const size_t nc = 3 + rng() % 6;
    auto p = random_assignment(rng, nc, rng() % 3, 20);
    const size_t k = 1 + rng() % nc;
    Assignment a;
    auto r = solve_pmedian(p, k, 30, &a);
    ASSERT_TRUE(r.has_solution);
    EXPECT_TRUE(r.proven_optimal);
    EXPECT_EQ(r.chosen.size(), k);
    EXPECT_NEAR(r.objective, brute_force_pmedian(p, k), 1e-6) << trial;
    EXPECT_LE(r.objective, r.greedy_objective + 1e-6);
    // Every unit's households are served or unserved, in total.
    for (size_t u = 0; u < p.weight.size(); ++u) {
      double sum = a.unserved[u];
      for (const auto& [s, h] : a.shares[u]) sum += h;
      EXPECT_NEAR(sum, p.weight[u], 1e-6);
    }
  }
  EXPECT_THROW(solve_pmedian(random_assignment(rng, 2, 0, 3), 3, 1), rz::UsageError);
}

TEST(Siting, CapacitatedPmedianRespectsCapacities) {
  // Three units of 10 households, all nearest to candidate 0 (cost 1/household) and next to
  // candidate 1 (cost 5). Capacity 20 each: K = 2 sends 20 to site 0 and 10 to site 1.
  AssignmentProblem p;
  p.candidates = p.sites = 2;
  p.unserved_cost = 1000;
  p.weight = {10, 10, 10};
  p.options.assign(3, {{0, 10.0}, {1, 50.0}});
  p.capacity = {20, 20};
  Assignment a;
  auto r = solve_pmedian(p, 2, 10, &a);
  ASSERT_TRUE(r.has_solution);
  EXPECT_NEAR(r.objective, 20 * 1 + 10 * 5, 1e-6);
  std::vector<double> load(2, 0);
  for (const auto& unit : a.shares)
    for (const auto& [s, h] : unit) load[s] += h;
  EXPECT_NEAR(load[0], 20, 1e-6);
  EXPECT_NEAR(load[1], 10, 1e-6);
  // K = 1 with capacity 20: 10 households stay unserved.
  auto one = solve_pmedian(p, 1, 10, &a);
  EXPECT_NEAR(one.objective, 20 * 1 + 10 * 1000, 1e-6);
}

TEST(Siting, AggregatesPairsLikeSets) {
  auto from_pairs = aggregate_coverage(3, {{4, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 1}, {2, 2}, {4, 0}});
  auto from_sets = aggregate_coverage(3, {{0, 1}, {1, 0}, {2}, {}, {1, 0}}, {1, 1, 1, 1, 1});
  EXPECT_EQ(from_pairs.covers, from_sets.covers);
  EXPECT_EQ(from_pairs.weight, from_sets.weight);
}
