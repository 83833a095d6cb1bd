#pragma once
// The exact rebuild: every boundary noded on the 1 cm grid and polygonized, and each unit rebuilt
// from its faces, so townships, villages and grids share bit-identical vertices.
#include "data/generator/model.hpp"

namespace rz::gen {

void rebuild_exact(County& c);

}  // namespace rz::gen
