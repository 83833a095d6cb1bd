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
void merge_stray_parts(std::vector<Geom>& cells, const std::vector<Pt>& seeds) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (type_of(cells[i].get()) == GEOS_POLYGON) continue;
    std::vector<Geom> parts = polygon_parts(cells[i].get());
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
      const double a = area(parts[k].get());
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
      cells[best] = unite(cells[best].get(), parts[k].get());
    }
  }
}

}  // namespace

std::vector<Geom> voronoi_cells(const std::vector<Pt>& seeds, const GEOSGeometry* clip) {
  std::vector<Geom> cells(seeds.size());
  if (seeds.size() == 1) {
    cells[0] = clone(clip);
    return cells;
  }
  Geom sites = make_multipoint(seeds);
  Geom env = own(GEOSEnvelope_r(G, clip), "envelope");
  Geom frame = own(GEOSBuffer_r(G, env.get(), 5000.0, 1), "buffer");
  Geom diagram = own(GEOSVoronoiDiagram_r(G, sites.get(), frame.get(), 0.0, 0), "voronoi");
  for (int k = 0; k < num_geometries(diagram.get()); ++k) {
    const GEOSGeometry* cell = GEOSGetGeometryN_r(G, diagram.get(), k);
    const Poly p = to_poly(cell);
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      if (!cells[i] && p.contains(seeds[i])) {
        cells[i] = intersection(cell, clip);
        break;
      }
    }
  }
  for (std::size_t i = 0; i < seeds.size(); ++i)
    if (!cells[i]) throw std::runtime_error("voronoi: a seed has no cell");
  merge_stray_parts(cells, seeds);
  return cells;
}

std::vector<Geom> power_cells(const std::vector<Pt>& seeds, const std::vector<double>& weights,
                              const GEOSGeometry* clip) {
  const Poly cp = to_poly(clip);
  const Pt o{(cp.minx + cp.maxx) / 2, (cp.miny + cp.maxy) / 2};  // local origin for precision
  const double half = std::max(cp.maxx - cp.minx, cp.maxy - cp.miny);
  std::vector<Geom> cells;
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
      cells.push_back(own(GEOSGeom_createEmptyPolygon_r(G), "empty polygon"));
      continue;
    }
    Ring ring;
    for (const Pt& p : poly) ring.push_back(p + o);
    ring.push_back(ring.front());
    Geom cell = make_polygon(ring);
    cells.push_back(intersection(cell.get(), clip));
  }
  merge_stray_parts(cells, seeds);
  return cells;
}

}  // namespace rz::gen
