// p-center: the optimum equals brute force over every K-subset on small instances, with and
// without always-open sites; K = all candidates, ties, a point only an always-open site serves,
// no K that serves everyone, a known instance, and a time limit that stops the search.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "analysis/common/pcenter.hpp"
#include "geo/error.hpp"

using namespace rz::analysis;

namespace {

constexpr double kNone = std::numeric_limits<double>::infinity();

// Random instances with integer costs 0..29, so that ties are common, and some points without
// options.
CenterProblem random_problem(std::mt19937_64& rng, size_t candidates, size_t always_open,
                             size_t points) {
  CenterProblem p;
  p.candidates = candidates;
  p.sites = candidates + always_open;
  for (size_t i = 0; i < points; ++i) {
    p.options.emplace_back();
    for (uint32_t s = 0; s < p.sites; ++s)
      if (rng() % 3 == 0) p.options.back().push_back({s, static_cast<double>(rng() % 30)});
  }
  return p;
}

// The largest cost of any point with options to its nearest open site (kNone when some point has
// none open).
double largest_cost(const CenterProblem& p, const std::vector<uint32_t>& chosen) {
  std::vector<bool> open(p.sites, true);
  for (uint32_t c = 0; c < p.candidates; ++c) open[c] = false;
  for (uint32_t c : chosen) open[c] = true;
  double worst = 0;
  for (const auto& options : p.options) {
    if (options.empty()) continue;
    double best = kNone;
    for (const auto& [s, cost] : options)
      if (open[s]) best = std::min(best, cost);
    worst = std::max(worst, best);
  }
  return worst;
}

double brute_force(const CenterProblem& p, size_t k) {
  double best = kNone;
  const auto n = static_cast<uint32_t>(p.candidates);
  for (uint32_t mask = 0; mask < (1u << n); ++mask) {
    if (static_cast<size_t>(__builtin_popcount(mask)) != k) continue;
    std::vector<uint32_t> chosen;
    for (uint32_t c = 0; c < n; ++c)
      if (mask & (1u << c)) chosen.push_back(c);
    best = std::min(best, largest_cost(p, chosen));
  }
  return best;
}

void expect_optimal(const CenterProblem& p, size_t k, const SitingResult& r) {
  const double expected = brute_force(p, k);
  if (expected == kNone) {
    EXPECT_FALSE(r.has_solution);
    EXPECT_TRUE(r.infeasible);
    return;
  }
  ASSERT_TRUE(r.has_solution);
  EXPECT_TRUE(r.proven_optimal);
  EXPECT_FALSE(r.stopped_on_time);
  EXPECT_EQ(r.objective, expected);
  EXPECT_EQ(r.bound, r.objective);
  EXPECT_EQ(r.chosen.size(), k);
  EXPECT_TRUE(std::is_sorted(r.chosen.begin(), r.chosen.end()));
  EXPECT_EQ(std::adjacent_find(r.chosen.begin(), r.chosen.end()), r.chosen.end());
  EXPECT_EQ(largest_cost(p, r.chosen), r.objective);
  if (!std::isnan(r.greedy_objective)) {
    EXPECT_GE(r.greedy_objective, r.objective);
  }
}

}  // namespace

// A run without time shows which instances CBC decided: those whose search needed a step the
// greedy cover could not answer.
bool needs_cbc(const CenterProblem& p, size_t k) {
  return solve_pcenter(p, k, 0).stopped_on_time;
}

TEST(PCenter, EqualsBruteForceWithoutAlwaysOpenSites) {
  std::mt19937_64 rng(31);
  int greedy_beaten = 0, cbc_decided = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const size_t nc = 3 + rng() % 8;
    const auto p = random_problem(rng, nc, 0, 6 + rng() % 60);
    for (size_t k = 1; k <= nc; k += 1 + rng() % 3) {
      SCOPED_TRACE(testing::Message() << "trial " << trial << " k " << k);
      const auto r = solve_pcenter(p, k, 30);
      expect_optimal(p, k, r);
      greedy_beaten += r.has_solution && !(r.greedy_objective <= r.objective);
      cbc_decided += needs_cbc(p, k);
    }
  }
  EXPECT_GT(greedy_beaten, 0);  // the binary search does more than the greedy bound
  EXPECT_GT(cbc_decided, 0);    // and CBC more than the greedy covers
}

