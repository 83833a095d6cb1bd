#pragma once
// Nearest of a set of points (facilities) for millions of queries (households): the points are
// bucketed in a uniform grid of about two points a cell, and a query scans rings of cells around
// its own until no unscanned cell can hold a nearer point. Several times faster than a k-nearest
// query through an R-tree when the queries are many and the points few, and exact: ties go to the
// point given first.
#include <cstdint>
#include <span>
#include <vector>

namespace rz::geo {

class NearestPointGrid {
 public:
  // Point k is (x[k], y[k]); queries answer with k.
  NearestPointGrid(std::span<const double> x, std::span<const double> y);

  struct Nearest {
    int32_t index = -1;  // -1 when there are no points
    double distance = 0;
  };
  Nearest nearest(double x, double y) const;
  size_t size() const { return xs_.size(); }

 private:
  double minx_ = 0, miny_ = 0, cell_ = 1;
  int64_t columns_ = 0, rows_ = 0;
  std::vector<uint32_t> first_;  // per cell (row-major), its first slot; one more at the end
  std::vector<double> xs_, ys_;  // slots: the points grouped by cell
  std::vector<int32_t> index_;   // slot -> point index
};

}  // namespace rz::geo
