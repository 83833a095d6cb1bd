#include "analysis/zone_check/check_fields.hpp"

#include "analysis/common/result_fields.hpp"
#include "analysis/zone_check/zone_check.hpp"

namespace rz::analysis {

std::vector<ResultField> zone_check_fields() {
  auto check = field("check", geo::FieldType::text, "",
                     "The check (members, linked_in_series, ...)", "检查项");
  check.value_names = zone_check_names();
  auto value = field("value", geo::FieldType::text, "", "What was found", "检查结果");
  value.english_field = "value_en";
  auto threshold = field("threshold", geo::FieldType::text, "", "What is required", "达标要求");
  threshold.english_field = "threshold_en";
  return {
      check,
      field("pass", geo::FieldType::integer, "", "1 when the zone passes it, 0 when not",
            "是否通过"),
      value,
      field("value_en", geo::FieldType::text, "", "What was found, in English", "检查结果（英文）"),
      threshold,
      field("threshold_en", geo::FieldType::text, "", "What is required, in English",
            "达标要求（英文）")};
}

}  // namespace rz::analysis