TEST(PCenter, EqualsBruteForceWithAlwaysOpenSites) {
  std::mt19937_64 rng(47);
  int cbc_decided = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const size_t nc = 3 + rng() % 8;
    const auto p = random_problem(rng, nc, 1 + rng() % 3, 6 + rng() % 60);
    for (size_t k = 0; k <= nc; k += 1 + rng() % 3) {
      SCOPED_TRACE(testing::Message() << "trial " << trial << " k " << k);
      expect_optimal(p, k, solve_pcenter(p, k, 30));
      cbc_decided += needs_cbc(p, k);
    }
  }
  EXPECT_GT(cbc_decided, 0);
}

TEST(PCenter, CbcFindsTheCoverTheGreedyMisses) {
  // Within 10, candidate 0 serves points 0-2, candidate 1 points 3-5, and candidate 2 points 0,
  // 1, 3 and 4 (at 5). The greedy cover takes candidate 2 first and then needs two more; K = 2
  // reaches 10 only with candidates 0 and 1, which CBC finds. Without time, nothing is proven.
  CenterProblem p;
  p.candidates = p.sites = 3;
  p.options = {{{0, 10}, {2, 5}}, {{0, 10}, {2, 5}}, {{0, 10}},
               {{1, 10}, {2, 5}}, {{1, 10}, {2, 5}}, {{1, 10}}};
  const auto r = solve_pcenter(p, 2, 30);
  ASSERT_TRUE(r.has_solution);
  EXPECT_TRUE(r.proven_optimal);
  EXPECT_EQ(r.objective, 10);
  EXPECT_EQ(r.chosen, (std::vector<uint32_t>{0, 1}));
  EXPECT_TRUE(std::isnan(r.greedy_objective));  // the greedy sites leave point 5 without one
  const auto no_time = solve_pcenter(p, 2, 0);
  EXPECT_FALSE(no_time.has_solution);
  EXPECT_FALSE(no_time.infeasible);
  EXPECT_TRUE(no_time.stopped_on_time);
  EXPECT_EQ(no_time.bound, 10);
}

