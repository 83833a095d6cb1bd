#pragma once
// The reach targets ([[reach.target]], -t CATEGORY=RADIUS_M): which facility categories reach is
// measured for, declared once for straight-line reach and reach on roads, which both measure
// the same categories.
#include <string>
#include <vector>

#include "analysis/common/setting.hpp"

namespace rz::analysis {

struct ReachTarget {
  std::string category;  // facility category key (import/classify.hpp): party_service_center, ...
  double radius_m = 2000;
};

// Service centers and service stations, 2 km each.
std::vector<ReachTarget> default_reach_targets();

Setting reach_targets_setting();

// The targets in `values` (its "target" key), their categories checked against those import
// knows (UsageError naming where they came from).
std::vector<ReachTarget> reach_targets(const SettingValues& values);

// Checks a facility category against those import knows (UsageError listing them).
void check_category(const std::string& category, const std::string& where);

}  // namespace rz::analysis
