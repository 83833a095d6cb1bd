#pragma once
// The terminal report of an OD matrix: the network, the two sides, and how many pairs became rows
// and why the others did not.
#include "analysis/common/analysis.hpp"
#include "analysis/od_matrix/od_matrix_job.hpp"

namespace rz::analysis {

AnalysisReport od_matrix_report(const OdMatrixReport& report);

// Its section of the planner's report (report_section.cpp).
geo::ReportSpec od_report_spec();

}  // namespace rz::analysis
