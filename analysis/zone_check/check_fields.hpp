#pragma once
// The fields of a row of the zone check, shared by the current zone's layer (zone_checks) and
// the designed zone's (zone_design_checks): the check by its id with its names declared, pass,
// and what was found and required in Chinese and in English.
#include <vector>

#include "analysis/common/analysis.hpp"

namespace rz::analysis {

// check, pass, value, value_en, threshold, threshold_en (in this order).
std::vector<ResultField> zone_check_fields();

}  // namespace rz::analysis
