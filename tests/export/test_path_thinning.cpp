#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "export/path_thinning.hpp"

using rz::exporting::PagePoint;
using rz::exporting::thin_path;
using rz::exporting::thinning_tolerance;

namespace {

double distance(const PagePoint& a, const PagePoint& b) {
  return std::hypot(a.first - b.first, a.second - b.second);
}

}  // namespace

TEST(PathThinning, ToleranceIsHalfAPixelOrAHairline) {
  EXPECT_NEAR(thinning_tolerance(150), 25.4 / 300, 1e-12);
  EXPECT_NEAR(thinning_tolerance(300), 25.4 / 600, 1e-12);
  EXPECT_DOUBLE_EQ(thinning_tolerance(0), 0.05);
}

TEST(PathThinning, DenseRingKeepsItsEndsAndEveryDroppedVertexIsNearAKeptOne) {
  // A wiggly ring of 5,000 vertices about 3 mm across: what a village is on a province map.
  std::vector<PagePoint> ring;
  std::mt19937 random(7);
  std::uniform_real_distribution<double> wiggle(-0.02, 0.02);
  for (int i = 0; i < 5000; ++i) {
    const double a = 2 * M_PI * i / 5000;
    ring.push_back({10 + 1.5 * std::cos(a) + wiggle(random), 20 + 1.5 * std::sin(a)});
  }
  ring.push_back(ring.front());
  const double tolerance = thinning_tolerance(150);
  std::vector<PagePoint> kept;
  thin_path(ring, tolerance, kept);
  ASSERT_GE(kept.size(), 3u);
  EXPECT_LT(kept.size(), ring.size() / 20);
  EXPECT_EQ(kept.front(), ring.front());
  EXPECT_EQ(kept.back(), ring.back());
  for (size_t i = 1; i + 1 < kept.size(); ++i) EXPECT_GE(distance(kept[i], kept[i - 1]), tolerance);
  // Each vertex of the input is within the tolerance of the last vertex kept before it.
  size_t k = 0;
  for (size_t i = 0; i < ring.size(); ++i) {
    if (k + 1 < kept.size() && ring[i] == kept[k + 1]) ++k;
    EXPECT_LT(distance(ring[i], kept[k]), tolerance + 1e-12) << "vertex " << i;
  }
}

TEST(PathThinning, SparsePathsAreLeftAlone) {
  const std::vector<PagePoint> line{{0, 0}, {5, 0}, {5, 5}, {0, 5}, {0, 0}};
  std::vector<PagePoint> kept{{99, 99}};
  thin_path(line, 0.1, kept);
  EXPECT_EQ(kept, line);
  thin_path({{1, 1}}, 0.1, kept);
  EXPECT_EQ(kept, (std::vector<PagePoint>{{1, 1}}));
  thin_path({}, 0.1, kept);
  EXPECT_TRUE(kept.empty());
}
