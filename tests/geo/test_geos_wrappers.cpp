// geo/'s GEOS wrappers: each does the one GEOS operation it names, owns what it returns, and
// reports GEOS's failures.
#include <gtest/gtest.h>

#include <cmath>

#include "geo/error.hpp"
#include "geo/geos.hpp"
#include "geo/geos_build.hpp"
#include "geo/geos_ops.hpp"
#include "geo/geos_read.hpp"

using namespace rz::geo;

namespace {

Geometry square(const GeosContext& ctx, double x0, double y0, double side) {
  const double xy[] = {x0, y0, x0 + side, y0, x0 + side, y0 + side, x0, y0 + side, x0, y0};
  return make_polygon(ctx, make_linear_ring(ctx, xy));
}

}  // namespace

TEST(GeosWrappers, BuildAndReadBack) {
  GeosContext ctx;
  auto s = square(ctx, 0, 0, 10);
  EXPECT_EQ(type_id(ctx, s.get()), GEOS_POLYGON);
  EXPECT_DOUBLE_EQ(area(ctx, s.get()), 100);
  const auto ring = coordinates(ctx, exterior_ring(ctx, s.get()));
  ASSERT_EQ(ring.size(), 5u);
  EXPECT_EQ(ring[2], std::make_pair(10.0, 10.0));
  std::vector<double> xy;
  ASSERT_TRUE(coordinates_xy(ctx, exterior_ring(ctx, s.get()), xy));
  EXPECT_EQ(xy, (std::vector<double>{0, 0, 10, 0, 10, 10, 0, 10, 0, 0}));

  const double hole[] = {2, 2, 2, 4, 4, 4, 4, 2, 2, 2};
  const double shell[] = {0, 0, 10, 0, 10, 10, 0, 10, 0, 0};
  std::vector<Geometry> holes;
  holes.push_back(make_linear_ring(ctx, hole));
  auto holed = make_polygon(ctx, make_linear_ring(ctx, shell), std::move(holes));
  EXPECT_EQ(interior_ring_count(ctx, holed.get()), 1);
  EXPECT_EQ(coordinates(ctx, interior_ring(ctx, holed.get(), 0)).size(), 5u);
  EXPECT_DOUBLE_EQ(area(ctx, holed.get()), 96);

  auto line = make_line(ctx, std::vector<std::pair<double, double>>{{0, 0}, {3, 4}});
  EXPECT_DOUBLE_EQ(length(ctx, line.get()), 5);
  EXPECT_EQ(point_xy(ctx, make_point(ctx, 1.5, -2).get()), std::make_pair(1.5, -2.0));

  EXPECT_TRUE(is_empty(ctx, empty_polygon(ctx).get()));
  auto none = empty_collection(ctx, GEOS_MULTIPOLYGON);
  EXPECT_EQ(type_id(ctx, none.get()), GEOS_MULTIPOLYGON);
  EXPECT_TRUE(is_empty(ctx, none.get()));
}

TEST(GeosWrappers, CollectionsAndTheirPolygons) {
  GeosContext ctx;
  std::vector<Geometry> parts;
  parts.push_back(square(ctx, 0, 0, 1));
  parts.push_back(make_line(ctx, std::vector<std::pair<double, double>>{{5, 5}, {6, 6}}));
  parts.push_back(empty_polygon(ctx));
  std::vector<Geometry> inner;
  inner.push_back(square(ctx, 10, 0, 2));
  inner.push_back(square(ctx, 20, 0, 3));
  parts.push_back(collect(ctx, GEOS_MULTIPOLYGON, std::move(inner)));
  auto mixed = collect(ctx, GEOS_GEOMETRYCOLLECTION, std::move(parts));
  EXPECT_EQ(part_count(ctx, mixed.get()), 4);
  EXPECT_EQ(type_id(ctx, part(ctx, mixed.get(), 1)), GEOS_LINESTRING);
  // The line and the empty polygon are left out; nested polygons are found.
  const auto polygons = polygon_parts(ctx, mixed.get());
  ASSERT_EQ(polygons.size(), 3u);
  EXPECT_DOUBLE_EQ(area(ctx, polygons[0].get()), 1);
  EXPECT_DOUBLE_EQ(area(ctx, polygons[1].get()), 4);
  EXPECT_DOUBLE_EQ(area(ctx, polygons[2].get()), 9);

  auto one = as_multipolygon(ctx, square(ctx, 0, 0, 2));
  EXPECT_EQ(type_id(ctx, one.get()), GEOS_MULTIPOLYGON);
  EXPECT_DOUBLE_EQ(area(ctx, one.get()), 4);
  auto line =
      as_multipolygon(ctx, make_line(ctx, std::vector<std::pair<double, double>>{{0, 0}, {1, 1}}));
  EXPECT_EQ(type_id(ctx, line.get()), GEOS_LINESTRING);  // only a Polygon is wrapped

  // The copies belong to the collection: the originals outlive it and stay usable.
  auto a = square(ctx, 0, 0, 1), b = square(ctx, 1, 0, 1);
  const GEOSGeometry* both[] = {a.get(), b.get()};
  {
    auto copies = collect_copies(ctx, both);
    EXPECT_EQ(part_count(ctx, copies.get()), 2);
  }
  EXPECT_DOUBLE_EQ(area(ctx, a.get()) + area(ctx, b.get()), 2);
  EXPECT_DOUBLE_EQ(area(ctx, clone(ctx, b.get()).get()), 1);
}

