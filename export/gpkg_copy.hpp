#pragma once
// GeoPackage export of whole layers in SQL: GDAL creates the file and every layer (fields, SRS,
// R-tree and triggers, all empty), then each layer's features go in with one INSERT ... SELECT
// from the store attached to the GeoPackage's connection, and the R-tree is bulk loaded
// (geo/rtree_bulk_load.hpp). Feature by feature through GDAL 3.6 a province's five million
// households take about a minute, most of it in the R-tree's one-by-one inserts (bench/README.md
// "Export").
//
// Only layers whose stored values go into the GeoPackage as they are take this way
// (sql_copyable); the others go through GDAL feature by feature (layer_writer.hpp), which
// converts or refuses what does not fit, naming the feature.
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "export/layer_plan.hpp"
#include "geo/sqlite.hpp"
#include "geo/store.hpp"

namespace rz::exporting {

// True when every value of the planned layer fits its output field as stored: integer fields
// hold integers, real fields numbers, text fields text (or NULL), and every attrs key has a plain
// JSON path. One scan over the layer.
bool sql_copyable(geo::Store& store, const LayerPlan& plan);

// An open GeoPackage that GDAL has written and closed, with the store attached, filled layer by
// layer in one transaction without a journal: the file is a staged temporary (staging.hpp), which
// a failure leaves to be removed, never the output itself.
class GpkgCopy {
 public:
  // `output` names the export in messages.
  GpkgCopy(const std::filesystem::path& gpkg, const geo::Store& store, std::string output);
  ~GpkgCopy();
  GpkgCopy(const GpkgCopy&) = delete;
  GpkgCopy& operator=(const GpkgCopy&) = delete;

  // Copies the features of `plan`'s layer into the GeoPackage's (empty) layer `layer_name`;
  // returns how many. Throws DataError naming the output and the layer.
  int64_t copy(const LayerPlan& plan, const std::string& layer_name, int srid);
  // A layer the store shows through another layer's geometry (a per-household result): its
  // values go into the table <layer_name>_rows, without geometry, and `layer_name` becomes a
  // view registered as the layer GDAL created, joining them through `key_column` to
  // `base_layer`'s geometry, a layer this export has copied with its fids. At province scale
  // this halved the whole export, 83 s to 41 s (bench/README.md "Province end to end").
  // `extent` is the view's extent when the caller knows it (export/view_extent.hpp; inside it
  // std::nullopt: no row has a point); without it the extent is read from the store's view.
  using Extent = std::optional<std::array<double, 4>>;
  int64_t copy_view(const LayerPlan& plan, const std::string& layer_name,
                    const std::string& key_column, const std::string& base_layer,
                    const std::optional<Extent>& extent = std::nullopt);
  void commit();

 private:
  std::unique_ptr<geo::Database> db_;
  bool in_transaction_ = false;
  std::string output_;
};

}  // namespace rz::exporting
