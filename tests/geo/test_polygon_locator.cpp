// geo::PolygonLocator against GEOS: wherever the locator is certain its answer is GEOS's
// (prepared contains for interior, not intersects for exterior), it is uncertain exactly on
// vertices and edges, and certain for points away from the boundary.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <numbers>
#include <random>
#include <stdexcept>
#include <vector>

#include "geo/geos.hpp"
#include "geo/geos_ops.hpp"
#include "geo/polygon_locator.hpp"

using namespace rz::geo;

namespace {

using Ring = std::vector<std::pair<double, double>>;

// A star-shaped ring around (cx, cy) with `n` vertices at random radii in [r0, r1], closed.
Ring wiggly_ring(std::mt19937& rng, double cx, double cy, double r0, double r1, int n,
                 bool clockwise) {
  std::uniform_real_distribution<double> radius(r0, r1);
  Ring ring;
  for (int i = 0; i < n; ++i) {
    const double a = 2 * std::numbers::pi * i / n * (clockwise ? -1 : 1);
    const double r = radius(rng);
    ring.emplace_back(cx + r * std::cos(a), cy + r * std::sin(a));
  }
  ring.push_back(ring.front());
  return ring;
}

std::string ring_wkt(const Ring& ring) {
  std::string out = "(";
  for (size_t i = 0; i < ring.size(); ++i)
    out += (i ? "," : "") + fmt::format("{:.17g} {:.17g}", ring[i].first, ring[i].second);
  return out + ")";
}

struct Case {
  std::string wkt;
  std::vector<Ring> rings;
};

// Two wiggly polygons with holes, a staircase (horizontal and vertical edges, a horizontal edge
// through the middle of the band structure) as a MultiPolygon.
Case test_case(unsigned seed) {
  std::mt19937 rng(seed);
  Case c;
  const Ring a = wiggly_ring(rng, 0, 0, 60, 100, 400, false);
  const Ring a_hole = wiggly_ring(rng, 0, 0, 15, 35, 90, true);
  const Ring b = wiggly_ring(rng, 300, 40, 30, 70, 250, false);
  const Ring b_hole = wiggly_ring(rng, 300, 40, 5, 20, 40, true);
  Ring stairs{{150, -200}, {250, -200}, {250, -150}, {200, -150}, {200, -100},
              {170, -100}, {170, -170}, {150, -170}, {150, -200}};
  c.rings = {a, a_hole, b, b_hole, stairs};
  c.wkt = fmt::format("MULTIPOLYGON(({},{}),({},{}),({}))", ring_wkt(a), ring_wkt(a_hole),
                      ring_wkt(b), ring_wkt(b_hole), ring_wkt(stairs));
  return c;
}

class Checker {
 public:
  explicit Checker(const std::string& wkt)
      : geometry_(from_wkt(ctx_, wkt)),
        prepared_(prepare(ctx_, geometry_.get())),
        wkb_(to_wkb(ctx_, geometry_.get())),
        locator_(wkb_) {}

  // The locator's answer, checked against GEOS when certain.
  PolygonLocator::Location check(double x, double y) {
    const auto where = locator_.locate(x, y);
    if (where == PolygonLocator::Location::uncertain) return where;
    auto point = make_point(ctx_, x, y);
    if (where == PolygonLocator::Location::interior)
      EXPECT_TRUE(contains(ctx_, prepared_, point.get())) << x << " " << y;
    else
      EXPECT_FALSE(intersects(ctx_, prepared_, point.get())) << x << " " << y;
    return where;
  }
  const PolygonLocator& locator() const { return locator_; }

 private:
  GeosContext ctx_;
  Geometry geometry_;
  PreparedGeometry prepared_;
  std::vector<unsigned char> wkb_;
  PolygonLocator locator_;
};

}  // namespace

TEST(PolygonLocator, AgreesWithGeosOnRandomPoints) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const Case c = test_case(seed);
    Checker checker(c.wkt);
    EXPECT_EQ(checker.locator().edge_count(), 400u + 90 + 250 + 40 + 8);
    std::mt19937 rng(seed * 7919);
    std::uniform_real_distribution<double> x(-120, 400), y(-220, 120);
    size_t interior = 0, uncertain = 0;
    for (int i = 0; i < 100000; ++i) {
      const auto where = checker.check(x(rng), y(rng));
      interior += where == PolygonLocator::Location::interior;
      uncertain += where == PolygonLocator::Location::uncertain;
    }
    EXPECT_GT(interior, 10000u);  // the test reaches inside as well as outside
    EXPECT_EQ(uncertain, 0u);     // random points are never within rounding of an edge
  }
}

