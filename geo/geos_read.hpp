#pragma once
// Reading GEOS geometries: their type, parts, rings and coordinates. The parts and rings returned
// are views into the geometry, valid as long as it is.
#include <utility>
#include <vector>

#include "geo/geos.hpp"

namespace rz::geo {

// GEOS_POINT, GEOS_POLYGON, GEOS_MULTIPOLYGON...
int type_id(const GeosContext& ctx, const GEOSGeometry* g);
bool is_empty(const GeosContext& ctx, const GEOSGeometry* g);
bool is_valid(const GeosContext& ctx, const GEOSGeometry* g);
// GEOSGetNumCoordinates: the vertices of every part and ring.
int vertex_count(const GeosContext& ctx, const GEOSGeometry* g);

// The parts of a collection; a single geometry counts as one part, itself.
int part_count(const GeosContext& ctx, const GEOSGeometry* g);
const GEOSGeometry* part(const GeosContext& ctx, const GEOSGeometry* g, int i);
const GEOSGeometry* exterior_ring(const GeosContext& ctx, const GEOSGeometry* polygon);
int interior_ring_count(const GeosContext& ctx, const GEOSGeometry* polygon);
const GEOSGeometry* interior_ring(const GeosContext& ctx, const GEOSGeometry* polygon, int i);

// The coordinates of a point, line or ring.
std::pair<double, double> point_xy(const GeosContext& ctx, const GEOSGeometry* point);
std::vector<std::pair<double, double>> coordinates(const GeosContext& ctx,
                                                   const GEOSGeometry* line_or_ring);
// The same interleaved (x, y, x, y...) into `xy`, reusing its storage; false when GEOS cannot
// read them.
bool coordinates_xy(const GeosContext& ctx, const GEOSGeometry* line_or_ring,
                    std::vector<double>& xy);

// Copies of the non-empty polygons of any geometry (an intersection of touching polygons has
// lines and points too), one Polygon each, through nested collections; GEOS 3.11 has no
// GEOSCollectionExtract.
std::vector<Geometry> polygon_parts(const GeosContext& ctx, const GEOSGeometry* g);

}  // namespace rz::geo
