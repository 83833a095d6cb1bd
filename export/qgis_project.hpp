#pragma once
// A QGIS project (.qgs XML) over one GeoPackage: every layer styled as declared, in a group per
// analysis, Chinese titles and aliases, the project CRS, and a print layout per analysis.
// Written in the form QGIS 3.22 (Debian 12) reads without warnings; later versions read it too.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "export/qgis_layer_style.hpp"
#include "geo/store.hpp"

namespace rz::exporting {

struct ProjectLayer {
  StyledLayer styled;
  std::string table;  // in the GeoPackage
  std::optional<geo::Envelope> extent;
  int64_t features = 0;
};

struct ProjectGroup {
  geo::Bilingual title;
  std::vector<ProjectLayer> layers;  // top of the tree (drawn last) first
  bool checked = true;
  bool layout = true;  // gets a print layout (the input data's group does not)
};

struct ProjectSpec {
  std::string title;
  std::string gpkg_file;  // the GeoPackage's file name, beside the project
  int srid = 0;
  std::string crs_wkt;
  std::string crs_name;
  std::vector<ProjectGroup> groups;  // top of the tree first
  // Layers drawn under every analysis's layout map (townships, villages): tables in the tree.
  std::vector<std::string> base_tables;
  std::vector<std::string> notes;  // what the project leaves out and why (analyses not run)
};

// The extent covering both (either may be missing): a layout's or a map's extent over its layers.
std::optional<geo::Envelope> union_of(std::optional<geo::Envelope> a,
                                      const std::optional<geo::Envelope>& b);

// The project's id of a GeoPackage table's layer.
std::string project_layer_id(const std::string& table);

std::string qgis_project_xml(const ProjectSpec& spec);

}  // namespace rz::exporting
