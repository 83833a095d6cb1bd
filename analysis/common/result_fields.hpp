#pragma once
// The fields several analyses' result layers share, declared once (analysis.hpp's ResultField).
#include <string>
#include <vector>

#include "analysis/common/analysis.hpp"

namespace rz::analysis {

ResultField field(std::string name, geo::FieldType type, std::string unit, std::string description);

// household_fid, household_id: which household a row is.
std::vector<ResultField> household_id_fields();
// village_code, village_name, township_code, township_name: where a row is.
std::vector<ResultField> place_fields();
// village_code, village_name, township_code (the road reach and siting households).
std::vector<ResultField> village_and_township_code_fields();

// village_fid, facility_fid: the fids through which a per-household view reads the village's
// and the facility's names (geo::ValuesFrom).
ResultField village_fid_field();
ResultField facility_fid_field();

std::vector<ResultField> concat(std::vector<ResultField> a, const std::vector<ResultField>& b);

}  // namespace rz::analysis
