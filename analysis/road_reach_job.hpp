#pragma once
// Reach on roads as a step of a project: builds the network from the roads layer, finds every
// household's minutes to the nearest facility of each category (road_reach.hpp), and writes in
// one transaction, replacing an earlier run's:
//   road_reach_households  households not within the largest threshold, or not reachable (with
//                          the reason), per category
//   road_reach_villages    per village and category: households within each threshold, unreached
//   road_reach_townships   the same per township;  road_reach_county  the same per county
#include <string>
#include <vector>

#include "analysis/road_reach.hpp"
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
};

struct RoadReachSummary {
  std::string category, code, name;
  int64_t households = 0, unreached = 0;
  std::vector<int64_t> within;  // per threshold
};

struct RoadReachReport {
  size_t nodes = 0, edges = 0;
  uint32_t components = 0;
  int64_t roads_without_speed = 0;
  std::vector<double> thresholds;
  std::vector<RoadReachSummary> counties, townships;
  std::vector<std::string> warnings, layers_written;
};

const std::vector<std::string>& road_reach_result_layers();

// `roads` for the categories of the straight-line targets, on the same number of threads.
RoadReachJobSettings for_reach_targets(RoadReachJobSettings roads, const ReachSettings& reach);

RoadReachReport run_road_reach(geo::Store& store, const RoadReachJobSettings& settings,
                               const RoadReachLayers& layers = {});

}  // namespace rz::analysis
