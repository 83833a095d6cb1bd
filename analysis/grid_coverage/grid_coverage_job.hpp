#pragma once
// Grid coverage as a step of a project: reads villages, grids, households (and townships, for
// their outlines) from the store, computes (grid_coverage.hpp), and writes the result layers back
// in one transaction, replacing those of an earlier run:
//   grid_load                grids with households, persons, workers, load against the band
//   grid_households_none     households in no grid
//   grid_households_several  households in the interiors of several grids
//   grid_gaps                village area no grid of the village covers
//   grid_overlaps            area covered by two grids
//   grid_outside             grid area outside the grid's own village
//   grid_villages            per village: counts, zero-omission rate, gap/overlap/outside areas
//   grid_townships           the same per township (township outlines when that layer exists)
//   grid_county              the same per county (a table)
#include <string>
#include <vector>

#include "analysis/grid_coverage/grid_coverage.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

struct GridLayers {
  std::string villages = "villages", grids = "grids", households = "households",
              townships = "townships";
};

struct AreaSummary {
  std::string code, name;
  int64_t villages = 0, villages_with_problems = 0;
  int64_t households = 0, in_one = 0, on_boundary = 0, none = 0, several = 0;
  int64_t grids = 0, grids_under = 0, grids_over = 0;
  double area = 0, gap_area = 0, overlap_area = 0, outside_area = 0;
  std::optional<double> zero_omission_rate() const;
};

struct GridCoverageReport {
  std::vector<AreaSummary> counties, townships;
  int64_t households = 0, households_without_village = 0;
  int64_t gaps = 0, overlaps = 0, outside = 0, snapped_overlays = 0;
  std::vector<std::string> layers_written;
};

const std::vector<std::string>& grid_result_layers();

// Throws DataError for missing or empty input layers, layers in different CRSs and grids with no
// village; the store is unchanged then.
GridCoverageReport run_grid_coverage(geo::Store& store, const GridSettings& settings,
                                     const GridLayers& layers = {});

}  // namespace rz::analysis
