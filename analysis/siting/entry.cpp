// Siting in the registry: its settings ([site], and the road settings of [reach.roads]), result
// layers, and how it runs.
#include <fmt/format.h>

#include "analysis/common/analysis.hpp"
#include "analysis/common/reach_targets.hpp"
#include "analysis/common/result_fields.hpp"
#include "analysis/registry.hpp"
#include "analysis/siting/report.hpp"
#include "analysis/siting/siting_job.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::analysis {

// Declared with reach on roads (road_reach/entry.cpp), which reads the same [reach.roads] keys.
std::vector<Setting> road_travel_settings();
RoadReachSettings road_travel_from(const SettingValues& values);
RoadNetworkSettings road_network_from(const SettingValues& values);

namespace {

using geo::FieldType;
using geo::GeometryKind;

bool from_command_line(const SettingValues& values, const std::string& key) {
  return values.given(key) && values.source(key).starts_with("-");
}

std::vector<Setting> siting_settings() {
  const SitingJobSettings d;
  auto objective = choice_setting(
      "objective", to_string(d.objective), {"mclp", "lscp", "pmedian", "pcenter"},
      "mclp: most households newly within reach of K new sites; lscp: fewest new sites covering "
      "every household; pmedian: least total travel with K new sites; pcenter: the least "
      "largest travel of any household with K new sites");
  auto k = integer_setting("k", 0, "sites",
                           "Number of new sites, the required ones included (mclp, pmedian, "
                           "pcenter)",
                           1);
  k.default_value = {};
  k.default_help = "none: mclp, pmedian and pcenter need it";
  k.option = "k";
  auto category = text_setting("category", d.category,
                               "Facility category, e.g. "
                               "party_service_center or "
                               "village_service_station");
  category.value_name = "CATEGORY";
  auto by = choice_setting("by", d.by_road ? "road" : "line", {"line", "road"},
                           "Reach measured by straight line (radius_m) or on the roads (minutes)");
  by.option = "-";
  auto radius = number_setting("radius_m", d.radius_m, "m",
                               "Within reach: metres by straight line (on the command line it "
                               "also sets by = line)");
  radius.option = "radius";
  radius.value_name = "M";
  auto minutes = number_setting("minutes", d.minutes, "min",
                                "Within reach: minutes on the roads (on the command line it also "
                                "sets by = road; uses the roads layer)");
  minutes.value_name = "MIN";
  auto candidates = text_setting("candidates", "", "Store layer of candidate sites");
  candidates.default_help = "the village seats";
  candidates.value_name = "LAYER";
  auto capacities = boolean_setting("capacities", d.capacities,
                                    "LSCP and p-median respect capacities (facilities' capacity)");
  auto candidate_capacity =
      number_setting("candidate_capacity", 0, "households",
                     "Capacity of a new site where the candidate layer gives none");
  candidate_capacity.default_value = {};
  candidate_capacity.default_help = "none: unlimited";
  auto cutoff_m = number_setting("cutoff_m", d.cutoff_m, "m",
                                 "p-median: sites farther than this do not serve a household");
  auto cutoff_min = number_setting("cutoff_min", d.cutoff_min, "min",
                                   "p-median by road: sites farther than this do not serve");
  auto time_limit = number_setting("time_limit_s", d.time_limit_s, "s", "Solver time limit");
  time_limit.option = "time-limit";
  auto demand = text_setting("demand", "", "Store layer of demand points to serve");
  demand.default_help = "the households";
  demand.value_name = "LAYER";
  auto weight = text_setting("weight", "",
                             "Numeric field of the demand layer each point weighs, e.g. persons");
  weight.default_help = "a demand layer's weight field, else 1 per point (households count)";
  weight.value_name = "FIELD";
  auto required = text_setting("required", "",
                               "Candidates that must be open, by id, village code or name, "
                               "comma-separated (with the candidate layer's `required` field)");
  required.default_help = "none";
  required.value_name = "LIST";
  auto allow_uncovered = boolean_setting(
      "allow_uncovered", d.allow_uncovered,
      "lscp: cover what can be covered and list in site_uncovered the households no site reaches "
      "(else that is an error)");
  auto cost_matrix = text_setting(
      "cost_matrix", "",
      "A demand x candidate cost table (CSV, XLSX; long: demand_id,candidate_id,cost, or wide) "
      "used instead of computing costs; its costs are compared with radius_m or minutes");
  cost_matrix.default_help = "none: costs are computed";
  cost_matrix.value_name = "FILE";
  cost_matrix.option = "costs";
  std::vector<Setting> out = {objective,
                              k,
                              category,
                              by,
                              radius,
                              minutes,
                              candidates,
                              capacities,
                              candidate_capacity,
                              cutoff_m,
                              cutoff_min,
                              time_limit,
                              demand,
                              weight,
                              required,
                              allow_uncovered,
                              cost_matrix};
  for (auto& s : road_travel_settings()) out.push_back(s);
  return out;
}

SitingObjective objective_of(const std::string& name) {
  if (name == "lscp") return SitingObjective::lscp;
  if (name == "pmedian") return SitingObjective::pmedian;
  if (name == "pcenter") return SitingObjective::pcenter;
  return SitingObjective::mclp;
}

struct SitingRun {
  SitingJobSettings settings;
  std::string candidates, demand;
};

// "a, b，c" -> {"a", "b", "c"}: the full-width comma a Chinese keyboard types counts too.
std::vector<std::string> comma_list(std::string text) {
  for (size_t at; (at = text.find("，")) != std::string::npos;) text.replace(at, 3, ",");
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(',', start);
    const std::string item = text.substr(start, end == std::string::npos ? end : end - start);
    const auto first = item.find_first_not_of(" \t"), last = item.find_last_not_of(" \t");
    if (first != std::string::npos) out.push_back(item.substr(first, last - first + 1));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

SitingRun to_siting(const SettingValues& values, int threads) {
  SitingRun run;
  auto& s = run.settings;
  s.objective = objective_of(values.text("objective"));
  if (s.objective != SitingObjective::lscp && !values.has("k"))
    throw UsageError(fmt::format(
        fmt::runtime(tr("--objective {} needs -k (how many new sites), or k in the project "
                        "file's [site] table")),
        to_string(s.objective)));
  if (values.has("k")) s.k = static_cast<size_t>(values.integer("k"));
  s.category = values.text("category");
  check_category(s.category, values.source("category"));
  const bool radius_given = from_command_line(values, "radius_m");
  const bool minutes_given = from_command_line(values, "minutes");
  if (radius_given && minutes_given)
    throw UsageError(tr("--radius and --minutes exclude each other"));
  s.by_road = minutes_given ? true : radius_given ? false : values.text("by") == "road";
  s.radius_m = values.number("radius_m");
  s.minutes = values.number("minutes");
  s.capacities = values.boolean("capacities");
  if (values.has("candidate_capacity")) s.candidate_capacity = values.number("candidate_capacity");
  s.cutoff_m = values.number("cutoff_m");
  s.cutoff_min = values.number("cutoff_min");
  s.time_limit_s = values.number("time_limit_s");
  s.road = road_travel_from(values);
  s.network = road_network_from(values);
  s.threads = threads;
  if (values.has("candidates")) run.candidates = values.text("candidates");
  if (values.has("demand")) run.demand = values.text("demand");
  if (values.has("weight") && !values.text("weight").empty()) s.weight = values.text("weight");
  if (values.has("required")) s.required = comma_list(values.text("required"));
  s.allow_uncovered = values.boolean("allow_uncovered");
  if (values.has("cost_matrix")) s.cost_matrix = values.text("cost_matrix");
  return run;
}

std::vector<ResultLayer> siting_layers() {
  const auto weight = field("weight", FieldType::real, "", "What the point weighs", "需求权重");
  const auto category = field("category", FieldType::text, "", "Facility category", "设施类别");
  const auto households =
      field("households", FieldType::integer, "households", "Households", "户数");
  const auto within_before = field("within_before", FieldType::integer, "households",
                                   "Within reach before", "选址前覆盖户数");
  const auto within_after = field("within_after", FieldType::integer, "households",
                                  "Within reach after", "选址后覆盖户数");
  return {
      {"site_new",
       GeometryKind::point,
       "The chosen new sites (新建选址), in rank order",
       {field("rank", FieldType::integer, "", "Rank (1 = chosen first by the greedy start)",
              "选址次序"),
        field("name", FieldType::text, "", "Candidate name", "候选点名称"),
        field("village_code", FieldType::text, "", "Village code", "村代码"), category,
        field("required", FieldType::integer, "", "1 when required (必选), else chosen",
              "是否必选"),
        field("capacity", FieldType::real, "households", "Capacity", "服务容量（户）"),
        field("households_added", FieldType::real, "households",
              "Demand it brings in reach (households, or their weight)", "新增覆盖户数"),
        field("households_served", FieldType::real, "households", "Demand it serves", "服务户数")},
       "新建设施选址",
       single_style(geo::point_marker(geo::Marker::star, "#d7191c", 6), "name")},
      {"site_households", GeometryKind::point,
       "Households the new sites bring within reach (MCLP, LSCP) or nearer (p-median)",
       concat(concat(household_id_fields(), village_and_township_code_fields()),
              {weight,
               field("new_site", FieldType::text, "", "The new site that serves it", "服务新址"),
               field("cost_before", FieldType::real, "m or min", "Distance or minutes before",
                     "选址前距离或用时"),
               field("cost_after", FieldType::real, "m or min", "Distance or minutes after",
                     "选址后距离或用时")}),
       "新址新增覆盖或距离缩短的农户",
       hidden(single_style(geo::point_marker(geo::Marker::circle, "#2b8cbe", 1.2)))},
      {"site_uncovered", GeometryKind::point,
       "Demand points no site (candidate, required or existing) reaches (未覆盖)",
       concat(concat(household_id_fields(), village_and_township_code_fields()), {weight}),
       "未覆盖需求点", single_style(geo::point_marker(geo::Marker::circle, "#e31a1c", 1.6))},
      {"site_townships",
       GeometryKind::polygon,
       "Per township: households within reach before and after",
       {field("township_code", FieldType::text, "", "Township code", "乡镇代码"),
        field("township_name", FieldType::text, "", "Township name", "乡镇名称"), households,
        within_before, within_after,
        field("share_before", FieldType::real, "share", "within_before / households",
              "选址前覆盖占比"),
        field("share_after", FieldType::real, "share", "within_after / households",
              "选址后覆盖占比"),
        field("cost_before", FieldType::real, "m or min", "p-median: total cost before",
              "选址前总成本"),
        field("cost_after", FieldType::real, "m or min", "p-median: total cost after",
              "选址后总成本")},
       "各乡镇选址前后覆盖情况",
       // Over the villages it would hide them: an outline, off until asked for.
       hidden(single_style(geo::outline_only("#525252", 0.8), "township_name"))},
      {"site_summary",
       std::nullopt,
       "One row: the objective, its value, bound, gap, and whether it is proven optimal",
       {field("objective", FieldType::text, "", "The model: mclp, lscp, pmedian or pcenter",
              "选址模型"),
        category,
        field("measure", FieldType::text, "", "e.g. 2000 m by straight line", "可达标准"),
        field("k", FieldType::integer, "sites", "K", "新址数（K）"),
        field("candidates", FieldType::integer, "sites", "Candidate sites", "候选点数"),
        field("required", FieldType::integer, "sites", "Required sites (count toward K)",
              "必选点数"),
        field("existing", FieldType::integer, "facilities", "Existing facilities of the category",
              "现有设施数"),
        field("chosen", FieldType::integer, "sites", "Sites chosen", "选中点数"),
        field("objective_value", FieldType::real, "", "The objective's value", "目标函数值"),
        field("bound", FieldType::real, "", "The solver's bound", "求解界值"),
        field("gap", FieldType::real, "share", "(bound - value) / value", "最优性间隙"),
        field("proven_optimal", FieldType::integer, "", "1 when proven optimal (已证明最优)",
              "已证明最优"),
        field("time_limited", FieldType::integer, "", "1 when the time limit stopped the solver",
              "达到求解时限"),
        field("greedy_value", FieldType::real, "", "The greedy start's value", "贪心初始解值"),
        field("solve_seconds", FieldType::real, "s", "Solver time", "求解用时（秒）"),
        households,
        within_before,
        within_after,
        field("not_coverable", FieldType::integer, "households", "That no candidate can reach",
              "无法覆盖户数"),
        field("weight", FieldType::text, "", "What a demand point weighs", "需求权重字段"),
        field("demand", FieldType::real, "", "All demand (weighted)", "需求总量"),
        field("demand_within_before", FieldType::real, "", "Demand within reach before",
              "选址前覆盖需求量"),
        field("demand_within_after", FieldType::real, "", "Demand within reach after",
              "选址后覆盖需求量"),
        field("share_within_before", FieldType::real, "share", "Of all demand, within before",
              "选址前需求覆盖占比"),
        field("share_within_after", FieldType::real, "share", "Of all demand, within after",
              "选址后需求覆盖占比"),
        field("demand_served", FieldType::real, "", "Demand within the cutoff of an open site",
              "受服务需求量"),
        field("share_served", FieldType::real, "share", "Of all demand, served", "受服务需求占比"),
        field("max_cost_after", FieldType::real, "m or min",
              "The farthest served point's distance or minutes after", "选址后最远距离或用时")},
       "选址求解概况",
       {}},
  };
}

}  // namespace

Analysis siting_analysis() {
  Analysis a;
  a.name = "siting";
  a.command = "site";
  a.description = "Siting (选址): where K new centers reach the most, or the fewest reach everyone";
  a.title = {"新址选址", "New sites"};
  a.table = "site";
  a.needs = {"villages", "facilities"};
  a.uses = {"roads", "townships"};
  a.runs_only_with_table = true;
  a.settings = siting_settings();
  a.layers = siting_layers();
  a.report = siting_report_spec();
  a.check = [](const SettingValues& values) { to_siting(values, 1); };
  a.cannot_run = [](const SettingValues& values, geo::Store& store,
                    const RunContext& context) -> std::optional<std::string> {
    const auto run = to_siting(values, 1);
    const std::string demand = run.demand.empty() ? context.layer("households") : run.demand;
    if (!store.layer(demand))
      return fmt::format(
          fmt::runtime(run.demand.empty() ? tr("the store has no households layer {} to serve")
                                          : tr("the store has no demand layer {} to serve")),
          in_quotes(demand));
    if (run.settings.by_road && run.settings.cost_matrix.empty() &&
        !store.layer(context.layer("roads")))
      return std::string(tr("reach by road needs a roads layer, and the store has none"));
    return std::nullopt;
  };
  a.run = [](geo::Store& store, const SettingValues& values, const RunContext& context) {
    const auto run = to_siting(values, context.threads);
    SitingLayers layers{context.layer("villages"),
                        run.demand.empty() ? context.layer("households") : run.demand,
                        context.layer("facilities"),
                        context.layer("roads"),
                        run.candidates,
                        context.layer("townships")};
    return site_report(run_siting(store, run.settings, layers));
  };
  return a;
}

}  // namespace rz::analysis
