// Distances to segments and random points in polygons, for geometry.hpp.
#include "data/generator/geometry.hpp"

#include <algorithm>
#include <stdexcept>

namespace rz::gen {

double segment_distance(Pt p, Pt a, Pt b) {
  const Pt ab = b - a;
  const double len2 = dot(ab, ab);
  double t = len2 > 0 ? dot(p - a, ab) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  return dist(p, a + ab * t);
}

Pt random_point_in(const Poly& poly, Rng& rng, double margin) {
  for (int attempt = 0; attempt < 2000; ++attempt) {
    const Pt p{rng.uniform(poly.minx, poly.maxx), rng.uniform(poly.miny, poly.maxy)};
    if (poly.contains(p) && (margin <= 0 || poly.boundary_distance(p) >= margin)) return p;
  }
  for (int attempt = 0; attempt < 2000; ++attempt) {
    const Pt p{rng.uniform(poly.minx, poly.maxx), rng.uniform(poly.miny, poly.maxy)};
    if (poly.contains(p)) return p;
  }
  throw std::runtime_error("no point found inside polygon");
}

}  // namespace rz::gen
