// The checked overlays, on the GEOS 3.11.1 wrong-answer pair from ../shared/repro and on simple
// cases with known answers.
#include <gtest/gtest.h>

#include "analysis/common/robust_overlay.hpp"
#include "geo/geos_ops.hpp"
#include "geo/geos_read.hpp"
#include "test_support.hpp"

using namespace rz;

namespace {
geo::Geometry load(const geo::GeosContext& ctx, const std::string& name) {
  return geo::from_wkt(
      ctx, test::read_file(test::source_dir() + "/tests/data/geos_3.11.1_overlay/" + name));
}
}  // namespace

// village77 is covered by the union (up to 1e-7 m²). Plain GEOS 3.11.1 says the difference is
// the whole village; the checked difference must not.
TEST(RobustOverlay, Geos3111WrongDifferenceIsCaughtAndRedone) {
  geo::GeosContext ctx;
  auto village = load(ctx, "village77.wkt");
  auto grids = load(ctx, "union_neighbour_grids.wkt");
  const double village_area = geo::area(ctx, village.get());
  ASSERT_GT(village_area, 2.5e6);
  auto d = analysis::checked_difference(ctx, village.get(), grids.get(), "village 77");
  EXPECT_LT(d.area, 1.0) << "the whole village came back as a gap";
  auto i = analysis::checked_intersection(ctx, village.get(), grids.get(), "village 77");
  EXPECT_NEAR(i.area, village_area, 1.0);
  // Record what plain GEOS does here, so the test says when an upgrade fixes it.
  geo::Geometry plain = geo::difference(ctx, village.get(), grids.get());
  if (geo::area(ctx, plain.get()) > 1.0) {
    EXPECT_TRUE(d.snapped);
  }
}

TEST(RobustOverlay, KnownAnswers) {
  geo::GeosContext ctx;
  auto square = geo::from_wkt(ctx, "POLYGON((0 0,100 0,100 100,0 100,0 0))");
  auto half = geo::from_wkt(ctx, "POLYGON((0 0,50 0,50 100,0 100,0 0))");
  auto d = analysis::checked_difference(ctx, square.get(), half.get(), "t");
  EXPECT_NEAR(d.area, 5000, 1e-9);
  EXPECT_FALSE(d.snapped);
  auto touching = geo::from_wkt(ctx, "POLYGON((100 0,200 0,200 100,100 100,100 0))");
  auto i = analysis::checked_intersection(ctx, square.get(), touching.get(), "t");
  EXPECT_EQ(i.area, 0);  // a shared edge is no overlap
  EXPECT_TRUE(geo::polygon_parts(ctx, i.geometry.get()).empty());
  auto u = analysis::checked_union(ctx, {half.get(), touching.get()}, "t");
  EXPECT_NEAR(geo::area(ctx, u.get()), 15000, 1e-9);
}
