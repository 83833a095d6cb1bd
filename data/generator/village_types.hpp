#pragma once
// Village types (hub, tidal, basic, hollow), drawn before the households and attributes, which
// follow from them.
#include "data/generator/model.hpp"

namespace rz::gen {

void assign_types(County& c);

}  // namespace rz::gen
