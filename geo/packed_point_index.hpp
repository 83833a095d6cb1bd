#pragma once
// A packed R-tree over millions of points given as coordinate columns, light enough for a
// province's households: the points are put in Sort-Tile-Recursive order so that every run of
// kLeaf consecutive points is spatially compact, kept in that order with their index in the
// columns (sequential scans), and a small Boost R-tree indexes the runs' boxes. 24 bytes a point,
// where a Boost R-tree of (point, id) values needs about 30 plus twice that while it is packed.
#include <cstdint>
#include <span>
#include <vector>

#include "geo/spatial_index.hpp"

namespace rz::geo {

class PackedPointIndex {
 public:
  static constexpr size_t kLeaf = 64;
  // Sorts on `threads` threads (at most 2 are used).
  PackedPointIndex(std::span<const double> x, std::span<const double> y, int threads = 2);

  // fn(index into the original columns, x, y) for every point inside `box` (boundary included).
  template <typename Fn>
  void query_box(const Box2& box, Fn&& fn) const {
    const double minx = box.min_corner().get<0>(), miny = box.min_corner().get<1>();
    const double maxx = box.max_corner().get<0>(), maxy = box.max_corner().get<1>();
    leaves_.query_box(box, [&](uint32_t leaf) {
      const size_t first = static_cast<size_t>(leaf) * kLeaf;
      const size_t last = std::min(first + kLeaf, points_.size());
      for (size_t k = first; k < last; ++k) {
        const Point& p = points_[k];
        if (p.x >= minx && p.x <= maxx && p.y >= miny && p.y <= maxy) fn(p.index, p.x, p.y);
      }
    });
  }
  size_t size() const { return points_.size(); }

 private:
  struct Point {
    double x, y;
    uint32_t index;  // in the original columns
  };
  std::vector<Point> points_;  // in STR order
  BoxIndex leaves_;
};

}  // namespace rz::geo
