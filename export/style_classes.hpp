#pragma once
// The classes of a graduated style that the declaration leaves to the data (geo::LayerStyle):
// below / within / above the load band most rows carry, or the field's distinct values (up to
// seven, the isochrones' minutes), or else five equal-count classes; coloured from ramp_from to
// ramp_to. Declared classes and other styles come back as they are.
#include <string>

#include "geo/presentation.hpp"
#include "geo/store.hpp"

namespace rz::exporting {

geo::LayerStyle resolved_style(geo::Store& store, const std::string& layer,
                               const geo::LayerStyle& declared);

// The colour a share t (0-1) of the way from `from` to `to` (#rrggbb each).
std::string blend_colour(const std::string& from, const std::string& to, double t);

}  // namespace rz::exporting
