#include "analysis/common/robust_overlay.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/geos_build.hpp"
#include "geo/geos_ops.hpp"
#include "geo/geos_read.hpp"
#include "geo/messages.hpp"

namespace rz::analysis {

namespace {

// Snap-rounding grids tried in turn, in metres (the store CRS is projected).
constexpr double kGridSizes[] = {1e-4, 1e-3, 1e-2};

double tolerance_for(double area) {
  return std::max(1e-3, area * 1e-9);
}

geo::Geometry multipolygon_of(const geo::GeosContext& ctx, std::vector<geo::Geometry> parts) {
  return geo::collect(ctx, GEOS_MULTIPOLYGON, std::move(parts));
}

// True when some polygon of `d` has an interior point strictly inside `b`: a difference a - b can
// never have one.
bool has_piece_inside(const geo::GeosContext& ctx, const GEOSGeometry* d, const GEOSGeometry* b) {
  auto prepared = geo::prepare(ctx, b);
  for (const auto& part : geo::polygon_parts(ctx, d)) {
    auto inner = geo::point_on_surface(ctx, part.get());
    if (geo::is_empty(ctx, inner.get())) continue;
    if (geo::contains(ctx, prepared, inner.get())) return true;
  }
  return false;
}

}  // namespace

CheckedOverlay checked_difference(const geo::GeosContext& ctx, const GEOSGeometry* a,
                                  const GEOSGeometry* b, const std::string& what) {
  const double area_a = geo::area(ctx, a);
  const double tol = tolerance_for(area_a);
  auto attempt = [&](double grid) -> std::optional<CheckedOverlay> {
    geo::Geometry diff = geo::try_difference(ctx, a, b, grid);
    geo::Geometry inter = geo::try_intersection(ctx, a, b, grid);
    if (!diff || !inter) return std::nullopt;  // a TopologyException: try the next grid
    geo::Geometry poly = multipolygon_of(ctx, geo::polygon_parts(ctx, diff.get()));
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
  throw DataError(fmt::format(
      fmt::runtime(tr("{}: GEOS could not compute a difference that passes its checks")), what));
}

CheckedOverlay checked_intersection(const geo::GeosContext& ctx, const GEOSGeometry* a,
                                    const GEOSGeometry* b, const std::string& what) {
  const double area_a = geo::area(ctx, a), area_b = geo::area(ctx, b);
  const double tol = tolerance_for(std::min(area_a, area_b));
  auto attempt = [&](double grid) -> std::optional<CheckedOverlay> {
    geo::Geometry inter = geo::try_intersection(ctx, a, b, grid);
    geo::Geometry diff = geo::try_difference(ctx, a, b, grid);
    if (!diff || !inter) return std::nullopt;
    geo::Geometry poly = multipolygon_of(ctx, geo::polygon_parts(ctx, inter.get()));
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
  throw DataError(fmt::format(
      fmt::runtime(tr("{}: GEOS could not compute an intersection that passes its checks")), what));
}

CheckedPair checked_pair(const geo::GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                         const std::string& what) {
  const double area_a = geo::area(ctx, a), area_b = geo::area(ctx, b);
  const double tol = tolerance_for(std::max(area_a, area_b));
  const double perimeter = geo::length(ctx, a) + geo::length(ctx, b);
  auto attempt = [&](double grid) -> std::optional<CheckedPair> {
    auto polygons = [&](geo::Geometry g) -> std::optional<geo::Geometry> {
      if (!g) return std::nullopt;
      return multipolygon_of(ctx, geo::polygon_parts(ctx, g.get()));
    };
    auto ab = polygons(geo::try_difference(ctx, a, b, grid));
    auto ba = polygons(geo::try_difference(ctx, b, a, grid));
    auto i = polygons(geo::try_intersection(ctx, a, b, grid));
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
  throw DataError(fmt::format(
      fmt::runtime(tr("{}: GEOS could not compute an overlay that passes its checks")), what));
}

std::optional<SplitOverlay> split_difference(const geo::GeosContext& ctx, const GEOSGeometry* a,
                                             const GEOSGeometry* b, double ignore_below) {
  auto symdiff = geo::try_sym_difference(ctx, a, b);
  if (!symdiff) return std::nullopt;
  const double area_a = geo::area(ctx, a), area_b = geo::area(ctx, b);
  std::vector<geo::Geometry> in_a, in_b;
  double area_in_a = 0, area_in_b = 0, ignored = 0;
  geo::PreparedGeometry prepared_a, prepared_b;
  for (auto& part : geo::polygon_parts(ctx, symdiff.get())) {
    const double area = geo::area(ctx, part.get());
    if (area < ignore_below) {
      ignored += area;
      continue;
    }
    if (!prepared_a) {
      prepared_a = geo::prepare(ctx, a);
      prepared_b = geo::prepare(ctx, b);
    }
    auto inner = geo::point_on_surface(ctx, part.get());
    const bool inside_a = geo::contains(ctx, prepared_a, inner.get());
    const bool inside_b = geo::contains(ctx, prepared_b, inner.get());
    if (inside_a == inside_b) return std::nullopt;  // a piece in both or in neither: wrong
    (inside_a ? area_in_a : area_in_b) += area;
    (inside_a ? in_a : in_b).push_back(std::move(part));
  }
  // Both sides must agree on the intersection's area.
  const double slack = tolerance_for(std::max(area_a, area_b)) + ignored;
  const double i_from_a = area_a - area_in_a, i_from_b = area_b - area_in_b;
  if (std::abs(i_from_a - i_from_b) > slack || i_from_a < -slack) return std::nullopt;
  return SplitOverlay{multipolygon_of(ctx, std::move(in_a)), multipolygon_of(ctx, std::move(in_b)),
                      area_in_a, area_in_b, std::max(0.0, std::min(i_from_a, i_from_b))};
}

geo::Geometry checked_union(const geo::GeosContext& ctx,
                            const std::vector<const GEOSGeometry*>& parts,
                            const std::string& what) {
  double largest = 0, perimeter = 0;
  for (const auto* p : parts) {
    largest = std::max(largest, geo::area(ctx, p));
    perimeter += geo::length(ctx, p);
  }
  auto collection = geo::collect_copies(ctx, parts);
  // Grids drawn edge to edge form a polygonal coverage: dissolving the shared edges is all a
  // union has to do, far cheaper than an overlay. Taken only when the answer is a valid polygon
  // whose area is the sum of the parts (overlapping or not edge-matched input fails one or both).
  double sum = 0;
  for (const auto* p : parts) sum += geo::area(ctx, p);
  if (auto u = geo::try_coverage_union(ctx, collection.get());
      u && geo::is_valid(ctx, u.get()) &&
      std::abs(geo::area(ctx, u.get()) - sum) <= tolerance_for(sum))
    return u;
  if (auto u = geo::try_unary_union(ctx, collection.get());
      u && geo::area(ctx, u.get()) + tolerance_for(largest) >= largest)
    return u;
  for (double grid : kGridSizes)
    if (auto u = geo::try_unary_union(ctx, collection.get(), grid);
        u && geo::area(ctx, u.get()) + tolerance_for(largest) + grid * perimeter >= largest)
      return u;
  throw DataError(fmt::format(
      fmt::runtime(tr("{}: GEOS could not compute a union that passes its checks")), what));
}

}  // namespace rz::analysis
