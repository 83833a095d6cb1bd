// The grid cells, their numbering in reading order, their households and workers.
#include "data/generator/grids.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "data/generator/cells.hpp"
#include "data/generator/rng.hpp"
#include "data/generator/text.hpp"

namespace rz::gen {

void make_grids(County& c) {
  Rng rng = stream("grids");
  for (std::size_t vi = 0; vi < c.villages.size(); ++vi) {
    Village& v = c.villages[vi];
    std::vector<Pt> pts;
    for (int h : v.hh) pts.push_back(c.households[static_cast<std::size_t>(h)].p);
    const int k = std::clamp(static_cast<int>(std::lround(static_cast<double>(pts.size()) / 32.0 +
                                                          rng.uniform(-0.8, 0.8))),
                             3, 8);
    // k-means++ initialisation.
    std::vector<Pt> centers;
    centers.push_back(
        pts[static_cast<std::size_t>(rng.integer(0, static_cast<int>(pts.size()) - 1))]);
    while (static_cast<int>(centers.size()) < k) {
      std::vector<double> d2(pts.size());
      double total = 0;
      for (std::size_t i = 0; i < pts.size(); ++i) {
        double m = 1e300;
        for (const Pt& ce : centers) m = std::min(m, dot(pts[i] - ce, pts[i] - ce));
        d2[i] = m;
        total += m;
      }
      double u = rng.uniform() * total;
      std::size_t pick = 0;
      for (; pick + 1 < pts.size(); ++pick) {
        if (u < d2[pick]) break;
        u -= d2[pick];
      }
      centers.push_back(pts[pick]);
    }
    std::vector<int> assign(pts.size(), 0);
    for (int it = 0; it < 25; ++it) {
      for (std::size_t i = 0; i < pts.size(); ++i) {
        double m = 1e300;
        for (std::size_t j = 0; j < centers.size(); ++j) {
          const double d = dot(pts[i] - centers[j], pts[i] - centers[j]);
          if (d < m) {
            m = d;
            assign[i] = static_cast<int>(j);
          }
        }
      }
      std::vector<Pt> sum(centers.size(), Pt{0, 0});
      std::vector<int> cnt(centers.size(), 0);
      for (std::size_t i = 0; i < pts.size(); ++i) {
        sum[static_cast<std::size_t>(assign[i])] =
            sum[static_cast<std::size_t>(assign[i])] + pts[i];
        ++cnt[static_cast<std::size_t>(assign[i])];
      }
      for (std::size_t j = 0; j < centers.size(); ++j)
        if (cnt[j] > 0) centers[j] = sum[j] * (1.0 / cnt[j]);
    }
    // Distinct, snapped centres.
    std::vector<Pt> seeds;
    for (const Pt& ce : centers) {
      const Pt s = snap(ce);
      bool dup = false;
      for (const Pt& o : seeds) dup = dup || dist(o, s) < 20.0;
      if (!dup) seeds.push_back(s);
    }
    // A centre may lie outside a concave village: pull it inside.
    for (Pt& s : seeds)
      if (!v.cell_poly.contains(s)) s = snap(random_point_in(v.inner_poly, rng));
    std::vector<geo::Geometry> cells = voronoi_cells(seeds, v.cell.get());
    // Reading order: north to south, then west to east (by cell centre).
    std::vector<std::size_t> order(cells.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<Pt> ctr(cells.size());
    for (std::size_t j = 0; j < cells.size(); ++j) ctr[j] = centroid(cells[j].get());
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const double ya = std::round(ctr[a].y / 200.0);
      const double yb = std::round(ctr[b].y / 200.0);
      if (ya != yb) return ya > yb;
      return ctr[a].x < ctr[b].x || (ctr[a].x == ctr[b].x && a < b);
    });
    int number = 0;
    for (std::size_t j : order) {
      if (geo::is_empty(geos(), cells[j].get()) || geo::area(geos(), cells[j].get()) < 1.0)
        continue;
      ++number;
      Grid g;
      g.village = static_cast<int>(vi);
      g.center = ctr[j];
      g.cell = std::move(cells[j]);
      g.code = v.code + two_digits(number);
      g.name = v.name + "第" + std::to_string(number) + "网格";
      v.grids.push_back(static_cast<int>(c.grids.size()));
      c.grids.push_back(std::move(g));
    }
  }
}

void count_grid_households(County& c) {
  std::vector<Poly> polys;
  for (const Grid& g : c.grids) polys.push_back(to_poly(g.geom.get()));
  for (Household& h : c.households) {
    const Village& v = c.villages[static_cast<std::size_t>(h.village)];
    for (int gi : v.grids)
      if (polys[static_cast<std::size_t>(gi)].contains(h.p)) {
        h.grid = gi;
        break;
      }
    if (h.grid >= 0) ++c.grids[static_cast<std::size_t>(h.grid)].households;
  }
  Rng rng = stream("grid workers");
  for (Grid& g : c.grids)
    g.workers = std::clamp(
        static_cast<int>(std::lround(g.households / 25.0 + rng.uniform(-0.5, 0.5))), 1, 3);
}

}  // namespace rz::gen
