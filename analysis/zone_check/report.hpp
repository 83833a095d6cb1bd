#pragma once
// The terminal report of the zone check: per zone, one line per check (pass/fail, value,
// threshold, the villages failing it), the components and cheapest missing links when the zone
// is not linked in series, and the checks left out.
#include "analysis/common/analysis.hpp"
#include "analysis/zone_check/zone_check_job.hpp"

namespace rz::analysis {

// The lines of one zone's check (also what `zone design` prints for the zone it designs).
std::string zone_check_text(const ZoneCheck& zone, const std::vector<ZoneVillageFacts>& facts);

AnalysisReport zone_check_report(const ZoneCheckReport& report);

// Its section of the planner's report (report_section.cpp).
geo::ReportSpec zone_check_report_spec();

}  // namespace rz::analysis
