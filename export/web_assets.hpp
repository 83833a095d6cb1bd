#pragma once
// Leaflet 1.9.4 (web/node_modules/leaflet, installed by scripts/install-deps.sh), compiled into the
// program by cmake/EmbedWebAssets.cmake so that the web map carries it inline and opens offline.
// The stylesheet's image references are removed (the web map draws no image markers).
#include <string_view>

namespace rz::exporting {

std::string_view leaflet_js();
std::string_view leaflet_css();

}  // namespace rz::exporting
