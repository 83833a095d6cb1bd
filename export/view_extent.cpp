#include "export/view_extent.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "geo/point_scan.hpp"
#include "geo/sqlite.hpp"

namespace rz::exporting {

PointExtents::PointExtents(geo::Store& store, const std::string& base_layer) {
  geo::PointScan scan(store, base_layer, {});
  while (scan.next()) {
    fid_.push_back(scan.fid());
    x_.push_back(scan.x());
    y_.push_back(scan.y());
  }
  contiguous_ = fid_.empty() || fid_.back() - fid_.front() == static_cast<int64_t>(fid_.size()) - 1;
}

int64_t PointExtents::find(int64_t fid) const {
  if (fid_.empty()) return -1;
  if (contiguous_) {
    const int64_t i = fid - fid_.front();
    return i >= 0 && i < static_cast<int64_t>(fid_.size()) ? i : -1;
  }
  const auto it = std::lower_bound(fid_.begin(), fid_.end(), fid);
  return it != fid_.end() && *it == fid ? it - fid_.begin() : -1;
}

std::optional<std::array<double, 4>> PointExtents::of_keys(geo::Store& store,
                                                           const std::string& layer,
                                                           const std::string& key_column) const {
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::array<double, 4> box{inf, inf, -inf, -inf};
  // Only the key is read: SQLite leaves out the view's joins.
  auto keys = store.db().prepare(
      fmt::format("SELECT {} FROM {} WHERE {} IS NOT NULL", geo::quote_identifier(key_column),
                  geo::quote_identifier(layer), geo::quote_identifier(key_column)));
  while (keys.step()) {
    const int64_t i = find(keys.get_int(0));
    if (i < 0) continue;
    const auto k = static_cast<size_t>(i);
    box[0] = std::min(box[0], x_[k]);
    box[1] = std::min(box[1], y_[k]);
    box[2] = std::max(box[2], x_[k]);
    box[3] = std::max(box[3], y_[k]);
  }
  if (box[0] > box[2]) return std::nullopt;
  return box;
}

}  // namespace rz::exporting
