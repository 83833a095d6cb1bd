#pragma once
// The thin layer over the reentrant GEOS C API the generator uses: one context (G) and RAII
// geometries. Kept in one place so that it can give way to geo/'s wrappers.
#include <geos_c.h>

#include <memory>
#include <vector>

#include "data/generator/geometry.hpp"

namespace rz::gen {

// The one GEOS context: made by run() before any geometry, finished after the last.
extern GEOSContextHandle_t G;

struct GeomDeleter {
  void operator()(GEOSGeometry* g) const noexcept {
    if (g) GEOSGeom_destroy_r(G, g);
  }
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;

// Takes ownership of a geometry returned by GEOS; throws when it is null (`what` names the call).
Geom own(GEOSGeometry* g, const char* what);
// GEOS notice and error handler: prints the message to stderr.
void geos_message(const char* fmt, ...);

Geom make_point(Pt p);
Geom make_line(const std::vector<Pt>& pts);
Geom make_polygon(const Ring& shell);
Geom make_collection(int type, std::vector<Geom>&& parts);
Geom make_multipoint(const std::vector<Pt>& pts);

// The overlays and the buffer snap their results to the 1 cm grid (kGrid).
Geom clone(const GEOSGeometry* g);
Geom intersection(const GEOSGeometry* a, const GEOSGeometry* b);
Geom unite(const GEOSGeometry* a, const GEOSGeometry* b);
Geom unary_union(std::vector<Geom>&& parts);
Geom buffer(const GEOSGeometry* g, double d);
double area(const GEOSGeometry* g);
double length(const GEOSGeometry* g);
bool is_empty(const GEOSGeometry* g);
int type_of(const GEOSGeometry* g);
int num_geometries(const GEOSGeometry* g);

Pt point_xy(const GEOSGeometry* p);
Pt centroid(const GEOSGeometry* g);
Pt point_on_surface(const GEOSGeometry* g);
std::vector<Pt> coords_of(const GEOSGeometry* line_or_ring);
// The rings of a (multi)polygon or collection, with their bounding box.
Poly to_poly(const GEOSGeometry* g);
// The non-empty polygons of a (multi)polygon or collection, as copies.
std::vector<Geom> polygon_parts(const GEOSGeometry* g);
double shared_boundary_length(const GEOSGeometry* a, const GEOSGeometry* b);

}  // namespace rz::gen
