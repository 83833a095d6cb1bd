#pragma once
// The zone check's settings ([zone], and the road settings of [reach.roads]), declared once: the
// zone design (zone_design/entry.cpp) reads the same keys, so that a designed zone is checked
// with the thresholds it was designed for.
#include <vector>

#include "analysis/common/setting.hpp"
#include "analysis/zone_check/zone_check_job.hpp"

namespace rz::analysis {

std::vector<Setting> zone_check_settings();
ZoneCheckJobSettings to_zone_check_settings(const SettingValues& values, int threads);

}  // namespace rz::analysis
