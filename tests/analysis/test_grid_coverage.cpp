// Grid coverage on hand-made villages with known answers: gaps, overlaps, grids spilling out of
// their village, households on shared edges and corners, in no grid and in several.
#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/grid_coverage/grid_coverage.hpp"
#include "geo/error.hpp"
#include "geo/geos.hpp"

using namespace rz;
using analysis::HouseholdStatus;

namespace {

struct Fixture {
  geo::GeosContext ctx;
  std::vector<analysis::Village> villages;
  std::vector<analysis::Grid> grids;
  analysis::Households households;

  std::vector<unsigned char> wkb(const std::string& wkt) {
    return geo::to_wkb(ctx, geo::from_wkt(ctx, wkt).get());
  }
  static std::string box(double x0, double y0, double x1, double y1) {
    return "POLYGON((" + std::to_string(x0) + " " + std::to_string(y0) + "," + std::to_string(x1) +
           " " + std::to_string(y0) + "," + std::to_string(x1) + " " + std::to_string(y1) + "," +
           std::to_string(x0) + " " + std::to_string(y1) + "," + std::to_string(x0) + " " +
           std::to_string(y0) + "))";
  }
  void village(const std::string& code, const std::string& wkt) {
    villages.push_back({static_cast<int64_t>(villages.size() + 1),
                        code,
                        "村" + code,
                        code.substr(0, 9),
                        "镇",
                        wkb(wkt),
                        {}});
  }
  void grid(const std::string& code, const std::string& village_code, const std::string& wkt,
            std::optional<int64_t> workers = 1) {
    auto g = geo::from_wkt(ctx, wkt);
    auto e = geo::envelope(ctx, g.get());
    grids.push_back({static_cast<int64_t>(grids.size() + 1),
                     code,
                     "网格" + code,
                     village_code,
                     workers,
                     geo::to_wkb(ctx, g.get()),
                     {e[0], e[1], e[2], e[3]}});
  }
  size_t household(double x, double y, int32_t village, int32_t persons = 2) {
    households.fid.push_back(static_cast<int64_t>(households.size() + 1));
    households.x.push_back(x);
    households.y.push_back(y);
    households.village.push_back(village);
    households.persons.push_back(persons);
    return households.size() - 1;
  }
};

}  // namespace

// Village A = [0,100]x[0,100] with grids A1 = left half, A2 = right half minus a 10x10 hole at
// the top right corner. Village B = [100,200]x[0,100] with one grid B1 that also reaches 5 m into
// A ([95,200]x[0,100]), overlapping A2 by 5x100 minus nothing, and spilling 500 m² out of B.
TEST(GridCoverage, KnownGapsOverlapsOutsideAndBoundaryPoints) {
  Fixture f;
  f.village("431024100201", Fixture::box(0, 0, 100, 100));
  f.village("431024100202", Fixture::box(100, 0, 200, 100));
  f.grid("A1", "431024100201", Fixture::box(0, 0, 50, 100));
  f.grid("A2", "431024100201",
         "POLYGON((50 0,100 0,100 90,90 90,90 100,50 100,50 0))");  // hole at [90,100]x[90,100]
  f.grid("B1", "431024100202", Fixture::box(95, 0, 200, 100), 2);
  f.grid("A0", "431024100201", Fixture::box(0, 0, 0.5, 0.5));  // a tiny grid inside A1

  const size_t inside_a1 = f.household(25, 50, 0, 3);
  const size_t on_shared_edge = f.household(50, 50, 0);  // A1|A2 edge: counts once, in A1
  const size_t in_hole = f.household(95, 95, 0);         // in B1's spill? no: B1 is x>=95
  const size_t in_overlap = f.household(97, 50, 0);      // A2 and B1 interiors
  const size_t in_b = f.household(150, 50, 1);
  const size_t at_corner = f.household(0.5, 0.5, 0);  // corner of A0, inside A1
  const size_t in_gap = f.household(92, 98, 0);       // hole, left of B1
  const size_t no_village = f.household(500, 500, -1);

  analysis::GridSettings settings;
  settings.band = {1, 2};
  settings.threads = 2;
  auto cov = analysis::compute_grid_coverage(f.villages, f.grids, f.households, settings);

  EXPECT_EQ(cov.status[inside_a1], HouseholdStatus::one);
  EXPECT_EQ(cov.household_grid[inside_a1], 0);
  EXPECT_EQ(cov.status[on_shared_edge], HouseholdStatus::boundary);
  EXPECT_EQ(cov.household_grid[on_shared_edge], 0);  // A1 < A2 by code
  // (95, 95): on B1's left edge, in A2's hole: boundary of B1 only.
  EXPECT_EQ(cov.status[in_hole], HouseholdStatus::boundary);
  EXPECT_EQ(cov.household_grid[in_hole], 2);
  EXPECT_EQ(cov.status[in_overlap], HouseholdStatus::several);
  EXPECT_EQ(cov.status[in_b], HouseholdStatus::one);
  // (0.5, 0.5): A0's corner but A1's interior: the interior wins.
  EXPECT_EQ(cov.status[at_corner], HouseholdStatus::one);
  EXPECT_EQ(cov.household_grid[at_corner], 0);
  EXPECT_EQ(cov.status[in_gap], HouseholdStatus::none);
  EXPECT_EQ(cov.status[no_village], HouseholdStatus::none);
  EXPECT_EQ(cov.households_without_village, 1);
  ASSERT_EQ(cov.several.size(), 1u);
  EXPECT_EQ(cov.several[0], (std::vector<int32_t>{1, 2}));

  // Grid loads: A1 holds inside_a1, on_shared_edge, at_corner; A2 in_overlap (shared); B1
  // in_hole, in_overlap (shared), in_b.
  EXPECT_EQ(cov.grids[0].households, 3);
  EXPECT_EQ(cov.grids[0].persons, 3 + 2 + 2);
  EXPECT_EQ(cov.grids[0].load, "over");
  EXPECT_EQ(cov.grids[1].households, 1);
  EXPECT_EQ(cov.grids[1].shared_households, 1);
  EXPECT_EQ(cov.grids[1].load, "ok");
  EXPECT_EQ(cov.grids[2].households, 3);
  EXPECT_DOUBLE_EQ(*cov.grids[2].households_per_worker, 1.5);
  EXPECT_EQ(cov.grids[3].households, 0);
  EXPECT_EQ(cov.grids[3].load, "under");

  // Village A: gap = A minus A's own grids = the 10x10 hole. B1 reaching into it does not fill
  // it: B1 belongs to another village (it shows up as B1's outside area and as overlap instead).
  const auto& a = cov.villages[0];
  EXPECT_DOUBLE_EQ(a.area, 10000);
  EXPECT_NEAR(a.gap_area, 100, 1e-6);
  EXPECT_EQ(a.households, 6);
  EXPECT_EQ(a.none, 1);
  EXPECT_EQ(a.several, 1);
  EXPECT_EQ(a.boundary, 2);
  // Village B: no gap; B1 spills 5x100 = 500 m² outside B.
  const auto& b = cov.villages[1];
  EXPECT_NEAR(b.gap_area, 0, 1e-6);
  EXPECT_NEAR(b.outside_area, 500, 1e-6);
  ASSERT_EQ(cov.outside.size(), 1u);
  EXPECT_EQ(cov.outside[0].grid, 2);
  // Overlaps: A0 inside A1 (0.25 m², below the 1 m² sliver: dropped) and A2 ∩ B1 = [95,100]x
  // [0,90] = 450 m², all inside village A.
  ASSERT_EQ(cov.overlaps.size(), 1u);
  EXPECT_NEAR(cov.overlaps[0].area, 450, 1e-6);
  EXPECT_NEAR(a.overlap_area, 450, 1e-6);
  EXPECT_NEAR(b.overlap_area, 0, 1e-6);
  ASSERT_EQ(cov.gaps.size(), 1u);

  // With no sliver tolerance the tiny overlap of A0 and A1 is reported too.
  settings.sliver_m2 = 0;
  auto fine = analysis::compute_grid_coverage(f.villages, f.grids, f.households, settings);
  EXPECT_EQ(fine.overlaps.size(), 2u);
}

