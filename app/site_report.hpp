#pragma once
// Prints a siting report: the objective's value, bound, gap, whether it is proven optimal or
// the best found within the time limit, the chosen sites, and before/after shares per township.
#include "analysis/siting_job.hpp"

namespace rz::app {

void print_site_report(const analysis::SitingReport& report, bool quiet);

}  // namespace rz::app
