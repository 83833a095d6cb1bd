#include "geo/nearest_point_grid.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rz::geo {

namespace {

// The nearest of the points considered so far; ties go to the lower index.
class Closest {
 public:
  void consider(double px, double py, int32_t index, double x, double y) {
    const double dx = px - x, dy = py - y;
    const double d2 = dx * dx + dy * dy;
    if (d2 < best_d2_ || (d2 == best_d2_ && index < best_.index)) {
      best_d2_ = d2;
      best_.index = index;
    }
  }
  double squared_distance() const { return best_d2_; }
  NearestPointGrid::Nearest result() const { return {best_.index, std::sqrt(best_d2_)}; }

 private:
  NearestPointGrid::Nearest best_;
  double best_d2_ = std::numeric_limits<double>::infinity();
};

}  // namespace

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
  build_candidates();
}

void NearestPointGrid::build_candidates() {
  // Four finer cells across a grid cell, over the grid and a margin of two grid cells around it
  // (queries come from around the points too: households beyond the outermost centers); fewer
  // where that would make more than some million cells (a grid far from square), none at all
  // where even the grid's own cells would (queries then scan rings of grid cells).
  constexpr int64_t kMargin = 2;
  constexpr int64_t kMaxFineCells = 1 << 20;
  const int64_t coarse = (columns_ + 2 * kMargin) * (rows_ + 2 * kMargin);
  fine_ = 4;
  while (fine_ > 1 && coarse * fine_ * fine_ > kMaxFineCells) fine_ /= 2;
  if (coarse * fine_ * fine_ > kMaxFineCells) {
    fine_ = 0;
    return;
  }
  fine_cell_ = cell_ / static_cast<double>(fine_);
  fine_columns_ = (columns_ + 2 * kMargin) * fine_;
  fine_rows_ = (rows_ + 2 * kMargin) * fine_;
  fine_minx_ = minx_ - static_cast<double>(kMargin) * cell_;
  fine_miny_ = miny_ - static_cast<double>(kMargin) * cell_;
  const auto cells = static_cast<size_t>(fine_columns_ * fine_rows_);
  candidate_first_.reserve(cells + 1);
  candidate_first_.push_back(0);
  // A cell grown by a hair on every side, so that a query rounded into it lies inside; and the
  // bound given a hair of slack too: a point measured in (or out) by rounding is kept.
  const double hair = fine_cell_ * 1e-6;
  std::vector<int32_t> slots;
  for (int64_t fy = 0; fy < fine_rows_; ++fy)
    for (int64_t fx = 0; fx < fine_columns_; ++fx) {
      const double x0 = fine_minx_ + static_cast<double>(fx) * fine_cell_ - hair,
                   x1 = fine_minx_ + static_cast<double>(fx + 1) * fine_cell_ + hair,
                   y0 = fine_miny_ + static_cast<double>(fy) * fine_cell_ - hair,
                   y1 = fine_miny_ + static_cast<double>(fy + 1) * fine_cell_ + hair;
      auto near2 = [&](size_t s) {  // squared distance from the cell to slot s's point
        const double dx = std::max({x0 - xs_[s], 0.0, xs_[s] - x1}),
                     dy = std::max({y0 - ys_[s], 0.0, ys_[s] - y1});
        return dx * dx + dy * dy;
      };
      auto far2 = [&](size_t s) {  // squared distance from slot s's point to the cell's farthest
        const double dx = std::max(xs_[s] - x0, x1 - xs_[s]),
                     dy = std::max(ys_[s] - y0, y1 - ys_[s]);
        return dx * dx + dy * dy;
      };
      // Every place in the cell is within `bound` of the point nearest the cell's centre: the
      // candidates lie within `bound` of the cell, in the grid cells that reach.
      const auto centre = nearest_by_rings((x0 + x1) / 2, (y0 + y1) / 2);
      const double bound = centre.distance + std::hypot(x1 - x0, y1 - y0) / 2;
      const auto column = [&](double x) {
        return std::clamp<int64_t>(static_cast<int64_t>(std::floor((x - minx_) / cell_)), 0,
                                   columns_ - 1);
      };
      const auto row = [&](double y) {
        return std::clamp<int64_t>(static_cast<int64_t>(std::floor((y - miny_) / cell_)), 0,
                                   rows_ - 1);
      };
      slots.clear();
      double best_far2 = std::numeric_limits<double>::infinity();
      for (int64_t cy = row(y0 - bound); cy <= row(y1 + bound); ++cy)
        for (int64_t cx = column(x0 - bound); cx <= column(x1 + bound); ++cx) {
          const auto c = static_cast<size_t>(cy * columns_ + cx);
          for (uint32_t s = first_[c]; s < first_[c + 1]; ++s)
            if (near2(s) <= bound * bound * (1 + 1e-9)) {
              slots.push_back(static_cast<int32_t>(s));
              best_far2 = std::min(best_far2, far2(s));
            }
        }
      // The nearest point to any place in the cell is no farther from it than the point whose
      // farthest corner is nearest: only points that close to the cell can be the nearest.
      for (const int32_t s : slots)
        if (near2(static_cast<size_t>(s)) <= best_far2 * (1 + 1e-9)) {
          candidate_x_.push_back(xs_[static_cast<size_t>(s)]);
          candidate_y_.push_back(ys_[static_cast<size_t>(s)]);
          candidate_index_.push_back(index_[static_cast<size_t>(s)]);
        }
      candidate_first_.push_back(static_cast<uint32_t>(candidate_index_.size()));
    }
}

