#pragma once
// Grid coverage (网格全覆盖、零遗漏): does every household belong to exactly one governance grid,
// is each grid's load inside its band, and where do grids leave gaps in, overlap in, or spill out
// of their villages. Pure computation on inputs read from the store (grid_coverage_job.hpp does
// the reading and writing); both cores are used.
//
// Household -> grid, and the tie-break for boundaries:
//   - in the interior of exactly one grid: that grid ("one");
//   - in the interiors of two or more grids: "several" (the grids overlap there), counted in each;
//   - in no interior but on the boundary of one or more grids (a point exactly on an edge shared
//     by two grids, say): counted once, in the grid with the smallest code (then smallest store
//     fid) among those whose boundary it lies on ("boundary", a kind of "one");
//   - covered by no grid: "none".
// Zero-omission rate = (one + boundary) / all households.
//
// Per village, against its own grids only (grids whose village_code is the village's code):
//   gap = village - union(own grids); outside = grid - its village; overlaps = intersections of
//   grid pairs whose interiors overlap (own grids with each other, and any grid reaching outside
//   its village with the grids it reaches). Pieces below the sliver tolerance are dropped. All
//   overlays are checked and redone with snap-rounding where GEOS 3.11 gets them wrong
//   (robust_overlay.hpp).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/common/inputs.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

// Households per grid that count as a reasonable load.
struct LoadBand {
  int64_t min = 100;
  int64_t max = 300;
};

struct GridSettings {
  LoadBand band;
  std::map<std::string, LoadBand> township_bands;  // township code -> band
  double sliver_m2 = 1.0;
  int threads = 2;
  const LoadBand& band_for(const std::string& township_code) const {
    auto it = township_bands.find(township_code);
    return it == township_bands.end() ? band : it->second;
  }
};

enum class HouseholdStatus : uint8_t { none, one, boundary, several };

struct GridStats {
  int64_t households = 0;         // every household inside (shared ones counted in each grid)
  int64_t shared_households = 0;  // of those, in several grids
  int64_t persons = 0;
  bool persons_known = false;
  std::optional<double> households_per_worker;
  std::string load;  // "under", "ok", "over"
  LoadBand band;
};

struct AreaPiece {
  int32_t village = -1;     // the village it belongs to (gaps, outside: the grid's village)
  int32_t grid = -1;        // outside: the grid; overlaps: the first grid
  int32_t other_grid = -1;  // overlaps: the second grid
  std::vector<unsigned char> wkb;
  geo::Envelope envelope{};
  double area = 0;
};

struct VillageStats {
  int64_t households = 0, none = 0, one = 0, boundary = 0, several = 0;
  int64_t grids = 0, grids_under = 0, grids_over = 0;
  double area = 0, gap_area = 0, overlap_area = 0, outside_area = 0;
  bool snapped = false;  // an overlay needed the snap-rounding fallback
};

struct GridCoverage {
  std::vector<HouseholdStatus> status;        // per household
  std::vector<int32_t> household_grid;        // the grid counted (one/boundary), else -1
  std::vector<std::vector<int32_t>> several;  // grids of each household in several (by index)
  std::vector<size_t> several_households;     // household indexes of `several`, same order
  std::vector<GridStats> grids;
  std::vector<VillageStats> villages;
  std::vector<AreaPiece> gaps, overlaps, outside;
  int64_t households_without_village = 0;
  int64_t snapped_overlays = 0;
};

// Everything, in sequence.
GridCoverage compute_grid_coverage(const std::vector<Village>& villages,
                                   const std::vector<Grid>& grids, const Households& households,
                                   const GridSettings& settings);

// The parts, for callers that overlap them with other work (the area part needs no households):
// the village of each grid (DataError listing the grids that have none), the household side
// (status, grids' loads, villages' household counts), and compute_village_overlays() in
// village_overlays.hpp for the area side. The two sides write different fields of `out`, whose
// `villages` must be sized first, so they may run at the same time.
std::vector<int32_t> village_of_grids(const std::vector<Village>& villages,
                                      const std::vector<Grid>& grids);
void compute_household_coverage(const std::vector<Village>& villages,
                                const std::vector<Grid>& grids,
                                const std::vector<int32_t>& grid_village,
                                const Households& households, const GridSettings& settings,
                                GridCoverage& out);

}  // namespace rz::analysis
