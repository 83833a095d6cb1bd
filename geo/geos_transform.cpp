#include "geo/geos_transform.hpp"

namespace rz::geo {

Geometry transform_xy(const GeosContext& ctx, const GEOSGeometry* g, VertexMove move, void* user) {
  return Geometry(GEOSGeom_transformXY_r(ctx.get(), g, move, user), GeometryDeleter{ctx.get()});
}

Geometry interpolate(const GeosContext& ctx, const GEOSGeometry* line, double distance) {
  return own(ctx, GEOSInterpolate_r(ctx.get(), line, distance), "Interpolate");
}

}  // namespace rz::geo
