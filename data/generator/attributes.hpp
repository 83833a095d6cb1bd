#pragma once
// Village attributes (population, Party members, income, the 十好) that follow from the type and
// the households.
#include "data/generator/model.hpp"

namespace rz::gen {

void make_attributes(County& c);

}  // namespace rz::gen
