#pragma once
// The terminal report of the village assessment: villages per type, 十好 and 六无 passing, the
// collective economy with the shell villages named, and the townships short of their
// demonstration-point ratio with the candidates for new points.
#include "analysis/common/analysis.hpp"
#include "analysis/villages/villages_job.hpp"

namespace rz::analysis {

AnalysisReport village_report(const VillageAssessmentReport& report);

// Its section of the planner's report (report_section.cpp).
geo::ReportSpec village_report_spec();

}  // namespace rz::analysis
