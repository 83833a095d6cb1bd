#include "geo/geos_ops.hpp"

namespace rz::geo {

namespace {

Geometry maybe(const GeosContext& ctx, GEOSGeometry* g) {
  return Geometry(g, GeometryDeleter{ctx.get()});
}

}  // namespace

Geometry try_difference(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                        double grid) {
  return maybe(ctx, grid > 0 ? GEOSDifferencePrec_r(ctx.get(), a, b, grid)
                             : GEOSDifference_r(ctx.get(), a, b));
}

Geometry try_intersection(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                          double grid) {
  return maybe(ctx, grid > 0 ? GEOSIntersectionPrec_r(ctx.get(), a, b, grid)
                             : GEOSIntersection_r(ctx.get(), a, b));
}

Geometry try_sym_difference(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b) {
  return maybe(ctx, GEOSSymDifference_r(ctx.get(), a, b));
}

Geometry try_unary_union(const GeosContext& ctx, const GEOSGeometry* g, double grid) {
  return maybe(
      ctx, grid > 0 ? GEOSUnaryUnionPrec_r(ctx.get(), g, grid) : GEOSUnaryUnion_r(ctx.get(), g));
}

Geometry try_coverage_union(const GeosContext& ctx, const GEOSGeometry* g) {
  return maybe(ctx, GEOSCoverageUnion_r(ctx.get(), g));
}

Geometry difference(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                    double grid) {
  return own(ctx, try_difference(ctx, a, b, grid).release(), "difference");
}

Geometry intersection(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                      double grid) {
  return own(ctx, try_intersection(ctx, a, b, grid).release(), "intersection");
}

Geometry unite(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b, double grid) {
  return own(ctx, grid > 0 ? GEOSUnionPrec_r(ctx.get(), a, b, grid) : GEOSUnion_r(ctx.get(), a, b),
             "union");
}

Geometry unary_union(const GeosContext& ctx, const GEOSGeometry* g, double grid) {
  return own(ctx, try_unary_union(ctx, g, grid).release(), "union");
}

Geometry coverage_union(const GeosContext& ctx, const GEOSGeometry* g) {
  return own(ctx, try_coverage_union(ctx, g).release(), "coverage union");
}

Geometry buffer(const GeosContext& ctx, const GEOSGeometry* g, double width,
                int quadrant_segments) {
  return own(ctx, GEOSBuffer_r(ctx.get(), g, width, quadrant_segments), "buffer");
}

Geometry set_precision(const GeosContext& ctx, const GEOSGeometry* g, double grid, int flags) {
  return own(ctx, GEOSGeom_setPrecision_r(ctx.get(), g, grid, flags), "set precision");
}

Geometry make_valid(const GeosContext& ctx, const GEOSGeometry* g) {
  return own(ctx, GEOSMakeValid_r(ctx.get(), g), "MakeValid");
}

Geometry boundary(const GeosContext& ctx, const GEOSGeometry* g) {
  return own(ctx, GEOSBoundary_r(ctx.get(), g), "boundary");
}

Geometry envelope_geometry(const GeosContext& ctx, const GEOSGeometry* g) {
  return own(ctx, GEOSEnvelope_r(ctx.get(), g), "envelope");
}

Geometry point_on_surface(const GeosContext& ctx, const GEOSGeometry* g) {
  return own(ctx, GEOSPointOnSurface_r(ctx.get(), g), "PointOnSurface");
}

Geometry centroid(const GeosContext& ctx, const GEOSGeometry* g) {
  return own(ctx, GEOSGetCentroid_r(ctx.get(), g), "centroid");
}

Geometry polygonize(const GeosContext& ctx, std::span<const GEOSGeometry* const> lines) {
  return own(ctx, GEOSPolygonize_r(ctx.get(), lines.data(), static_cast<unsigned>(lines.size())),
             "polygonize");
}

Geometry voronoi_diagram(const GeosContext& ctx, const GEOSGeometry* sites,
                         const GEOSGeometry* envelope, double tolerance) {
  return own(ctx, GEOSVoronoiDiagram_r(ctx.get(), sites, envelope, tolerance, 0), "Voronoi");
}

bool contains(const GeosContext& ctx, const PreparedGeometry& prepared, const GEOSGeometry* g) {
  return GEOSPreparedContains_r(ctx.get(), prepared.get(), g) == 1;
}

bool intersects(const GeosContext& ctx, const PreparedGeometry& prepared, const GEOSGeometry* g) {
  return GEOSPreparedIntersects_r(ctx.get(), prepared.get(), g) == 1;
}

}  // namespace rz::geo
