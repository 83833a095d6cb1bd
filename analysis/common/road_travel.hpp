#pragma once
// Reach on roads: each household's travel minutes to the nearest facility of a category — walk
// to the nearest road (within an access limit, at walking speed), drive along the network, walk
// from the road to the facility. One backward multi-source Dijkstra per category from all its
// facilities at once; one-way and closed directions respected. Households that cannot be
// reached carry the reason: no road within the access limit, a network part no facility of the
// category is on, or one-way / closed directions that leave no route.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "analysis/common/inputs.hpp"
#include "analysis/common/road_network.hpp"

namespace rz::analysis {

struct RoadReachSettings {
  std::vector<std::string> categories = {"party_service_center", "village_service_station"};
  std::vector<double> thresholds_min = {5, 10, 15, 30};
  double walk_kmh = 4.5;
  double access_limit_m = 1000;
};

enum class Unreached : uint8_t { reached, no_road, disconnected, one_way, no_facility };
const char* to_string(Unreached reason);

struct CategoryRoadReach {
  std::string category;
  std::vector<double> minutes;    // per household; +inf when not reached
  std::vector<int32_t> facility;  // the nearest facility (index), -1 when not reached
  std::vector<Unreached> reason;
  // Per road node: minutes to the nearest facility and which one (+inf / -1 when none), for
  // drawing service areas and isochrones.
  std::vector<double> node_minutes;
  std::vector<int32_t> node_facility;
  std::vector<int32_t> facilities_off_road;  // of the category, no road within the access limit
};

// `households` as coordinate columns; facilities of other categories are ignored.
CategoryRoadReach road_reach(const RoadNetwork& network, const std::vector<double>& x,
                             const std::vector<double>& y, const std::vector<Facility>& facilities,
                             const std::string& category, const RoadReachSettings& settings);

}  // namespace rz::analysis
