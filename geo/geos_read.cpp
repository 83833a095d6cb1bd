#include "geo/geos_read.hpp"

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::geo {

int type_id(const GeosContext& ctx, const GEOSGeometry* g) {
  return GEOSGeomTypeId_r(ctx.get(), g);
}

bool is_empty(const GeosContext& ctx, const GEOSGeometry* g) {
  return GEOSisEmpty_r(ctx.get(), g) == 1;
}

int vertex_count(const GeosContext& ctx, const GEOSGeometry* g) {
  return GEOSGetNumCoordinates_r(ctx.get(), g);
}

bool is_valid(const GeosContext& ctx, const GEOSGeometry* g) {
  return GEOSisValid_r(ctx.get(), g) == 1;
}

int part_count(const GeosContext& ctx, const GEOSGeometry* g) {
  return GEOSGetNumGeometries_r(ctx.get(), g);
}

const GEOSGeometry* part(const GeosContext& ctx, const GEOSGeometry* g, int i) {
  return GEOSGetGeometryN_r(ctx.get(), g, i);
}

const GEOSGeometry* exterior_ring(const GeosContext& ctx, const GEOSGeometry* polygon) {
  return GEOSGetExteriorRing_r(ctx.get(), polygon);
}

int interior_ring_count(const GeosContext& ctx, const GEOSGeometry* polygon) {
  return GEOSGetNumInteriorRings_r(ctx.get(), polygon);
}

const GEOSGeometry* interior_ring(const GeosContext& ctx, const GEOSGeometry* polygon, int i) {
  return GEOSGetInteriorRingN_r(ctx.get(), polygon, i);
}

std::pair<double, double> point_xy(const GeosContext& ctx, const GEOSGeometry* point) {
  double x = 0, y = 0;
  GEOSGeomGetX_r(ctx.get(), point, &x);
  GEOSGeomGetY_r(ctx.get(), point, &y);
  return {x, y};
}

std::vector<std::pair<double, double>> coordinates(const GeosContext& ctx,
                                                   const GEOSGeometry* line_or_ring) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx.get(), line_or_ring);
  unsigned n = 0;
  if (!seq || !GEOSCoordSeq_getSize_r(ctx.get(), seq, &n))
    throw DataError(
        fmt::format(fmt::runtime(tr("GEOS coordinate reading failed: {}")), ctx.last_error()));
  std::vector<std::pair<double, double>> out(n);
  for (unsigned i = 0; i < n; ++i)
    GEOSCoordSeq_getXY_r(ctx.get(), seq, i, &out[i].first, &out[i].second);
  return out;
}

bool coordinates_xy(const GeosContext& ctx, const GEOSGeometry* line_or_ring,
                    std::vector<double>& xy) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx.get(), line_or_ring);
  unsigned n = 0;
  if (!seq || !GEOSCoordSeq_getSize_r(ctx.get(), seq, &n)) return false;
  xy.resize(2 * size_t{n});
  return GEOSCoordSeq_copyToBuffer_r(ctx.get(), seq, xy.data(), 0, 0) != 0;
}

namespace {

void collect_polygons(const GeosContext& ctx, const GEOSGeometry* g, std::vector<Geometry>& out) {
  const int type = type_id(ctx, g);
  if (type == GEOS_POLYGON) {
    if (!is_empty(ctx, g)) out.push_back(own(ctx, GEOSGeom_clone_r(ctx.get(), g), "clone"));
    return;
  }
  if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int n = part_count(ctx, g);
    for (int i = 0; i < n; ++i) collect_polygons(ctx, part(ctx, g, i), out);
  }
}

}  // namespace

std::vector<Geometry> polygon_parts(const GeosContext& ctx, const GEOSGeometry* g) {
  std::vector<Geometry> out;
  collect_polygons(ctx, g, out);
  return out;
}

}  // namespace rz::geo