TEST(PolygonLocator, UncertainOnVerticesAndEdgesOnly) {
  const Case c = test_case(4);
  Checker checker(c.wkt);
  for (const auto& ring : c.rings)
    for (size_t i = 0; i + 1 < ring.size(); ++i) {
      const auto [x1, y1] = ring[i];
      const auto [x2, y2] = ring[i + 1];
      EXPECT_EQ(checker.check(x1, y1), PolygonLocator::Location::uncertain) << x1 << " " << y1;
      // Points along the edge (rounded off it or not): uncertain, or GEOS's answer.
      for (double t : {0.25, 0.5, 0.75}) checker.check(x1 + t * (x2 - x1), y1 + t * (y2 - y1));
      // A little off the edge to either side: certain and GEOS's answer.
      const double nx = -(y2 - y1), ny = x2 - x1, len = std::hypot(nx, ny);
      for (double side : {-1e-3, 1e-3}) {
        const double px = (x1 + x2) / 2 + side * nx / len, py = (y1 + y2) / 2 + side * ny / len;
        EXPECT_NE(checker.check(px, py), PolygonLocator::Location::uncertain) << px << " " << py;
      }
    }
  // Exactly on the staircase's horizontal and vertical edges, and on the level of a horizontal
  // edge beside it (the ray runs along the edge's line).
  EXPECT_EQ(checker.check(225, -150), PolygonLocator::Location::uncertain);
  EXPECT_EQ(checker.check(160, -170), PolygonLocator::Location::uncertain);
  EXPECT_EQ(checker.check(170, -130), PolygonLocator::Location::uncertain);
  EXPECT_EQ(checker.check(185, -150), PolygonLocator::Location::interior);
  EXPECT_EQ(checker.check(145, -170), PolygonLocator::Location::exterior);
  EXPECT_EQ(checker.check(185, -100.5), PolygonLocator::Location::interior);
}

TEST(PolygonLocator, ReadsEveryWkbFlavour) {
  const std::string square = "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,2 4,4 4,4 2,2 2))";
  GeosContext ctx;
  auto g = from_wkt(ctx, square);
  const auto wkb = to_wkb(ctx, g.get());
  const PolygonLocator xy(wkb);
  EXPECT_EQ(xy.locate(5, 5), PolygonLocator::Location::interior);
  EXPECT_EQ(xy.locate(3, 3), PolygonLocator::Location::exterior);
  EXPECT_EQ(xy.locate(11, 5), PolygonLocator::Location::exterior);
  EXPECT_EQ(xy.locate(10, 5), PolygonLocator::Location::uncertain);

  // Big-endian ISO WKB with Z (type 1003), written by hand: a unit triangle.
  std::vector<unsigned char> be{0x00, 0x00, 0x00, 0x03, 0xeb, 0x00, 0x00,
                                0x00, 0x01, 0x00, 0x00, 0x00, 0x04};
  auto put = [&](double v) {
    unsigned char b[8];
    std::memcpy(b, &v, 8);
    for (int i = 7; i >= 0; --i) be.push_back(b[i]);
  };
  for (auto [x, y] : {std::pair{0.0, 0.0}, {4.0, 0.0}, {0.0, 4.0}, {0.0, 0.0}}) {
    put(x), put(y), put(7.0);
  }
  const PolygonLocator z(be);
  EXPECT_EQ(z.locate(1, 1), PolygonLocator::Location::interior);
  EXPECT_EQ(z.locate(3, 3), PolygonLocator::Location::exterior);

  auto point = to_wkb(ctx, make_point(ctx, 1, 1).get());
  EXPECT_THROW(PolygonLocator{point}, std::invalid_argument);
  std::vector<unsigned char> truncated(wkb.begin(), wkb.begin() + 20);
  EXPECT_THROW(PolygonLocator{truncated}, std::invalid_argument);
}
