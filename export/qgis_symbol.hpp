#pragma once
// A declared symbol (geo/presentation.hpp) as the <symbol> element of a QGIS style. Properties are
// written twice, as an <Option type="Map"> (what QGIS 3.28 and later read) and as <prop k v>
// elements (what 3.22, Debian 12's QGIS, also writes), so that both read the same symbol.
#include <string>

#include "export/xml.hpp"
#include "geo/layer_schema.hpp"
#include "geo/presentation.hpp"

namespace rz::exporting {

// "#rrggbb" and an opacity 0-1 as QGIS's "r,g,b,a"; std::invalid_argument for another form.
std::string qgis_colour(const std::string& hex, double opacity = 1);

// The symbol for features of `kind`, named `name` (a renderer's symbol index, "0", "1", ...).
Xml qgis_symbol(const geo::Symbol& symbol, geo::GeometryKind kind, const std::string& name);

}  // namespace rz::exporting
