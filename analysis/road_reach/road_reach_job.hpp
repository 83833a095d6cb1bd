#pragma once
// Reach on roads as a step of a project: builds the network from the roads layer, finds every
// household's minutes to the nearest facility of each category (road_reach.hpp), and writes in
// one transaction, replacing an earlier run's:
//   road_reach_households  households not within the largest threshold, or not reachable (with
//                          the reason), per category
//   road_reach_villages    per village and category: households within each threshold, unreached,
//                          and their persons
//   road_reach_townships   the same per township;  road_reach_county  the same per county
//   road_service_households  every household's nearest facility on the roads, per category
//   road_service_areas     per facility: the area nearest to it on the roads (the areas of a
//                          category partition the villages), households nearest, capacity,
//                          households beyond it, and the capacitated assignment's share
//   road_isochrones        per category and threshold: the area within that many minutes, and
//                          the households and persons within it
#include <optional>
#include <string>
#include <vector>

#include "analysis/common/road_travel.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

struct RoadReachLayers {
  std::string villages = "villages", households = "households", facilities = "facilities",
              roads = "roads", townships = "townships";
};

struct RoadReachJobSettings {
  RoadReachSettings reach;
  RoadNetworkSettings network;
  int threads = 2;
  bool areas = true;                  // service areas and isochrones as polygons
  double area_spacing_m = 250;        // road sample spacing for those polygons
  double assignment_cutoff_min = 60;  // capacitated assignment: farther centers do not serve
  double time_limit_s = 60;           // capacitated assignment's solver limit
};

// Per facility of a category: the households nearest to it on the roads, its capacity, the
// households beyond that capacity, and those the capacitated assignment gives it.
struct ServiceLoad {
  std::string category, facility;
  int64_t nearest = 0;
  std::optional<double> capacity;
  int64_t beyond_capacity = 0;
  std::optional<double> assigned;  // with capacities only
};

struct RoadReachSummary {
  std::string category, code, name;
  int64_t households = 0, unreached = 0;
  std::vector<int64_t> within;  // per threshold
  // The same in persons (households without persons count 0), meaningful only when
  // RoadReachReport::persons_known.
  int64_t persons = 0, persons_unreached = 0;
  std::vector<int64_t> persons_within;  // per threshold
};

struct RoadReachReport {
  size_t nodes = 0, edges = 0;
  uint32_t components = 0;
  int64_t roads_without_speed = 0;
  std::vector<double> thresholds;
  std::vector<RoadReachSummary> counties, townships;
  bool persons_known = false;  // some household has persons (else the persons fields are null)
  std::vector<ServiceLoad> over_capacity;  // facilities whose nearest households exceed it
  std::vector<std::string> warnings, layers_written;
};

const std::vector<std::string>& road_reach_result_layers();

RoadReachReport run_road_reach(geo::Store& store, const RoadReachJobSettings& settings,
                               const RoadReachLayers& layers = {});

}  // namespace rz::analysis
