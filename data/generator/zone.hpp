#pragma once
// The "1+12" demonstration zone: a core village near the county seat and 12 demonstration points
// around it.
#include "data/generator/model.hpp"

namespace rz::gen {

void choose_zone(County& c);

}  // namespace rz::gen
