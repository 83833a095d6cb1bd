#include "data/generator/shapes.hpp"

#include <algorithm>
#include <utility>

#include "data/generator/constants.hpp"

namespace rz::gen {

const geo::GeosContext& geos() {
  static const geo::GeosContext context;
  return context;
}

namespace {

std::vector<double> interleaved(const std::vector<Pt>& pts) {
  std::vector<double> xy;
  xy.reserve(2 * pts.size());
  for (const Pt& p : pts) xy.push_back(p.x), xy.push_back(p.y);
  return xy;
}

std::vector<Pt> coords_of(const GEOSGeometry* line_or_ring) {
  std::vector<Pt> pts;
  for (const auto& [x, y] : geo::coordinates(geos(), line_or_ring)) pts.push_back({x, y});
  return pts;
}

void add_rings(const GEOSGeometry* g, Poly& poly) {
  const auto& ctx = geos();
  const int t = geo::type_id(ctx, g);
  if (t == GEOS_POLYGON) {
    if (geo::is_empty(ctx, g)) return;
    poly.rings.push_back(coords_of(geo::exterior_ring(ctx, g)));
    const int holes = geo::interior_ring_count(ctx, g);
    for (int i = 0; i < holes; ++i) poly.rings.push_back(coords_of(geo::interior_ring(ctx, g, i)));
  } else if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
    for (int i = 0; i < geo::part_count(ctx, g); ++i) add_rings(geo::part(ctx, g, i), poly);
  }
}

}  // namespace

geo::Geometry make_line(const std::vector<Pt>& pts) {
  return geo::make_line(geos(), interleaved(pts));
}

geo::Geometry make_polygon(const Ring& shell) {
  return geo::make_polygon(geos(), geo::make_linear_ring(geos(), interleaved(shell)));
}

geo::Geometry make_multipoint(const std::vector<Pt>& pts) {
  std::vector<geo::Geometry> parts;
  for (const Pt& p : pts) parts.push_back(geo::make_point(geos(), p.x, p.y));
  return geo::collect(geos(), GEOS_MULTIPOINT, std::move(parts));
}

geo::Geometry snapped_intersection(const GEOSGeometry* a, const GEOSGeometry* b) {
  return geo::intersection(geos(), a, b, kGrid);
}

geo::Geometry snapped_union(const GEOSGeometry* a, const GEOSGeometry* b) {
  return geo::unite(geos(), a, b, kGrid);
}

geo::Geometry snapped_unary_union(std::vector<geo::Geometry>&& parts) {
  const geo::Geometry all = geo::collect(geos(), GEOS_GEOMETRYCOLLECTION, std::move(parts));
  return geo::unary_union(geos(), all.get(), kGrid);
}

geo::Geometry snapped_buffer(const GEOSGeometry* g, double d) {
  const geo::Geometry b = geo::buffer(geos(), g, d, 8);
  return geo::set_precision(geos(), b.get(), kGrid, 0);
}

Pt point_xy(const GEOSGeometry* p) {
  const auto [x, y] = geo::point_xy(geos(), p);
  return {x, y};
}

Pt centroid(const GEOSGeometry* g) {
  return point_xy(geo::centroid(geos(), g).get());
}

Pt point_on_surface(const GEOSGeometry* g) {
  return point_xy(geo::point_on_surface(geos(), g).get());
}

Poly to_poly(const GEOSGeometry* g) {
  Poly poly;
  add_rings(g, poly);
  bool first = true;
  for (const Ring& r : poly.rings) {
    for (const Pt& p : r) {
      if (first) {
        poly.minx = poly.maxx = p.x;
        poly.miny = poly.maxy = p.y;
        first = false;
      }
      poly.minx = std::min(poly.minx, p.x);
      poly.maxx = std::max(poly.maxx, p.x);
      poly.miny = std::min(poly.miny, p.y);
      poly.maxy = std::max(poly.maxy, p.y);
    }
  }
  return poly;
}

double shared_boundary_length(const GEOSGeometry* a, const GEOSGeometry* b) {
  const geo::Geometry ba = geo::boundary(geos(), a);
  const geo::Geometry bb = geo::boundary(geos(), b);
  return geo::length(geos(), snapped_intersection(ba.get(), bb.get()).get());
}

}  // namespace rz::gen
