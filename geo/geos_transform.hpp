#pragma once
// Geometries moved vertex by vertex (a CRS transform done by PROJ, one vertex at a time), and
// points along lines: what import and export need of GEOS besides geos.hpp's basics.
#include "geo/geos.hpp"

namespace rz::geo {

// Returns 1 when it moved the vertex, 0 when it could not (GEOSGeom_transformXY_r's callback).
using VertexMove = int (*)(double* x, double* y, void* user);

// A copy of `g` with each vertex moved by `move`; a null Geometry when a vertex could not be
// moved or GEOS failed (the caller says which feature and why).
Geometry transform_xy(const GeosContext& ctx, const GEOSGeometry* g, VertexMove move, void* user);

// The point `distance` along a line from its start (GEOSInterpolate); DataError when GEOS fails.
Geometry interpolate(const GeosContext& ctx, const GEOSGeometry* line, double distance);

}  // namespace rz::geo
