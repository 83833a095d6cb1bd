// The village seeds, their Lloyd relaxation and the clipped village cells.
#include "data/generator/villages.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "data/generator/cells.hpp"
#include "data/generator/constants.hpp"
#include "data/generator/rng.hpp"

namespace rz::gen {

namespace {

int seat_village_of(const County& c, const Township& t) {
  const std::string tw_stem = t.name.substr(0, t.name.size() - 3);  // drop 镇 / 乡
  int fallback = -1;
  for (int vi : t.villages) {
    const Village& v = c.villages[static_cast<std::size_t>(vi)];
    if (!v.community || v.enclave) continue;
    if (v.name == tw_stem + "居委会") return vi;
    if (v.name.starts_with("镇中")) return vi;
    if (fallback < 0) fallback = vi;
  }
  if (fallback >= 0) return fallback;
  return t.villages.front();
}

}  // namespace

void make_villages(County& c) {
  Rng rng = stream("villages");
  for (Township& t : c.townships) {
    const Poly tpoly = to_poly(t.cell.get());
    t.seat_village = seat_village_of(c, t);
    std::vector<int> order;  // seat village first, then near-seat communities, then the rest
    order.push_back(t.seat_village);
    for (int vi : t.villages) {
      const Village& v = c.villages[static_cast<std::size_t>(vi)];
      if (vi != t.seat_village && v.community && !v.enclave) order.push_back(vi);
    }
    const std::size_t fixed_count = order.size();
    for (int vi : t.villages)
      if (std::find(order.begin(), order.end(), vi) == order.end()) order.push_back(vi);

    std::vector<Pt> seeds;
    seeds.push_back(t.seat);
    const double town_radius = t.name == "珠泉镇" ? 1600.0 : 900.0;
    for (std::size_t k = 1; k < order.size(); ++k) {
      const bool near_seat = k < fixed_count;
      Pt best{};
      double best_score = -1;
      for (int cand = 0; cand < 40; ++cand) {
        Pt p;
        if (near_seat) {
          const double ang = rng.uniform(0, 2 * kPi);
          const double r = town_radius * std::sqrt(rng.uniform(0.15, 1.0));
          p = t.seat + Pt{r * std::cos(ang), r * std::sin(ang)};
          if (!tpoly.contains(p, 150.0)) continue;
        } else {
          p = random_point_in(tpoly, rng);
        }
        double d = near_seat ? 1e300 : 1.2 * tpoly.boundary_distance(p);
        for (const Pt& s : seeds) d = std::min(d, dist(p, s));
        if (!near_seat) d = std::min(d, dist(p, t.seat) - town_radius * 0.8);
        if (d > best_score) {
          best_score = d;
          best = p;
        }
      }
      if (best_score < 0) best = random_point_in(tpoly, rng, 100.0);
      seeds.push_back(best);
    }
    // Lloyd relaxation of the rural villages (town seat and town communities stay put).
    for (int it = 0; it < 3; ++it) {
      std::vector<geo::Geometry> cells = voronoi_cells(seeds, t.cell.get());
      for (std::size_t k = fixed_count; k < seeds.size(); ++k) {
        const Pt ctr = centroid(cells[k].get());
        if (tpoly.contains(ctr, 50.0)) seeds[k] = ctr;
      }
    }
    for (Pt& s : seeds) s = snap(s);
    std::vector<geo::Geometry> cells = voronoi_cells(seeds, t.cell.get());
    for (std::size_t k = 0; k < order.size(); ++k) {
      Village& v = c.villages[static_cast<std::size_t>(order[k])];
      v.seed = seeds[k];
      v.cell = std::move(cells[k]);
      v.cell_poly = to_poly(v.cell.get());
      geo::Geometry inner = geo::buffer(geos(), v.cell.get(), -5.0, 8);
      v.inner_poly = geo::is_empty(geos(), inner.get()) ? v.cell_poly : to_poly(inner.get());
    }
  }
}

}  // namespace rz::gen
