// The noding, the assignment of faces to villages and grids, and the coverage unions.
#include "data/generator/exact_rebuild.hpp"

#include <cstddef>
#include <cstdio>
#include <stdexcept>
#include <utility>
#include <vector>

namespace rz::gen {

void rebuild_exact(County& c) {
  std::vector<geo::Geometry> lines;
  const auto& ctx = geos();
  lines.push_back(geo::boundary(ctx, c.outline.get()));
  for (const Township& t : c.townships) lines.push_back(geo::boundary(ctx, t.cell.get()));
  for (const Village& v : c.villages) lines.push_back(geo::boundary(ctx, v.cell.get()));
  for (const Grid& g : c.grids) lines.push_back(geo::boundary(ctx, g.cell.get()));
  geo::Geometry noded = snapped_unary_union(std::move(lines));
  const GEOSGeometry* in[] = {noded.get()};
  geo::Geometry faces = geo::polygonize(ctx, in);
  const int n_faces = geo::part_count(ctx, faces.get());

  std::vector<Poly> grid_polys;
  for (const Grid& g : c.grids) grid_polys.push_back(to_poly(g.cell.get()));
  std::vector<std::vector<int>> village_faces(c.villages.size());
  std::vector<std::vector<int>> grid_faces(c.grids.size());
  int unassigned = 0;
  for (int f = 0; f < n_faces; ++f) {
    const GEOSGeometry* face = geo::part(ctx, faces.get(), f);
    const Pt p = point_on_surface(face);
    if (!c.outline_poly.contains(p)) continue;  // a rounding sliver outside the outline
    int vbest = -1;
    for (std::size_t vi = 0; vi < c.villages.size() && vbest < 0; ++vi)
      if (c.villages[vi].cell_poly.contains(p)) vbest = static_cast<int>(vi);
    if (vbest < 0) {  // a rounding sliver: nearest village
      ++unassigned;

      double dbest = 1e300;
      for (std::size_t vi = 0; vi < c.villages.size(); ++vi) {
        const double d = c.villages[vi].cell_poly.boundary_distance(p);
        if (d < dbest) {
          dbest = d;
          vbest = static_cast<int>(vi);
        }
      }
    }
    village_faces[static_cast<std::size_t>(vbest)].push_back(f);
    const Village& v = c.villages[static_cast<std::size_t>(vbest)];
    int gbest = -1;
    double dbest = 1e300;
    for (int gi : v.grids) {
      const Poly& gp = grid_polys[static_cast<std::size_t>(gi)];
      if (gp.contains(p)) {
        gbest = gi;
        break;
      }
      const double d = gp.boundary_distance(p);
      if (d < dbest) {
        dbest = d;
        gbest = gi;
      }
    }
    if (gbest >= 0) grid_faces[static_cast<std::size_t>(gbest)].push_back(f);
  }
  if (unassigned > 0)
    std::printf("exact rebuild: %d sliver faces given to the nearest village\n", unassigned);

  auto unite_faces = [&](const std::vector<int>& ids) {
    std::vector<geo::Geometry> parts;
    for (int f : ids) parts.push_back(geo::clone(ctx, geo::part(ctx, faces.get(), f)));
    if (parts.empty()) throw std::runtime_error("exact rebuild: a unit has no faces");
    // The faces are a noded coverage: unite them without re-noding, so every vertex is kept.
    geo::Geometry coll = geo::collect(ctx, GEOS_GEOMETRYCOLLECTION, std::move(parts));
    return geo::coverage_union(ctx, coll.get());
  };
  for (std::size_t vi = 0; vi < c.villages.size(); ++vi) {
    c.villages[vi].geom = unite_faces(village_faces[vi]);
    c.villages[vi].poly = to_poly(c.villages[vi].geom.get());
  }
  for (std::size_t gi = 0; gi < c.grids.size(); ++gi)
    c.grids[gi].geom = unite_faces(grid_faces[gi]);
  for (Township& t : c.townships) {
    std::vector<int> ids;
    for (int vi : t.villages)
      for (int f : village_faces[static_cast<std::size_t>(vi)]) ids.push_back(f);
    t.geom = unite_faces(ids);
  }
}

}  // namespace rz::gen
