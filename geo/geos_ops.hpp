#pragma once
// GEOS's operations on geometries, each a call of the one GEOS function its name says, with the
// arguments given: callers that need results bit for bit as before can count on that.
//
// Overlays and unions take a snap-rounding `grid`: above 0 they run OverlayNG on that precision
// grid (GEOS*Prec_r); 0 calls GEOS's plain operation, which is not the same as a Prec call with
// grid 0. They throw DataError when GEOS fails; their try_ forms return a null Geometry instead,
// for callers that work around a TopologyException.
#include <span>

#include "geo/geos.hpp"

namespace rz::geo {

Geometry try_difference(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                        double grid = 0);
Geometry try_intersection(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                          double grid = 0);
Geometry try_sym_difference(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b);
Geometry try_unary_union(const GeosContext& ctx, const GEOSGeometry* g, double grid = 0);
// GEOSCoverageUnion: dissolves the shared edges of polygons that meet edge to edge and do not
// overlap; on other input the answer is wrong rather than an error.
Geometry try_coverage_union(const GeosContext& ctx, const GEOSGeometry* g);

Geometry difference(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                    double grid = 0);
Geometry intersection(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                      double grid = 0);
Geometry unite(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
               double grid = 0);
Geometry unary_union(const GeosContext& ctx, const GEOSGeometry* g, double grid = 0);
Geometry coverage_union(const GeosContext& ctx, const GEOSGeometry* g);

Geometry buffer(const GeosContext& ctx, const GEOSGeometry* g, double width, int quadrant_segments);
// GEOSGeom_setPrecision with its GEOS_PREC_* `flags`.
Geometry set_precision(const GeosContext& ctx, const GEOSGeometry* g, double grid, int flags = 0);
// GEOSMakeValid as it is, whatever the type it returns (make_valid_polygonal keeps the areas).
Geometry make_valid(const GeosContext& ctx, const GEOSGeometry* g);
Geometry boundary(const GeosContext& ctx, const GEOSGeometry* g);
// The bounding box as a polygon (a point or line when it is degenerate).
Geometry envelope_geometry(const GeosContext& ctx, const GEOSGeometry* g);
Geometry point_on_surface(const GeosContext& ctx, const GEOSGeometry* g);
Geometry centroid(const GeosContext& ctx, const GEOSGeometry* g);
// The faces the lines of `lines` enclose, as a GeometryCollection of polygons.
Geometry polygonize(const GeosContext& ctx, std::span<const GEOSGeometry* const> lines);
// The Voronoi cells of the points of `sites`, as a GeometryCollection of polygons in GEOS's
// order, extended to cover `envelope` when given (GEOSVoronoiDiagram, not only its edges).
Geometry voronoi_diagram(const GeosContext& ctx, const GEOSGeometry* sites,
                         const GEOSGeometry* envelope = nullptr, double tolerance = 0);

// Prepared predicates: true only when GEOS answers true (not on its errors).
bool contains(const GeosContext& ctx, const PreparedGeometry& prepared, const GEOSGeometry* g);
bool intersects(const GeosContext& ctx, const PreparedGeometry& prepared, const GEOSGeometry* g);

}  // namespace rz::geo
