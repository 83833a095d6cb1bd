// Reach on roads, on hand-made networks with known answers: one-way streets, disconnected parts,
// two facilities equally near, snapping of line ends; and the multi-source search equals the
// minimum over single-source searches.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analysis/common/road_travel.hpp"

using namespace rz::analysis;

namespace {

RoadInput road(std::vector<std::pair<double, double>> line, double kmh, bool oneway = false) {
  RoadInput r;
  r.parts = {std::move(line)};
  r.speed_kmh = kmh;
  r.oneway = oneway;
  return r;
}

Facility facility(const std::string& category, double x, double y) {
  return {0, category, category, x, y};
}

constexpr double kWalk = 4.5 * 1000 / 60;  // m per minute

}  // namespace

TEST(RoadReachTest, StraightRoadKnownMinutes) {
  RoadNetwork net({road({{0, 0}, {3000, 0}, {6000, 0}}, 60)}, {});
  EXPECT_EQ(net.node_count(), 2u);
  auto r = road_reach(net, {0}, {100}, {facility("c", 6000, 0)}, "c", {});
  EXPECT_NEAR(r.minutes[0], 100 / kWalk + 6.0, 1e-9);  // walk 100 m, drive 6 km at 60 km/h
  EXPECT_EQ(r.facility[0], 0);
  // Same edge, household between the road's ends.
  r = road_reach(net, {4500}, {-50}, {facility("c", 6000, 0)}, "c", {});
  EXPECT_NEAR(r.minutes[0], 50 / kWalk + 1.5, 1e-9);
}

TEST(RoadReachTest, OneWayStreetsAndClosedDirections) {
  // A fast one-way street east, and a slow two-way detour back west.
  RoadNetwork net(
      {road({{0, 0}, {6000, 0}}, 60, true), road({{6000, 0}, {6000, 1000}, {0, 1000}, {0, 0}}, 20)},
      {});
  // Facility at the west end, household at the east end: the one-way street is closed that way.
  auto west = road_reach(net, {6000}, {-10}, {facility("c", 0, 0)}, "c", {});
  EXPECT_NEAR(west.minutes[0], 10 / kWalk + 8000.0 / (20000.0 / 60), 1e-9);
  // The other way round the one-way street is open.
  auto east = road_reach(net, {0}, {-10}, {facility("c", 6000, 0)}, "c", {});
  EXPECT_NEAR(east.minutes[0], 10 / kWalk + 6.0, 1e-9);
  // cost / reverse_cost override speed: negative closes.
  RoadInput closed = road({{0, 0}, {6000, 0}}, 60);
  closed.cost_min = 3;
  closed.reverse_cost_min = -1;
  RoadNetwork net2({closed}, {});
  EXPECT_NEAR(road_reach(net2, {0}, {0}, {facility("c", 6000, 0)}, "c", {}).minutes[0], 3, 1e-9);
  auto blocked = road_reach(net2, {6000}, {0}, {facility("c", 0, 0)}, "c", {});
  EXPECT_TRUE(std::isinf(blocked.minutes[0]));
  EXPECT_EQ(blocked.reason[0], Unreached::one_way);
}

TEST(RoadReachTest, DisconnectedPartsNoRoadAndEquidistantFacilities) {
  RoadNetwork net({road({{0, 0}, {2000, 0}}, 30), road({{10000, 0}, {12000, 0}}, 30)}, {});
  EXPECT_EQ(net.component_count(), 2u);
  RoadReachSettings s;
  s.access_limit_m = 500;
  auto r = road_reach(net, {11000, 5000, 1000}, {10, 5000, 10},
                      {facility("c", 0, 0), facility("c", 2000, 0)}, "c", s);
  EXPECT_EQ(r.reason[0], Unreached::disconnected);
  EXPECT_EQ(r.reason[1], Unreached::no_road);
  EXPECT_EQ(r.reason[2], Unreached::reached);
  EXPECT_NEAR(r.minutes[2], 10 / kWalk + 2.0, 1e-9);  // 1 km either way at 30 km/h
  auto none = road_reach(net, {1000}, {0}, {facility("other", 0, 0)}, "c", s);
  EXPECT_EQ(none.reason[0], Unreached::no_facility);
}

TEST(RoadReachTest, SnapToleranceJoinsNearbyEnds) {
  std::vector<RoadInput> roads{road({{0, 0}, {1000, 0}}, 60), road({{1000.5, 0}, {2000, 0}}, 60)};
  RoadNetworkSettings tight;
  tight.snap_m = 0.1;
  EXPECT_EQ(RoadNetwork(roads, tight).component_count(), 2u);
  RoadNetwork joined(roads, {});  // default 1 m
  EXPECT_EQ(joined.component_count(), 1u);
  auto r = road_reach(joined, {2000}, {0}, {facility("c", 0, 0)}, "c", {});
  EXPECT_NEAR(r.minutes[0], 1999.5 / 1000.0, 1e-9);
}

TEST(RoadReachTest, MultiSourceEqualsMinimumOfSingleSources) {
  // A 10 x 10 lattice of 500 m streets, some one-way, speeds 20-60 km/h.
  std::mt19937_64 rng(3);
  std::vector<RoadInput> roads;
  for (int i = 0; i < 10; ++i)
    for (int j = 0; j < 10; ++j) {
      const double x = i * 500.0, y = j * 500.0;
      if (i < 9)
        roads.push_back(road({{x, y}, {x + 500, y}}, 20 + 20.0 * static_cast<double>(rng() % 3),
                             rng() % 5 == 0));
      if (j < 9)
        roads.push_back(road({{x, y}, {x, y + 500}}, 20 + 20.0 * static_cast<double>(rng() % 3),
                             rng() % 5 == 0));
    }
  RoadNetwork net(roads, {});
  std::vector<Facility> all{facility("c", 120, 0), facility("c", 4500, 2300),
                            facility("c", 2000, 4500)};
  std::vector<double> hx, hy;
  std::uniform_real_distribution<double> u(0, 4500);
  for (int h = 0; h < 300; ++h) {
    hx.push_back(u(rng));
    hy.push_back(u(rng));
  }
  auto multi = road_reach(net, hx, hy, all, "c", {});
  std::vector<CategoryRoadReach> single;
  for (const auto& f : all) single.push_back(road_reach(net, hx, hy, {f}, "c", {}));
  for (size_t h = 0; h < hx.size(); ++h) {
    double best = INFINITY;
    for (const auto& s : single) best = std::min(best, s.minutes[h]);
    EXPECT_NEAR(multi.minutes[h], best, 1e-9) << h;
  }
}
