// The weighting and Lloyd steps of the township cells, and the township seats.
#include "data/generator/townships.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <utility>
#include <vector>

#include "data/generator/cells.hpp"
#include "data/generator/rng.hpp"

namespace rz::gen {

namespace {

double township_weight(const County& c, const Township& t) {
  double w = 0;
  for (int vi : t.villages) w += c.villages[static_cast<std::size_t>(vi)].community ? 0.3 : 1.0;
  return w;
}

}  // namespace

void make_townships(County& c) {
  Rng rng = stream("townships");
  const std::size_t n = c.townships.size();
  const double total_area = geo::area(geos(), c.outline.get());
  std::vector<double> target(n);
  double wsum = 0;
  for (const Township& t : c.townships) wsum += township_weight(c, t);
  for (std::size_t i = 0; i < n; ++i)
    target[i] = total_area * township_weight(c, c.townships[i]) / wsum;

  // The county seat town (珠泉镇, the township holding the county seat) keeps its real seat.
  std::size_t pinned = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (c.townships[i].name == "珠泉镇") pinned = i;

  // Initial seeds: best candidate sampling, away from each other and from the outline.
  std::vector<Pt> seeds(n);
  seeds[pinned] = c.county_seat;
  std::vector<bool> placed(n, false);
  placed[pinned] = true;
  for (std::size_t i = 0; i < n; ++i) {
    if (placed[i]) continue;
    Pt best{};
    double best_score = -1;
    for (int k = 0; k < 60; ++k) {
      const Pt p = random_point_in(c.outline_poly, rng);
      double d = 1.5 * c.outline_poly.boundary_distance(p);
      for (std::size_t j = 0; j < n; ++j)
        if (placed[j]) d = std::min(d, dist(p, seeds[j]));
      if (d > best_score) {
        best_score = d;
        best = p;
      }
    }
    seeds[i] = best;
    placed[i] = true;
  }

  // Power diagram (Voronoi with additive weights: x belongs to i when |x-s_i|^2 - w_i is least).
  // Weights grow where a cell is too small; interleaved Lloyd steps keep the shapes compact.
  std::vector<double> weight(n, 0.0);
  std::vector<geo::Geometry> cells;
  auto compute = [&]() {
    cells = power_cells(seeds, weight, c.outline.get());
    std::vector<double> a(n);
    for (std::size_t i = 0; i < n; ++i) a[i] = geo::area(geos(), cells[i].get());
    return a;
  };
  double err = 0;
  for (int it = 0; it < 400; ++it) {
    const std::vector<double> a = compute();
    err = 0;
    for (std::size_t i = 0; i < n; ++i) err = std::max(err, std::abs(a[i] / target[i] - 1.0));
    const bool lloyd = it < 200 && it % 10 == 9;
    if (!lloyd && it >= 200 && err < 0.02) break;
    if (lloyd) {
      for (std::size_t i = 0; i < n; ++i) {
        if (i == pinned) continue;
        const Pt ctr = centroid(cells[i].get());
        const Pt p = (seeds[i] + ctr) * 0.5;
        if (c.outline_poly.contains(p, 500.0)) seeds[i] = p;
      }
    } else {
      for (std::size_t i = 0; i < n; ++i) weight[i] += 0.4 * (target[i] - a[i]);
    }
  }
  compute();
  std::printf("townships: areas within %.1f%% of target (max deviation)\n", err * 100.0);
  std::vector<Pt> best_seeds = seeds;
  for (std::size_t i = 0; i < n; ++i) {
    Township& t = c.townships[i];
    t.seed = snap(best_seeds[i]);
    t.cell = std::move(cells[i]);
    // The seat: the county seat for 珠泉镇, else halfway from the seed towards the cell centre.
    if (i == pinned) {
      t.seat = c.county_seat;
    } else {
      const Poly p = to_poly(t.cell.get());
      const Pt mid = (t.seed + centroid(t.cell.get())) * 0.5;
      t.seat = snap(p.contains(mid, 800.0) ? mid : t.seed);
    }
  }
}

}  // namespace rz::gen
