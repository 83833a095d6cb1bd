#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "geo/nearest_point_grid.hpp"

namespace {

using rz::geo::NearestPointGrid;

// The answer by looking at every point (ties to the first).
NearestPointGrid::Nearest brute_force(const std::vector<double>& x, const std::vector<double>& y,
                                      double qx, double qy) {
  NearestPointGrid::Nearest best;
  double best_d = INFINITY;
  for (size_t k = 0; k < x.size(); ++k) {
    const double d = std::sqrt((x[k] - qx) * (x[k] - qx) + (y[k] - qy) * (y[k] - qy));
    if (d < best_d) {
      best_d = d;
      best = {static_cast<int32_t>(k), d};
    }
  }
  return best;
}

// The grid's answer for (qx, qy) is the brute force's: same point, same distance to the bit.
::testing::AssertionResult same_as_brute_force(const NearestPointGrid& grid,
                                               const std::vector<double>& x,
                                               const std::vector<double>& y, double qx, double qy) {
  const auto got = grid.nearest(qx, qy);
  const auto want = brute_force(x, y, qx, qy);
  if (got.index == want.index && got.distance == want.distance)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << x.size() << " points, query " << qx << " " << qy << ": point " << got.index << " at "
         << got.distance << ", not " << want.index << " at " << want.distance;
}

TEST(NearestPointGrid, EqualsBruteForceInsideAndFarOutsideThePoints) {
  std::mt19937 rng(7);
  for (int points : {1, 2, 5, 40, 700}) {
    std::uniform_real_distribution<double> at(0, 10000);
    std::vector<double> x, y;
    for (int k = 0; k < points; ++k) {
      x.push_back(at(rng));
      y.push_back(at(rng) * 0.3);  // a flat extent: more columns than rows
    }
    // Clustered points too: half of them in one corner.
    for (int k = 0; k < points / 2; ++k) {
      x.push_back(at(rng) * 0.01);
      y.push_back(at(rng) * 0.01);
    }
    const NearestPointGrid grid(x, y);
    std::uniform_real_distribution<double> query(-30000, 40000);
    for (int q = 0; q < 3000; ++q) {
      const double qx = query(rng), qy = query(rng);
      ASSERT_TRUE(same_as_brute_force(grid, x, y, qx, qy));
    }
  }
}

// Queries inside the points' extent, where the finer cells' candidates answer: random ones, and
// on a lattice of points queried on the lattice of the cells' corners and between, where many
// points are exactly as far (ties to the first given), some of them given twice.
TEST(NearestPointGrid, EqualsBruteForceInsideTheExtentWithExactTies) {
  std::mt19937 rng(11);
  for (int points : {3, 30, 300, 3000}) {
    std::uniform_real_distribution<double> at(0, 5000);
    std::vector<double> x, y;
    for (int k = 0; k < points; ++k) {
      x.push_back(at(rng));
      y.push_back(at(rng));
    }
    const NearestPointGrid grid(x, y);
    std::uniform_real_distribution<double> query(-1, 5001);
    for (int q = 0; q < 20000; ++q) {
      const double qx = query(rng), qy = query(rng);
      ASSERT_TRUE(same_as_brute_force(grid, x, y, qx, qy));
    }
  }
  std::vector<double> x, y;
  std::bernoulli_distribution keep(0.6);
  for (int i = 0; i <= 40; ++i)
    for (int j = 0; j <= 12; ++j)
      if (keep(rng))
        for (int copies = keep(rng) ? 1 : 2; copies > 0; --copies) {
          x.push_back(100.0 * i);
          y.push_back(100.0 * j);
        }
  const NearestPointGrid grid(x, y);
  for (double qx = -50; qx <= 4050; qx += 12.5)
    for (double qy = -50; qy <= 1250; qy += 12.5)
      ASSERT_TRUE(same_as_brute_force(grid, x, y, qx, qy));
}

TEST(NearestPointGrid, TiesGoToTheFirstPointAndDuplicatesAreKept) {
  // Two points at the same place and one equally far on the other side of the query.
  const std::vector<double> x{10, 0, 0}, y{0, 0, 0};
  const NearestPointGrid grid(x, y);
  auto n = grid.nearest(5, 0);
  EXPECT_EQ(n.index, 0);  // 5 m from (10, 0) and from both (0, 0): the first given
  EXPECT_DOUBLE_EQ(n.distance, 5);
  n = grid.nearest(-1, 0);
  EXPECT_EQ(n.index, 1);
  EXPECT_DOUBLE_EQ(n.distance, 1);
}

TEST(NearestPointGrid, EmptyAnswersNone) {
  const NearestPointGrid grid({}, {});
  EXPECT_EQ(grid.nearest(1, 2).index, -1);
}

}  // namespace
