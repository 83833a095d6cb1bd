#pragma once
// A point inside each polygon of an imported layer (GEOS PointOnSurface of the stored polygon,
// which import computes anyway to place features in villages), kept next to the layer in table
// rz_inner_points. Reach and siting measure from each village's seat, that point: read from here
// they need no polygon parsed again (bench/README.md has what it saves). The table stays the truth:
// as for the column copy of point layers (point_columns.hpp), triggers on the layer's table delete
// its points on any INSERT, UPDATE or DELETE by any program, and readers use them only while those
// triggers exist.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "geo/sqlite.hpp"

namespace rz::geo {

class InnerPointsWriter {
 public:
  // Empties the layer's points (inside the caller's transaction).
  InnerPointsWriter(Database& db, const std::string& layer);
  void add(int64_t fid, double x, double y);
  // Creates the triggers that discard the points when the table changes.
  void finish();

 private:
  Database& db_;
  std::string layer_;
  Statement insert_;
};

// The layer's points by fid; std::nullopt when it has none kept or they may be stale. A row
// without geometry has no point.
std::optional<std::unordered_map<int64_t, std::pair<double, double>>> read_inner_points(
    Database& db, const std::string& layer);

void drop_inner_points(Database& db, const std::string& layer);

}  // namespace rz::geo
