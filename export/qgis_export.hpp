#pragma once
// What a GeoPackage export adds for QGIS: each layer's style, declared with the layer
// (geo/presentation.hpp), as the default style in the GeoPackage's layer_styles table, so that
// the GeoPackage alone opens styled; and on request the QGIS project (.qgz) beside it.
#include <filesystem>
#include <string>
#include <vector>

#include "export/qgis_project.hpp"
#include "geo/presentation.hpp"
#include "geo/store.hpp"

namespace rz::exporting {

struct QgisExport {
  std::vector<geo::LayerPresentation> presentations;  // by store layer name
  std::string title;                                  // the project's title
  std::vector<std::string> notes;                     // analyses left out and why
};

// The exported GeoPackage's layers (`tables`, in export order) styled: their geometry and fields
// as the GeoPackage has them, their presentation (a plain one when none is declared), the
// classes of computed styles resolved against the store. Opens `gpkg` read-only.
std::vector<ProjectLayer> styled_layers(geo::Store& store, const std::filesystem::path& gpkg,
                                        const std::vector<std::string>& tables,
                                        const QgisExport& qgis);

// Writes every layer's style into `gpkg`'s layer_styles (created and registered when missing;
// an earlier ruralzone style of a layer is replaced), in one transaction.
void write_layer_styles(const std::filesystem::path& gpkg, const std::vector<ProjectLayer>& layers);

// The project over `gpkg_file` (a name beside the project) as .qgs XML, written zipped as the
// .qgz `path` (the .qgs inside named `<stem>.qgs`).
void write_qgis_project(const std::filesystem::path& path, const std::string& gpkg_file,
                        const std::string& stem, geo::Store& store,
                        const std::vector<ProjectLayer>& layers, const QgisExport& qgis);

}  // namespace rz::exporting
