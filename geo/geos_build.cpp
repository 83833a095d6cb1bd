#include "geo/geos_build.hpp"

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::geo {

namespace {

GEOSCoordSequence* sequence(const GeosContext& ctx, std::span<const double> xy) {
  GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(
      ctx.get(), xy.data(), static_cast<unsigned>(xy.size() / 2), 0, 0);
  if (!seq)
    throw DataError(
        fmt::format(fmt::runtime(tr("GEOS coordinate copy failed: {}")), ctx.last_error()));
  return seq;
}

// GEOS 3.11 takes the parts of a collection or polygon as soon as it is called, and destroys them
// itself if it fails.
std::vector<GEOSGeometry*> hand_over(std::vector<Geometry>& parts) {
  std::vector<GEOSGeometry*> raw;
  raw.reserve(parts.size());
  for (auto& p : parts) raw.push_back(p.release());
  return raw;
}

}  // namespace

Geometry make_linear_ring(const GeosContext& ctx, std::span<const double> xy) {
  return own(ctx, GEOSGeom_createLinearRing_r(ctx.get(), sequence(ctx, xy)), "ring creation");
}

Geometry make_line(const GeosContext& ctx, std::span<const double> xy) {
  return own(ctx, GEOSGeom_createLineString_r(ctx.get(), sequence(ctx, xy)), "line creation");
}

Geometry make_line(const GeosContext& ctx, const std::vector<std::pair<double, double>>& points) {
  std::vector<double> xy;
  xy.reserve(2 * points.size());
  for (const auto& [x, y] : points) xy.push_back(x), xy.push_back(y);
  return make_line(ctx, xy);
}

Geometry make_polygon(const GeosContext& ctx, Geometry shell, std::vector<Geometry> holes) {
  auto raw = hand_over(holes);
  return own(ctx,
             GEOSGeom_createPolygon_r(ctx.get(), shell.release(), raw.data(),
                                      static_cast<unsigned>(raw.size())),
             "polygon creation");
}

Geometry empty_polygon(const GeosContext& ctx) {
  return own(ctx, GEOSGeom_createEmptyPolygon_r(ctx.get()), "empty polygon creation");
}

Geometry empty_collection(const GeosContext& ctx, int type) {
  return own(ctx, GEOSGeom_createEmptyCollection_r(ctx.get(), type), "empty collection creation");
}

Geometry collect(const GeosContext& ctx, int type, std::vector<Geometry> parts) {
  auto raw = hand_over(parts);
  return own(
      ctx,
      GEOSGeom_createCollection_r(ctx.get(), type, raw.data(), static_cast<unsigned>(raw.size())),
      "collection creation");
}

Geometry collect_copies(const GeosContext& ctx, std::span<const GEOSGeometry* const> parts) {
  std::vector<Geometry> copies;
  copies.reserve(parts.size());
  for (const GEOSGeometry* p : parts) copies.push_back(clone(ctx, p));
  return collect(ctx, GEOS_GEOMETRYCOLLECTION, std::move(copies));
}

Geometry as_multipolygon(const GeosContext& ctx, Geometry g) {
  if (GEOSGeomTypeId_r(ctx.get(), g.get()) != GEOS_POLYGON) return g;
  std::vector<Geometry> one;
  one.push_back(std::move(g));
  return collect(ctx, GEOS_MULTIPOLYGON, std::move(one));
}

Geometry clone(const GeosContext& ctx, const GEOSGeometry* g) {
  return own(ctx, GEOSGeom_clone_r(ctx.get(), g), "clone");
}

}  // namespace rz::geo
