#pragma once
// The area side of grid coverage: per village its gaps (village - union of its grids), the parts
// of its grids outside it, and the overlaps between grids. Villages are processed in parallel,
// each against its own grids only; see grid_coverage.hpp for the definitions.
#include <vector>

#include "analysis/grid_coverage/grid_coverage.hpp"

namespace rz::analysis {

// `grid_village[g]` is the index of grid g's village (every grid has one). Fills out.gaps,
// out.outside, out.overlaps and the area fields of out.villages (which must be sized already).
void compute_village_overlays(const std::vector<Village>& villages, const std::vector<Grid>& grids,
                              const std::vector<int32_t>& grid_village,
                              const GridSettings& settings, GridCoverage& out);

}  // namespace rz::analysis
