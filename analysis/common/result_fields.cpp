#include "analysis/common/result_fields.hpp"

namespace rz::analysis {

using geo::FieldType;

ResultField field(std::string name, FieldType type, std::string unit, std::string description) {
  return {std::move(name), type, std::move(unit), std::move(description)};
}

std::vector<ResultField> household_id_fields() {
  return {field("household_fid", FieldType::integer, "", "The household's fid"),
          field("household_id", FieldType::text, "", "Household id (户编号)")};
}

std::vector<ResultField> place_fields() {
  return {field("village_code", FieldType::text, "", "Village code (村代码)"),
          field("village_name", FieldType::text, "", "Village name"),
          field("township_code", FieldType::text, "", "Township code (乡镇代码)"),
          field("township_name", FieldType::text, "", "Township name")};
}

std::vector<ResultField> village_and_township_code_fields() {
  auto out = place_fields();
  out.pop_back();
  return out;
}

ResultField village_fid_field() {
  return field("village_fid", geo::FieldType::integer, "",
               "fid of the household's village in the villages layer");
}

ResultField facility_fid_field() {
  return field("facility_fid", geo::FieldType::integer, "",
               "fid of the nearest facility in the facilities layer");
}

std::vector<ResultField> concat(std::vector<ResultField> a, const std::vector<ResultField>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace rz::analysis
