#pragma once
// Writing planned layers through GDAL: creating the file, then per layer its fields and features.
// Every GDAL call is followed by a look at what GDAL reported, so that a failure names the
// output, the layer and the step.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "export/format.hpp"
#include "export/layer_plan.hpp"
#include "export/text_encoding.hpp"
#include "geo/crs.hpp"
#include "geo/gdal_dataset.hpp"
#include "geo/gdal_errors.hpp"
#include "geo/geos.hpp"
#include "geo/store.hpp"

namespace rz::exporting {

// What every layer of one export shares.
struct Writer {
  explicit Writer(Format f) : format(f) {}
  Format format;
  DbfEncoding dbf_encoding = DbfEncoding::utf8;
  int srid = 0;
  geo::gdal::SpatialRef store_srs;
  geo::gdal::SpatialRef wgs84;
  std::unique_ptr<geo::CrsTransform> to_wgs84;
  geo::GeosContext geos;
  int wkt_decimals = 3;
  // Shapefile: the text values of the layer last written that were cut to fit the .dbf.
  struct CutValue {
    int64_t fid;
    std::string field;
    std::string full;
  };
  std::vector<CutValue> cut_values;
  // Warnings count as failures: from the drivers used here they mean data was changed on the way
  // out (a value truncated, a character dropped in recoding, a field name laundered), which an
  // export must not do silently.
  geo::gdal::ErrorCapture errors{geo::gdal::ErrorCapture::LastError::forget};

  // Throws DataError "export to <output>: layer «<layer>»: <what> failed: <GDAL's messages>" when
  // GDAL reported anything.
  void check(const std::string& output, const std::string& layer, std::string_view what);
};

// `layer` names the layer in a failure message.
geo::gdal::Dataset create_dataset(Format format, const std::filesystem::path& path,
                                  const std::string& output, const std::string& layer, Writer& w);
void close_dataset(geo::gdal::Dataset& ds, const std::string& output, const std::string& layer,
                   Writer& w);

// Creates `layer_name` in an open dataset with the planned fields, and no features.
geo::gdal::Layer create_layer(geo::gdal::Dataset& ds, const LayerPlan& plan,
                              const std::string& layer_name, const std::string& output, Writer& w);

// Writes one layer into an open dataset as `layer_name`; returns the feature count. Losses the
// format forced are added to `warnings`.
int64_t write_layer(geo::Store& store, geo::gdal::Dataset& ds, const LayerPlan& plan,
                    const std::string& layer_name, const std::string& output, Writer& w,
                    std::vector<std::string>& warnings);

}  // namespace rz::exporting
