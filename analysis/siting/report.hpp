#pragma once
// The terminal report of siting: the objective's value, bound, gap, whether it is proven optimal
// or the best found within the time limit, the chosen sites, and before/after shares per
// township.
#include "analysis/common/analysis.hpp"
#include "analysis/siting/siting_job.hpp"

namespace rz::analysis {

AnalysisReport site_report(const SitingReport& report);

// Its section of the planner's report (report_section.cpp).
geo::ReportSpec siting_report_spec();

}  // namespace rz::analysis
