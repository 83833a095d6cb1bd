// geo/voronoi.hpp: the diagram as a planar subdivision, and dissolves that walk it, checked
// against GEOS's own unions of the cells.
#include "geo/voronoi.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "geo/geos_build.hpp"
#include "geo/geos_ops.hpp"
#include "geo/geos_read.hpp"

using namespace rz::geo;

namespace {

// Per group, GEOS's union of the cells of that group: the answer the walk must give.
std::map<int64_t, double> union_areas(const GeosContext& ctx, const VoronoiCells& cells,
                                      const std::vector<int64_t>& group) {
  std::map<int64_t, std::vector<Geometry>> members;
  for (uint32_t c = 0; c < group.size(); ++c)
    if (group[c] != kNoCellGroup) members[group[c]].push_back(cell_polygon(ctx, cells, c));
  std::map<int64_t, double> out;
  for (auto& [g, polygons] : members) {
    auto all = collect(ctx, GEOS_MULTIPOLYGON, std::move(polygons));
    out[g] = area(ctx, unary_union(ctx, all.get()).get());
  }
  return out;
}

// Per cell, the group of its site (kNoCellGroup for the guards' cells).
std::vector<int64_t> cell_groups(const VoronoiCells& cells, const std::vector<int64_t>& of_site) {
  std::vector<int64_t> group(cells.site.size(), kNoCellGroup);
  for (size_t c = 0; c < group.size(); ++c)
    if (cells.site[c] >= 0) group[c] = of_site[static_cast<size_t>(cells.site[c])];
  return group;
}

}  // namespace

TEST(Voronoi, NoSitesNoCells) {
  GeosContext ctx;
  auto cover = empty_polygon(ctx);
  const auto cells = voronoi_cells(ctx, {}, {}, cover.get());
  EXPECT_TRUE(cells.site.empty());
  EXPECT_TRUE(cells.x.empty());
}

TEST(Voronoi, SquareLatticeIsASubdivisionOfSquares) {
  // 4 x 4 sites 10 m apart: every vertex is shared by four cocircular sites, the hard case.
  GeosContext ctx;
  std::vector<double> x, y;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) x.push_back(10.0 * i), y.push_back(10.0 * j);
  auto cover = empty_polygon(ctx);
  const auto cells = voronoi_cells(ctx, x, y, cover.get());
  EXPECT_TRUE(cells.exact);
  // 16 sites' cells and 8 guards'; each site has exactly one cell, which holds it.
  EXPECT_EQ(cells.site.size(), 24u);
  std::vector<int> seen(16, 0);
  for (uint32_t c = 0; c < cells.site.size(); ++c) {
    if (cells.site[c] < 0) continue;
    const auto s = static_cast<size_t>(cells.site[c]);
    ++seen[s];
    auto polygon = cell_polygon(ctx, cells, c);
    auto prepared = prepare(ctx, polygon.get());
    EXPECT_TRUE(contains(ctx, prepared, make_point(ctx, x[s], y[s]).get())) << s;
    // The inner sites' cells are the 10 m squares around them.
    if (x[s] > 0 && x[s] < 30 && y[s] > 0 && y[s] < 30) {
      EXPECT_NEAR(area(ctx, polygon.get()), 100, 1e-6) << s;
    }
  }
  EXPECT_EQ(seen, std::vector<int>(16, 1));
  // Every half-edge of a site's cell is its twin's twin and runs the other way.
  for (uint32_t h = 0; h < cells.vertex.size(); ++h) {
    if (cells.site[cells.cell[h]] < 0) continue;
    ASSERT_GE(cells.twin[h], 0) << h;
    const auto t = static_cast<uint32_t>(cells.twin[h]);
    EXPECT_EQ(cells.twin[t], static_cast<int32_t>(h));
    EXPECT_EQ(cells.vertex[t], cells.vertex[cells.next(h)]);
    EXPECT_EQ(cells.vertex[cells.next(t)], cells.vertex[h]);
  }
}

