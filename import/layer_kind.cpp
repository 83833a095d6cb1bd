#include "import/layer_kind.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace rz::import {

namespace {
using geo::FieldType;
using geo::GeometryKind;

// The ranges of every kind's numeric fields, by field name: a count is never negative, a 十好
// criterion is 0 or 1, a household is not 100 people, a road is not faster than an expressway.
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
  };
  for (auto& kind : kinds)
    for (auto& field : kind.fields) {
      if (field.name.starts_with("good_")) field.min = 0, field.max = 1;
      for (const auto& r : ranges)
        if (field.name == r.field) {
          field.min = r.min;
          field.min_exclusive = r.min_exclusive;
          field.max = r.max;
        }
    }
}

std::vector<KindSpec> make_kinds() {
  const CanonicalField village_code{"village_code",
                                    FieldType::text,
                                    false,
                                    {"村代码", "村编码", "村级代码", "行政村代码", "行政区划代码",
                                     "区划代码", "CUNDM", "CJDM", "XZQDM", "VILLAGE_CODE", "VCODE"},
                                    "12-digit village code"};
  const std::vector<CanonicalField> ten_goods = {
      {"good_leadership",
       FieldType::integer,
       false,
       {"领导班子", "班子", "LDBZ"},
       "十好: 领导班子"},
      {"good_members", FieldType::integer, false, {"党员队伍", "DYDW"}, "十好: 党员队伍"},
      {"good_mechanism", FieldType::integer, false, {"工作机制", "GZJZ"}, "十好: 工作机制"},
      {"good_venue", FieldType::integer, false, {"活动阵地", "HDZD"}, "十好: 活动阵地"},
      {"good_appearance", FieldType::integer, false, {"村容村貌", "CRCM"}, "十好: 村容村貌"},
      {"good_guarantee", FieldType::integer, false, {"基本保障", "JBBZ"}, "十好: 基本保障"},
      {"good_industry", FieldType::integer, false, {"产业发展", "CYFZ"}, "十好: 产业发展"},
      {"good_customs", FieldType::integer, false, {"乡风文明", "XFWM"}, "十好: 乡风文明"},
      {"good_talent", FieldType::integer, false, {"人才培养", "RCPY"}, "十好: 人才培养"},
      {"good_evaluation", FieldType::integer, false, {"群众评价", "QZPJ"}, "十好: 群众评价"},
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
  set_plausible_ranges(kinds);
  return kinds;
}
}  // namespace

std::string implausible(const CanonicalField& field, double value) {
  if (field.min && (value < *field.min || (field.min_exclusive && value == *field.min)))
    return *field.min == 0 ? (value == 0 ? "is 0" : "is negative")
                           : fmt::format("is below {}", *field.min);
  if (field.max && value > *field.max) return fmt::format("is above {}", *field.max);
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
