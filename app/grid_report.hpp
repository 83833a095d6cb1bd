#pragma once
// Prints a grid coverage report: the county and every township, one line each, then the layers.
#include "analysis/grid_coverage_job.hpp"

namespace rz::app {

void print_grid_report(const analysis::GridCoverageReport& report, bool quiet);

}  // namespace rz::app
