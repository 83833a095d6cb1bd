// Reach on roads in the planner's report: households within each travel time per township,
// those the roads do not reach, and the villages least reached.
#include "analysis/road_reach/report.hpp"

namespace rz::analysis {

using Op = geo::RowFilter::Op;

geo::ReportSpec road_reach_report_spec() {
  geo::ReportSpec spec;
  spec.question = {"沿道路出行，多少农户在5、10、15、30分钟内能到达服务设施？",
                   "How many households reach a facility within 5, 10, 15 and 30 minutes on the "
                   "roads?"};
  // Thresholds are settings: the fields of thresholds not run are absent and left out.
  const std::vector<std::string> minutes = {
      "households",   "unreached",          "within_5min",  "within_5min_share",
      "within_10min", "within_10min_share", "within_15min", "within_15min_share",
      "within_30min", "within_30min_share"};
  auto county = geo::report_table({"全县", "County"}, "road_reach_county", minutes);
  county.fields.insert(county.fields.begin(), "category");
  auto bars = geo::report_bars({"各乡镇15分钟内农户占比", "Share within 15 minutes per township"},
                               "road_reach_townships", "name", "within_15min_share");
  bars.split_field = "category";
  auto townships = geo::report_table({"各乡镇路网可达", "Reach on roads per township"},
                                     "road_reach_townships", minutes);
  townships.fields.insert(townships.fields.begin(), {"code", "name"});
  townships.split_field = "category";
  auto unreached =
      geo::report_names({"有农户无路可达的村", "Villages with households no road reaches"},
                        "road_reach_villages", "name", "", {geo::where("unreached", Op::gt, "0")},
                        {"所有农户都有路可达。", "The roads reach every household."});
  unreached.split_field = "category";
  unreached.lookups = {{"villages", "code", "township_name", "code", {"乡镇", "Township"}}};
  auto least =
      geo::report_table({"15分钟覆盖最低的村（前20）", "The 20 villages least within 15 minutes"},
                        "road_reach_villages",
                        {"code", "name", "households", "unreached", "within_15min",
                         "within_15min_share", "within_30min_share"});
  least.split_field = "category";
  least.order_by = "within_15min_share";
  least.limit = 20;
  least.lookups = unreached.lookups;
  spec.items = {county, bars, townships, unreached, least, geo::report_map()};
  return spec;
}

}  // namespace rz::analysis
