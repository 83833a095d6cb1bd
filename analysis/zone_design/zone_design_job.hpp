#pragma once
// `ruralzone zone design`: a "1+12" demonstration zone chosen among the county's villages
// (common/zone_design_milp.hpp), then checked by the zone check (zone_check/zone_check.hpp) with
// the same settings, the results written in one transaction: zone_design_members (the zone's
// villages' polygons with their score breakdown), zone_design_summary (objective, bound, gap,
// greedy, ...) and zone_design_checks (the zone check's results for the designed zone).
//
// Each village's score (documented in the man page):
//   weight_ten_good x ten_good_score (the village assessment's share of the 十好 passed, 0..1)
//   + weight_population x population served / the largest among the villages (resident
//     population 常住人口 where the villages layer has it, else registered population 户籍人口)
//   + weight_income x collective income / the largest among the villages (negative counts 0)
// and the zone gains diversity_bonus for each distinct type (hub, tidal, basic, hollow) among its
// villages. A value the store lacks counts 0 (warned with the number of villages).
//
// Candidates: every village of the project, except must-exclude ones and, with
// require_checks, those that would fail one of those per-village checks of the zone check
// (service_station: no village service station; party_center: no Party-masses service center
// within reach; video_platform: not on the video platform; ten_good: 十好 not passed;
// collective_income: the target not met): the designed zone then passes those checks too. Members
// lie within T_max road minutes of the core in both directions (the zone check's core_minutes
// check; T_max is the smaller of max_minutes and core_minutes_max), and the zone's links are the
// zone check's (common/zone_links.hpp).
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/common/road_network.hpp"
#include "analysis/common/zone_design_milp.hpp"
#include "analysis/zone_check/zone_check.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

// The per-village checks of the zone check a candidate may be required to pass.
inline constexpr std::array<const char*, 5> kZoneVillageChecks = {
    "service_station", "party_center", "video_platform", "ten_good", "collective_income"};

struct ZoneDesignJobSettings {
  std::string zone_name = "设计示范区";
  std::string core;                           // village code; "" = choose the core too
  std::vector<std::string> include, exclude;  // village codes
  double max_minutes = 30;
  double weight_ten_good = 1, weight_population = 1, weight_income = 1;
  double diversity_bonus = 0.5;
  int64_t township_least = 0;
  std::optional<int64_t> township_most;
  std::map<std::string, std::pair<std::optional<int64_t>, std::optional<int64_t>>> townships;
  // The per-village checks every candidate must pass (kZoneVillageChecks; all by default).
  std::set<std::string> require_checks{kZoneVillageChecks.begin(), kZoneVillageChecks.end()};
  double time_limit_s = 30;
  ZoneCheckSettings check;  // members, townships_min, types_min, facility minimums, ...
  ZoneLinkSettings links;
  RoadNetworkSettings network;
  int threads = 2;
};

struct ZoneDesignLayers {
  std::string villages = "villages", roads = "roads", facilities = "facilities",
              assessment = "village_assessment";
};

// What the report and the layers say of a village of the design.
struct DesignedVillage {
  uint32_t village = 0;  // index into the project's villages
  bool core = false;
  double score = 0, ten_good_part = 0, population_part = 0, income_part = 0;
  std::optional<double> ten_good_score, population, collective_income;
  double minutes_from_core = 0, minutes_to_core = 0;
  bool in_greedy = false;
};

struct ZoneDesignReport {
  ZoneDesignResult result;
  std::vector<ZoneVillageFacts> facts;  // every project village
  std::vector<DesignedVillage> zone;    // core first, then the members by score
  ZoneCheck check;
  double max_minutes = 0;                  // T_max used
  bool core_chosen = false;                // the design chose the core
  size_t villages = 0, candidates = 0;     // project villages; after the filters
  std::map<std::string, size_t> left_out;  // per-village check -> villages left out for it
  double seconds = 0;                      // the solve
  std::vector<std::string> warnings;
  std::vector<std::string> layers_written;
};

const std::vector<std::string>& zone_design_result_layers();

// DataError (nothing written) when no design exists, naming the constraints that bind.
ZoneDesignReport run_zone_design(geo::Store& store, const ZoneDesignJobSettings& settings,
                                 const ZoneDesignLayers& layers);

}  // namespace rz::analysis
