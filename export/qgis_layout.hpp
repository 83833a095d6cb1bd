#pragma once
// A print layout of a QGIS project, A3 landscape: title, map, legend, scale bar, north arrow,
// date and data source, in the CJK font.
#include <string>
#include <utility>
#include <vector>

#include "export/xml.hpp"
#include "geo/store.hpp"

namespace rz::exporting {

struct LayoutLayer {
  std::string id;      // the project's layer id
  std::string name;    // as the legend shows it
  std::string source;  // "./ruralzone.gpkg|layername=..."
};

struct LayoutSpec {
  std::string name;                 // the layout's name in QGIS (the analysis's Chinese title)
  std::string title;                // the printed title
  std::vector<LayoutLayer> layers;  // drawn in the map, top first (the legend lists them)
  geo::Envelope extent;             // what the map shows (widened to the map's shape)
  std::string source_note;          // the data-source line
  int index = 0;                    // position among the project's layouts (unique ids)
};

// A3 landscape, in millimetres.
inline constexpr double kA3Width = 420, kA3Height = 297;

Xml qgis_layout(const LayoutSpec& spec);

}  // namespace rz::exporting
