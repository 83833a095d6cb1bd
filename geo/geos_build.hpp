#pragma once
// Making GEOS geometries from coordinates and from other geometries, owned by geo::Geometry.
#include <span>
#include <utility>
#include <vector>

#include "geo/geos.hpp"

namespace rz::geo {

// Coordinates are interleaved x, y: what GEOS copies into a sequence in one call.
Geometry make_linear_ring(const GeosContext& ctx, std::span<const double> xy);
Geometry make_line(const GeosContext& ctx, std::span<const double> xy);
Geometry make_line(const GeosContext& ctx, const std::vector<std::pair<double, double>>& points);
// Takes the rings; `shell` must be a linear ring.
Geometry make_polygon(const GeosContext& ctx, Geometry shell, std::vector<Geometry> holes = {});
Geometry empty_polygon(const GeosContext& ctx);
// `type` is a collection type (GEOS_MULTIPOINT, GEOS_MULTIPOLYGON, GEOS_GEOMETRYCOLLECTION...).
Geometry empty_collection(const GeosContext& ctx, int type);
// Takes the parts (which must suit `type`).
Geometry collect(const GeosContext& ctx, int type, std::vector<Geometry> parts);
// A GeometryCollection of copies of `parts`, which stay the caller's.
Geometry collect_copies(const GeosContext& ctx, std::span<const GEOSGeometry* const> parts);
// A MultiPolygon of `polygons`, or `g` itself when it is one already; `g` must be polygonal.
Geometry as_multipolygon(const GeosContext& ctx, Geometry g);
Geometry clone(const GeosContext& ctx, const GEOSGeometry* g);

}  // namespace rz::geo
