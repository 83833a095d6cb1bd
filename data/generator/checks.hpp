#pragma once
// The final checks, printed after generation: areas that tile, valid polygons, households inside
// their village.
#include "data/generator/model.hpp"

namespace rz::gen {

void check(const County& c);

}  // namespace rz::gen
