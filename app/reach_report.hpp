#pragma once
// Prints a reach report: per target, the county and (up to a screenful) township shares.
#include "analysis/reach_job.hpp"
#include "analysis/road_reach_job.hpp"

namespace rz::app {

void print_reach_report(const analysis::ReachReport& report, bool quiet);
void print_road_reach_report(const analysis::RoadReachReport& report, bool quiet);

}  // namespace rz::app
