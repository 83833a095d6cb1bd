// The village assessment's section of the planner's report: types, 十好 and 六无, collective
// economy, and per township the demonstration ratio and the points it still needs.
#include "analysis/villages/report.hpp"

namespace rz::analysis {

using Op = geo::RowFilter::Op;

geo::ReportSpec village_report_spec() {
  geo::ReportSpec spec;
  spec.question = {"各村属于什么类型？十好、六无达标情况如何？各乡镇示范点比例还差多少？",
                   "What type is each village, which meet the 十好 and 六无, and how many "
                   "demonstration points does each township still need?"};
  auto needed = geo::report_bars({"各乡镇尚需示范点数", "Demonstration points still needed"},
                                 "village_townships", "township_name", "points_needed");
  auto shells = geo::report_names({"集体经济空壳村", "Villages without collective income (空壳村)"},
                                  "village_assessment", "village_name", "township_name",
                                  {geo::where("shell_village", Op::eq, "1")},
                                  {"没有空壳村。", "No village is a shell village."});
  auto townships = geo::report_table(
      {"各乡镇村庄评估", "Villages per township"}, "village_townships",
      {"township_code", "township_name", "villages", "demonstration_points", "point_ratio",
       "required_points", "points_needed", "ratio_met", "ten_good_pass", "six_none_pass",
       "collective_target_met", "shell_villages", "hub", "tidal", "basic", "hollow", "unknown",
       "candidates"});
  townships.yes_no_fields = {"ratio_met"};
  auto failing = geo::report_table({"十好未达标的示范点", "Demonstration points failing the 十好"},
                                   "village_assessment",
                                   {"village_code", "village_name", "township_name", "type_zh",
                                    "ten_good_passed", "ten_good_failed"});
  failing.filters = {geo::where("demonstration_point", Op::eq, "1"),
                     geo::where("ten_good_pass", Op::eq, "0")};
  failing.empty_text = {"每个示范点都达到十好。", "Every demonstration point meets the 十好."};
  spec.items = {
      geo::report_figures(
          {"全县", "County"}, "village_county",
          {"villages", "demonstration_points", "point_ratio", "required_ratio", "required_points",
           "points_needed", "ten_good_pass", "six_none_pass", "both_pass", "collective_target_met",
           "shell_villages", "hub", "tidal", "basic", "hollow", "unknown"}),
      needed,
      townships,
      failing,
      shells,
      geo::report_map(),
  };
  return spec;
}

}  // namespace rz::analysis
