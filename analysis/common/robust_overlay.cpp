#include "analysis/common/robust_overlay.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace rz::analysis {

namespace {

// Snap-rounding grids tried in turn, in metres (the store CRS is projected).
constexpr double kGridSizes[] = {1e-4, 1e-3, 1e-2};

double tolerance_for(double area) {
  return std::max(1e-3, area * 1e-9);
}

void collect_polygons(const geo::GeosContext& ctx, const GEOSGeometry* g,
                      std::vector<geo::Geometry>& out) {
  const int type = GEOSGeomTypeId_r(ctx.get(), g);
  if (type == GEOS_POLYGON) {
    if (!GEOSisEmpty_r(ctx.get(), g))
      out.push_back(geo::own(ctx, GEOSGeom_clone_r(ctx.get(), g), "clone"));
    return;
  }
  if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int n = GEOSGetNumGeometries_r(ctx.get(), g);
    for (int i = 0; i < n; ++i) collect_polygons(ctx, GEOSGetGeometryN_r(ctx.get(), g, i), out);
  }
}

geo::Geometry as_multipolygon(const geo::GeosContext& ctx, std::vector<geo::Geometry> parts) {
  std::vector<GEOSGeometry*> raw;
  for (auto& p : parts) raw.push_back(p.release());
  return geo::own(ctx,
                  GEOSGeom_createCollection_r(ctx.get(), GEOS_MULTIPOLYGON, raw.data(),
                                              static_cast<unsigned>(raw.size())),
                  "collect");
}

// True when some polygon of `d` has an interior point strictly inside `b`: a difference a - b can
// never have one.
bool has_piece_inside(const geo::GeosContext& ctx, const GEOSGeometry* d, const GEOSGeometry* b) {
  auto prepared = geo::prepare(ctx, b);
  for (const auto& part : polygon_parts(ctx, d)) {
    auto inner = geo::own(ctx, GEOSPointOnSurface_r(ctx.get(), part.get()), "PointOnSurface");
    if (GEOSisEmpty_r(ctx.get(), inner.get())) continue;
    if (GEOSPreparedContains_r(ctx.get(), prepared.get(), inner.get()) == 1) return true;
  }
  return false;
}

}  // namespace

std::vector<geo::Geometry> polygon_parts(const geo::GeosContext& ctx, const GEOSGeometry* g) {
  std::vector<geo::Geometry> out;
  collect_polygons(ctx, g, out);
  return out;
}

CheckedOverlay checked_difference(const geo::GeosContext& ctx, const GEOSGeometry* a,
                                  const GEOSGeometry* b, const std::string& what) {
  const double area_a = geo::area(ctx, a);
  const double tol = tolerance_for(area_a);
  auto attempt = [&](double grid) -> std::optional<CheckedOverlay> {
    GEOSGeometry* d =
        grid > 0 ? GEOSDifferencePrec_r(ctx.get(), a, b, grid) : GEOSDifference_r(ctx.get(), a, b);
    GEOSGeometry* i = grid > 0 ? GEOSIntersectionPrec_r(ctx.get(), a, b, grid)
                               : GEOSIntersection_r(ctx.get(), a, b);
    if (!d || !i) {  // a TopologyException: try the next grid
      if (d) GEOSGeom_destroy_r(ctx.get(), d);
      if (i) GEOSGeom_destroy_r(ctx.get(), i);
      return std::nullopt;
    }
    geo::Geometry diff = geo::own(ctx, d, "difference");
    geo::Geometry inter = geo::own(ctx, i, "intersection");
    auto parts = polygon_parts(ctx, diff.get());
    geo::Geometry poly = as_multipolygon(ctx, std::move(parts));
    const double area_d = geo::area(ctx, poly.get());
    const double area_i = geo::area(ctx, inter.get());
    // Snap-rounding moves vertices by up to half a grid cell: allow for that along the boundary.
    const double slack = tol + (grid > 0 ? grid * geo::length(ctx, a) : 0.0);
    if (std::abs(area_d + area_i - area_a) > slack) return std::nullopt;
    if (area_d > slack && has_piece_inside(ctx, poly.get(), b)) return std::nullopt;
    return CheckedOverlay{std::move(poly), area_d, grid > 0, area_i};
  };
  if (auto r = attempt(0)) return std::move(*r);
  for (double grid : kGridSizes)
    if (auto r = attempt(grid)) return std::move(*r);
  throw DataError(
      fmt::format("{}: GEOS could not compute a difference that passes its checks", what));
}

