#pragma once
// Nearest of a set of points (facilities) for millions of queries (households): the points are
// bucketed in a uniform grid of about two points a cell, and a query scans rings of cells around
// its own until no unscanned cell can hold a nearer point. Several times faster than a k-nearest
// query through an R-tree when the queries are many and the points few, and exact: ties go to the
// point given first.
//
// Queries in and around the points' extent go faster still: it is cut into cells four times
// finer, each holding its candidates, the points that can be nearest to some place in the cell
// (those no farther from the cell than the farthest corner of the cell is from its best point).
// A query measures those one to three candidates instead of a ring of cells.
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
  Nearest nearest_by_rings(double x, double y) const;
  void build_candidates();
  double minx_ = 0, miny_ = 0, cell_ = 1;
  int64_t columns_ = 0, rows_ = 0;
  std::vector<uint32_t> first_;  // per cell (row-major), its first slot; one more at the end
  std::vector<double> xs_, ys_;  // slots: the points grouped by cell
  std::vector<int32_t> index_;   // slot -> point index
  // The finer cells of the candidates: `fine_` cells across a grid cell, row-major from
  // (fine_minx_, fine_miny_), each with its candidates' coordinates and indexes from
  // candidate_first_[cell].
  int64_t fine_ = 0, fine_columns_ = 0, fine_rows_ = 0;
  double fine_cell_ = 1, fine_minx_ = 0, fine_miny_ = 0;
  std::vector<uint32_t> candidate_first_;
  std::vector<double> candidate_x_, candidate_y_;
  std::vector<int32_t> candidate_index_;
};

}  // namespace rz::geo
