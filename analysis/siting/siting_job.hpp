#pragma once
// Siting as a step of a project (`ruralzone site`): reads villages, the demand points (households,
// or a demand layer; demand_points.hpp), the existing facilities of a category, the candidate
// sites (village seats, or a candidate layer; candidate_sites.hpp) and, when reach is measured on
// the roads, the roads; finds which demand points each site reaches (site_costs.hpp), or reads
// that from a user's cost matrix (cost_matrix.hpp); solves MCLP, LSCP, p-median or p-center to a
// proven optimum (location_models.hpp, pcenter.hpp); and writes, in one transaction replacing an
// earlier run's:
//   site_new         the chosen sites (points): rank, name, required, demand they add or serve
//   site_households  demand points the new sites bring within reach (MCLP, LSCP), or nearer
//                    (p-median, p-center), with the cost before and after
//   site_uncovered   demand points no site (candidate, required or existing) can reach
//   site_townships   per township: households within reach before and after, the shares, and
//                    (p-median) the total cost before and after
//   site_summary     one row: objective, its value, bound, gap, proven optimal, time-limited,
//                    and the demand (weighted) within reach and served before and after
// Existing facilities of the category count as already covering; required candidates are open
// and count toward K; existing capacities and the new sites' capacities are respected by LSCP and
// p-median when asked to (in the demand's weight: households by default).
#include <optional>
#include <string>
#include <vector>

#include "analysis/common/location_models.hpp"
#include "analysis/common/road_network.hpp"
#include "analysis/common/road_travel.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

enum class SitingObjective { mclp, lscp, pmedian, pcenter };
const char* to_string(SitingObjective objective);

struct SitingLayers {
  std::string villages = "villages", households = "households", facilities = "facilities",
              roads = "roads";  // households: the demand layer (households or a demand layer)
  std::string candidates;       // empty: the village seats
  std::string townships = "townships";  // their polygons go on site_townships, when there
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
  std::optional<std::string> weight;  // numeric field weighing each demand point
  std::vector<std::string> required;  // candidates that must be open (id, code or name)
  bool allow_uncovered = false;       // LSCP: cover what can be covered, list the rest
  std::string cost_matrix;            // a user's demand x candidate costs instead of computing
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
  std::string category, measure;  // e.g. "2000 m by straight line" (the site_summary layer's)
  std::string measure_text;       // the same in the messages' language, for the terminal
  size_t candidates = 0, existing = 0, k = 0;
  SitingResult result;
  double solve_s = 0;
  int64_t households = 0, within_before = 0, within_after = 0;
  int64_t not_coverable = 0;  // households no candidate or existing site can reach
  std::string weight_name;    // what a demand point weighs: "households" or the field
  double demand = 0, demand_within_before = 0, demand_within_after = 0, demand_served = 0;
  double max_cost_after = 0;  // the farthest served demand point's cost after
  size_t required = 0;
  std::vector<std::string> chosen;  // names of the chosen sites, in rank order
  std::vector<SitingTownship> townships;
  std::vector<std::string> warnings, layers_written;
};

const std::vector<std::string>& siting_result_layers();

// DataError for missing layers, layers in another CRS, an empty candidate layer, a bad weight
// field or cost matrix, an unknown required site, or (LSCP) households no site can reach (unless
// allow_uncovered) or candidates that cannot cover every household within capacities;
// UsageError when K is 0, exceeds the candidates or is below the required sites. Nothing is
// written then.
SitingReport run_siting(geo::Store& store, const SitingJobSettings& settings,
                        const SitingLayers& layers = {});

}  // namespace rz::analysis
