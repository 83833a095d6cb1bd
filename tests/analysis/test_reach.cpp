// Straight-line reach on hand-made facilities and households with known distances.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/reach/reach.hpp"
#include "geo/geos.hpp"

using namespace rz;

TEST(Reach, NearestFacilityPerCategoryAndVillageShares) {
  geo::GeosContext ctx;
  std::vector<analysis::Village> villages{
      {1,
       "431024100201",
       "甲村",
       "431024100",
       "镇",
       geo::to_wkb(ctx, geo::from_wkt(ctx, "POLYGON((0 0,4000 0,4000 4000,0 4000,0 0))").get()),
       {}}};
  analysis::Households h;
  auto add = [&](double x, double y) {
    h.fid.push_back(static_cast<int64_t>(h.fid.size() + 1));
    h.x.push_back(x);
    h.y.push_back(y);
    h.village.push_back(0);
    h.persons.push_back(3);
  };
  add(1000, 1000);  // 1000 m from the center at (2000, 1000)
  add(2000, 3000);  // 2000 m: exactly on the radius, in reach
  add(4000, 2500);  // 2500 m from the center, 500 m from the station
  std::vector<analysis::Facility> facilities{{1, "中心", "party_service_center", 2000, 1000},
                                             {2, "站", "village_service_station", 4000, 3000},
                                             {3, "幼儿园", "kindergarten", 1000, 1000}};
  analysis::ReachSettings settings;
  settings.targets = {
      {"party_service_center", 2000}, {"village_service_station", 1000}, {"bus_stop", 500}};
  for (int threads : {1, 2}) {
    settings.threads = threads;
    auto r = analysis::compute_reach(villages, h, facilities, settings);
    ASSERT_EQ(r.size(), 3u);
    EXPECT_DOUBLE_EQ(r[0].distance[0], 1000);
    EXPECT_DOUBLE_EQ(r[0].distance[1], 2000);
    EXPECT_DOUBLE_EQ(r[0].distance[2], 2500);
    EXPECT_EQ(r[0].nearest[2], 0);
    EXPECT_EQ(r[0].villages[0].households, 3);
    EXPECT_EQ(r[0].villages[0].within, 2);  // the radius itself counts as in reach
    EXPECT_DOUBLE_EQ(r[1].distance[2], 500);
    EXPECT_EQ(r[1].villages[0].within, 1);
    // The village seat is the square's centre (2000, 2000): PointOnSurface bisects the square at
    // half its height and takes the middle of the widest stretch. Its distance and facility per
    // category are checked against every facility of the category.
    for (size_t t = 0; t < 2; ++t) {
      double nearest = INFINITY;
      int32_t which = -1;
      for (size_t k = 0; k < facilities.size(); ++k) {
        if (facilities[k].category != settings.targets[t].category) continue;
        const double d = std::hypot(facilities[k].x - 2000, facilities[k].y - 2000);
        if (d < nearest) nearest = d, which = static_cast<int32_t>(k);
      }
      EXPECT_DOUBLE_EQ(r[t].villages[0].seat_distance, nearest) << settings.targets[t].category;
      EXPECT_EQ(r[t].villages[0].seat_facility, which) << settings.targets[t].category;
    }
    EXPECT_DOUBLE_EQ(r[0].villages[0].seat_distance, 1000);  // to the centre at (2000, 1000)
    EXPECT_DOUBLE_EQ(r[1].villages[0].seat_distance, std::hypot(2000, 1000));
    // No bus stop at all: no distance, nobody in reach.
    EXPECT_TRUE(r[2].facilities.empty());
    EXPECT_EQ(r[2].distance[0], -1);
    EXPECT_EQ(r[2].villages[0].within, 0);
    EXPECT_EQ(r[2].villages[0].seat_distance, -1);
  }
}
