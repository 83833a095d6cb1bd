#pragma once
// The terminal report of straight-line reach: per target, the county and (up to a screenful)
// township shares.
#include "analysis/common/analysis.hpp"
#include "analysis/reach/reach_job.hpp"

namespace rz::analysis {

AnalysisReport reach_report(const ReachReport& report);

// Its section of the planner's report (report_section.cpp).
geo::ReportSpec reach_report_spec();

}  // namespace rz::analysis
