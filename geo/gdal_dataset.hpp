#pragma once
// GDAL vector datasets and their layers as RAII types, and GDAL's driver registration. Open or
// create inside a gdal::ErrorCapture: an empty Dataset or Layer says only that GDAL failed, the
// capture says why.
#include <gdal.h>
#include <ogr_api.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "geo/gdal_feature.hpp"
#include "geo/gdal_geometry.hpp"

namespace rz::geo::gdal {

// NAME=VALUE options as a driver documents them (open and layer creation options).
using Options = std::vector<std::pair<std::string, std::string>>;

// Registers GDAL's drivers; later calls do nothing. Opening and creating call it too: call it
// yourself before an ErrorCapture when what registration reports must not end up in it.
void register_drivers();

struct OpenOptions {
  Options driver;
  // XLSX and ODS: the first row is the header, whatever its cells hold. GDAL 3.6 offers this only
  // as a configuration option, which is set for this thread while the dataset lives: GDAL parses
  // spreadsheets lazily, on the first read.
  bool force_header_row = false;
};

struct Extent {
  double min_x = 0, max_x = 0, min_y = 0, max_y = 0;
};

// A layer of an open Dataset; valid while the dataset is.
class Layer {
 public:
  Layer() = default;
  explicit Layer(OGRLayerH handle) : handle_(handle) {}
  explicit operator bool() const { return handle_ != nullptr; }

  std::string name() const;
  int field_count() const;
  const char* field_name(int field) const;
  OGRFieldType field_type(int field) const;
  int geometry_field_count() const;
  // The layer's CRS as WKT2 (2019); nullopt when it has none.
  std::optional<std::string> crs_wkt() const;
  // -1 when not known without a scan and `force` is false.
  int64_t feature_count(bool force) const;
  std::optional<Extent> extent(bool force) const;

  // Skipping the geometry makes a pass over the attributes much cheaper for most drivers.
  void ignore_geometry(bool ignore);
  void reset_reading();
  Feature next_feature();

  // `width` 0 leaves the driver's default width. False when the driver refused the field.
  bool create_field(const std::string& name, OGRFieldType type, int width = 0, int precision = -1);
  Feature new_feature() const;
  bool create_feature(Feature& feature);

 private:
  OGRLayerH handle_ = nullptr;
};

class ThreadConfig;

class Dataset {
 public:
  Dataset();
  ~Dataset();
  Dataset(Dataset&& other) noexcept;
  Dataset& operator=(Dataset&& other) noexcept;
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;

  // Read-only, vector only; empty when GDAL cannot open the file.
  static Dataset open_vector(const std::string& path, const OpenOptions& options = {});
  // Throws DataError "this GDAL has no <driver> driver"; empty when GDAL cannot create the file.
  static Dataset create(const std::string& driver, const std::string& path);

  explicit operator bool() const { return handle_ != nullptr; }
  std::string driver_name() const;  // GDAL's short name: "ESRI Shapefile", "CSV", "GPKG", ...
  int layer_count() const;
  Layer layer(int index) const;
  Layer layer(const std::string& name) const;
  Layer create_layer(const std::string& name, const SpatialRef* srs, OGRwkbGeometryType type,
                     const Options& options);
  bool start_transaction();
  bool commit_transaction();
  // Closes now rather than at destruction: drivers write most of a file when it is closed, and
  // what goes wrong then must be seen while an ErrorCapture is still listening.
  void close();

 private:
  // Before the handle, so that the configuration outlives the dataset.
  std::vector<std::unique_ptr<ThreadConfig>> config_;
  GDALDatasetH handle_ = nullptr;
};

}  // namespace rz::geo::gdal
