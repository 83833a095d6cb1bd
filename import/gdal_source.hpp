#pragma once
// Opening any vector source GDAL reads, with RAII handles and GDAL's error messages captured so
// that a read that fails half-way fails the whole import.
#include <gdal.h>
#include <ogr_api.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rz::import {

struct DatasetCloser {
  void operator()(void* ds) const {
    if (ds) GDALClose(ds);
  }
};
using DatasetPtr = std::unique_ptr<void, DatasetCloser>;

struct FeatureDestroyer {
  void operator()(void* f) const {
    if (f) OGR_F_Destroy(static_cast<OGRFeatureH>(f));
  }
};
using FeaturePtr = std::unique_ptr<void, FeatureDestroyer>;

// While alive, collects GDAL errors (CE_Failure, CE_Fatal) and warnings raised on this thread
// instead of printing them.
class GdalErrorCapture {
 public:
  GdalErrorCapture();
  ~GdalErrorCapture();
  GdalErrorCapture(const GdalErrorCapture&) = delete;
  GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;
  bool has_failures() const { return !failures_.empty(); }
  const std::vector<std::string>& failures() const { return failures_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  // Throws DataError "<file>: <context>: GDAL: <first failure>" when a failure was captured.
  void throw_if_failed(const std::string& file, const std::string& context) const;
  void clear() { failures_.clear(); }

 private:
  static void CPL_STDCALL handler(CPLErr level, CPLErrorNum num, const char* message);
  std::vector<std::string> failures_;
  std::vector<std::string> warnings_;
};

// Sets a GDAL configuration option for this thread until destruction (restoring the old value):
// for drivers whose behaviour GDAL 3.6 offers only as a config option, not an open option.
class ScopedThreadConfig {
 public:
  ScopedThreadConfig(const char* key, const char* value);
  ~ScopedThreadConfig();
  ScopedThreadConfig(const ScopedThreadConfig&) = delete;
  ScopedThreadConfig& operator=(const ScopedThreadConfig&) = delete;

 private:
  std::string key_;
  std::optional<std::string> old_;
};

struct OpenedSource {
  // Declared first so it outlives the dataset: spreadsheets are parsed lazily, on first read.
  std::vector<std::unique_ptr<ScopedThreadConfig>> config;
  DatasetPtr dataset;
  OGRLayerH layer = nullptr;
  std::string driver;      // GDAL short name: "ESRI Shapefile", "CSV", "GPKG", ...
  std::string layer_name;  // the source layer used
  bool raw_bytes = false;  // attribute strings come undecoded (shapefile and CSV)
};

// Opens `path` and picks its layer: `source_layer` when given, else the only layer, else the layer
// named `preferred`. Throws DataError naming the file for missing files, unreadable formats and
// missing layers.
OpenedSource open_source(const std::string& path, const std::optional<std::string>& source_layer,
                         const std::string& preferred);

// The text of a .cpg next to a shapefile, if any.
std::optional<std::string> read_cpg(const std::string& shp_path);

}  // namespace rz::import