TEST(GeosWrappers, FailuresThrowOrComeBackNull) {
  GeosContext ctx;
  const double open_ring[] = {0, 0, 1, 0, 1, 1, 0, 1};  // not closed
  EXPECT_THROW(make_linear_ring(ctx, open_ring), rz::DataError);
  EXPECT_FALSE(ctx.last_error().empty());
  // A bow tie is invalid, and GEOS 3.11's overlays (plain or snap-rounded) throw a
  // TopologyException on it.
  auto bow = from_wkt(ctx, "POLYGON((0 0,10 10,10 0,0 10,0 0))");
  auto s = square(ctx, 0, 0, 10);
  EXPECT_FALSE(is_valid(ctx, bow.get()));
  EXPECT_TRUE(is_valid(ctx, s.get()));
  EXPECT_EQ(try_difference(ctx, s.get(), bow.get()), nullptr);
  EXPECT_EQ(try_intersection(ctx, s.get(), bow.get(), 1.0), nullptr);
  EXPECT_THROW(difference(ctx, s.get(), bow.get()), rz::DataError);
  EXPECT_THROW(intersection(ctx, s.get(), bow.get()), rz::DataError);
}

TEST(GeosWrappers, OverlaysPlainAndSnapRounded) {
  GeosContext ctx;
  auto a = square(ctx, 0, 0, 10), b = square(ctx, 5, 0, 10);
  EXPECT_DOUBLE_EQ(area(ctx, difference(ctx, a.get(), b.get()).get()), 50);
  EXPECT_DOUBLE_EQ(area(ctx, intersection(ctx, a.get(), b.get()).get()), 50);
  EXPECT_DOUBLE_EQ(area(ctx, unite(ctx, a.get(), b.get()).get()), 150);
  EXPECT_DOUBLE_EQ(area(ctx, try_sym_difference(ctx, a.get(), b.get()).get()), 100);
  // On a 1 m grid, a square offset by 0.3 m snaps back onto the grid.
  auto c = square(ctx, 5.3, 0, 10);
  EXPECT_NEAR(area(ctx, intersection(ctx, a.get(), c.get()).get()), 47, 1e-9);
  EXPECT_DOUBLE_EQ(area(ctx, intersection(ctx, a.get(), c.get(), 1.0).get()), 50);
  EXPECT_DOUBLE_EQ(area(ctx, difference(ctx, a.get(), c.get(), 1.0).get()), 50);
  EXPECT_DOUBLE_EQ(area(ctx, unite(ctx, a.get(), c.get(), 1.0).get()), 150);
  const GEOSGeometry* both[] = {a.get(), c.get()};
  auto pair = collect_copies(ctx, both);
  EXPECT_NEAR(area(ctx, unary_union(ctx, pair.get()).get()), 153, 1e-9);
  EXPECT_DOUBLE_EQ(area(ctx, unary_union(ctx, pair.get(), 1.0).get()), 150);
  // A coverage union dissolves edge-matched squares into one polygon.
  auto left = square(ctx, 0, 0, 1), right = square(ctx, 1, 0, 1);
  const GEOSGeometry* tiles[] = {left.get(), right.get()};
  auto dissolved = coverage_union(ctx, collect_copies(ctx, tiles).get());
  EXPECT_EQ(type_id(ctx, dissolved.get()), GEOS_POLYGON);
  EXPECT_DOUBLE_EQ(length(ctx, dissolved.get()), 6);
}

