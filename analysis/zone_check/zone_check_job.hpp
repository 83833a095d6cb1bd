#pragma once
// `ruralzone zone check`: every zone layout of the store's zones layer checked (zone_check.hpp),
// the results written as layers in one transaction: zone_checks (a table, one row per zone and
// check), zone_members (the zone villages' polygons with what the checks found of each),
// zone_links (lines between linked villages' seats, and the cheapest missing links) and
// zone_townships (a table, the zone villages per township).
#include <string>
#include <vector>

#include "analysis/common/road_network.hpp"
#include "analysis/zone_check/zone_check.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

struct ZoneCheckJobSettings {
  ZoneCheckSettings check;
  ZoneLinkSettings links;
  RoadNetworkSettings network;
  int threads = 2;
};

struct ZoneCheckLayers {
  std::string zones = "zones", villages = "villages", roads = "roads", facilities = "facilities",
              assessment = "village_assessment";
};

struct ZoneCheckReport {
  std::vector<ZoneCheck> zones;
  std::vector<ZoneVillageFacts> facts;  // the villages the checks index
  std::vector<std::string> warnings;
  std::vector<std::string> layers_written;
  ZoneLinkSettings links;
};

const std::vector<std::string>& zone_check_result_layers();

ZoneCheckReport run_zone_check(geo::Store& store, const ZoneCheckJobSettings& settings,
                               const ZoneCheckLayers& layers);

}  // namespace rz::analysis
