#pragma once
// How the layers a planner brings are shown (geo/presentation.hpp): titles, the canonical
// fields' Chinese aliases (their first synonym) and a style per kind — villages and townships
// as the base of every map, facilities with a symbol per category.
#include <string>

#include "geo/presentation.hpp"
#include "import/layer_kind.hpp"

namespace rz::import {

// The presentation of store layer `layer` imported as `kind`.
geo::LayerPresentation kind_presentation(LayerKind kind, const std::string& layer);

}  // namespace rz::import
