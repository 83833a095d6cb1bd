// The village assessment in the registry (ruralzone villages): its settings ([villages]), result
// layers, and how it runs. The rules are in typology.hpp and standards.hpp.
#include <fmt/format.h>

#include "analysis/common/analysis.hpp"
#include "analysis/common/result_fields.hpp"
#include "analysis/registry.hpp"
#include "analysis/villages/report.hpp"
#include "analysis/villages/villages_job.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::analysis {

namespace {

using geo::FieldType;
using geo::GeometryKind;

// A share or ratio setting: a number of at least 0.
Setting ratio_setting(std::string key, double fallback, std::string help) {
  return number_setting(std::move(key), fallback, "", std::move(help), 0, false);
}

std::vector<Setting> village_settings() {
  const AssessmentSettings d;
  const TypologySettings& t = d.typology;
  auto hollow_ratio =
      ratio_setting("hollow_resident_ratio", t.hollow_resident_ratio,
                    "Rule 1, hollow 空心型: resident ÷ registered population below this");
  auto hollow_migrants = ratio_setting(
      "hollow_migrant_share", t.hollow_migrant_share,
      "Rule 1, hollow 空心型 (or): migrant workers ÷ registered population at least this");
  auto hub_ratio = ratio_setting("hub_resident_ratio", t.hub_resident_ratio,
                                 "Rule 2, hub 枢纽型: resident ÷ registered population at least "
                                 "this");
  auto hub_enterprises = number_setting(
      "hub_enterprises_per_1000", t.hub_enterprises_per_1000, "",
      "Rule 2, hub 枢纽型 (and): enterprises per 1,000 residents at least this", 0, false);
  auto tidal = ratio_setting("tidal_commuter_share", t.tidal_commuter_share,
                             "Rule 3, tidal 潮汐型: out-commuters ÷ resident population at least "
                             "this (else basic 基本型)");
  auto resident_max = number_setting(
      "resident_ratio_max", d.resident_ratio_max, "",
      "Bad input: a village with more residents than this × its registered population", 0, true);
  auto ten_min = number_setting(
      "ten_good_min", 1.0, "",
      "A 十好 standard passes when its value is at least this (1: passed, for 0/1 fields)", 0,
      false);
  auto ten_max = number_setting("ten_good_max", d.ten_good.max, "",
                                "Bad input: a 十好 value above this (a score's maximum)", 0, true);
  Setting standards;
  standards.key = "ten_good";
  standards.type = SettingType::records;
  standards.keyed = true;
  standards.key_help = "a 十好 field (good_leadership, ..., good_evaluation)";
  standards.option = "-";
  standards.help =
      "A standard's own pass mark: [villages.ten_good.<field>] with min (default: ten_good_min)";
  standards.fields = {
      number_setting("min", 1.0, "", "The standard passes at this value", 0, false)};
  standards.fields[0].default_value = {};
  Setting conditions;
  conditions.key = "six_none";
  conditions.type = SettingType::records;
  conditions.option = "-";
  conditions.help =
      "The 六无 conditions, each [[villages.six_none]] with name, field (a villages field or "
      "attribute) and rule (==, !=, <, <=, >, >= and a number); given ones replace the defaults";
  conditions.fields = {text_setting("name", "", "The condition's name, e.g. 无越级上访"),
                       text_setting("field", "", "The villages field it tests, e.g. petitions"),
                       text_setting("rule", "", "The test, e.g. \"== 0\"")};
  std::vector<Record> defaults;
  for (const auto& c : six_none_defaults())
    defaults.push_back({"", {{"name", c.name}, {"field", c.field}, {"rule", c.rule()}}});
  conditions.default_value = std::move(defaults);
  auto target =
      number_setting("collective_target", d.collective_target, "万元",
                     "Collective income target of every village (seed 004: 3 万元)", 0, false);
  auto required = ratio_setting(
      "required_ratio", d.required_ratio,
      "Demonstration points ÷ villages each township must reach (seed 000: not less than X %)");
  required.max = 1;
  auto township_ratio = ratio_setting("required_ratio", d.required_ratio,
                                      "Demonstration points ÷ villages the township must reach");
  township_ratio.max = 1;
  auto townships = township_records_setting(
      "A township's own ratio: [villages.townships.<code>] with required_ratio (default: the "
      "county's)",
      {township_ratio});
  auto candidates = integer_setting("candidates", d.candidates, "villages",
                                    "Per township, how many candidates for new points to list", 0);
  return {hollow_ratio, hollow_migrants, hub_ratio, hub_enterprises, tidal,
          resident_max, ten_min,         ten_max,   standards,       conditions,
          target,       required,        townships, candidates};
}

AssessmentSettings to_assessment_settings(const SettingValues& values) {
  AssessmentSettings s;
  s.typology.hollow_resident_ratio = values.number("hollow_resident_ratio");
  s.typology.hollow_migrant_share = values.number("hollow_migrant_share");
  s.typology.hub_resident_ratio = values.number("hub_resident_ratio");
  s.typology.hub_enterprises_per_1000 = values.number("hub_enterprises_per_1000");
  s.typology.tidal_commuter_share = values.number("tidal_commuter_share");
  s.resident_ratio_max = values.number("resident_ratio_max");
  s.ten_good.min.fill(values.number("ten_good_min"));
  s.ten_good.max = values.number("ten_good_max");
  if (values.has("ten_good"))
    for (const auto& r : values.records("ten_good")) {
      const std::string where = fmt::format("{} ten_good.{}", values.source("ten_good"), r.name);
      size_t i = 0;
      while (i < kTenGood.size() && kTenGood[i].field != r.name) ++i;
      if (i == kTenGood.size()) {
        std::vector<std::string> known;
        for (const auto& g : kTenGood) known.emplace_back(g.field);
        throw UsageError(fmt::format(fmt::runtime(tr("{}: {} is no {} field (known: {})")), where,
                                     in_quotes(r.name), "十好", fmt::join(known, ", ")));
      }
      if (auto it = r.fields.find("min"); it != r.fields.end())
        s.ten_good.min[i] = std::holds_alternative<int64_t>(it->second)
                                ? static_cast<double>(std::get<int64_t>(it->second))
                                : std::get<double>(it->second);
    }
  for (size_t i = 0; i < kTenGood.size(); ++i)
    if (s.ten_good.min[i] > s.ten_good.max)
      throw UsageError(fmt::format(
          fmt::runtime(tr("{}: the pass mark {:g} of {} is above ten_good_max {:g}")),
          values.source("ten_good_max"), s.ten_good.min[i], kTenGood[i].field, s.ten_good.max));
  s.six_none.clear();
  int index = 0;
  for (const auto& r : values.records("six_none")) {
    const std::string where = fmt::format("{} #{}", values.source("six_none"), ++index);
    auto text = [&](const char* key) {
      auto it = r.fields.find(key);
      if (it == r.fields.end() || std::get<std::string>(it->second).empty())
        throw UsageError(fmt::format(fmt::runtime(tr("{}: {} is missing")), where, in_quotes(key)));
      return std::get<std::string>(it->second);
    };
    s.six_none.push_back(parse_condition(text("name"), text("field"), text("rule"), where));
  }
  if (s.six_none.empty())
    throw UsageError(fmt::format(fmt::runtime(tr("{}: six_none needs at least one condition")),
                                 values.source("six_none")));
  s.collective_target = values.number("collective_target");
  s.required_ratio = values.number("required_ratio");
  if (values.has("townships"))
    for (const auto& t : values.records("townships")) {
      township_record_where(values, t);  // checks the key
      if (auto it = t.fields.find("required_ratio"); it != t.fields.end())
        s.township_required_ratio[t.name] = std::holds_alternative<int64_t>(it->second)
                                                ? static_cast<double>(std::get<int64_t>(it->second))
                                                : std::get<double>(it->second);
    }
  s.candidates = values.integer("candidates");
  return s;
}

std::vector<ResultField> area_result_fields() {
  return {
      field("villages", FieldType::integer, "villages", "Villages", "村数"),
      field("demonstration_points", FieldType::integer, "villages",
            "Villages that are demonstration points (示范点 = 1)", "示范点数"),
      field("points_unknown", FieldType::integer, "villages",
            "Villages without a demonstration_point value", "示范点未填报村数"),
      field("point_ratio", FieldType::real, "share", "demonstration_points / villages",
            "示范点占比"),
      field("required_ratio", FieldType::real, "share", "The ratio required (示范点比例)",
            "示范点要求占比"),
      field("required_points", FieldType::integer, "villages", "ceil(required_ratio × villages)",
            "应有示范点数"),
      field("ratio_met", FieldType::integer, "",
            "1 when the points reach the ratio, 0 when not, null when villages without the flag "
            "could make it",
            "示范点比例达标"),
      field("points_needed", FieldType::integer, "villages",
            "More points needed to reach the ratio (0 when met; null when undecided)",
            "尚需示范点数"),
      field("ten_good_pass", FieldType::integer, "villages", "Villages passing all ten 十好",
            "十好达标村数"),
      field("six_none_pass", FieldType::integer, "villages", "Villages passing every 六无",
            "六无达标村数"),
      field("both_pass", FieldType::integer, "villages", "Villages passing 十好 and 六无",
            "十好、六无均达标村数"),
      field("full_coverage", FieldType::integer, "",
            "1 when every village passes 十好 and 六无 (十好、六无全覆盖), 0 when one fails, null "
            "when undecided",
            "十好、六无全覆盖"),
      field("hub", FieldType::integer, "villages", "枢纽型 villages", "枢纽型村数"),
      field("tidal", FieldType::integer, "villages", "潮汐型 villages", "潮汐型村数"),
      field("basic", FieldType::integer, "villages", "基本型 villages", "基本型村数"),
      field("hollow", FieldType::integer, "villages", "空心型 villages", "空心型村数"),
      field("unknown", FieldType::integer, "villages", "Villages of unknown type", "类型未知村数"),
      field("shell_villages", FieldType::integer, "villages", "空壳村: collective income 0",
            "空壳村数"),
      field("collective_target_met", FieldType::integer, "villages",
            "Villages at or above the collective income target", "集体经济收入达标村数"),
  };
}

// The villages by type (the values of village_types.cpp's to_string), labelled with the name.
geo::LayerStyle village_type_style() {
  auto fill = [](const char* colour) { return geo::solid_fill(colour, 0.7, "#636363"); };
  return categorized_style("type",
                           {category_class("hub", {"枢纽型", "Hub"}, fill("#e6550d")),
                            category_class("tidal", {"潮汐型", "Tidal"}, fill("#3182bd")),
                            category_class("basic", {"基本型", "Basic"}, fill("#74c476")),
                            category_class("hollow", {"空心型", "Hollow"}, fill("#969696")),
                            category_class("unknown", {"未知", "Unknown"}, fill("#f0f0f0"))},
                           "village_name");
}

// The villages by 十好 status, QGIS's second style of the layer.
geo::NamedStyle ten_good_style() {
  auto fill = [](const char* colour) { return geo::solid_fill(colour, 0.7, "#636363"); };
  return {{"十好达标情况", "十好 status"},
          categorized_style("ten_good_pass",
                            {category_class("1", {"十好达标", "passes the 十好"}, fill("#1a9850")),
                             category_class("0", {"十好未达标", "fails the 十好"}, fill("#d73027")),
                             category_class("", {"无数据", "no data"}, fill("#f0f0f0"))},
                            "village_name")};
}

geo::LayerStyle village_assessment_style() {
  auto style = village_type_style();
  style.alternatives.push_back(ten_good_style());
  return style;
}

std::vector<ResultLayer> village_layers() {
  return {
      {"village_assessment", GeometryKind::polygon,
       "Every village's type (村庄类型), 十好, 六无 and collective economy (集体经济)",
       concat(
           {field("village_code", FieldType::text, "", "Village code", "村代码"),
            field("village_name", FieldType::text, "", "Village name", "村名"),
            field("township_code", FieldType::text, "", "Township code", "乡镇代码"),
            field("township_name", FieldType::text, "", "Township name", "乡镇名称"),
            field("type", FieldType::text, "", "Village type: hub, tidal, basic, hollow or unknown",
                  "村庄类型代码"),
            field("type_zh", FieldType::text, "",
                  "Village type in Chinese: 枢纽型, 潮汐型, 基本型, 空心型 or 未知", "村庄类型"),
            field("type_rule", FieldType::text, "",
                  "The rule that decided the type, with the values compared", "分类依据"),
            field("missing_fields", FieldType::text, "",
                  "Fields the village lacks that the type, 十好, 六无 or collective economy need",
                  "缺失字段"),
            field("resident_ratio", FieldType::real, "share",
                  "resident_population / population (常住 ÷ 户籍)", "常住人口与户籍人口之比"),
            field("migrant_share", FieldType::real, "share",
                  "migrant_workers / population (外出务工 ÷ 户籍人口)", "外出务工人口占比"),
            field("commuter_share", FieldType::real, "share", "out_commuters / resident_population",
                  "外出通勤人口占比"),
            field("enterprises_per_1000", FieldType::real, "", "enterprises per 1,000 residents",
                  "每千名常住人口企业数"),
            field("ten_good_passed", FieldType::integer, "",
                  "十好 standards passed (0-10; null when the village has none)", "十好达标项数"),
            field("ten_good_score", FieldType::real, "share", "ten_good_passed / 10",
                  "十好达标占比"),
            field("ten_good_pass", FieldType::integer, "",
                  "1 when all ten pass, 0 when one fails, null when undecided", "十好全部达标"),
            field("ten_good_failed", FieldType::text, "", "The standards failed, e.g. 产业发展",
                  "十好未达标项"),
            field("six_none_pass", FieldType::integer, "",
                  "1 when every 六无 condition holds, 0 when one fails, null when undecided",
                  "六无全部达标"),
            field("six_none_failed", FieldType::text, "", "The conditions failed", "六无未达标项")},
           {field("collective_income", FieldType::real, "万元", "Collective income",
                  "集体经济收入（万元）"),
            field("collective_target_met", FieldType::integer, "",
                  "1 when the income reaches the target", "集体经济收入达标"),
            field("shell_village", FieldType::integer, "", "1 for a 空壳村 (income 0)", "空壳村"),
            field("demonstration_point", FieldType::integer, "",
                  "1 for a demonstration point (示范点)", "示范点")}),
       "村庄分类及十好、六无、集体经济评估", village_assessment_style()},
      {"village_townships", GeometryKind::polygon,
       "Per township: demonstration points against the ratio, 十好、六无 coverage, types, and "
       "candidates for new points",
       concat(concat({field("township_code", FieldType::text, "", "Township code", "乡镇代码"),
                      field("township_name", FieldType::text, "", "Township name", "乡镇名称")},
                     area_result_fields()),
              {field("candidates", FieldType::text, "",
                     "The villages not yet points closest to passing 十好 and 六无, best first",
                     "示范点候选村"),
               field("candidate_codes", FieldType::text, "", "Their codes, comma-separated",
                     "候选村代码")}),
       "各乡镇示范点比例及十好、六无覆盖情况",
       hidden(single_style(geo::outline_only("#525252", 0.8), "township_name"))},
      {"village_county",
       std::nullopt,
       "Per county: the same, with the townships short of their ratio",
       concat(
           concat({field("county_code", FieldType::text, "", "County code (6 digits)",
                         "县（市、区）代码"),
                   field("county_name", FieldType::text, "", "County name (none known)",
                         "县（市、区）名称")},
                  area_result_fields()),
           {field("townships", FieldType::integer, "townships", "Townships", "乡镇数"),
            field("townships_short", FieldType::integer, "townships",
                  "Townships short of their ratio", "示范点比例未达标乡镇数"),
            field("townships_covered", FieldType::integer, "townships",
                  "Townships where 十好 and 六无 cover every village", "十好、六无全覆盖乡镇数")}),
       "全县示范点比例及十好、六无覆盖情况",
       {}},
  };
}

}  // namespace

Analysis village_assessment_analysis() {
  Analysis a;
  a.name = "village_assessment";
  a.command = "villages";
  a.description =
      "Village assessment (村庄评估): type (枢纽型/潮汐型/基本型/空心型), 十好, 六无, collective "
      "economy, demonstration points per township";
  a.title = {"村庄评估", "Village assessment"};
  a.table = "villages";
  a.needs = {"villages"};
  a.uses = {"townships"};
  a.settings = village_settings();
  a.layers = village_layers();
  a.report = village_report_spec();
  a.check = [](const SettingValues& values) { to_assessment_settings(values); };
  a.run = [](geo::Store& store, const SettingValues& values, const RunContext& context) {
    VillageLayers layers;
    layers.villages = context.layer("villages");
    layers.townships = context.layer("townships");
    return village_report(run_village_assessment(store, to_assessment_settings(values), layers));
  };
  return a;
}

}  // namespace rz::analysis
