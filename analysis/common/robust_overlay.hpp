#pragma once
// Polygon difference and intersection that check their own answer. GEOS 3.11.1 (Debian 12's)
// can silently return a wrong overlay when the operands share exact vertices and segments, as
// grids clipped to their village do: `village - union(grids)` comes back as the whole village
// while the union covers it (tests/data/geos_3.11.1_overlay, from ../shared/repro). The wrong
// difference and the wrong intersection agree with each other on areas, so an area identity alone
// does not catch it; we also check that no piece of a difference lies inside the subtrahend.
// Where a check fails, the operation is redone with snap-rounding on a fixed precision grid
// (OverlayNG, GEOS*Prec_r), which nodes the shared segments exactly.
#include "geo/geos.hpp"

namespace rz::analysis {

struct CheckedOverlay {
  geo::Geometry geometry;  // polygonal (possibly empty)
  double area = 0;
  bool snapped = false;          // the first answer failed its check and snap-rounding was used
  double intersection_area = 0;  // checked_difference: area(a ∩ b), computed for the check
};

// a - b and a ∩ b of two polygonal geometries; throws rz::DataError(`what`) if even the
// snap-rounded answer fails its check.
CheckedOverlay checked_difference(const geo::GeosContext& ctx, const GEOSGeometry* a,
                                  const GEOSGeometry* b, const std::string& what);
CheckedOverlay checked_intersection(const geo::GeosContext& ctx, const GEOSGeometry* a,
                                    const GEOSGeometry* b, const std::string& what);

// Both differences and the intersection of two polygonal geometries at once, checked together:
// area(a-b) + area(a∩b) = area(a), area(b-a) + area(a∩b) = area(b), and no piece of a-b inside b
// or of b-a inside a. Cheaper than two checked_difference calls, which each need the
// intersection for their check.
struct CheckedPair {
  CheckedOverlay a_minus_b, b_minus_a, intersection;
};
CheckedPair checked_pair(const geo::GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                         const std::string& what);

// a - b and b - a from one symmetric difference, for the common case where a and b nearly
// coincide (a village and the union of its grids): half the work of two overlays. Each piece of
// the symmetric difference is assigned by an interior point, which must lie in exactly one of
// a and b; both sides must imply the same area(a ∩ b). Pieces under `ignore_below` m² are
// dropped (slivers of float rounding along shared edges). nullopt when a check fails: then use
// checked_difference, which falls back to snap-rounding.
struct SplitOverlay {
  geo::Geometry a_minus_b, b_minus_a;  // MultiPolygons
  double a_minus_b_area = 0, b_minus_a_area = 0, intersection_area = 0;
};
std::optional<SplitOverlay> split_difference(const geo::GeosContext& ctx, const GEOSGeometry* a,
                                             const GEOSGeometry* b, double ignore_below);

// Union of polygons (cloned), checked like the overlays above: its area may not be below the
// largest input's.
geo::Geometry checked_union(const geo::GeosContext& ctx,
                            const std::vector<const GEOSGeometry*>& parts, const std::string& what);

}  // namespace rz::analysis