CheckedOverlay checked_intersection(const geo::GeosContext& ctx, const GEOSGeometry* a,
                                    const GEOSGeometry* b, const std::string& what) {
  const double area_a = geo::area(ctx, a), area_b = geo::area(ctx, b);
  const double tol = tolerance_for(std::min(area_a, area_b));
  auto attempt = [&](double grid) -> std::optional<CheckedOverlay> {
    GEOSGeometry* i = grid > 0 ? GEOSIntersectionPrec_r(ctx.get(), a, b, grid)
                               : GEOSIntersection_r(ctx.get(), a, b);
    GEOSGeometry* d =
        grid > 0 ? GEOSDifferencePrec_r(ctx.get(), a, b, grid) : GEOSDifference_r(ctx.get(), a, b);
    if (!d || !i) {
      if (d) GEOSGeom_destroy_r(ctx.get(), d);
      if (i) GEOSGeom_destroy_r(ctx.get(), i);
      return std::nullopt;
    }
    geo::Geometry inter = geo::own(ctx, i, "intersection");
    geo::Geometry diff = geo::own(ctx, d, "difference");
    geo::Geometry poly = as_multipolygon(ctx, polygon_parts(ctx, inter.get()));
    const double area_i = geo::area(ctx, poly.get());
    const double area_d = geo::area(ctx, diff.get());
    const double slack = tol + (grid > 0 ? grid * geo::length(ctx, a) : 0.0);
    if (area_i > std::min(area_a, area_b) + slack) return std::nullopt;
    if (std::abs(area_d + area_i - area_a) > slack) return std::nullopt;
    // The wrong answers come in pairs: the difference keeping a piece that lies inside b.
    if (area_d > slack && has_piece_inside(ctx, diff.get(), b)) return std::nullopt;
    return CheckedOverlay{std::move(poly), area_i, grid > 0};
  };
  if (auto r = attempt(0)) return std::move(*r);
  for (double grid : kGridSizes)
    if (auto r = attempt(grid)) return std::move(*r);
  throw DataError(
      fmt::format("{}: GEOS could not compute an intersection that passes its checks", what));
}

CheckedPair checked_pair(const geo::GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                         const std::string& what) {
  const double area_a = geo::area(ctx, a), area_b = geo::area(ctx, b);
  const double tol = tolerance_for(std::max(area_a, area_b));
  const double perimeter = geo::length(ctx, a) + geo::length(ctx, b);
  auto attempt = [&](double grid) -> std::optional<CheckedPair> {
    auto run =
        [&](GEOSGeometry* (*plain)(GEOSContextHandle_t, const GEOSGeometry*, const GEOSGeometry*),
            GEOSGeometry* (*prec)(GEOSContextHandle_t, const GEOSGeometry*, const GEOSGeometry*,
                                  double),
            const GEOSGeometry* x, const GEOSGeometry* y) -> std::optional<geo::Geometry> {
      GEOSGeometry* g = grid > 0 ? prec(ctx.get(), x, y, grid) : plain(ctx.get(), x, y);
      if (!g) return std::nullopt;
      return as_multipolygon(ctx, polygon_parts(ctx, geo::own(ctx, g, "overlay").get()));
    };
    auto ab = run(GEOSDifference_r, GEOSDifferencePrec_r, a, b);
    auto ba = run(GEOSDifference_r, GEOSDifferencePrec_r, b, a);
    auto i = run(GEOSIntersection_r, GEOSIntersectionPrec_r, a, b);
    if (!ab || !ba || !i) return std::nullopt;
    const double area_ab = geo::area(ctx, ab->get()), area_ba = geo::area(ctx, ba->get()),
                 area_i = geo::area(ctx, i->get());
    const double slack = tol + (grid > 0 ? grid * perimeter : 0.0);
    if (std::abs(area_ab + area_i - area_a) > slack) return std::nullopt;
    if (std::abs(area_ba + area_i - area_b) > slack) return std::nullopt;
    if (area_ab > slack && has_piece_inside(ctx, ab->get(), b)) return std::nullopt;
    if (area_ba > slack && has_piece_inside(ctx, ba->get(), a)) return std::nullopt;
    const bool snapped = grid > 0;
    return CheckedPair{{std::move(*ab), area_ab, snapped},
                       {std::move(*ba), area_ba, snapped},
                       {std::move(*i), area_i, snapped}};
  };
  if (auto r = attempt(0)) return std::move(*r);
  for (double grid : kGridSizes)
    if (auto r = attempt(grid)) return std::move(*r);
  throw DataError(
      fmt::format("{}: GEOS could not compute an overlay that passes its checks", what));
}

