// Siting's section of the planner's report: the proposed new sites with their township and the
// households each adds, and the reach per township before and after.
#include "analysis/siting/report.hpp"

namespace rz::analysis {

geo::ReportSpec siting_report_spec() {
  geo::ReportSpec spec;
  spec.question = {"新建K个服务中心放在哪里覆盖农户最多？最少需要几个才能覆盖所有农户？",
                   "Where would K new centers bring the most households within reach, and how "
                   "few would reach everyone?"};
  auto sites = geo::report_table({"建议新建点位", "The proposed new sites"}, "site_new",
                                 {"rank", "name", "village_code", "category", "required",
                                  "households_added", "households_served"});
  sites.lookups = {{"villages", "code", "name", "village_code", {"所在村", "Village"}},
                   {"villages", "code", "township_name", "village_code", {"所在乡镇", "Township"}}};
  sites.yes_no_fields = {"required"};
  sites.order_by = "rank";
  auto summary = geo::report_figures(
      {"选址结果", "The result"}, "site_summary",
      {"objective", "category", "measure", "k", "candidates", "existing", "chosen", "households",
       "within_before", "within_after", "share_within_before", "share_within_after",
       "not_coverable", "proven_optimal", "gap", "greedy_value", "solve_seconds"});
  summary.yes_no_fields = {"proven_optimal"};
  auto named = geo::report_names({"新建点位及所在乡镇", "The new sites and their townships"},
                                 "site_new", "name", "", {}, {"没有新建点位。", "No new site."});
  named.lookups = {sites.lookups[1]};
  spec.items = {
      summary,
      named,
      sites,
      geo::report_bars({"各乡镇选址后覆盖率", "Share within reach after, per township"},
                       "site_townships", "township_name", "share_after"),
      geo::report_table({"各乡镇选址前后", "Per township, before and after"}, "site_townships",
                        {"township_code", "township_name", "households", "within_before",
                         "within_after", "share_before", "share_after"}),
      geo::report_map(),
  };
  return spec;
}

}  // namespace rz::analysis
