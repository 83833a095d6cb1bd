// The GEOS helpers of geos_helpers.hpp: thin calls of the reentrant C API through G.
#include "data/generator/geos_helpers.hpp"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>

#include "data/generator/constants.hpp"

namespace rz::gen {

GEOSContextHandle_t G = nullptr;

Geom own(GEOSGeometry* g, const char* what) {
  if (!g) throw std::runtime_error(std::string("GEOS: ") + what + " failed");
  return Geom(g);
}

void geos_message(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  std::fprintf(stderr, "GEOS: ");
  std::vfprintf(stderr, fmt, ap);
  std::fprintf(stderr, "\n");
  va_end(ap);
}

namespace {

GEOSCoordSequence* coord_seq(const std::vector<Pt>& pts) {
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(G, static_cast<unsigned>(pts.size()), 2);
  for (unsigned i = 0; i < pts.size(); ++i) GEOSCoordSeq_setXY_r(G, seq, i, pts[i].x, pts[i].y);
  return seq;
}

}  // namespace

Geom make_point(Pt p) {
  return own(GEOSGeom_createPointFromXY_r(G, p.x, p.y), "point");
}

Geom make_line(const std::vector<Pt>& pts) {
  return own(GEOSGeom_createLineString_r(G, coord_seq(pts)), "linestring");
}

Geom make_polygon(const Ring& shell) {
  GEOSGeometry* ring = GEOSGeom_createLinearRing_r(G, coord_seq(shell));
  return own(GEOSGeom_createPolygon_r(G, ring, nullptr, 0), "polygon");
}

Geom make_collection(int type, std::vector<Geom>&& parts) {
  std::vector<GEOSGeometry*> raw;
  raw.reserve(parts.size());
  for (Geom& g : parts) raw.push_back(g.release());
  return own(GEOSGeom_createCollection_r(G, type, raw.data(), static_cast<unsigned>(raw.size())),
             "collection");
}

Geom make_multipoint(const std::vector<Pt>& pts) {
  std::vector<Geom> parts;
  for (const Pt& p : pts) parts.push_back(make_point(p));
  return make_collection(GEOS_MULTIPOINT, std::move(parts));
}

Geom clone(const GEOSGeometry* g) {
  return own(GEOSGeom_clone_r(G, g), "clone");
}
Geom intersection(const GEOSGeometry* a, const GEOSGeometry* b) {
  return own(GEOSIntersectionPrec_r(G, a, b, kGrid), "intersection");
}
Geom unite(const GEOSGeometry* a, const GEOSGeometry* b) {
  return own(GEOSUnionPrec_r(G, a, b, kGrid), "union");
}
Geom unary_union(std::vector<Geom>&& parts) {
  Geom coll = make_collection(GEOS_GEOMETRYCOLLECTION, std::move(parts));
  return own(GEOSUnaryUnionPrec_r(G, coll.get(), kGrid), "unary union");
}
Geom buffer(const GEOSGeometry* g, double d) {
  Geom b = own(GEOSBuffer_r(G, g, d, 8), "buffer");
  return own(GEOSGeom_setPrecision_r(G, b.get(), kGrid, 0), "set precision");
}
double area(const GEOSGeometry* g) {
  double a = 0;
  GEOSArea_r(G, g, &a);
  return a;
}
double length(const GEOSGeometry* g) {
  double l = 0;
  GEOSLength_r(G, g, &l);
  return l;
}
bool is_empty(const GEOSGeometry* g) {
  return GEOSisEmpty_r(G, g) == 1;
}
int type_of(const GEOSGeometry* g) {
  return GEOSGeomTypeId_r(G, g);
}
int num_geometries(const GEOSGeometry* g) {
  return GEOSGetNumGeometries_r(G, g);
}

Pt point_xy(const GEOSGeometry* p) {
  double x = 0;
  double y = 0;
  GEOSGeomGetX_r(G, p, &x);
  GEOSGeomGetY_r(G, p, &y);
  return {x, y};
}
Pt centroid(const GEOSGeometry* g) {
  Geom c = own(GEOSGetCentroid_r(G, g), "centroid");
  return point_xy(c.get());
}
Pt point_on_surface(const GEOSGeometry* g) {
  Geom c = own(GEOSPointOnSurface_r(G, g), "point on surface");
  return point_xy(c.get());
}

std::vector<Pt> coords_of(const GEOSGeometry* line_or_ring) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(G, line_or_ring);
  unsigned n = 0;
  GEOSCoordSeq_getSize_r(G, seq, &n);
  std::vector<Pt> pts(n);
  for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(G, seq, i, &pts[i].x, &pts[i].y);
  return pts;
}

namespace {

void add_rings(const GEOSGeometry* g, Poly& poly) {
  const int t = type_of(g);
  if (t == GEOS_POLYGON) {
    if (is_empty(g)) return;
    poly.rings.push_back(coords_of(GEOSGetExteriorRing_r(G, g)));
    const int holes = GEOSGetNumInteriorRings_r(G, g);
    for (int i = 0; i < holes; ++i)
      poly.rings.push_back(coords_of(GEOSGetInteriorRingN_r(G, g, i)));
  } else if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
    for (int i = 0; i < num_geometries(g); ++i) add_rings(GEOSGetGeometryN_r(G, g, i), poly);
  }
}

}  // namespace

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

std::vector<Geom> polygon_parts(const GEOSGeometry* g) {
  std::vector<Geom> parts;
  const int t = type_of(g);
  if (t == GEOS_POLYGON) {
    if (!is_empty(g)) parts.push_back(clone(g));
  } else if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
    for (int i = 0; i < num_geometries(g); ++i) {
      auto sub = polygon_parts(GEOSGetGeometryN_r(G, g, i));
      for (Geom& s : sub) parts.push_back(std::move(s));
    }
  }
  return parts;
}

double shared_boundary_length(const GEOSGeometry* a, const GEOSGeometry* b) {
  Geom ba = own(GEOSBoundary_r(G, a), "boundary");
  Geom bb = own(GEOSBoundary_r(G, b), "boundary");
  Geom common = intersection(ba.get(), bb.get());
  return length(common.get());
}

}  // namespace rz::gen
