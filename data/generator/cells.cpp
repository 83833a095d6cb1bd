// Clipped Voronoi and power-diagram cells for cells.hpp.
#include "data/generator/cells.hpp"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <utility>

namespace rz::gen {

namespace {

// Clipped Voronoi cells may fall apart into several pieces where the clip polygon is concave.
// Keep the piece holding the seed and give every other piece to the neighbour it shares the
// longest boundary with.
void merge_stray_parts(std::vector<geo::Geometry>& cells, const std::vector<Pt>& seeds) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (geo::type_id(geos(), cells[i].get()) == GEOS_POLYGON) continue;
    std::vector<geo::Geometry> parts = geo::polygon_parts(geos(), cells[i].get());
    if (parts.size() <= 1) {
      if (parts.size() == 1) cells[i] = std::move(parts[0]);
      continue;
    }
    std::size_t keep = 0;
    double best_area = -1;
    for (std::size_t k = 0; k < parts.size(); ++k) {
      if (to_poly(parts[k].get()).contains(seeds[i])) {
        keep = k;
        break;
      }
      const double a = geo::area(geos(), parts[k].get());
      if (a > best_area) {
        best_area = a;
        keep = k;
      }
    }
    cells[i] = std::move(parts[keep]);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      if (k == keep) continue;
      std::size_t best = i;
      double best_len = 0;
      for (std::size_t j = 0; j < cells.size(); ++j) {
        if (j == i) continue;
        const double len = shared_boundary_length(parts[k].get(), cells[j].get());
        if (len > best_len) {
          best_len = len;
          best = j;
        }
      }
      cells[best] = snapped_union(cells[best].get(), parts[k].get());
    }
  }
}

}  // namespace

std::vector<geo::Geometry> voronoi_cells(const std::vector<Pt>& seeds, const GEOSGeometry* clip) {
  std::vector<geo::Geometry> cells(seeds.size());
  if (seeds.size() == 1) {
    cells[0] = geo::clone(geos(), clip);
    return cells;
  }
  geo::Geometry sites = make_multipoint(seeds);
  geo::Geometry env = geo::envelope_geometry(geos(), clip);
  geo::Geometry frame = geo::buffer(geos(), env.get(), 5000.0, 1);
  geo::Geometry diagram = geo::voronoi_diagram(geos(), sites.get(), frame.get());
  for (int k = 0; k < geo::part_count(geos(), diagram.get()); ++k) {
    const GEOSGeometry* cell = geo::part(geos(), diagram.get(), k);
    const Poly p = to_poly(cell);
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      if (!cells[i] && p.contains(seeds[i])) {
        cells[i] = snapped_intersection(cell, clip);
        break;
      }
    }
  }
  for (std::size_t i = 0; i < seeds.size(); ++i)
    if (!cells[i]) throw std::runtime_error("voronoi: a seed has no cell");
  merge_stray_parts(cells, seeds);
  return cells;
}

std::vector<geo::Geometry> power_cells(const std::vector<Pt>& seeds,
                                       const std::vector<double>& weights,
                                       const GEOSGeometry* clip) {
  const Poly cp = to_poly(clip);
  const Pt o{(cp.minx + cp.maxx) / 2, (cp.miny + cp.maxy) / 2};  // local origin for precision
  const double half = std::max(cp.maxx - cp.minx, cp.maxy - cp.miny);
  std::vector<geo::Geometry> cells;
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    std::vector<Pt> poly{{-half, -half}, {half, -half}, {half, half}, {-half, half}};
    const Pt si = seeds[i] - o;
    for (std::size_t j = 0; j < seeds.size() && !poly.empty(); ++j) {
      if (j == i) continue;
      const Pt sj = seeds[j] - o;
      // Keep x with 2 x.(sj - si) <= |sj|^2 - |si|^2 - wj + wi.
      const Pt nrm = (sj - si) * 2.0;
      const double lim = dot(sj, sj) - dot(si, si) - weights[j] + weights[i];
      std::vector<Pt> out;
      for (std::size_t k = 0; k < poly.size(); ++k) {
        const Pt a = poly[k];
        const Pt b = poly[(k + 1) % poly.size()];
        const double fa = dot(a, nrm) - lim;
        const double fb = dot(b, nrm) - lim;
        if (fa <= 0) out.push_back(a);
        if ((fa < 0 && fb > 0) || (fa > 0 && fb < 0)) out.push_back(a + (b - a) * (fa / (fa - fb)));
      }
      poly = std::move(out);
    }
    if (poly.size() < 3) {
      cells.push_back(geo::empty_polygon(geos()));
      continue;
    }
    Ring ring;
    for (const Pt& p : poly) ring.push_back(p + o);
    ring.push_back(ring.front());
    geo::Geometry cell = make_polygon(ring);
    cells.push_back(snapped_intersection(cell.get(), clip));
  }
  merge_stray_parts(cells, seeds);
  return cells;
}

}  // namespace rz::gen