TEST(GeosWrappers, UnaryOperations) {
  GeosContext ctx;
  auto s = square(ctx, 0, 0, 10);
  // 16 segments a quadrant: the inscribed 64-gon's area.
  const double r = 5, n = 64;
  EXPECT_NEAR(area(ctx, buffer(ctx, make_point(ctx, 0, 0).get(), r, 16).get()),
              n / 2 * r * r * std::sin(2 * M_PI / n), 1e-6);
  EXPECT_DOUBLE_EQ(area(ctx, buffer(ctx, s.get(), -1, 8).get()), 64);
  auto off = square(ctx, 0.26, 0, 10);
  EXPECT_DOUBLE_EQ(envelope(ctx, set_precision(ctx, off.get(), 0.5).get())[0], 0.5);
  EXPECT_DOUBLE_EQ(length(ctx, boundary(ctx, s.get()).get()), 40);
  EXPECT_EQ(type_id(ctx, boundary(ctx, s.get()).get()), GEOS_LINESTRING);
  auto line = make_line(ctx, std::vector<std::pair<double, double>>{{0, 0}, {4, 2}});
  EXPECT_DOUBLE_EQ(area(ctx, envelope_geometry(ctx, line.get()).get()), 8);
  EXPECT_EQ(point_xy(ctx, centroid(ctx, s.get()).get()), std::make_pair(5.0, 5.0));
  EXPECT_EQ(point_xy(ctx, point_on_surface(ctx, s.get()).get()), std::make_pair(5.0, 5.0));
  // MakeValid of a bow tie: its two triangles.
  auto bow = from_wkt(ctx, "POLYGON((0 0,10 10,10 0,0 10,0 0))");
  auto valid = make_valid(ctx, bow.get());
  EXPECT_TRUE(is_valid(ctx, valid.get()));
  EXPECT_DOUBLE_EQ(area(ctx, valid.get()), 50);
  // Polygonize: two squares' boundaries, noded, enclose two faces.
  std::vector<Geometry> two;
  two.push_back(clone(ctx, s.get()));
  two.push_back(square(ctx, 10, 0, 10));
  auto both = collect(ctx, GEOS_MULTIPOLYGON, std::move(two));
  auto noded = unary_union(ctx, boundary(ctx, both.get()).get());
  const GEOSGeometry* lines[] = {noded.get()};
  auto faces = polygonize(ctx, lines);
  EXPECT_EQ(part_count(ctx, faces.get()), 2);
  EXPECT_DOUBLE_EQ(area(ctx, faces.get()), 200);
}

TEST(GeosWrappers, PreparedPredicatesAndVoronoi) {
  GeosContext ctx;
  auto s = square(ctx, 0, 0, 10);
  auto p = prepare(ctx, s.get());
  EXPECT_TRUE(contains(ctx, p, make_point(ctx, 5, 5).get()));
  EXPECT_FALSE(contains(ctx, p, make_point(ctx, 10, 5).get()));  // on the boundary
  EXPECT_TRUE(intersects(ctx, p, make_point(ctx, 10, 5).get()));
  EXPECT_FALSE(intersects(ctx, p, make_point(ctx, 11, 5).get()));
  std::vector<Geometry> sites;
  sites.push_back(make_point(ctx, 2, 5));
  sites.push_back(make_point(ctx, 8, 5));
  auto points = collect(ctx, GEOS_MULTIPOINT, std::move(sites));
  auto cells = voronoi_diagram(ctx, points.get(), s.get());
  ASSERT_EQ(part_count(ctx, cells.get()), 2);
  // The cells meet on x = 5 and together cover the envelope given.
  auto covered = intersection(ctx, unary_union(ctx, cells.get()).get(), s.get());
  EXPECT_NEAR(area(ctx, covered.get()), 100, 1e-9);
  for (int i = 0; i < 2; ++i) {
    auto inside = intersection(ctx, part(ctx, cells.get(), i), s.get());
    EXPECT_NEAR(area(ctx, inside.get()), 50, 1e-9);
  }
}
