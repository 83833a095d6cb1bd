#include "geo/nearest_point_grid.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rz::geo {

NearestPointGrid::NearestPointGrid(std::span<const double> x, std::span<const double> y) {
  const size_t n = std::min(x.size(), y.size());
  if (n == 0) return;
  double maxx = x[0], maxy = y[0];
  minx_ = x[0];
  miny_ = y[0];
  for (size_t k = 1; k < n; ++k) {
    minx_ = std::min(minx_, x[k]);
    miny_ = std::min(miny_, y[k]);
    maxx = std::max(maxx, x[k]);
    maxy = std::max(maxy, y[k]);
  }
  const double width = maxx - minx_, height = maxy - miny_;
  // About two points a cell over the points' extent (a degenerate extent gets one cell across).
  const double area = std::max(width * height, 1e-9);
  cell_ = std::max(std::sqrt(2.0 * area / static_cast<double>(n)), 1e-6);
  cell_ = std::max(cell_, std::max(width, height) / 4096.0);  // at most 4096 cells across
  columns_ = static_cast<int64_t>(width / cell_) + 1;
  rows_ = static_cast<int64_t>(height / cell_) + 1;
  const auto cells = static_cast<size_t>(columns_ * rows_);
  std::vector<uint32_t> cell_of(n);
  first_.assign(cells + 1, 0);
  for (size_t k = 0; k < n; ++k) {
    const auto cx = std::min(static_cast<int64_t>((x[k] - minx_) / cell_), columns_ - 1);
    const auto cy = std::min(static_cast<int64_t>((y[k] - miny_) / cell_), rows_ - 1);
    cell_of[k] = static_cast<uint32_t>(cy * columns_ + cx);
    ++first_[cell_of[k] + 1];
  }
  for (size_t c = 0; c < cells; ++c) first_[c + 1] += first_[c];
  xs_.resize(n);
  ys_.resize(n);
  index_.resize(n);
  std::vector<uint32_t> next(first_.begin(), first_.end() - 1);
  for (size_t k = 0; k < n; ++k) {  // in point order, so a cell's slots keep the given order
    const uint32_t slot = next[cell_of[k]]++;
    xs_[slot] = x[k];
    ys_[slot] = y[k];
    index_[slot] = static_cast<int32_t>(k);
  }
}

NearestPointGrid::Nearest NearestPointGrid::nearest(double x, double y) const {
  Nearest best;
  if (xs_.empty()) return best;
  double best_d2 = std::numeric_limits<double>::infinity();
  // The query's cell, which may lie outside the grid.
  const auto qx = static_cast<int64_t>(std::floor((x - minx_) / cell_));
  const auto qy = static_cast<int64_t>(std::floor((y - miny_) / cell_));
  auto scan_cell = [&](int64_t cx, int64_t cy) {
    const auto c = static_cast<size_t>(cy * columns_ + cx);
    for (uint32_t s = first_[c]; s < first_[c + 1]; ++s) {
      const double dx = xs_[s] - x, dy = ys_[s] - y;
      const double d2 = dx * dx + dy * dy;
      if (d2 < best_d2 || (d2 == best_d2 && index_[s] < best.index)) {
        best_d2 = d2;
        best.index = index_[s];
      }
    }
  };
  // Ring r holds the cells whose Chebyshev cell distance from the query's cell is r; a point in
  // it is at least (r - 1) cells away. The first ring that touches the grid:
  const int64_t start = std::max({int64_t{0}, -qx, qx - (columns_ - 1), -qy, qy - (rows_ - 1)});
  const int64_t last = std::max({qx, columns_ - 1 - qx, qy, rows_ - 1 - qy, start});
  for (int64_t r = start; r <= last; ++r) {
    const double reach = static_cast<double>(r - 1) * cell_;
    if (r > 0 && reach > 0 && reach * reach > best_d2) break;
    if (r == 0) {
      scan_cell(qx, qy);
      continue;
    }
    // Top and bottom rows of the ring, then its left and right columns without the corners.
    const int64_t col_lo = std::max<int64_t>(qx - r, 0), col_hi = std::min(qx + r, columns_ - 1);
    const int64_t row_lo = std::max<int64_t>(qy - r + 1, 0),
                  row_hi = std::min(qy + r - 1, rows_ - 1);
    for (int64_t cy : {qy - r, qy + r}) {
      if (cy < 0 || cy >= rows_) continue;
      for (int64_t cx = col_lo; cx <= col_hi; ++cx) scan_cell(cx, cy);
    }
    for (int64_t cx : {qx - r, qx + r}) {
      if (cx < 0 || cx >= columns_) continue;
      for (int64_t cy = row_lo; cy <= row_hi; ++cy) scan_cell(cx, cy);
    }
  }
  best.distance = std::sqrt(best_d2);
  return best;
}

}  // namespace rz::geo
