// The observation tour's section of the planner's report: the day-by-day schedule.
#include "analysis/zone_tour/report.hpp"

namespace rz::analysis {

geo::ReportSpec zone_tour_report_spec() {
  geo::ReportSpec spec;
  spec.question = {"观摩路线怎样安排最省时？每天走哪些村？",
                   "Which observation tour takes least time, and which villages does each day "
                   "visit?"};
  auto summary = geo::report_figures({"路线概况", "The tour"}, "zone_tour_summary",
                                     {"zone", "start", "stops", "days", "travel_min", "total_min",
                                      "days_proven", "nn_travel_min", "saving_min", "tour_proven"});
  summary.yes_no_fields = {"days_proven", "tour_proven"};
  auto stops = geo::report_table({"逐日行程", "Day by day"}, "zone_tour_stops",
                                 {"day", "seq", "role", "village_code", "village_name", "arrive",
                                  "depart", "leg_min", "leg_m", "dwell_min", "day_min"});
  spec.items = {summary, stops, geo::report_map()};
  return spec;
}

}  // namespace rz::analysis
