#pragma once
// Planner vocabulary to stable categories: facility types as agencies write them (村党群服务中心,
// 便民服务站, 村卫生室, 居家养老服务站 ...) to the categories the analyses reason about, and road
// classes (国道 ... 机耕道, or OSM's highway=*) to a default travel speed where the source has
// none.
#include <optional>
#include <string_view>
#include <vector>

namespace rz::import {

struct FacilityCategory {
  std::string_view key;      // stored: party_service_center, village_service_station, ...
  std::string_view chinese;  // 党群服务中心, 村级综合服务站, ...
};

// Every category, in the order reports list them; "other" is last.
const std::vector<FacilityCategory>& facility_categories();
// The category of a facility type text; "other" when no keyword matches.
const FacilityCategory& facility_category(std::string_view type);
// A stored category's Chinese name (党群服务中心 of party_service_center); the key itself when it
// is no category's (a project's own).
std::string_view category_chinese(std::string_view key);

// Default speed (km/h) of a road class, by keyword (国道/G, 省道/S, 县道/X, 乡道/Y, 村道/C, 机耕道,
// and OSM highway values); nullopt when the class is unknown.
std::optional<double> default_speed_kmh(std::string_view road_class);

}  // namespace rz::import
