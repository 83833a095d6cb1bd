#pragma once
// The generator's geometry on top of geo/'s GEOS wrappers: its one GEOS context, its points and
// rings made into geometries and read back, and the overlays it snaps to its 1 cm grid (kGrid),
// so that every shape it writes has coordinates on that grid.
#include <vector>

#include "data/generator/geometry.hpp"
#include "geo/geos.hpp"
#include "geo/geos_build.hpp"
#include "geo/geos_ops.hpp"
#include "geo/geos_read.hpp"

namespace rz::gen {

// The one GEOS context: the generator runs on one thread.
const geo::GeosContext& geos();

geo::Geometry make_line(const std::vector<Pt>& pts);
geo::Geometry make_polygon(const Ring& shell);
geo::Geometry make_multipoint(const std::vector<Pt>& pts);

// Snapped to kGrid: overlays on that grid (OverlayNG), a buffer set to it afterwards.
geo::Geometry snapped_intersection(const GEOSGeometry* a, const GEOSGeometry* b);
geo::Geometry snapped_union(const GEOSGeometry* a, const GEOSGeometry* b);
geo::Geometry snapped_unary_union(std::vector<geo::Geometry>&& parts);
geo::Geometry snapped_buffer(const GEOSGeometry* g, double d);

Pt point_xy(const GEOSGeometry* p);
Pt centroid(const GEOSGeometry* g);
Pt point_on_surface(const GEOSGeometry* g);
// The rings of a (multi)polygon or collection, with their bounding box.
Poly to_poly(const GEOSGeometry* g);
double shared_boundary_length(const GEOSGeometry* a, const GEOSGeometry* b);

}  // namespace rz::gen
