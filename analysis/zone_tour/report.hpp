#pragma once
// The terminal report of the observation tour: each day's stops with arrival and departure, the
// totals, and the nearest-neighbour plan beside them.
#include "analysis/common/analysis.hpp"
#include "analysis/zone_tour/zone_tour_job.hpp"

namespace rz::analysis {

AnalysisReport zone_tour_report(const ZoneTourReport& report);

// Its section of the planner's report (report_section.cpp).
geo::ReportSpec zone_tour_report_spec();

}  // namespace rz::analysis
