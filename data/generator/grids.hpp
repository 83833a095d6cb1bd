#pragma once
// Governance grids: k-means of each village's households, Voronoi cells of the centres clipped to
// the village; then, once rebuilt exactly, the households in each grid and its workers.
#include "data/generator/model.hpp"

namespace rz::gen {

void make_grids(County& c);
// Which grid each household falls in (before the defects), and the grid workers.
void count_grid_households(County& c);

}  // namespace rz::gen
