#pragma once
// Plane geometry in EPSG:4546 metres without GEOS: points on the 1 cm grid, and polygons as rings
// for the many point-in-polygon tests the generator makes.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "data/generator/constants.hpp"
#include "data/generator/rng.hpp"

namespace rz::gen {

struct Pt {
  double x;
  double y;
};
inline bool operator==(Pt a, Pt b) {
  return a.x == b.x && a.y == b.y;
}
inline bool operator<(Pt a, Pt b) {
  return a.x < b.x || (a.x == b.x && a.y < b.y);
}
inline Pt operator+(Pt a, Pt b) {
  return {a.x + b.x, a.y + b.y};
}
inline Pt operator-(Pt a, Pt b) {
  return {a.x - b.x, a.y - b.y};
}
inline Pt operator*(Pt a, double k) {
  return {a.x * k, a.y * k};
}
inline double cross(Pt a, Pt b) {
  return a.x * b.y - a.y * b.x;
}
inline double dot(Pt a, Pt b) {
  return a.x * b.x + a.y * b.y;
}
inline double norm(Pt a) {
  return std::sqrt(a.x * a.x + a.y * a.y);
}
inline double dist(Pt a, Pt b) {
  return norm(a - b);
}
inline double round_grid(double v) {
  return std::round(v / kGrid) * kGrid;
}
inline Pt snap(Pt p) {
  return {round_grid(p.x), round_grid(p.y)};
}

double segment_distance(Pt p, Pt a, Pt b);

using Ring = std::vector<Pt>;  // closed: front() == back()

// A (multi)polygon as rings, for fast point-in-polygon tests without GEOS.
struct Poly {
  std::vector<Ring> rings;  // shells and holes of all parts (even-odd rule)
  double minx = 0, miny = 0, maxx = 0, maxy = 0;

  bool in_bbox(Pt p) const { return p.x >= minx && p.x <= maxx && p.y >= miny && p.y <= maxy; }
  bool contains(Pt p) const {
    if (!in_bbox(p)) return false;
    bool inside = false;
    for (const Ring& r : rings) {
      for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
        const Pt a = r[i];
        const Pt b = r[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
          inside = !inside;
      }
    }
    return inside;
  }
  double boundary_distance(Pt p) const {
    double d = 1e300;
    for (const Ring& r : rings)
      for (std::size_t i = 0; i + 1 < r.size(); ++i)
        d = std::min(d, segment_distance(p, r[i], r[i + 1]));
    return d;
  }
  // Inside and at least `margin` metres from the boundary.
  bool contains(Pt p, double margin) const { return contains(p) && boundary_distance(p) >= margin; }
};

// Uniform random point inside `poly`, at least `margin` from its boundary (best effort).
Pt random_point_in(const Poly& poly, Rng& rng, double margin = 0.0);

}  // namespace rz::gen
