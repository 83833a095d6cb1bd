#pragma once
// The offline interactive web map: one self-contained HTML file with Leaflet inlined
// (web_assets.hpp) and every layer with geometry of the store as JSON inside it, so that opening
// it makes no network request. The base (villages, townships) and each analysis's result layers,
// grouped by analysis in a layer switcher, styled as declared (geo/presentation.hpp), with
// popups of each feature's attributes under their aliases, a legend of the layers shown, and a
// note of what was aggregated or left out. Coordinates are WGS84 lon/lat rounded to 6 decimals;
// lines and polygons are simplified to about half a pixel of the layer's whole extent, and point
// layers with more than `max_points` features are counted per square cell instead.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "export/language.hpp"
#include "export/qgis_export.hpp"
#include "geo/store.hpp"

namespace rz::exporting {

struct WebMapOptions {
  std::filesystem::path path;        // the .html to write
  Language language = Language::zh;  // titles, legend, popups (in_language)
  int64_t max_points = 20000;        // a point layer with more features is aggregated
  bool overwrite = false;            // replace a file that is not an earlier ruralzone output
};

struct WrittenWebMap {
  std::string path;
  int64_t features = 0;            // store features on the map, aggregated points included
  std::vector<std::string> notes;  // what was aggregated or left out, as the page says it
};

// `presentations` as app::qgis_export_for gives them. Written under a temporary name in the
// destination folder and renamed into place (staging.hpp); DataError naming the file and the
// cause when the folder is missing, the file is no earlier output (without `overwrite`), or
// writing fails.
WrittenWebMap write_web_map(geo::Store& store, const QgisExport& presentations,
                            const WebMapOptions& options);

}  // namespace rz::exporting
