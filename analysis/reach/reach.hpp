#pragma once
// Straight-line reach of service facilities (最后一公里): for each facility category named in the
// project (default: Party-masses service centers and village service stations, 2 km each), every
// household's distance to the nearest facility of that category, who is beyond the radius, and
// per village the share of households in reach and the distance from the village seat (a point
// inside the village polygon: its PointOnSurface) to the nearest facility. Distances are planar,
// in the project's projected CRS (metres).
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/common/inputs.hpp"
#include "analysis/common/reach_targets.hpp"
#include "geo/nearest_point_grid.hpp"
#include "geo/spatial_index.hpp"

namespace rz::analysis {

struct ReachSettings {
  std::vector<ReachTarget> targets = default_reach_targets();
  int threads = 2;
  // The layer of households beyond the radius, one row each: at province scale millions of rows
  // that cost most of the job's time. Without it the villages, townships, county and service
  // areas are still written.
  bool households_layer = true;
  // The dissolved service areas (polygons made here, which only SpatiaLite stores: without them
  // and the households layer, the job writes plain values and copied geometry only).
  bool service_areas = true;
};

struct VillageReach {
  int64_t households = 0, within = 0;
  int64_t persons = 0, persons_within = 0;  // households without persons count 0
  double seat_distance = -1;                // -1: no facility of the category at all
  int32_t seat_facility = -1;
};

struct TargetReach {
  ReachTarget target;
  std::vector<int32_t> facilities;  // indexes of the facilities of this category
  std::vector<double> distance;     // per household; -1 when the category has no facility
  std::vector<int32_t> nearest;     // per household: facility index, -1 when none
  std::vector<VillageReach> villages;
};

// A point inside each village polygon (its PointOnSurface): the village seat.
std::vector<geo::Point2> village_seats(const std::vector<Village>& villages);

std::vector<TargetReach> compute_reach(const std::vector<Village>& villages,
                                       const Households& households,
                                       const std::vector<Facility>& facilities,
                                       const ReachSettings& settings);
// Each target's facilities and the grid that finds the nearest of them, built once for both
// steps below.
struct TargetFacilities {
  std::vector<int32_t> facilities;  // indexes of the facilities of the target's category
  geo::NearestPointGrid grid;
};
std::vector<TargetFacilities> target_facilities(const std::vector<Facility>& facilities,
                                                const ReachSettings& settings);
// compute_reach in two steps, so that the village shapes can be read meanwhile: every household's
// nearest facility and the villages' counts (of `village_count` villages), then each village
// seat's nearest facility. `targets` is target_facilities(facilities, settings).
std::vector<TargetReach> reach_of_households(size_t village_count, const Households& households,
                                             const std::vector<TargetFacilities>& targets,
                                             const ReachSettings& settings);
void add_seat_distances(std::vector<TargetReach>& reach, const std::vector<geo::Point2>& seats,
                        const std::vector<TargetFacilities>& targets);

}  // namespace rz::analysis