std::optional<SplitOverlay> split_difference(const geo::GeosContext& ctx, const GEOSGeometry* a,
                                             const GEOSGeometry* b, double ignore_below) {
  GEOSGeometry* sd = GEOSSymDifference_r(ctx.get(), a, b);
  if (!sd) return std::nullopt;
  auto symdiff = geo::own(ctx, sd, "symmetric difference");
  const double area_a = geo::area(ctx, a), area_b = geo::area(ctx, b);
  std::vector<geo::Geometry> in_a, in_b;
  double area_in_a = 0, area_in_b = 0, ignored = 0;
  geo::PreparedGeometry prepared_a, prepared_b;
  for (auto& part : polygon_parts(ctx, symdiff.get())) {
    const double area = geo::area(ctx, part.get());
    if (area < ignore_below) {
      ignored += area;
      continue;
    }
    if (!prepared_a) {
      prepared_a = geo::prepare(ctx, a);
      prepared_b = geo::prepare(ctx, b);
    }
    auto inner = geo::own(ctx, GEOSPointOnSurface_r(ctx.get(), part.get()), "PointOnSurface");
    const bool inside_a = GEOSPreparedContains_r(ctx.get(), prepared_a.get(), inner.get()) == 1;
    const bool inside_b = GEOSPreparedContains_r(ctx.get(), prepared_b.get(), inner.get()) == 1;
    if (inside_a == inside_b) return std::nullopt;  // a piece in both or in neither: wrong
    (inside_a ? area_in_a : area_in_b) += area;
    (inside_a ? in_a : in_b).push_back(std::move(part));
  }
  // Both sides must agree on the intersection's area.
  const double slack = tolerance_for(std::max(area_a, area_b)) + ignored;
  const double i_from_a = area_a - area_in_a, i_from_b = area_b - area_in_b;
  if (std::abs(i_from_a - i_from_b) > slack || i_from_a < -slack) return std::nullopt;
  return SplitOverlay{as_multipolygon(ctx, std::move(in_a)), as_multipolygon(ctx, std::move(in_b)),
                      area_in_a, area_in_b, std::max(0.0, std::min(i_from_a, i_from_b))};
}

geo::Geometry checked_union(const geo::GeosContext& ctx,
                            const std::vector<const GEOSGeometry*>& parts,
                            const std::string& what) {
  std::vector<GEOSGeometry*> clones;
  double largest = 0, perimeter = 0;
  for (const auto* p : parts) {
    clones.push_back(GEOSGeom_clone_r(ctx.get(), p));
    largest = std::max(largest, geo::area(ctx, p));
    perimeter += geo::length(ctx, p);
  }
  auto collection =
      geo::own(ctx,
               GEOSGeom_createCollection_r(ctx.get(), GEOS_GEOMETRYCOLLECTION, clones.data(),
                                           static_cast<unsigned>(clones.size())),
               "collect");
  // Grids drawn edge to edge form a polygonal coverage: dissolving the shared edges is all a
  // union has to do, far cheaper than an overlay. Taken only when the answer is a valid polygon
  // whose area is the sum of the parts (overlapping or not edge-matched input fails one or both).
  double sum = 0;
  for (const auto* p : parts) sum += geo::area(ctx, p);
  GEOSGeometry* u = GEOSCoverageUnion_r(ctx.get(), collection.get());
  if (u && GEOSisValid_r(ctx.get(), u) == 1 &&
      std::abs(geo::area(ctx, u) - sum) <= tolerance_for(sum))
    return geo::own(ctx, u, "coverage union");
  if (u) GEOSGeom_destroy_r(ctx.get(), u);
  u = GEOSUnaryUnion_r(ctx.get(), collection.get());
  if (u && geo::area(ctx, u) + tolerance_for(largest) >= largest) return geo::own(ctx, u, "union");
  if (u) GEOSGeom_destroy_r(ctx.get(), u);
  for (double grid : kGridSizes) {
    u = GEOSUnaryUnionPrec_r(ctx.get(), collection.get(), grid);
    if (u && geo::area(ctx, u) + tolerance_for(largest) + grid * perimeter >= largest)
      return geo::own(ctx, u, "union");
    if (u) GEOSGeom_destroy_r(ctx.get(), u);
  }
  throw DataError(fmt::format("{}: GEOS could not compute a union that passes its checks", what));
}

}  // namespace rz::analysis
