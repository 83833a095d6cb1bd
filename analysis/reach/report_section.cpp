// Straight-line reach's section of the planner's report: households out of reach per township
// and the villages nobody reaches, per facility category.
#include "analysis/reach/report.hpp"

namespace rz::analysis {

using Op = geo::RowFilter::Op;

geo::ReportSpec reach_report_spec() {
  geo::ReportSpec spec;
  spec.question = {"哪些农户离党群服务中心等设施超出服务半径（最后一公里）？",
                   "Which households are farther than the service radius from a service center "
                   "(the last kilometre)?"};
  auto county = geo::report_table({"全县", "County"}, "reach_county",
                                  {"category", "radius_m", "households", "within", "share_within",
                                   "persons", "persons_within"});
  auto bars = geo::report_bars({"各乡镇半径内农户占比", "Share of households within the radius"},
                               "reach_townships", "name", "share_within");
  bars.split_field = "category";
  auto townships = geo::report_table(
      {"各乡镇服务半径覆盖", "Reach per township"}, "reach_townships",
      {"code", "name", "households", "within", "share_within", "persons", "persons_within"});
  townships.split_field = "category";
  auto nobody = geo::report_names(
      {"无一户在服务半径内的村", "Villages nobody in reach"}, "reach_villages", "name",
      "township_name", {geo::where("within", Op::eq, "0")},
      {"每个村都有农户在服务半径内。", "Every village has households within the radius."});
  nobody.split_field = "category";
  auto least = geo::report_table({"覆盖最低的村（前20）", "The 20 villages least in reach"},
                                 "reach_villages",
                                 {"code", "name", "township_name", "households", "within",
                                  "share_within", "seat_distance_m", "seat_facility"});
  least.split_field = "category";
  least.order_by = "share_within";
  least.limit = 20;
  spec.items = {county, bars, townships, nobody, least, geo::report_map()};
  return spec;
}

}  // namespace rz::analysis
