// The zone design in the registry (ruralzone zone design): its own settings ([zone.design]), the
// zone check's ([zone], [reach.roads]) it designs for, its result layers, and how it runs.
#include <algorithm>
#include <set>
#include <sstream>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/common/analysis.hpp"
#include "analysis/common/result_fields.hpp"
#include "analysis/registry.hpp"
#include "analysis/zone_check/check_fields.hpp"
#include "analysis/zone_check/settings.hpp"
#include "analysis/zone_design/report.hpp"
#include "analysis/zone_design/zone_design_job.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::analysis {

// Declared with the zone check (zone_check/entry.cpp), whose members layer looks the same.
geo::LayerStyle zone_villages_style();

namespace {

using geo::FieldType;

constexpr const char* kTable = "zone.design";

// The words of a list setting's text: separated by blanks and by `separators`.
std::vector<std::string> words_of(std::string text,
                                  std::initializer_list<std::string_view> separators) {
  for (const std::string_view sep : separators)
    for (size_t at = text.find(sep); at != std::string::npos; at = text.find(sep))
      text.replace(at, sep.size(), " ");
  std::vector<std::string> out;
  std::istringstream words(text);
  for (std::string w; words >> w;) out.push_back(std::move(w));
  return out;
}

// Village codes of a list setting: 12 digits each, separated by commas, 、, semicolons or blanks.
std::vector<std::string> codes_of(const SettingValues& values, const std::string& key) {
  std::vector<std::string> out;
  if (!values.has(key)) return out;
  for (auto& code : words_of(values.text(key), {"、", "，", "；", ",", ";"})) {
    if (code.size() != 12 || code.find_first_not_of("0123456789") != std::string::npos)
      throw UsageError(fmt::format(fmt::runtime(tr("{} {}: {} is no 12-digit village code")),
                                   values.source(key), key, in_quotes(code)));
    out.push_back(std::move(code));
  }
  return out;
}

std::optional<int64_t> optional_integer(const Record& r, const char* key) {
  auto it = r.fields.find(key);
  if (it == r.fields.end() || !std::holds_alternative<int64_t>(it->second)) return std::nullopt;
  return std::get<int64_t>(it->second);
}

std::vector<Setting> zone_design_settings() {
  const ZoneDesignJobSettings d;
  auto core = text_setting("core", "",
                           "Village code of the core (核心村); without one the design chooses "
                           "the core too, among every candidate");
  core.value_name = "CODE";
  core.default_help = "the design chooses the core";
  auto include = text_setting("include", "",
                              "Village codes every design must include (必选), separated by "
                              "commas");
  include.value_name = "CODES";
  include.default_help = "none";
  auto exclude = text_setting("exclude", "",
                              "Village codes no design may include (排除), separated by commas");
  exclude.value_name = "CODES";
  exclude.default_help = "none";
  auto most = integer_setting("township_most", 0, "villages",
                              "Zone villages (core included) one township may hold at most", 1);
  most.default_value = {};
  most.default_help = "no most";
  auto least = integer_setting("least", 0, "villages", "Zone villages it holds at least", 0);
  auto most_of = integer_setting("most", 0, "villages", "Zone villages it holds at most", 0);
  auto require = text_setting(
      "require_checks", fmt::format("{}", fmt::join(kZoneVillageChecks, ",")),
      "The zone check's per-village checks every candidate must pass, so that the designed "
      "zone passes them (comma-separated; none for none)");
  require.value_name = "CHECKS";
  std::vector<Setting> out = {
      text_setting("zone_name", d.zone_name, "The designed zone's name (示范区)"),
      core,
      include,
      exclude,
      number_setting("max_minutes", d.max_minutes, "min",
                     "Road minutes from the core to each member, and back, at most (T_max; the "
                     "smaller of this and [zone] core_minutes_max applies)"),
      number_setting("weight_ten_good", d.weight_ten_good, "",
                     "Weight of a village's 十好 score (the share of the ten standards passed, "
                     "0 to 1) in its score",
                     0, false),
      number_setting("weight_population", d.weight_population, "",
                     "Weight of the population served (resident, else registered, over the "
                     "county's largest) in a village's score",
                     0, false),
      number_setting("weight_income", d.weight_income, "",
                     "Weight of the collective income (over the county's largest) in a "
                     "village's score",
                     0, false),
      number_setting("diversity_bonus", d.diversity_bonus, "",
                     "Bonus to the zone for each distinct village type among its villages "
                     "(\"different fields\")",
                     0, false),
      integer_setting("township_least", d.township_least, "villages",
                      "Zone villages (core included) every township must hold at least", 0),
      most,
      township_records_setting("A township's own limits: [zone.design.townships.<code>] with "
                               "least and most (default: the county's)",
                               {least, most_of}),
      require,
      number_setting("time_limit_s", d.time_limit_s, "s",
                     "CBC stops after this many seconds and reports the best design, its bound "
                     "and gap"),
  };
  for (auto& s : zone_check_settings()) {
    if (s.table.empty()) s.table = "zone";
    out.push_back(std::move(s));
  }
  return out;
}

ZoneDesignJobSettings to_zone_design_settings(const SettingValues& values, int threads) {
  ZoneDesignJobSettings s;
  const ZoneCheckJobSettings check = to_zone_check_settings(values, threads);
  s.check = check.check;
  s.links = check.links;
  s.network = check.network;
  s.threads = threads;
  s.zone_name = values.text("zone_name");
  if (s.zone_name.empty())
    throw UsageError(fmt::format(fmt::runtime(tr("{} zone_name: must not be empty")),
                                 values.source("zone_name")));
  const auto core = codes_of(values, "core");
  if (core.size() > 1)
    throw UsageError(fmt::format(fmt::runtime(tr("{} core: one village code, not {}")),
                                 values.source("core"), core.size()));
  if (!core.empty()) s.core = core[0];
  s.include = codes_of(values, "include");
  s.exclude = codes_of(values, "exclude");
  const std::set<std::string> excluded(s.exclude.begin(), s.exclude.end());
  for (const auto& c : s.include)
    if (excluded.count(c))
      throw UsageError(
          fmt::format(fmt::runtime(tr("{} / {}: village {} is both to include and to exclude")),
                      values.source("include"), values.source("exclude"), c));
  if (!s.core.empty() && excluded.count(s.core))
    throw UsageError(fmt::format(fmt::runtime(tr("{}: the core {} is to be excluded")),
                                 values.source("exclude"), s.core));
  s.max_minutes = values.number("max_minutes");
  s.weight_ten_good = values.number("weight_ten_good");
  s.weight_population = values.number("weight_population");
  s.weight_income = values.number("weight_income");
  s.diversity_bonus = values.number("diversity_bonus");
  s.township_least = values.integer("township_least");
  if (values.has("township_most")) s.township_most = values.integer("township_most");
  if (s.township_most && *s.township_most < s.township_least)
    throw UsageError(
        fmt::format(fmt::runtime(tr("{}: township_most {} is below township_least {}")),
                    values.source("township_most"), *s.township_most, s.township_least));
  if (values.has("townships"))
    for (const auto& t : values.records("townships")) {
      const std::string where = township_record_where(values, t);
      auto limit = std::pair{optional_integer(t, "least"), optional_integer(t, "most")};
      const int64_t least = limit.first.value_or(s.township_least);
      const auto most = limit.second ? limit.second : s.township_most;
      if (most && *most < least)
        throw UsageError(
            fmt::format(fmt::runtime(tr("{}: most {} is below least {}")), where, *most, least));
      s.townships[t.name] = limit;
    }
  s.require_checks.clear();
  for (const auto& c : words_of(values.text("require_checks"), {"、", "，", ","})) {
    if (c == "none") continue;
    if (std::find(kZoneVillageChecks.begin(), kZoneVillageChecks.end(), c) ==
        kZoneVillageChecks.end())
      throw UsageError(fmt::format(
          fmt::runtime(tr("{} require_checks: {} is no per-village check (known: {}, "
                          "or none)")),
          values.source("require_checks"), in_quotes(c), fmt::join(kZoneVillageChecks, ", ")));
    s.require_checks.insert(c);
  }
  s.time_limit_s = values.number("time_limit_s");
  return s;
}

std::vector<ResultLayer> zone_design_layers() {
  const auto zone = field("zone", FieldType::text, "", "Zone name (示范区)", "示范区");
  return {
      {"zone_design_members",
       geo::GeometryKind::polygon,
       "The designed zone's villages (核心村 and 示范点) with each one's score breakdown",
       {zone, field("role", FieldType::text, "", "核心村 (core) or 示范点 (member)", "村庄角色"),
        field("rank", FieldType::integer, "", "0 for the core, then the members by score", "排序"),
        field("village_code", FieldType::text, "", "Village code", "村代码"),
        field("village_name", FieldType::text, "", "Village name", "村名"),
        field("township_code", FieldType::text, "", "Township code", "乡镇代码"),
        field("township_name", FieldType::text, "", "Township name", "乡镇名称"),
        field("type", FieldType::text, "", "Village type: hub, tidal, basic, hollow, unknown",
              "村庄类型代码"),
        field("type_zh", FieldType::text, "", "The same in Chinese (枢纽型, 潮汐型, ...)",
              "村庄类型"),
        field("score", FieldType::real, "",
              "The village's score: score_ten_good + score_population + score_income", "综合得分"),
        field("score_ten_good", FieldType::real, "", "weight_ten_good × ten_good_score",
              "十好得分"),
        field("score_population", FieldType::real, "",
              "weight_population × population ÷ the county's largest", "人口得分"),
        field("score_income", FieldType::real, "",
              "weight_income × collective income ÷ the county's largest", "集体经济收入得分"),
        field("ten_good_score", FieldType::real, "share",
              "Share of the ten standards (十好) passed (village assessment)", "十好达标占比"),
        field("population", FieldType::real, "persons", "Resident (else registered) population",
              "常住人口（缺则户籍）"),
        field("collective_income", FieldType::real, "万元", "Collective income",
              "集体经济收入（万元）"),
        field("minutes_from_core", FieldType::real, "min",
              "Road minutes from the core's seat to its seat", "核心村至本村用时（分钟）"),
        field("minutes_to_core", FieldType::real, "min", "Road minutes from its seat to the core's",
              "本村至核心村用时（分钟）"),
        field("in_greedy", FieldType::integer, "",
              "1 when the greedy design chose it too (for comparison)", "贪心方案也选中")},
       "示范区设计方案村庄（核心村与示范点）",
       zone_villages_style()},
      {"zone_design_summary",
       std::nullopt,
       "The design: objective, bound, gap, whether optimality was proven, the greedy design's "
       "objective beside it",
       {zone, field("core_code", FieldType::text, "", "The core's village code", "核心村代码"),
        field("core_name", FieldType::text, "", "The core's name", "核心村名称"),
        field("core_chosen", FieldType::integer, "", "1 when the design chose the core",
              "核心村由模型选定"),
        field("members", FieldType::integer, "villages", "Members besides the core", "示范点数"),
        field("max_minutes", FieldType::real, "min", "T_max used", "至核心村用时上限（分钟）"),
        field("villages", FieldType::integer, "villages", "Villages of the project", "村庄总数"),
        field("candidates", FieldType::integer, "villages",
              "Villages left as candidates after the lists and per-village checks", "候选村数"),
        field("objective", FieldType::real, "",
              "The design's objective: its villages' scores + diversity bonuses", "目标函数值"),
        field("bound", FieldType::real, "", "No design can score more than this", "目标值上界"),
        field("gap", FieldType::real, "share", "(bound − objective) ÷ objective; 0 when proven",
              "最优性间隙"),
        field("proven_optimal", FieldType::integer, "", "1 when CBC proved the design optimal",
              "已证明最优"),
        field("stopped_on_time", FieldType::integer, "", "1 when CBC stopped at time_limit_s",
              "达到求解时限"),
        field("greedy_objective", FieldType::real, "", "The greedy design's objective",
              "贪心方案目标值"),
        field("types", FieldType::text, "", "The village types in the zone, by 、", "所含村庄类型"),
        field("type_bonus", FieldType::real, "", "diversity_bonus × the number of types",
              "类型多样性加分"),
        field("check_pass", FieldType::integer, "",
              "1 when the designed zone passes every zone check", "通过全部示范区检查"),
        field("seconds", FieldType::real, "s", "Time to solve", "求解用时（秒）")},
       "示范区设计求解概况",
       {}},
      {"zone_design_checks",
       std::nullopt,
       "The zone check of the designed zone: one row per check, pass/fail with value and "
       "threshold",
       concat(concat({zone}, zone_check_fields()),
              {field("failing", FieldType::text, "", "The villages failing it: name（code）, by 、",
                     "未通过村庄")}),
       "设计方案示范区检查结果",
       {}},
  };
}

}  // namespace

Analysis zone_design_analysis() {
  Analysis a;
  a.name = "zone_design";
  a.command = "zone design";
  a.description =
      "Design a \"1+12\" demonstration zone (示范区设计): the members (and the core) with the "
      "largest score, linked in series, within reach of the core, proven optimal with CBC";
  a.title = {"示范区设计", "Zone design"};
  a.table = kTable;
  a.needs = {"villages", "roads"};
  a.uses = {"facilities"};
  a.after = {"village_assessment"};
  // The main job designs a zone only when the project asks for one ([zone.design]).
  a.runs_only_with_table = true;
  a.settings = zone_design_settings();
  a.layers = zone_design_layers();
  a.report = zone_design_report_spec();
  a.check = [](const SettingValues& values) { to_zone_design_settings(values, 1); };
  a.run = [](geo::Store& store, const SettingValues& values, const RunContext& context) {
    ZoneDesignLayers layers;
    layers.villages = context.layer("villages");
    layers.roads = context.layer("roads");
    layers.facilities = context.layer("facilities");
    return zone_design_report(
        run_zone_design(store, to_zone_design_settings(values, context.threads), layers));
  };
  return a;
}

}  // namespace rz::analysis
