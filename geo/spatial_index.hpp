#pragma once
// Packed in-memory R-trees (Boost.Geometry, bulk-loaded with the STR-like packing algorithm) for
// the analyses: built once from a store read, queried millions of times.
#include <cstdint>
#include <utility>
#include <vector>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/transform_iterator.hpp>

namespace rz::geo {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

using Point2 = bg::model::point<double, 2, bg::cs::cartesian>;
using Box2 = bg::model::box<Point2>;

// Boxes (feature envelopes) tagged with an index into the caller's feature vector.
class BoxIndex {
 public:
  using Entry = std::pair<Box2, uint32_t>;
  BoxIndex() = default;
  // Packing constructor: the entries are bulk loaded, not inserted one by one.
  explicit BoxIndex(std::vector<Entry> entries) : tree_(entries.begin(), entries.end()) {}

  template <typename Fn>
  void query_point(double x, double y, Fn&& fn) const {
    Point2 p(x, y);
    for (auto it = tree_.qbegin(bgi::intersects(p)); it != tree_.qend(); ++it) fn(it->second);
  }
  template <typename Fn>
  void query_box(const Box2& box, Fn&& fn) const {
    for (auto it = tree_.qbegin(bgi::intersects(box)); it != tree_.qend(); ++it) fn(it->second);
  }
  size_t size() const { return tree_.size(); }

 private:
  bgi::rtree<Entry, bgi::rstar<16>> tree_;
};

// The k-th point of coordinate columns, as an index entry (for packing without a copy).
struct ColumnPoint {
  const double* x;
  const double* y;
  std::pair<Point2, uint32_t> operator()(uint32_t k) const { return {Point2(x[k], y[k]), k}; }
};

// Points tagged with an index, for nearest-neighbour and window queries.
class PointIndex {
 public:
  using Entry = std::pair<Point2, uint32_t>;
  PointIndex() = default;
  explicit PointIndex(std::vector<Entry> entries) : tree_(entries.begin(), entries.end()) {}
  // Packs points given as columns (no intermediate vector of entries: at millions of points
  // that copy is a large share of the peak memory). Tags are first..last-1.
  PointIndex(const double* x, const double* y, uint32_t first, uint32_t last)
      : tree_(boost::make_transform_iterator(boost::counting_iterator<uint32_t>(first),
                                             ColumnPoint{x, y}),
              boost::make_transform_iterator(boost::counting_iterator<uint32_t>(last),
                                             ColumnPoint{x, y})) {}

  template <typename Fn>
  void nearest(double x, double y, unsigned k, Fn&& fn) const {
    for (auto it = tree_.qbegin(bgi::nearest(Point2(x, y), k)); it != tree_.qend(); ++it)
      fn(it->second, bg::distance(Point2(x, y), it->first));
  }
  template <typename Fn>
  void query_box(const Box2& box, Fn&& fn) const {
    for (auto it = tree_.qbegin(bgi::intersects(box)); it != tree_.qend(); ++it)
      fn(it->second, it->first);
  }
  size_t size() const { return tree_.size(); }

 private:
  bgi::rtree<Entry, bgi::rstar<16>> tree_;
};

}  // namespace rz::geo
