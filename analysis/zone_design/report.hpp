#pragma once
// The terminal report of the zone design: the zone chosen (core first, then the members with
// their score breakdown), the objective with its bound, gap and proof, the greedy design beside
// it, and the zone check of the designed zone.
#include "analysis/common/analysis.hpp"
#include "analysis/zone_design/zone_design_job.hpp"

namespace rz::analysis {

AnalysisReport zone_design_report(const ZoneDesignReport& report);

// Its section of the planner's report (report_section.cpp).
geo::ReportSpec zone_design_report_spec();

}  // namespace rz::analysis
