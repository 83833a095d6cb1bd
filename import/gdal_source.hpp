#pragma once
// Opening any vector source GDAL reads, with the open options each format needs to give us its
// values unaltered.
#include <optional>
#include <string>

#include "geo/gdal_dataset.hpp"

namespace rz::import {

struct OpenedSource {
  geo::gdal::Dataset dataset;
  geo::gdal::Layer layer;
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
