#pragma once
// The terminal report of reach on roads: the network, then per category the county and (up to a
// screenful) township shares within each threshold, and facilities over capacity.
#include "analysis/common/analysis.hpp"
#include "analysis/road_reach/road_reach_job.hpp"

namespace rz::analysis {

AnalysisReport road_reach_report(const RoadReachReport& report);

// Its section of the planner's report (report_section.cpp).
geo::ReportSpec road_reach_report_spec();

}  // namespace rz::analysis
