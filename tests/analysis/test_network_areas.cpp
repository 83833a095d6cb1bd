// Service areas and isochrones drawn from reach on roads, road costs for siting, and the
// network's own warnings (zero-length parts, self-loops, facilities off the road).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analysis/network_areas.hpp"
#include "analysis/road_reach.hpp"
#include "analysis/site_costs.hpp"

using namespace rz::analysis;

namespace {

RoadInput road(std::vector<std::pair<double, double>> line, double kmh) {
  RoadInput r;
  r.parts = {std::move(line)};
  r.speed_kmh = kmh;
  return r;
}

Facility facility(const std::string& name, double x, double y) {
  return {0, name, "c", x, y};
}

}  // namespace

TEST(NetworkAreas, TwoFacilitiesSplitTheOutlineAtTheMiddle) {
  // A 10 km road through a 10 km x 2 km outline, a facility at each end.
  RoadNetwork net({road({{0, 1000}, {5000, 1000}}, 30), road({{5000, 1000}, {10000, 1000}}, 30)},
                  {});
  rz::geo::GeosContext ctx;
  auto outline = rz::geo::from_wkt(ctx, "POLYGON((0 0,10000 0,10000 2000,0 2000,0 0))");
  NetworkAreas areas(ctx, net, 250, outline.get());
  const auto reach =
      road_reach(net, {}, {}, {facility("west", 0, 1000), facility("east", 10000, 1000)}, "c", {});
  std::vector<double> minutes;
  std::vector<int32_t> nearest;
  areas.label(reach, minutes, nearest);
  const auto by_facility = areas.service_areas(nearest);
  ASSERT_EQ(by_facility.size(), 2u);
  const double west = rz::geo::area(ctx, by_facility.at(0).get());
  const double east = rz::geo::area(ctx, by_facility.at(1).get());
  EXPECT_NEAR(west + east, 2e7, 1e-3);  // a partition of the outline
  EXPECT_NEAR(west, 1e7, 2000 * 250);   // split within one sample spacing of the middle
  // Isochrones grow with the threshold; 10 min at 30 km/h is 5 km from each end: everything.
  const double five = rz::geo::area(ctx, areas.isochrone(minutes, 5).get());
  const double ten = rz::geo::area(ctx, areas.isochrone(minutes, 10).get());
  EXPECT_LT(five, ten);
  EXPECT_NEAR(five, 2e7 / 2, 2000 * 250 * 2);  // 2.5 km from each end
  EXPECT_NEAR(ten, 2e7, 1e-3);
  EXPECT_EQ(rz::geo::area(ctx, areas.isochrone(minutes, 0.001).get()) < five, true);
}

TEST(NetworkAreas, PlacesNoFacilityReachesFormTheirOwnArea) {
  // Two separate roads; the facility is on the western one only.
  RoadNetwork net({road({{0, 500}, {4000, 500}}, 30), road({{6000, 500}, {10000, 500}}, 30)}, {});
  rz::geo::GeosContext ctx;
  auto outline = rz::geo::from_wkt(ctx, "POLYGON((0 0,10000 0,10000 1000,0 1000,0 0))");
  NetworkAreas areas(ctx, net, 500, outline.get());
  const auto reach = road_reach(net, {}, {}, {facility("w", 0, 500)}, "c", {});
  std::vector<double> minutes;
  std::vector<int32_t> nearest;
  areas.label(reach, minutes, nearest);
  const auto by_facility = areas.service_areas(nearest);
  ASSERT_EQ(by_facility.count(-1), 1u);
  EXPECT_NEAR(rz::geo::area(ctx, by_facility.at(-1).get()), 5e6, 1e-3);  // east of x = 5000
  EXPECT_NEAR(rz::geo::area(ctx, by_facility.at(0).get()), 5e6, 1e-3);
}

TEST(SiteCosts, RoadCostsEqualSingleFacilityReach) {
  // A random lattice: each site's bounded search agrees with road_reach from that site alone.
  std::mt19937_64 rng(3);
  std::vector<RoadInput> roads;
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 6; ++j) {
      const double x = i * 1000.0, y = j * 1000.0;
      if (i < 5)
        roads.push_back(road({{x, y}, {x + 1000, y}}, 10 + static_cast<double>(rng() % 40)));
      if (j < 5)
        roads.push_back(road({{x, y}, {x, y + 1000}}, 10 + static_cast<double>(rng() % 40)));
    }
  RoadNetwork net(roads, {});
  std::vector<double> hx, hy;
  for (int k = 0; k < 300; ++k) {
    hx.push_back(static_cast<double>(rng() % 5000));
    hy.push_back(static_cast<double>(rng() % 5000));
  }
  const std::vector<SitePoint> sites = {{0, 0}, {2500, 2600}, {4900, 100}};
  RoadReachSettings settings;
  const double cutoff = 12;
  const auto costs = RoadCosts(net, hx, hy, settings).costs(sites, cutoff, 2);
  for (size_t s = 0; s < sites.size(); ++s) {
    const auto single =
        road_reach(net, hx, hy, {facility("s", sites[s].x, sites[s].y)}, "c", settings);
    std::vector<double> found(hx.size(), INFINITY);
    for (const auto& [h, c] : costs[s]) found[h] = c;
    for (size_t h = 0; h < hx.size(); ++h) {
      if (single.minutes[h] <= cutoff - 1e-3) {
        EXPECT_NEAR(found[h], single.minutes[h], 1e-3) << s << " " << h;
      } else if (single.minutes[h] > cutoff + 1e-3) {
        EXPECT_TRUE(std::isinf(found[h])) << s << " " << h;
      }
    }
  }
  // Straight-line costs: exact distances within the cutoff.
  const auto line = straight_line_costs(hx, hy, sites, 1500, 2);
  for (size_t s = 0; s < sites.size(); ++s) {
    size_t expected = 0;
    for (size_t h = 0; h < hx.size(); ++h)
      expected += std::hypot(hx[h] - sites[s].x, hy[h] - sites[s].y) <= 1500;
    EXPECT_EQ(line[s].size(), expected);
  }
}

TEST(RoadNetworkWarnings, ZeroLengthPartsSelfLoopsAndFacilitiesOffRoad) {
  RoadInput zero;
  zero.parts = {{{5, 5}, {5, 5}}};
  RoadNetwork net({road({{0, 0}, {1000, 0}}, 30), zero,
                   road({{1000, 0}, {1500, 500}, {1000, 600}, {1000, 0}}, 30)},
                  {});
  EXPECT_EQ(net.zero_length_parts(), 1);
  EXPECT_EQ(net.self_loops(), 1);
  const auto r =
      road_reach(net, {0}, {0}, {facility("near", 10, 10), facility("far", 50000, 50000)}, "c", {});
  ASSERT_EQ(r.facilities_off_road.size(), 1u);
  EXPECT_EQ(r.facilities_off_road[0], 1);
}
