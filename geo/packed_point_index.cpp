#include "geo/packed_point_index.hpp"

#include <algorithm>
#include <cmath>

#include "geo/parallel.hpp"
#include "geo/parallel_sort.hpp"

namespace rz::geo {

PackedPointIndex::PackedPointIndex(std::span<const double> x, std::span<const double> y,
                                   int threads) {
  const size_t n = x.size();
  // The points themselves are sorted, not indices into the columns: with households stored in
  // no spatial order each comparison through an index missed the cache (bench/README.md, issue
  // 19, has the times).
  points_.resize(n);
  for (size_t i = 0; i < n; ++i) points_[i] = {x[i], y[i], static_cast<uint32_t>(i)};
  const auto by_x = [](const Point& a, const Point& b) { return a.x < b.x; };
  if (threads > 1)
    parallel_sort(points_.begin(), points_.end(), by_x);
  else
    std::sort(points_.begin(), points_.end(), by_x);
  // Vertical slices of about sqrt(leaves) leaves each, sorted by y: consecutive runs of kLeaf
  // points are then boxes of similar width and height.
  const size_t leaves = (n + kLeaf - 1) / kLeaf;
  const auto per_slice =
      static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(leaves)))) * kLeaf;
  const size_t slice_count = n == 0 ? 0 : (n + per_slice - 1) / per_slice;
  parallel_for(slice_count, n >= 100000 ? threads : 1, [&](size_t, size_t s) {
    auto first = points_.begin() + static_cast<ptrdiff_t>(s * per_slice);
    auto last = points_.begin() + static_cast<ptrdiff_t>(std::min(n, (s + 1) * per_slice));
    std::sort(first, last, [](const Point& a, const Point& b) { return a.y < b.y; });
  });
  std::vector<BoxIndex::Entry> boxes;
  boxes.reserve(leaves);
  for (size_t leaf = 0; leaf < leaves; ++leaf) {
    double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
    for (size_t k = leaf * kLeaf; k < std::min(n, (leaf + 1) * kLeaf); ++k) {
      minx = std::min(minx, points_[k].x);
      miny = std::min(miny, points_[k].y);
      maxx = std::max(maxx, points_[k].x);
      maxy = std::max(maxy, points_[k].y);
    }
    boxes.push_back({Box2(Point2(minx, miny), Point2(maxx, maxy)), static_cast<uint32_t>(leaf)});
  }
  leaves_ = BoxIndex(std::move(boxes));
}

}  // namespace rz::geo
