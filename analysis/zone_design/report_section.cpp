// The zone design's section of the planner's report: the designed "1+12" zone, its checks
// beside the current zone's, and its members.
#include "analysis/zone_design/report.hpp"

namespace rz::analysis {

geo::ReportSpec zone_design_report_spec() {
  geo::ReportSpec spec;
  spec.question = {"按示范区要求，最优的“1+12”布局是什么？与现有方案相比如何？",
                   "Which \"1+12\" layout best meets the requirements, and how does it compare "
                   "with the current one?"};
  auto summary = geo::report_figures(
      {"设计结果", "The design"}, "zone_design_summary",
      {"zone", "core_name", "members", "max_minutes", "candidates", "objective", "bound", "gap",
       "proven_optimal", "greedy_objective", "types", "check_pass", "seconds"});
  summary.yes_no_fields = {"proven_optimal", "check_pass"};
  auto beside = geo::report_side_by_side(
      {"现有方案与设计方案逐项对比", "The current zone beside the designed one"}, "zone_checks",
      "zone_design_checks", "check", {"pass", "value"}, {"现有", "current"}, {"设计", "designed"});
  beside.yes_no_fields = {"pass"};
  auto members = geo::report_table(
      {"设计方案成员村", "The designed zone's villages"}, "zone_design_members",
      {"role", "rank", "village_code", "village_name", "township_name", "type_zh", "score",
       "ten_good_score", "population", "collective_income", "minutes_from_core", "in_greedy"});
  members.yes_no_fields = {"in_greedy"};
  spec.items = {summary, beside, members, geo::report_map()};
  return spec;
}

}  // namespace rz::analysis
