#include "import/layer_kind.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "geo/messages.hpp"
#include "import/field_mapping.hpp"

namespace rz::import {

namespace {
using geo::FieldType;
using geo::GeometryKind;

// The ranges of every kind's numeric fields, by field name: a count is never negative, a 十好
// standard is a score of at most 100 (or 0/1 pass/fail), a flag is 0 or 1, a household is not
// 100 people, a road is not faster than an expressway.
void set_plausible_ranges(std::vector<KindSpec>& kinds) {
  struct Range {
    std::string_view field;
    std::optional<double> min;
    bool min_exclusive;
    std::optional<double> max;
  };
  static const Range ranges[] = {
      {"population", 0, false, std::nullopt},
      {"resident_population", 0, false, std::nullopt},
      {"households", 0, false, std::nullopt},
      {"party_members", 0, false, std::nullopt},
      {"migrant_workers", 0, false, std::nullopt},
      {"enterprises", 0, false, std::nullopt},
      {"workers", 0, false, std::nullopt},
      {"capacity", 0, false, std::nullopt},
      {"weight", 0, false, std::nullopt},
      {"required", 0, false, 1.0},
      {"persons", 0, false, 100.0},
      {"speed", 0, true, 150.0},
      {"out_commuters", 0, false, std::nullopt},
      {"demonstration_point", 0, false, 1.0},
      {"video_platform", 0, false, 1.0},
      {"weak_organization", 0, false, 1.0},
      {"petitions", 0, false, std::nullopt},
      {"safety_incidents", 0, false, std::nullopt},
      {"illegal_buildings", 0, false, std::nullopt},
      {"criminal_cases", 0, false, std::nullopt},
  };
  for (auto& kind : kinds)
    for (auto& field : kind.fields) {
      if (field.name.starts_with("good_")) field.min = 0, field.max = 100, field.yes_no = true;
      for (const auto& r : ranges)
        if (field.name == r.field) {
          field.min = r.min;
          field.min_exclusive = r.min_exclusive;
          field.max = r.max;
        }
      if (field.type == FieldType::integer && field.min == 0.0 && field.max == 1.0)
        field.yes_no = true;
    }
}

std::vector<KindSpec> make_kinds() {
  const CanonicalField village_code{"village_code",
                                    FieldType::text,
                                    false,
                                    {"村代码", "村编码", "村级代码", "行政村代码", "行政区划代码",
                                     "区划代码", "CUNDM", "CJDM", "XZQDM", "VILLAGE_CODE", "VCODE"},
                                    "12-digit village code"};
  // 十好: a 0/1 pass or a score (0..100), so real; the pass threshold is the analysis's setting.
  auto good = [](const char* name, const char* zh, const char* short_zh, const char* pinyin) {
    return CanonicalField{
        name,
        FieldType::real,
        false,
        {zh, fmt::format("{}好", zh), fmt::format("{}好", short_zh), fmt::format("{}得分", zh),
         fmt::format("{}评分", zh), pinyin, std::string(name)},
        fmt::format("十好: {} (0/1 or a score up to 100)", zh)};
  };
  std::vector<CanonicalField> ten_goods = {
      good("good_leadership", "领导班子", "班子", "LDBZ"),
      good("good_members", "党员队伍", "队伍", "DYDW"),
      good("good_mechanism", "工作机制", "机制", "GZJZ"),
      good("good_venue", "活动阵地", "阵地", "HDZD"),
      good("good_appearance", "村容村貌", "村容", "CRCM"),
      good("good_guarantee", "基本保障", "保障", "JBBZ"),
      good("good_industry", "产业发展", "产业", "CYFZ"),
      good("good_customs", "乡风文明", "乡风", "XFWM"),
      good("good_talent", "人才培养", "人才", "RCPY"),
      good("good_evaluation", "群众评价", "评价", "QZPJ"),
  };
  ten_goods[0].synonyms.insert(ten_goods[0].synonyms.begin() + 1, "班子");
  // What the register adds (contract of issue 18): the tidal type's out-commuters, the
  // demonstration-point and video-platform flags, and the five counted conditions of 六无 (the
  // sixth, 无空壳村, is collective_income > 0).
  const std::vector<CanonicalField> register_fields = {
      {"out_commuters",
       FieldType::integer,
       false,
       {"到外村务工", "到外村务工人数", "外村务工", "外出通勤", "通勤人数", "跨村务工", "DWCWG",
        "WCTQ", "TQRS", "OUT_COMMUTERS", "COMMUTERS"},
       "residents working in other villages (commuters)"},
      {"demonstration_point",
       FieldType::integer,
       false,
       {"示范点", "是否示范点", "党建示范点", "示范村", "SFD", "SFSFD", "DEMONSTRATION_POINT",
        "DEMO_POINT"},
       "Party-building demonstration point (0/1, 是/否)"},
      {"video_platform",
       FieldType::integer,
       false,
       {"党建视频监管平台", "视频监管平台", "视频监管", "视频平台", "接入视频监管", "SPJG",
        "SPJGPT", "VIDEO_PLATFORM", "VIDEO"},
       "connected to the Party-building video-supervision platform (0/1, 是/否)"},
      {"weak_organization",
       FieldType::integer,
       false,
       {"软弱涣散党组织", "软弱涣散", "软弱涣散村", "RRHS", "WEAK_ORGANIZATION", "WEAK_ORG"},
       "六无: weak and lax Party organisation (0/1, 是/否)"},
      {"petitions",
       FieldType::integer,
       false,
       {"越级上访", "信访积案", "越级上访信访积案", "上访", "信访", "YJSF", "XFJA", "PETITIONS"},
       "六无: petitions beyond the township, unresolved petition cases"},
      {"safety_incidents",
       FieldType::integer,
       false,
       {"重大安全事故", "安全事故", "AQSG", "ZDAQSG", "SAFETY_INCIDENTS"},
       "六无: major safety incidents"},
      {"illegal_buildings",
       FieldType::integer,
       false,
       {"违法建设", "违章建筑", "违建", "WFJS", "ILLEGAL_BUILDINGS"},
       "六无: illegal buildings"},
      {"criminal_cases",
       FieldType::integer,
       false,
       {"刑事案件", "XSAJ", "CRIMINAL_CASES"},
       "六无: criminal cases"},
  };

  std::vector<KindSpec> kinds;
  kinds.push_back({LayerKind::townships,
                   "townships",
                   "乡镇 township polygons",
                   GeometryKind::polygon,
                   false,
                   {{"code",
                     FieldType::text,
                     false,
                     {"乡镇代码", "乡镇编码", "代码", "行政区划代码", "区划代码", "XZDM", "XZQDM",
                      "DM", "CODE", "TOWNSHIP_CODE"},
                     "9-digit township code"},
                    {"name",
                     FieldType::text,
                     true,
                     {"乡镇名称", "乡镇", "名称", "XZMC", "MC", "XIANGZHEN", "NAME", "TOWNSHIP"},
                     "township name"}}});

  KindSpec villages{LayerKind::villages,
                    "villages",
                    "行政村 administrative village polygons",
                    GeometryKind::polygon,
                    false,
                    {{"code",
                      FieldType::text,
                      false,
                      {"村代码", "村编码", "行政村代码", "行政区划代码", "区划代码", "代码",
                       "CUNDM", "XZQDM", "DM", "CODE", "VILLAGE_CODE"},
                      "12-digit village code"},
                     {"name",
                      FieldType::text,
                      true,
                      {"村名", "村名称", "行政村", "行政村名", "名称", "CUNMING", "CUNMC", "MC",
                       "NAME", "VILLAGE"},
                      "village name"},
                     {"township_code",
                      FieldType::text,
                      false,
                      {"乡镇代码", "乡镇编码", "XZDM", "TOWNSHIP_CODE"},
                      "9-digit township code (derived from the village code when absent)"},
                     {"township_name",
                      FieldType::text,
                      false,
                      {"乡镇名称", "乡镇", "所属乡镇", "XZMC", "XIANGZHEN", "TOWNSHIP"},
                      "township name"},
                     {"population",
                      FieldType::integer,
                      false,
                      {"户籍人口", "人口", "总人口", "RK", "HJRK", "POP", "POPULATION"},
                      "registered population"},
                     {"resident_population",
                      FieldType::integer,
                      false,
                      {"常住人口", "CZRK", "RESIDENT", "RESIDENT_POP"},
                      "resident population"},
                     {"households",
                      FieldType::integer,
                      false,
                      {"户数", "总户数", "HS", "HUSHU", "HOUSEHOLDS"},
                      "households"},
                     {"party_members",
                      FieldType::integer,
                      false,
                      {"党员数", "党员", "党员人数", "DYS", "DY", "PARTY_MEMBERS"},
                      "Party members"},
                     {"migrant_workers",
                      FieldType::integer,
                      false,
                      {"外出务工", "外出务工人数", "外出劳动力", "WCWG", "MIGRANTS"},
                      "out-migrant labourers"},
                     {"enterprises",
                      FieldType::integer,
                      false,
                      {"企业数", "企业", "QYS", "ENTERPRISES"},
                      "enterprises"},
                     {"collective_income",
                      FieldType::real,
                      false,
                      {"集体收入", "集体经济收入", "村集体收入", "JTSR", "INCOME"},
                      "collective income (万元)"}}};
  for (const auto& f : ten_goods) villages.fields.push_back(f);
  for (const auto& f : register_fields) villages.fields.push_back(f);
  // The register: the villages' fields without geometry, keyed by a code it must have.
  KindSpec village_register{LayerKind::village_register,
                            "village_register",
                            "村级台账 village register (a table keyed by village code, joined "
                            "into the villages)",
                            GeometryKind::polygon,
                            true,
                            villages.fields,
                            true};
  village_register.fields[0].required = true;   // code
  village_register.fields[1].required = false;  // name
  kinds.push_back(std::move(villages));

  kinds.push_back({LayerKind::grids,
                   "grids",
                   "网格 governance grid polygons",
                   GeometryKind::polygon,
                   false,
                   {{"code",
                     FieldType::text,
                     false,
                     {"网格编码", "网格代码", "网格编号", "WGBM", "WGDM", "GRID_CODE", "CODE"},
                     "grid code"},
                    {"name",
                     FieldType::text,
                     false,
                     {"网格名称", "网格名", "名称", "WGMC", "NAME"},
                     "grid name"},
                    village_code,
                    {"workers",
                     FieldType::integer,
                     false,
                     {"网格员数", "网格员", "网格员人数", "WGYS", "WORKERS"},
                     "grid workers (网格员)"}}});

  kinds.push_back({LayerKind::households,
                   "households",
                   "农户 household points",
                   GeometryKind::point,
                   false,
                   {{"id",
                     FieldType::text,
                     false,
                     {"户编号", "户号", "户代码", "编号", "HBH", "HH", "ID", "HOUSEHOLD_ID"},
                     "household id"},
                    village_code,
                    {"persons",
                     FieldType::integer,
                     false,
                     {"人口", "人数", "家庭人口", "户人口", "RK", "RS", "PERSONS"},
                     "persons in the household"}}});

  kinds.push_back({LayerKind::facilities,
                   "facilities",
                   "设施 facility points (service centers, stations, ...)",
                   GeometryKind::point,
                   false,
                   {{"name", FieldType::text, false, {"名称", "设施名称", "MC", "NAME"}, "name"},
                    {"type",
                     FieldType::text,
                     true,
                     {"类型", "设施类型", "类别", "LX", "SSLX", "TYPE", "CATEGORY"},
                     "facility type (党群服务中心, 村级综合服务站, ...)"},
                    village_code,
                    {"capacity",
                     FieldType::integer,
                     false,
                     {"服务容量", "容量", "服务户数", "RL", "CAPACITY"},
                     "households the facility can serve"}}});

  kinds.push_back(
      {LayerKind::roads,
       "roads",
       "道路 road lines",
       GeometryKind::line,
       false,
       {{"name", FieldType::text, false, {"道路名称", "名称", "路名", "MC", "NAME"}, "name"},
        {"road_class",
         FieldType::text,
         false,
         {"道路等级", "等级", "技术等级", "行政等级", "DLDJ", "DJ", "CLASS", "ROAD_CLASS", "FCLASS",
          "HIGHWAY"},
         "road class (国道/省道/县道/乡道/村道)"},
        {"road_code",
         FieldType::text,
         false,
         {"道路编码", "路线编码", "编码", "LXBM", "DLBM", "REF", "ROAD_CODE"},
         "route code (G107, S214, X012, Y031, C105)"},
        {"oneway", FieldType::integer, false, {"单行", "单向", "ONEWAY"}, "one-way (1)"},
        {"speed",
         FieldType::real,
         false,
         {"时速", "速度", "设计速度", "SD", "SPEED", "MAXSPEED"},
         "speed km/h"},
        {"cost",
         FieldType::real,
         false,
         {"COST", "正向时间"},
         "travel minutes forward (negative: closed)"},
        {"reverse_cost",
         FieldType::real,
         false,
         {"REVERSE_COST", "反向时间"},
         "travel minutes backward (negative: closed)"}}});

  kinds.push_back(
      {LayerKind::zones,
       "zones",
       "示范区 demonstration zone layouts (member villages, core village)",
       GeometryKind::polygon,
       true,
       {{"zone",
         FieldType::text,
         true,
         {"示范区", "示范区名称", "片区", "SFQ", "ZONE", "ZONE_NAME"},
         "zone name"},
        village_code,
        {"village_name", FieldType::text, false, {"村名", "村名称", "VILLAGE"}, "village name"},
        {"role",
         FieldType::text,
         false,
         {"角色", "类别", "类型", "JS", "ROLE"},
         "核心村 core village or 示范点 demonstration point"}}});

  // Where new facilities could go (`ruralzone site --candidates`); without such a layer siting
  // uses the village seats.
  kinds.push_back({LayerKind::candidates,
                   "candidates",
                   "候选点 candidate sites for new facilities",
                   GeometryKind::point,
                   false,
                   {{"name", FieldType::text, false, {"名称", "候选点", "MC", "NAME"}, "name"},
                    {"id",
                     FieldType::text,
                     false,
                     {"编号", "候选点编号", "BH", "ID", "CANDIDATE_ID"},
                     "candidate id (as a cost matrix names it)"},
                    village_code,
                    {"required",
                     FieldType::integer,
                     false,
                     {"必选", "必建", "已定", "REQUIRED", "FIXED"},
                     "1: the site must be open (counts toward K)"},
                    {"capacity",
                     FieldType::integer,
                     false,
                     {"服务容量", "容量", "服务户数", "RL", "CAPACITY"},
                     "households a facility there could serve"}}});

  // What siting serves when it is not the households (`ruralzone site`): tract or village
  // centroids, or any demand points, each weighed by its weight (1 when it has none). The
  // explicit names come before the counts a weight is often taken from (需求 before 人口).
  kinds.push_back({LayerKind::demand,
                   "demand",
                   "需求点 demand points (tract or village centroids) with optional weights",
                   GeometryKind::point,
                   false,
                   {{"id",
                     FieldType::text,
                     false,
                     {"编号", "需求点编号", "ID", "DEMAND_ID", "BH"},
                     "demand point id"},
                    {"name", FieldType::text, false, {"名称", "需求点", "MC", "NAME"}, "name"},
                    {"weight",
                     FieldType::real,
                     false,
                     {"权重", "WEIGHT", "需求", "需求量", "DEMAND", "人口", "人数", "POP",
                      "POPULATION", "户数", "HOUSEHOLDS"},
                     "demand weight (persons, households, ...)"},
                    village_code}});
  kinds.push_back(std::move(village_register));
  set_plausible_ranges(kinds);
  return kinds;
}
}  // namespace

std::string implausible(const CanonicalField& field, double value) {
  if (field.min && (value < *field.min || (field.min_exclusive && value == *field.min)))
    return *field.min == 0 ? (value == 0 ? tr("is 0") : tr("is negative"))
                           : fmt::format(fmt::runtime(tr("is below {}")), *field.min);
  if (field.max && value > *field.max)
    return fmt::format(fmt::runtime(tr("is above {}")), *field.max);
  return {};
}

const std::vector<KindSpec>& all_kinds() {
  static const std::vector<KindSpec> kinds = make_kinds();
  return kinds;
}

const KindSpec& spec(LayerKind kind) {
  for (const auto& k : all_kinds())
    if (k.kind == kind) return k;
  throw std::logic_error("unknown layer kind");
}

std::optional<LayerKind> parse_kind(std::string_view name) {
  for (const auto& k : all_kinds())
    if (k.name == name) return k.kind;
  return std::nullopt;
}

std::string kind_names() {
  std::string out;
  for (const auto& k : all_kinds()) out += (out.empty() ? "" : ", ") + k.name;
  return out;
}

std::optional<int> yes_no_value(std::string_view text) {
  static const std::vector<std::string> yes = {"是",     "有", "√",   "✓",    "合格", "达标",
                                               "已接入", "y",  "yes", "true", "t"};
  static const std::vector<std::string> no = {"否",     "无", "×",  "✗",     "不合格", "未达标",
                                              "未接入", "n",  "no", "false", "f"};
  const std::string word = normalise_field_name(text);
  if (std::find(yes.begin(), yes.end(), word) != yes.end()) return 1;
  if (std::find(no.begin(), no.end(), word) != no.end()) return 0;
  return std::nullopt;
}

bool joins_into_villages(const CanonicalField& field) {
  return field.type != FieldType::text;
}

const std::vector<std::string>& lon_synonyms() {
  static const std::vector<std::string> names = {
      "经度", "lon", "lng", "long", "longitude", "x", "jd", "坐标x", "x坐标", "gcj_lon", "point_x"};
  return names;
}

const std::vector<std::string>& lat_synonyms() {
  static const std::vector<std::string> names = {"纬度",  "lat",   "latitude", "y",      "wd",
                                                 "坐标y", "y坐标", "gcj_lat",  "point_y"};
  return names;
}

}  // namespace rz::import
