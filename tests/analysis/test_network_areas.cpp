// Service areas and isochrones drawn from reach on roads, road costs for siting, and the
// network's own warnings (zero-length parts, self-loops, facilities off the road).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analysis/common/road_travel.hpp"
#include "analysis/common/site_costs.hpp"
#include "analysis/road_reach/network_areas.hpp"
#include "geo/geos_build.hpp"
#include "geo/geos_ops.hpp"
#include "geo/geos_read.hpp"

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

TEST(NetworkAreas, WalkedDissolvesPartitionAnIrregularOutline) {
  // A lattice of roads 500 m apart with some missing and random speeds, sampled every 125 m (sites
  // on a grid: many cocircular, the hard case for cells matching edge for edge), and an island
  // of roads no facility reaches. The outline has a hole and reaches beyond the roads.
  std::mt19937_64 rng(7);
  std::vector<RoadInput> roads;
  auto kmh = [&] { return 10 + static_cast<double>(rng() % 50); };
  for (int i = 0; i < 12; ++i)
    for (int j = 0; j < 12; ++j) {
      const double x = i * 500.0, y = j * 500.0;
      if (i < 11 && rng() % 6 != 0) roads.push_back(road({{x, y}, {x + 500, y}}, kmh()));
      if (j < 11 && rng() % 6 != 0) roads.push_back(road({{x, y}, {x, y + 500}}, kmh()));
    }
  for (int k = 0; k < 5; ++k)
    roads.push_back(road({{7000, k * 1000.0}, {9000, k * 1000.0 + 300}}, 30));
  RoadNetwork net(roads, {});
  rz::geo::GeosContext ctx;
  auto outline =
      rz::geo::from_wkt(ctx,
                        "POLYGON((-300 -300,9500 -300,9500 6000,4000 6400,-300 5800,-300 -300),"
                        "(2000 2000,3000 2000,3000 3000,2000 3000,2000 2000))");
  const double total = rz::geo::area(ctx, outline.get());
  NetworkAreas areas(ctx, net, 125, outline.get());
  EXPECT_TRUE(areas.exact());
  std::vector<Facility> facilities;
  for (int f = 0; f < 6; ++f)
    facilities.push_back(facility("f" + std::to_string(f), static_cast<double>(rng() % 12) * 500,
                                  static_cast<double>(rng() % 12) * 500));
  const auto reach = road_reach(net, {}, {}, facilities, "c", {});
  std::vector<double> minutes;
  std::vector<int32_t> nearest;
  areas.label(reach, minutes, nearest);

  int holes = 0;
  auto check_valid = [&](const GEOSGeometry* g) {
    EXPECT_EQ(rz::geo::invalid_reason(ctx, g), std::nullopt);
    for (int i = 0; i < rz::geo::part_count(ctx, g); ++i)
      holes += rz::geo::interior_ring_count(ctx, rz::geo::part(ctx, g, i));
  };
  // Service areas: valid, adding up to the outline and overlapping nowhere.
  const auto by_facility = areas.service_areas(nearest);
  EXPECT_EQ(by_facility.count(-1), 1u);  // the island
  double sum = 0;
  std::vector<const GEOSGeometry*> all;
  for (const auto& [f, g] : by_facility) {
    check_valid(g.get());
    sum += rz::geo::area(ctx, g.get());
    all.push_back(g.get());
  }
  EXPECT_NEAR(sum, total, 1e-6 * total);
  auto united = rz::geo::unary_union(ctx, rz::geo::collect_copies(ctx, all).get());
  EXPECT_NEAR(rz::geo::area(ctx, united.get()), total, 1e-6 * total);
  // Isochrones: valid, each inside the next.
  rz::geo::Geometry previous;
  for (double t : {2.0, 4.0, 8.0, 16.0, 1000.0}) {
    SCOPED_TRACE(t);
    auto iso = areas.isochrone(minutes, t);
    check_valid(iso.get());
    if (previous) {
      auto beyond = rz::geo::difference(ctx, previous.get(), iso.get());
      EXPECT_LT(rz::geo::area(ctx, beyond.get()), 1e-6 * total);
      EXPECT_GE(rz::geo::area(ctx, iso.get()), rz::geo::area(ctx, previous.get()));
    }
    previous = std::move(iso);
  }
  // Everything but the island's share at the largest threshold; some area had holes to walk.
  EXPECT_NEAR(rz::geo::area(ctx, previous.get()),
              total - rz::geo::area(ctx, by_facility.at(-1).get()), 1e-6 * total);
  EXPECT_GT(holes, 0);
}

TEST(NetworkAreas, SpacingWidensToKeepTheSamplesBounded) {
  RoadNetwork net({road({{0, 0}, {10000, 0}}, 30)}, {});
  EXPECT_EQ(area_sample_spacing(net, 250, 1000), 250);  // 2 nodes and 39 points fit
  // 10,001 samples asked for: the spacing widens until they fit, but not much further.
  const double wide = area_sample_spacing(net, 1, 1000);
  const double samples = 2 + std::floor(10000 / wide) - 1;
  EXPECT_LE(samples, 1000);
  EXPECT_GE(samples, 950);
  EXPECT_TRUE(std::isinf(area_sample_spacing(net, 1, 2)));  // the nodes alone fill the limit
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
