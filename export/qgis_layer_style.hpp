#pragma once
// A layer's presentation as the elements QGIS keeps for a vector layer's style: the renderer
// (single, categorized, graduated), labels in a CJK font, the fields' Chinese aliases. The same
// elements go into the project's <maplayer> and into the QML of the GeoPackage's layer_styles.
#include <string>
#include <vector>

#include "export/xml.hpp"
#include "geo/layer_schema.hpp"
#include "geo/presentation.hpp"

namespace rz::exporting {

// The font QGIS labels and layouts use: Debian's fonts-noto-cjk.
inline constexpr const char* kCjkFont = "Noto Sans CJK SC";
// Labels longer than this many characters are shortened with "…" (the attribute keeps all).
inline constexpr int kLabelMaxChars = 12;

struct StyledLayer {
  geo::LayerPresentation presentation;  // with the style's classes resolved (style_classes.hpp)
  std::optional<geo::GeometryKind> geometry;  // nullopt: a table
  std::vector<std::string> fields;            // the output's field names, in order
};

// Adds renderer-v2, labeling, fieldConfiguration and aliases (and the blend and opacity
// elements) to `element`, and its labelsEnabled attribute.
void add_style_elements(Xml& element, const StyledLayer& layer);

// The QML document (a QGIS style file) of the layer, as layer_styles.styleQML holds it.
std::string qml_document(const StyledLayer& layer);
// The <qgis> element of the layer's style (a QML document's root, a named style's content).
Xml qml_element(const StyledLayer& layer);

// The layer as drawn in each of its other looks (LayerStyle::alternatives), with their names.
std::vector<std::pair<geo::Bilingual, StyledLayer>> alternative_looks(const StyledLayer& layer);

// QGIS's names of the layer's geometry: "Point"/"Line"/"Polygon"/"No geometry" and the WKB type.
std::string qgis_geometry_name(const std::optional<geo::GeometryKind>& geometry);
std::string qgis_wkb_type(const std::optional<geo::GeometryKind>& geometry);

}  // namespace rz::exporting
