#pragma once
// Households: hamlets, small scattered groups and isolated houses inside each village, about
// kTargetHouseholds in the county.
#include "data/generator/model.hpp"

namespace rz::gen {

void make_households(County& c);

}  // namespace rz::gen
