#pragma once
// A cursor over a point layer of the store: fid, x, y and some typed columns of each row, read in
// place. Bulk reads of points are the first step of every analysis, so nothing is copied or
// converted that the caller does not ask for: text comes as a view into SQLite's row buffer, the
// coordinates from the SpatiaLite blob's MBR (for a point, the point) decoded here, without a
// SpatiaLite SQL call per row. Where the layer has a column copy (point_columns.hpp) the rows
// come from it instead, faster (bench/README.md), with the same values.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/point_columns.hpp"
#include "geo/sqlite.hpp"

namespace rz::geo {

class Store;

class PointScan {
 public:
  // Rows of `layer` with fid_min <= fid <= fid_max, in fid order. `columns` must be typed
  // columns of the layer (DataError naming the layer and column otherwise).
  PointScan(Store& store, const std::string& layer, const std::vector<std::string>& columns,
            int64_t fid_min = std::numeric_limits<int64_t>::min(),
            int64_t fid_max = std::numeric_limits<int64_t>::max());
  // Moves to the next row: false at the end. DataError when a row has no point geometry.
  bool next();

  int64_t fid() const { return fid_; }
  double x() const { return x_; }
  double y() const { return y_; }
  // Column `i` of `columns`. NULL is "" / std::nullopt; an integer asked as text is its digits,
  // a real asked as integer is truncated. The view lives until the next call to next().
  std::string_view text(size_t i) const;
  std::optional<int64_t> integer(size_t i) const;
  std::optional<double> real(size_t i) const;

  // True when the rows come from the layer's column copy rather than its table.
  bool from_column_copy() const { return columns_.has_value(); }

 private:
  static int column_index(size_t i) { return static_cast<int>(i) + 2; }
  std::string path_;
  std::string layer_;
  std::optional<PointColumnsReader> columns_;
  size_t row_ = 0;
  bool started_ = false;
  std::optional<Statement> statement_;
  int64_t fid_ = 0;
  double x_ = 0, y_ = 0;
};

}  // namespace rz::geo
