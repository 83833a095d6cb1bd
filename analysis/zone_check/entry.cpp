// The zone check in the registry (ruralzone zone check): settings ([zone], and the road settings
// of [reach.roads]), the result layers, and how it runs.
#include <fmt/format.h>

#include "analysis/common/analysis.hpp"
#include "analysis/common/result_fields.hpp"
#include "analysis/common/road_travel.hpp"
#include "analysis/registry.hpp"
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

namespace {

std::vector<ResultLayer> zone_check_layers() {
  const auto zone = field("zone", FieldType::text, "", "Zone name (示范区)");
  return {
      {"zone_checks",
       std::nullopt,
       "The zone checks (示范区检查): one row per zone and check, pass/fail with value and "
       "threshold",
       {zone, field("check", FieldType::text, "", "The check (members, linked_in_series, ...)"),
        field("pass", FieldType::integer, "", "1 when the zone passes it, 0 when not"),
        field("value", FieldType::text, "", "What was found"),
        field("threshold", FieldType::text, "", "What is required"),
        field("failing", FieldType::text, "", "The villages failing it: name（code）, by 、"),
        field("failing_codes", FieldType::text, "", "Their codes, comma-separated")}},
      {"zone_members",
       geo::GeometryKind::polygon,
       "The zone's villages (核心村 and 示范点) with what the checks found of each",
       {zone,
        field("role", FieldType::text, "", "核心村 (core) or 示范点 (member)"),
        field("village_code", FieldType::text, "", "Village code"),
        field("village_name", FieldType::text, "", "Village name"),
        field("township_code", FieldType::text, "", "Township code"),
        field("township_name", FieldType::text, "", "Township name"),
        field("component", FieldType::integer, "",
              "Its part of the linked graph: 0 is the core's; others are apart from it"),
        field("minutes_from_core", FieldType::real, "min",
              "Road minutes from the core's seat to its seat (empty: unreachable or no roads)"),
        field("minutes_to_core", FieldType::real, "min",
              "Road minutes from its seat to the core's"),
        field("station", FieldType::integer, "",
              "1 when it has a village service station (村级综合服务站)"),
        field("station_name", FieldType::text, "", "That station's name"),
        field("center_name", FieldType::text, "",
              "The nearest Party-masses service center (on the roads when there are roads)"),
        field("center_metres", FieldType::real, "m",
              "Straight-line metres from the seat to the nearest center"),
        field("center_minutes", FieldType::real, "min",
              "Road minutes from the seat to the nearest center"),
        field("center_within", FieldType::integer, "", "1 when a center is within reach"),
        field("video_platform", FieldType::integer, "",
              "1 connected to the video-supervision platform (党建视频监管平台), 0 not, empty "
              "unknown"),
        field("ten_good_pass", FieldType::integer, "",
              "1 passes the 十好 (village assessment), 0 not, empty unknown"),
        field("ten_good_failed", FieldType::text, "", "The 十好 standards it fails"),
        field("type", FieldType::text, "", "Village type: hub, tidal, basic, hollow, unknown"),
        field("type_zh", FieldType::text, "", "The same in Chinese (枢纽型, 潮汐型, ...)"),
        field("collective_income", FieldType::real, "万元", "Collective income"),
        field("collective_target_met", FieldType::integer, "",
              "1 when the income meets the target"),
        field("failed_checks", FieldType::text, "", "The checks it fails, comma-separated")}},
      {"zone_links",
       geo::GeometryKind::line,
       "Links between the zone's villages (有机串联), seat to seat: shared boundaries, road "
       "links, and the cheapest missing links",
       {zone, field("village_a", FieldType::text, "", "One village's code"),
        field("name_a", FieldType::text, "", "Its name"),
        field("village_b", FieldType::text, "", "The other village's code"),
        field("name_b", FieldType::text, "", "Its name"),
        field("kind", FieldType::text, "",
              "boundary, road, boundary+road, or missing (a cheapest link the zone lacks)"),
        field("minutes_ab", FieldType::real, "min", "Road minutes from a to b"),
        field("minutes_ba", FieldType::real, "min", "Road minutes from b to a")}},
      {"zone_townships",
       std::nullopt,
       "The townships a zone spans, with its villages in each",
       {zone, field("township_code", FieldType::text, "", "Township code"),
        field("township_name", FieldType::text, "", "Township name"),
        field("villages", FieldType::integer, "villages", "The zone's villages in it"),
        field("village_names", FieldType::text, "", "Their names, by 、")}},
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
  a.table = "zone";
  a.needs = {"villages", "zones"};
  a.uses = {"roads", "facilities"};
  // It reads the village assessment's layer (十好, type, income): data flows through the store.
  a.after = {"village_assessment"};
  a.settings = zone_check_settings();
  a.layers = zone_check_layers();
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
