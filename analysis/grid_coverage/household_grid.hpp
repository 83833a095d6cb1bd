#pragma once
// Which grids contain which households: every (household, grid) pair where the grid covers the
// point, and whether the point is in the grid's interior or on its boundary.
#include <cstdint>
#include <vector>

#include "analysis/grid_coverage/grid_coverage.hpp"

namespace rz::analysis {

struct GridHit {
  uint32_t household;
  uint32_t grid;
  bool interior;  // false: on the grid's boundary
};

// Grid by grid (each prepared once, then released), on `threads` threads with a GEOS context
// each; the households are found through a packed R-tree. Hits come back in no particular order.
std::vector<GridHit> find_grid_hits(const std::vector<Grid>& grids, const Households& households,
                                    int threads);

}  // namespace rz::analysis
