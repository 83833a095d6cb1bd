// Grid coverage's section of the planner's report: 零遗漏 per township, the villages with no
// grid, gaps or overlaps by name, and the grid workers' load.
#include "analysis/grid_coverage/report.hpp"

namespace rz::analysis {

using geo::RowFilter;
using Op = geo::RowFilter::Op;

geo::ReportSpec grid_report_spec() {
  geo::ReportSpec spec;
  spec.question = {"每户是否都在且只在一个网格内（网格全覆盖、零遗漏）？网格员负荷是否合理？",
                   "Is every household in exactly one grid (zero omission), and is each grid's "
                   "load reasonable?"};
  spec.items = {
      geo::report_figures({"全县", "County"}, "grid_county",
                          {"households", "in_no_grid", "in_several_grids", "zero_omission_rate",
                           "villages", "villages_with_problems", "grids", "grids_under_band",
                           "grids_over_band", "gap_share", "overlap_share"}),
      geo::report_bars({"各乡镇零遗漏率", "Zero-omission rate per township"}, "grid_townships",
                       "name", "zero_omission_rate"),
      geo::report_table({"各乡镇网格覆盖", "Grid coverage per township"}, "grid_townships",
                        {"code", "name", "villages", "villages_with_problems", "households",
                         "in_no_grid", "in_several_grids", "zero_omission_rate", "grids",
                         "grids_under_band", "grids_over_band", "gap_share", "overlap_share"}),
      geo::report_names({"没有任何网格的村", "Villages with no grid at all"}, "grid_villages",
                        "name", "township_name", {geo::where("grids", Op::eq, "0")},
                        {"每个村都有网格。", "Every village has a grid."}),
      geo::report_names({"有网格空白（遗漏区域）的村", "Villages with gaps no grid covers"},
                        "grid_villages", "name", "township_name",
                        {geo::where("gap_m2", Op::gt, "0"), geo::where("grids", Op::gt, "0")},
                        {"有网格的村都没有空白。", "No village with grids has a gap."}),
      geo::report_names({"网格重叠的村", "Villages where grids overlap"}, "grid_villages", "name",
                        "township_name", {geo::where("overlap_m2", Op::gt, "0")},
                        {"没有网格重叠。", "No grids overlap."}),
      geo::report_histogram({"网格户数分布（网格员负荷）", "Households per grid (the load)"},
                            "grid_load", "households", 12),
      geo::report_histogram({"网格员人均服务户数分布", "Households per grid worker"}, "grid_load",
                            "households_per_worker", 12),
      geo::report_names({"负荷偏多的网格", "Grids above the load band"}, "grid_load", "name",
                        "township_name", {geo::where("load", Op::eq, "over")},
                        {"没有负荷偏多的网格。", "No grid is above the band."}),
      geo::report_map(),
  };
  return spec;
}

}  // namespace rz::analysis
