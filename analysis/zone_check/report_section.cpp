// The zone check's section of the planner's report: every check of the "1+12" zone with its
// value, and the members.
#include "analysis/zone_check/report.hpp"

namespace rz::analysis {

geo::ReportSpec zone_check_report_spec() {
  geo::ReportSpec spec;
  spec.question = {"现有“1+12”示范区是否达到各项要求？",
                   "Does the current \"1+12\" zone meet every requirement?"};
  auto checks = geo::report_table({"逐项检查", "Every check"}, "zone_checks",
                                  {"zone", "check", "pass", "value", "threshold", "failing"});
  checks.yes_no_fields = {"pass"};
  auto members = geo::report_table(
      {"示范区成员村", "The zone's villages"}, "zone_members",
      {"role", "village_code", "village_name", "township_name", "type_zh", "minutes_from_core",
       "center_name", "center_minutes", "ten_good_pass", "collective_target_met", "failed"});
  members.yes_no_fields = {"ten_good_pass", "collective_target_met"};
  spec.items = {checks, members, geo::report_map()};
  return spec;
}

}  // namespace rz::analysis
