// The OD matrix in the planner's report: the slowest pairs (the whole matrix is in the
// workbook and the GeoPackage).
#include "analysis/od_matrix/report.hpp"

namespace rz::analysis {

geo::ReportSpec od_report_spec() {
  geo::ReportSpec spec;
  spec.question = {"各起点到各终点沿道路要走多久？",
                   "How long does each origin take to reach "
                   "each destination on the roads?"};
  auto slowest = geo::report_table(
      {"用时最长的起讫点对（前30）", "The 30 slowest pairs"}, "od_matrix",
      {"from_id", "from_name", "to_id", "to_name", "minutes", "metres", "straight_m"});
  slowest.order_by = "minutes";
  slowest.descending = true;
  slowest.limit = 30;
  spec.items = {slowest, geo::report_histogram({"用时分布", "Minutes"}, "od_matrix", "minutes")};
  return spec;
}

}  // namespace rz::analysis
