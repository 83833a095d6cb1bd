#pragma once
// The extent of a layer the store shows through a point layer's geometry (a per-household
// result), for the GeoPackage's gpkg_contents: the points of the base layer are read once,
// through their column copy (geo/point_scan.hpp), and each view's key column picks its rows'
// points. Asking the store's view for its geometry joins every row to its household, which at
// province scale (ten million rows) took longer than copying the rows (bench/README.md,
// issue 19).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/store.hpp"

namespace rz::exporting {

class PointExtents {
 public:
  // Reads the fids and points of the point layer `base_layer`.
  PointExtents(geo::Store& store, const std::string& base_layer);

  // The extent (min x, min y, max x, max y) of the points of `base_layer` whose fids the column
  // `key_column` of `layer` holds; std::nullopt when no key finds a point.
  std::optional<std::array<double, 4>> of_keys(geo::Store& store, const std::string& layer,
                                               const std::string& key_column) const;

 private:
  // The index of the point with this fid, or -1.
  int64_t find(int64_t fid) const;

  std::vector<int64_t> fid_;  // ascending
  std::vector<double> x_, y_;
  bool contiguous_ = false;  // fid_[i] == fid_[0] + i throughout
};

}  // namespace rz::exporting