TEST(PCenter, AllCandidatesOpenServeEachPointAtItsCheapestOption) {
  CenterProblem p;
  p.candidates = 3;
  p.sites = 4;
  p.options = {{{0, 7}, {1, 3}}, {{2, 9}, {3, 4}}, {{1, 6}, {1, 2}}, {}};
  const auto r = solve_pcenter(p, 3, 10);
  ASSERT_TRUE(r.has_solution);
  EXPECT_TRUE(r.proven_optimal);
  EXPECT_EQ(r.chosen, (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(r.objective, 4);  // max(3, 4, 2): a site listed twice counts at its cheaper cost
}

TEST(PCenter, TiesGiveTheTiedRadius) {
  // Every point 5 from every candidate: any K sites give 5.
  CenterProblem p;
  p.candidates = p.sites = 4;
  for (int i = 0; i < 6; ++i) p.options.push_back({{0, 5}, {1, 5}, {2, 5}, {3, 5}});
  for (size_t k = 1; k <= 4; ++k) {
    const auto r = solve_pcenter(p, k, 10);
    ASSERT_TRUE(r.has_solution);
    EXPECT_TRUE(r.proven_optimal);
    EXPECT_EQ(r.objective, 5);
    EXPECT_EQ(r.chosen.size(), k);
  }
}

TEST(PCenter, PointOnlyAnAlwaysOpenSiteServesSetsTheFloor) {
  // Point 0 is 40 from the always-open site 2 and from nothing else: no choice of K does better
  // than 40, even K = 0; the others are 1 from a candidate, 50 from the open site.
  CenterProblem p;
  p.candidates = 2;
  p.sites = 3;
  p.options = {{{2, 40}}, {{0, 1}, {2, 50}}, {{1, 1}, {2, 50}}};
  const auto none = solve_pcenter(p, 0, 10);
  ASSERT_TRUE(none.has_solution);
  EXPECT_EQ(none.objective, 50);
  const auto one = solve_pcenter(p, 1, 10);
  ASSERT_TRUE(one.has_solution);
  EXPECT_EQ(one.objective, 50);
  const auto two = solve_pcenter(p, 2, 10);
  ASSERT_TRUE(two.has_solution);
  EXPECT_TRUE(two.proven_optimal);
  EXPECT_EQ(two.objective, 40);
}

TEST(PCenter, NoKThatServesEveryPointIsInfeasible) {
  // Three points, each served by a candidate of its own only: K = 2 leaves one without a site.
  CenterProblem p;
  p.candidates = p.sites = 3;
  p.options = {{{0, 1}}, {{1, 1}}, {{2, 1}}, {}};
  const auto r = solve_pcenter(p, 2, 10);
  EXPECT_FALSE(r.has_solution);
  EXPECT_TRUE(r.infeasible);
  EXPECT_TRUE(r.chosen.empty());
  EXPECT_FALSE(solve_pcenter(p, 0, 10).has_solution);
  EXPECT_EQ(solve_pcenter(p, 3, 10).objective, 1);
  // No point with options: nothing to serve, radius 0.
  CenterProblem empty;
  empty.candidates = empty.sites = 2;
  empty.options = {{}, {}};
  const auto nothing = solve_pcenter(empty, 1, 10);
  ASSERT_TRUE(nothing.has_solution);
  EXPECT_EQ(nothing.objective, 0);
  EXPECT_EQ(nothing.chosen.size(), 1u);
}

TEST(PCenter, KLargerThanCandidatesIsBadUsage) {
  CenterProblem p;
  p.candidates = p.sites = 2;
  p.options = {{{0, 1}}};
  EXPECT_THROW(solve_pcenter(p, 3, 1), rz::UsageError);
}

TEST(PCenter, KnownInstanceOnALine) {
  // Eleven villages at 0, 1, ..., 10 km on a road, each a candidate, costs the distances. One
  // site: the middle, 5 km. Two: a radius of 2 km covers 5 villages per site, 10 < 11, so 3 km
  // (sites 3 and 8). Three: 2 km (3 x 5 >= 11), as 1 km covers 3 per site (9 < 11); four: 1 km.
  CenterProblem p;
  p.candidates = p.sites = 11;
  for (uint32_t v = 0; v < 11; ++v) {
    p.options.emplace_back();
    for (uint32_t s = 0; s < 11; ++s)
      p.options.back().push_back({s, std::abs(static_cast<double>(v) - s)});
  }
  const std::vector<std::pair<size_t, double>> expected = {{1, 5}, {2, 3}, {3, 2},
                                                           {4, 1}, {5, 1}, {11, 0}};
  for (const auto& [k, radius] : expected) {
    SCOPED_TRACE(k);
    const auto r = solve_pcenter(p, k, 1e6);
    ASSERT_TRUE(r.has_solution);
    EXPECT_TRUE(r.proven_optimal);
    EXPECT_EQ(r.objective, radius);
    EXPECT_EQ(r.chosen.size(), k);
  }
  EXPECT_EQ(solve_pcenter(p, 1, 10).chosen, (std::vector<uint32_t>{5}));
}

TEST(PCenter, NoTimeLeftGivesAFeasibleAnswerAndAValidBound) {
  // With no time, CBC decides no step: only the greedy covers do. The answer is still a choice of
  // K sites with its true largest cost, and the bound never above the optimum.
  std::mt19937_64 rng(59);
  int unproven = 0;
  for (int trial = 0; trial < 80; ++trial) {
    const size_t nc = 8 + rng() % 5;
    const auto p = random_problem(rng, nc, rng() % 2, 40 + rng() % 40);
    const size_t k = 2 + rng() % 3;
    const double optimum = brute_force(p, k);
    const auto r = solve_pcenter(p, k, 0);
    SCOPED_TRACE(trial);
    if (!r.has_solution) {
      EXPECT_TRUE(r.stopped_on_time || optimum == kNone);
      continue;
    }
    EXPECT_EQ(r.chosen.size(), k);
    EXPECT_EQ(largest_cost(p, r.chosen), r.objective);
    EXPECT_GE(r.objective, optimum);
    EXPECT_LE(r.bound, optimum);
    EXPECT_EQ(r.proven_optimal, !r.stopped_on_time);
    if (r.proven_optimal) {
      EXPECT_EQ(r.objective, optimum);
    }
    unproven += r.stopped_on_time;
  }
  EXPECT_GT(unproven, 0);  // some steps needed CBC
}
