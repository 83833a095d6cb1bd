#pragma once
// The grid defects placed on purpose (villages without grids, gaps, overlaps), for the software
// to find.
#include "data/generator/model.hpp"

namespace rz::gen {

void make_grid_defects(County& c);

}  // namespace rz::gen
