#pragma once
// A result layer's presentation (geo/presentation.hpp) from its declaration in the registry.
#include "analysis/common/analysis.hpp"
#include "geo/presentation.hpp"

namespace rz::analysis {

geo::LayerPresentation presentation(const Analysis& analysis, const ResultLayer& layer);

}  // namespace rz::analysis
