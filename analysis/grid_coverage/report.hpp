#pragma once
// The terminal report of grid coverage: the county and every township, one line each, then the
// layers.
#include "analysis/common/analysis.hpp"
#include "analysis/grid_coverage/grid_coverage_job.hpp"

namespace rz::analysis {

AnalysisReport grid_report(const GridCoverageReport& report);

// Its section of the planner's report (report_section.cpp).
geo::ReportSpec grid_report_spec();

}  // namespace rz::analysis
