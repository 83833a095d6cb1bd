// Siting (MCLP with CBC): the optimum equals brute force on small instances, is never below the
// greedy answer, and K larger than the candidates is bad usage.
#include <gtest/gtest.h>

#include <random>

#include "analysis/siting.hpp"
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
      EXPECT_DOUBLE_EQ(r.covered, brute_force(p, k)) << trial << " " << k;
      EXPECT_GE(r.covered, r.greedy_covered);
      EXPECT_DOUBLE_EQ(r.bound, r.covered);
      greedy_beaten += r.covered > r.greedy_covered;
    }
  }
  EXPECT_GT(greedy_beaten, 0);  // instances where greedy is not optimal do occur
}

TEST(Siting, KLargerThanCandidatesIsBadUsage) {
  auto p = aggregate_coverage(2, {{0}, {1}}, {1, 1});
  EXPECT_THROW(solve_mclp(p, 3, 1), rz::UsageError);
  auto all = solve_mclp(p, 2, 1);
  EXPECT_DOUBLE_EQ(all.covered, 2);
}