TEST(Voronoi, DissolveOfARingOfCellsHasAHole) {
  GeosContext ctx;
  std::vector<double> x, y;
  std::vector<int64_t> of_site;
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j) {
      x.push_back(10.0 * i), y.push_back(10.0 * j);
      // The ring of the eight cells around the centre is group 1, the centre group 2, the outer
      // cells in no group.
      const int d = std::max(std::abs(i - 2), std::abs(j - 2));
      of_site.push_back(d == 0 ? 2 : d == 1 ? 1 : kNoCellGroup);
    }
  auto cover = empty_polygon(ctx);
  const auto cells = voronoi_cells(ctx, x, y, cover.get());
  ASSERT_TRUE(cells.exact);
  const auto group = cell_groups(cells, of_site);
  auto dissolved = dissolve_cells(ctx, cells, group);
  ASSERT_TRUE(dissolved);
  ASSERT_EQ(dissolved->size(), 2u);
  const GEOSGeometry* ring = dissolved->at(1).get();
  EXPECT_EQ(invalid_reason(ctx, ring), std::nullopt);
  EXPECT_EQ(type_id(ctx, ring), GEOS_MULTIPOLYGON);
  ASSERT_EQ(part_count(ctx, ring), 1);
  EXPECT_EQ(interior_ring_count(ctx, part(ctx, ring, 0)), 1);
  EXPECT_NEAR(area(ctx, ring), 800, 1e-6);
  EXPECT_NEAR(area(ctx, dissolved->at(2).get()), 100, 1e-6);
}

TEST(Voronoi, WalkedDissolvesEqualGeosUnionsOnRandomSites) {
  GeosContext ctx;
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> coord(0, 1000);
  std::vector<double> x, y;
  for (int i = 0; i < 2000; ++i) x.push_back(coord(rng)), y.push_back(coord(rng));
  auto cover = from_wkt(ctx, "POLYGON((-500 -500,1500 -500,1500 1500,-500 1500,-500 -500))");
  const auto cells = voronoi_cells(ctx, x, y, cover.get());
  ASSERT_TRUE(cells.exact);
  // The sites' cells reach beyond `cover` (the guards are around it), and overlap nowhere.
  std::vector<int64_t> all(cells.site.size(), kNoCellGroup);
  double cell_sum = 0;
  for (uint32_t c = 0; c < cells.site.size(); ++c)
    if (cells.site[c] >= 0) all[c] = 0, cell_sum += area(ctx, cell_polygon(ctx, cells, c).get());
  auto everything = dissolve_cells(ctx, cells, all);
  ASSERT_TRUE(everything);
  EXPECT_NEAR(area(ctx, everything->at(0).get()), cell_sum, 1e-6 * cell_sum);
  EXPECT_TRUE(contains(ctx, prepare(ctx, everything->at(0).get()), cover.get()));
  // Groups by band of x, and some sites in none: parts, holes and gaps.
  std::vector<int64_t> of_site;
  for (size_t i = 0; i < x.size(); ++i)
    of_site.push_back(rng() % 10 == 0 ? kNoCellGroup : static_cast<int64_t>(x[i] / 200));
  const auto group = cell_groups(cells, of_site);
  auto dissolved = dissolve_cells(ctx, cells, group);
  ASSERT_TRUE(dissolved);
  const auto expected = union_areas(ctx, cells, group);
  ASSERT_EQ(dissolved->size(), expected.size());
  for (const auto& [g, geometry] : *dissolved) {
    SCOPED_TRACE(g);
    if (cells.folded.empty()) {  // else rounding may leave a ring crossing itself by a hair
      EXPECT_EQ(invalid_reason(ctx, geometry.get()), std::nullopt);
    }
    EXPECT_NEAR(area(ctx, geometry.get()), expected.at(g), 1e-6 * expected.at(g));
  }
}

TEST(Voronoi, CellsJoinIntoOnePartAcrossTheirTwins) {
  // Two cells of one group sharing an edge dissolve into one polygon; with the twin links cut
  // the edge is a boundary, and each cell is a part of its own.
  GeosContext ctx;
  std::vector<double> x{0, 10}, y{0, 0};
  auto cover = empty_polygon(ctx);
  auto cells = voronoi_cells(ctx, x, y, cover.get());
  ASSERT_TRUE(cells.exact);
  const auto group = cell_groups(cells, {7, 7});
  auto joined = dissolve_cells(ctx, cells, group);
  ASSERT_TRUE(joined);
  EXPECT_EQ(part_count(ctx, joined->at(7).get()), 1);
  for (auto& t : cells.twin) t = -1;
  auto apart = dissolve_cells(ctx, cells, group);
  ASSERT_TRUE(apart);
  EXPECT_EQ(part_count(ctx, apart->at(7).get()), 2);
}