NearestPointGrid::Nearest NearestPointGrid::nearest(double x, double y) const {
  if (fine_ > 0) {
    const double fx = std::floor((x - fine_minx_) / fine_cell_),
                 fy = std::floor((y - fine_miny_) / fine_cell_);
    if (fx >= 0 && fy >= 0 && fx < static_cast<double>(fine_columns_) &&
        fy < static_cast<double>(fine_rows_)) {
      const auto c =
          static_cast<size_t>(static_cast<int64_t>(fy) * fine_columns_ + static_cast<int64_t>(fx));
      Closest closest;
      for (uint32_t k = candidate_first_[c]; k < candidate_first_[c + 1]; ++k)
        closest.consider(candidate_x_[k], candidate_y_[k], candidate_index_[k], x, y);
      return closest.result();
    }
  }
  return nearest_by_rings(x, y);
}

NearestPointGrid::Nearest NearestPointGrid::nearest_by_rings(double x, double y) const {
  if (xs_.empty()) return {};
  Closest closest;
  // The query's cell, which may lie outside the grid.
  const auto qx = static_cast<int64_t>(std::floor((x - minx_) / cell_));
  const auto qy = static_cast<int64_t>(std::floor((y - miny_) / cell_));
  auto scan_cell = [&](int64_t cx, int64_t cy) {
    const auto c = static_cast<size_t>(cy * columns_ + cx);
    for (uint32_t s = first_[c]; s < first_[c + 1]; ++s)
      closest.consider(xs_[s], ys_[s], index_[s], x, y);
  };
  // Ring r holds the cells whose Chebyshev cell distance from the query's cell is r; a point in
  // it is at least (r - 1) cells away. The first ring that touches the grid:
  const int64_t start = std::max({int64_t{0}, -qx, qx - (columns_ - 1), -qy, qy - (rows_ - 1)});
  const int64_t last = std::max({qx, columns_ - 1 - qx, qy, rows_ - 1 - qy, start});
  for (int64_t r = start; r <= last; ++r) {
    const double reach = static_cast<double>(r - 1) * cell_;
    if (r > 0 && reach > 0 && reach * reach > closest.squared_distance()) break;
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
  return closest.result();
}

}  // namespace rz::geo
