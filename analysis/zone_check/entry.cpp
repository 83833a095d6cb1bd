// The zone check in the registry (ruralzone zone check): settings ([zone], and the road settings
// of [reach.roads]), the result layers, and how it runs.
#include <fmt/format.h>

#include "analysis/common/analysis.hpp"
#include "analysis/common/result_fields.hpp"
#include "analysis/common/road_travel.hpp"
#include "analysis/registry.hpp"
#include "analysis/zone_check/check_fields.hpp"
#include "analysis/zone_check/report.hpp"
#include "analysis/zone_check/settings.hpp"
#include "analysis/zone_check/zone_check_job.hpp"
#include "geo/error.hpp"

namespace rz::analysis {

// Declared with reach on roads (road_reach/entry.cpp), which reads the same [reach.roads] keys.
std::vector<Setting> road_travel_settings();
RoadReachSettings road_travel_from(const SettingValues& values);
RoadNetworkSettings road_network_from(const SettingValues& values);

namespace {

using geo::FieldType;

// The minimum count setting of each kZoneFacilityCategories entry, in its order.
constexpr std::array<const char*, kZoneFacilityCategories.size()> kFacilityMinKeys = {
    "training_centers_min", "exhibition_halls_min", "talent_incubators_min",
    "agricultural_parks_min"};
constexpr std::array<const char*, kZoneFacilityCategories.size()> kFacilityNames = {
    "training centers (培训中心)", "exhibition halls (展览馆)", "talent incubators (人才孵化基地)",
    "agricultural parks (农业产业园)"};

}  // namespace

std::vector<Setting> zone_check_settings() {
  const ZoneCheckSettings check;
  const ZoneLinkSettings links;
  std::vector<Setting> out = {
      integer_setting("members", check.members, "villages",
                      "Members (示范点) a zone has besides its core (the 12 of \"1+12\")", 1),
      number_setting("link_minutes", links.link_minutes, "min",
                     "Villages whose seats are at most this many road minutes apart are linked "
                     "in series (as are villages sharing a boundary)"),
      choice_setting("link_directions", to_string(links.directions), {"either", "both"},
                     "Which road direction counts for a link: either (the faster of the two "
                     "within the minutes) or both"),
      integer_setting("townships_min", check.townships_min, "townships",
                      "Townships the zone's villages must span at least", 1),
      number_setting("core_minutes_max", check.core_minutes_max, "min",
                     "Road minutes from the core to each member, and back, at most"),
      number_setting("center_minutes", check.center_minutes, "min",
                     "A Party-masses service center (党群服务中心) this many road minutes from a "
                     "village seat is within reach"),
      number_setting("center_radius_m", check.center_radius_m, "m",
                     "A Party-masses service center this close to a village seat in a straight "
                     "line is within reach"),
  };
  for (size_t c = 0; c < kZoneFacilityCategories.size(); ++c)
    out.push_back(
        integer_setting(kFacilityMinKeys[c], check.facilities_min[c], "",
                        fmt::format("Least {} in the zone's villages", kFacilityNames[c])));
  out.push_back(integer_setting("types_min", check.types_min, "types",
                                "Least distinct village types (枢纽型, 潮汐型, 基本型, 空心型) "
                                "among the zone's villages"));
  for (auto& s : road_travel_settings()) out.push_back(s);
  return out;
}

ZoneCheckJobSettings to_zone_check_settings(const SettingValues& values, int threads) {
  ZoneCheckJobSettings s;
  s.check.members = values.integer("members");
  s.check.townships_min = values.integer("townships_min");
  s.check.core_minutes_max = values.number("core_minutes_max");
  s.check.center_minutes = values.number("center_minutes");
  s.check.center_radius_m = values.number("center_radius_m");
  for (size_t c = 0; c < kZoneFacilityCategories.size(); ++c)
    s.check.facilities_min[c] = values.integer(kFacilityMinKeys[c]);
  s.check.types_min = values.integer("types_min");
  s.links.link_minutes = values.number("link_minutes");
  s.links.directions = link_directions_of(values.text("link_directions"));
  const RoadReachSettings road = road_travel_from(values);
  s.links.od.walk_kmh = road.walk_kmh;
  s.links.od.access_limit_m = road.access_limit_m;
  s.network = road_network_from(values);
  s.threads = threads;
  return s;
}

// The zone's villages by their role (zone_check_job.cpp and zone_design_job.cpp write 核心村 or
// 示范点): the core red with a large star (where a marker is drawn), the members outlined in red.
// The zone design's members share it (zone_design/entry.cpp).
geo::LayerStyle zone_villages_style() {
  auto core = geo::solid_fill("#d7191c", 0.45, "#d7191c");
  core.outline_width = 0.8;
  core.marker = geo::Marker::star;
  core.size = 6;
  return categorized_style("role",
                           {category_class("核心村", {"核心村", "Core village"}, core),
                            category_class("示范点", {"示范点", "Member (demonstration point)"},
                                           geo::outline_only("#d7191c", 0.8))},
                           "village_name");
}

namespace {

// The links between the zone's villages by their kind (zone_check_job.cpp).
geo::LayerStyle zone_links_style() {
  return categorized_style(
      "kind",
      {category_class("boundary", {"接壤", "Shared boundary"}, geo::line_symbol("#1f78b4", 0.6)),
       category_class("road", {"道路连通", "Road link"}, geo::line_symbol("#33a02c", 0.6)),
       category_class("boundary+road", {"接壤且道路连通", "Shared boundary and road"},
                      geo::line_symbol("#6a3d9a", 0.8)),
       category_class("missing", {"缺少串联（最短待补连接）", "Missing (cheapest link lacking)"},
                      geo::line_symbol("#e31a1c", 1.0))});
}

std::vector<ResultLayer> zone_check_layers() {
  const auto zone = field("zone", FieldType::text, "", "Zone name (示范区)", "示范区");
  const auto village_code = field("village_code", FieldType::text, "", "Village code", "村代码");
  const auto village_name = field("village_name", FieldType::text, "", "Village name", "村名");
  const auto township_code =
      field("township_code", FieldType::text, "", "Township code", "乡镇代码");
  const auto township_name =
      field("township_name", FieldType::text, "", "Township name", "乡镇名称");
  return {
      {"zone_checks",
       std::nullopt,
       "The zone checks (示范区检查): one row per zone and check, pass/fail with value and "
       "threshold",
       concat(concat({zone}, zone_check_fields()),
              {field("failing", FieldType::text, "", "The villages failing it: name（code）, by 、",
                     "未通过村庄"),
               field("failing_codes", FieldType::text, "", "Their codes, comma-separated",
                     "未通过村代码")}),
       "示范区逐项检查结果",
       {}},
      {"zone_members",
       geo::GeometryKind::polygon,
       "The zone's villages (核心村 and 示范点) with what the checks found of each",
       {zone,
        field("role", FieldType::text, "", "核心村 (core) or 示范点 (member)", "村庄角色"),
        village_code,
        village_name,
        township_code,
        township_name,
        field("component", FieldType::integer, "",
              "Its part of the linked graph: 0 is the core's; others are apart from it",
              "串联片区编号"),
        field("minutes_from_core", FieldType::real, "min",
              "Road minutes from the core's seat to its seat (empty: unreachable or no roads)",
              "核心村至本村用时（分钟）"),
        field("minutes_to_core", FieldType::real, "min", "Road minutes from its seat to the core's",
              "本村至核心村用时（分钟）"),
        field("station", FieldType::integer, "",
              "1 when it has a village service station (村级综合服务站)", "有村级综合服务站"),
        field("station_name", FieldType::text, "", "That station's name", "综合服务站名称"),
        field("center_name", FieldType::text, "",
              "The nearest Party-masses service center (on the roads when there are roads)",
              "最近党群服务中心"),
        field("center_metres", FieldType::real, "m",
              "Straight-line metres from the seat to the nearest center",
              "距党群服务中心直线距离（米）"),
        field("center_minutes", FieldType::real, "min",
              "Road minutes from the seat to the nearest center", "至党群服务中心用时（分钟）"),
        field("center_within", FieldType::integer, "", "1 when a center is within reach",
              "党群服务中心可达"),
        field("video_platform", FieldType::integer, "",
              "1 connected to the video-supervision platform (党建视频监管平台), 0 not, empty "
              "unknown",
              "接入党建视频监管平台"),
        field("ten_good_pass", FieldType::integer, "",
              "1 passes the 十好 (village assessment), 0 not, empty unknown", "十好全部达标"),
        field("ten_good_failed", FieldType::text, "", "The 十好 standards it fails",
              "十好未达标项"),
        field("type", FieldType::text, "", "Village type: hub, tidal, basic, hollow, unknown",
              "村庄类型代码"),
        field("type_zh", FieldType::text, "", "The same in Chinese (枢纽型, 潮汐型, ...)",
              "村庄类型"),
        field("collective_income", FieldType::real, "万元", "Collective income",
              "集体经济收入（万元）"),
        field("collective_target_met", FieldType::integer, "", "1 when the income meets the target",
              "集体经济收入达标"),
        field("failed_checks", FieldType::text, "", "The checks it fails, comma-separated",
              "未通过检查项")},
       "示范区村庄（核心村与示范点）检查情况",
       zone_villages_style()},
      {"zone_links",
       geo::GeometryKind::line,
       "Links between the zone's villages (有机串联), seat to seat: shared boundaries, road "
       "links, and the cheapest missing links",
       {zone, field("village_a", FieldType::text, "", "One village's code", "甲村代码"),
        field("name_a", FieldType::text, "", "Its name", "甲村名称"),
        field("village_b", FieldType::text, "", "The other village's code", "乙村代码"),
        field("name_b", FieldType::text, "", "Its name", "乙村名称"),
        field(
            "kind", FieldType::text, "",
            "Link kind: boundary, road, boundary+road or missing (a cheapest link the zone lacks)",
            "串联方式"),
        field("minutes_ab", FieldType::real, "min", "Road minutes from a to b",
              "甲至乙用时（分钟）"),
        field("minutes_ba", FieldType::real, "min", "Road minutes from b to a",
              "乙至甲用时（分钟）")},
       "示范区村庄有机串联关系",
       zone_links_style()},
      {"zone_townships",
       std::nullopt,
       "The townships a zone spans, with its villages in each",
       {zone, township_code, township_name,
        field("villages", FieldType::integer, "villages", "The zone's villages in it",
              "示范区村庄数"),
        field("village_names", FieldType::text, "", "Their names, by 、", "村庄名单")},
       "示范区涉及乡镇",
       {}},
  };
}

}  // namespace

Analysis zone_check_analysis() {
  Analysis a;
  a.name = "zone_check";
  a.command = "zone check";
  a.description =
      "Check each \"1+12\" demonstration zone layout (示范区检查): members, linked in series, "
      "townships, road minutes, stations and centers, video platform, facilities, 十好, income, "
      "diversity";
  a.title = {"示范区检查", "Zone check"};
  a.table = "zone";
  a.needs = {"villages", "zones"};
  a.uses = {"roads", "facilities"};
  // It reads the village assessment's layer (十好, type, income): data flows through the store.
  a.after = {"village_assessment"};
  a.settings = zone_check_settings();
  a.layers = zone_check_layers();
  a.report = zone_check_report_spec();
  a.check = [](const SettingValues& values) { to_zone_check_settings(values, 1); };
  a.run = [](geo::Store& store, const SettingValues& values, const RunContext& context) {
    ZoneCheckLayers layers;
    layers.zones = context.layer("zones");
    layers.villages = context.layer("villages");
    layers.roads = context.layer("roads");
    layers.facilities = context.layer("facilities");
    return zone_check_report(
        run_zone_check(store, to_zone_check_settings(values, context.threads), layers));
  };
  return a;
}

}  // namespace rz::analysis
