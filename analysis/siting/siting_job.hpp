#pragma once
// Siting as a step of a project (`ruralzone site`): reads villages, households, the existing
// facilities of a category, the candidate sites (village seats, or a candidate layer) and, when
// reach is measured on the roads, the roads; finds which households each site reaches
// (site_costs.hpp); solves MCLP, LSCP or p-median to a proven optimum (siting.hpp); and writes,
// in one transaction replacing an earlier run's:
//   site_new         the chosen sites (points): rank, name, households they add or serve
//   site_households  households the new sites bring within reach (MCLP, LSCP), or nearer
//                    (p-median), with the cost before and after
//   site_townships   per township: households within reach before and after, the shares, and
//                    (p-median) the total cost before and after
//   site_summary     one row: objective, its value, bound, gap, proven optimal, time-limited
// Existing facilities of the category count as already covering; existing capacities and the
// new sites' capacities are respected by LSCP and p-median when asked to.
#include <optional>
#include <string>
#include <vector>

#include "analysis/common/location_models.hpp"
#include "analysis/common/road_network.hpp"
#include "analysis/common/road_travel.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

enum class SitingObjective { mclp, lscp, pmedian };
const char* to_string(SitingObjective objective);

struct SitingLayers {
  std::string villages = "villages", households = "households", facilities = "facilities",
              roads = "roads";
  std::string candidates;  // empty: the village seats
};

struct SitingJobSettings {
  SitingObjective objective = SitingObjective::mclp;
  std::string category = "party_service_center";
  size_t k = 1;             // MCLP and p-median
  bool by_road = false;     // reach in road minutes instead of straight-line metres
  double radius_m = 2000;   // within reach, by straight line
  double minutes = 15;      // within reach, by road
  double cutoff_m = 10000;  // p-median: a site farther than this does not serve a household
  double cutoff_min = 60;   // the same by road
  bool capacities = false;  // LSCP and p-median respect capacities
  std::optional<double> candidate_capacity;  // new sites' capacity where the layer gives none
  double time_limit_s = 60;
  RoadReachSettings road;
  RoadNetworkSettings network;
  int threads = 2;
};

struct SitingTownship {
  std::string code, name;
  int64_t households = 0, within_before = 0, within_after = 0;
  double cost_before = 0, cost_after = 0;  // p-median
};

struct SitingReport {
  SitingObjective objective = SitingObjective::mclp;
  std::string category, measure;  // e.g. "2000 m by straight line"
  size_t candidates = 0, existing = 0, k = 0;
  SitingResult result;
  double solve_s = 0;
  int64_t households = 0, within_before = 0, within_after = 0;
  int64_t not_coverable = 0;        // households no candidate or existing site can reach
  std::vector<std::string> chosen;  // names of the chosen sites, in rank order
  std::vector<SitingTownship> townships;
  std::vector<std::string> warnings, layers_written;
};

const std::vector<std::string>& siting_result_layers();

// DataError for missing layers, layers in another CRS, an empty candidate layer, or (LSCP with
// capacities) candidates that cannot cover every household; UsageError when K exceeds the
// candidates. Nothing is written then.
SitingReport run_siting(geo::Store& store, const SitingJobSettings& settings,
                        const SitingLayers& layers = {});

}  // namespace rz::analysis