TEST(GridCoverage, VillageWithoutGridsIsAllGapAndOrphanGridsAreAnError) {
  Fixture f;
  f.village("431024100201", Fixture::box(0, 0, 100, 100));
  f.village("431024100202", Fixture::box(100, 0, 200, 100));
  f.grid("A1", "431024100201", Fixture::box(0, 0, 100, 100));
  f.household(150, 50, 1);
  analysis::GridSettings settings;
  auto cov = analysis::compute_grid_coverage(f.villages, f.grids, f.households, settings);
  EXPECT_NEAR(cov.villages[1].gap_area, 10000, 1e-6);  // 100 % gap, not an error
  EXPECT_EQ(cov.villages[1].none, 1);
  EXPECT_EQ(cov.villages[1].grids, 0);

  f.grid("X9", "", Fixture::box(500, 500, 600, 600));
  try {
    analysis::compute_grid_coverage(f.villages, f.grids, f.households, settings);
    FAIL() << "expected an error";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("X9"), std::string::npos) << e.what();
  }
}

TEST(GridCoverage, SingleAndTwoThreadsAgree) {
  Fixture f;
  for (int v = 0; v < 20; ++v) {
    const std::string code = "4310241002" + std::to_string(10 + v);
    f.village(code, Fixture::box(v * 100.0, 0, v * 100.0 + 100, 100));
    for (int g = 0; g < 4; ++g)
      f.grid(code + std::to_string(g), code,
             Fixture::box(v * 100.0 + g * 25, 0, v * 100.0 + g * 25 + 26, 100 - (g == 3 ? 7 : 0)));
  }
  for (int i = 0; i < 4000; ++i)
    f.household((i * 7919 % 2000) + 0.5 * (i % 2), (i * 104729 % 100), (i * 7919 % 2000) / 100);
  analysis::GridSettings one, two;
  one.threads = 1;
  two.threads = 2;
  auto a = analysis::compute_grid_coverage(f.villages, f.grids, f.households, one);
  auto b = analysis::compute_grid_coverage(f.villages, f.grids, f.households, two);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.household_grid, b.household_grid);
  ASSERT_EQ(a.overlaps.size(), b.overlaps.size());
  // 3 overlapping neighbour pairs in each of 20 villages, and each village's last grid reaching
  // 1 m into the next village's first grid (19 pairs).
  EXPECT_EQ(a.overlaps.size(), 79u);
  for (size_t v = 0; v < a.villages.size(); ++v)
    EXPECT_DOUBLE_EQ(a.villages[v].gap_area, b.villages[v].gap_area);
}
