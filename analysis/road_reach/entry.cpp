// Reach on roads in the registry: its settings ([reach.roads], and the reach targets it shares
// with straight-line reach), result layers, and how it runs.
#include <algorithm>

#include "analysis/common/analysis.hpp"
#include "analysis/common/reach_targets.hpp"
#include "analysis/common/result_fields.hpp"
#include "analysis/registry.hpp"
#include "analysis/road_reach/report.hpp"
#include "analysis/road_reach/road_reach_job.hpp"

namespace rz::analysis {

namespace {

using geo::FieldType;
using geo::GeometryKind;

}  // namespace

// The road settings siting shares with reach on roads (siting/entry.cpp reads them from the same
// [reach.roads] table).
std::vector<Setting> road_travel_settings() {
  const RoadReachSettings reach;
  const RoadNetworkSettings network;
  auto walk = number_setting("walk_kmh", reach.walk_kmh, "km/h",
                             "Walking speed from a household to the road, and from the road "
                             "to a facility");
  auto access = number_setting("access_limit_m", reach.access_limit_m, "m",
                               "A household or facility farther than this from every road is "
                               "not reached");
  auto snap =
      number_setting("snap_m", network.snap_m, "m", "Line ends closer than this are one node");
  auto speed = number_setting("default_speed_kmh", network.default_speed_kmh, "km/h",
                              "Speed of roads with no speed, class or cost");
  for (Setting* s : {&walk, &access, &snap, &speed}) s->table = "reach.roads";
  return {walk, access, snap, speed};
}

RoadReachSettings road_travel_from(const SettingValues& values) {
  RoadReachSettings s;
  s.walk_kmh = values.number("walk_kmh");
  s.access_limit_m = values.number("access_limit_m");
  return s;
}

RoadNetworkSettings road_network_from(const SettingValues& values) {
  RoadNetworkSettings s;
  s.snap_m = values.number("snap_m");
  s.default_speed_kmh = values.number("default_speed_kmh");
  return s;
}

namespace {

std::vector<Setting> road_reach_settings() {
  const RoadReachSettings reach;
  const RoadReachJobSettings job;
  Setting thresholds;
  thresholds.key = "thresholds_min";
  thresholds.type = SettingType::numbers;
  thresholds.default_value = reach.thresholds_min;
  thresholds.unit = "min";
  thresholds.min = 0;
  thresholds.min_exclusive = true;
  thresholds.value_name = "MIN,MIN,...";
  thresholds.help = "Minutes within which households are counted (one field pair each)";
  auto targets = reach_targets_setting();
  targets.table = "reach";
  auto out = std::vector<Setting>{targets, thresholds};
  for (auto& s : road_travel_settings()) out.push_back(s);
  auto areas = boolean_setting("areas", job.areas,
                               "Write the service areas and isochrones as polygons (every "
                               "household is still assigned without them)");
  auto spacing = number_setting("area_spacing_m", job.area_spacing_m, "m",
                                "Road sample spacing for the service areas and isochrones");
  auto cutoff = number_setting("assignment_cutoff_min", job.assignment_cutoff_min, "min",
                               "Capacitated assignment: farther centers do not serve a household");
  out.push_back(areas);
  out.push_back(spacing);
  out.push_back(cutoff);
  return out;
}

RoadReachJobSettings to_road_reach_settings(const SettingValues& values, int threads) {
  RoadReachJobSettings s;
  s.reach = road_travel_from(values);
  s.network = road_network_from(values);
  s.reach.thresholds_min = values.numbers("thresholds_min");
  std::sort(s.reach.thresholds_min.begin(), s.reach.thresholds_min.end());
  s.reach.categories.clear();
  for (const auto& t : reach_targets(values)) s.reach.categories.push_back(t.category);
  s.areas = values.boolean("areas");
  s.area_spacing_m = values.number("area_spacing_m");
  s.assignment_cutoff_min = values.number("assignment_cutoff_min");
  s.threads = threads;
  return s;
}

ResultField category_field() {
  return field("category", FieldType::text, "", "Facility category", "设施类别");
}

// The per-threshold fields, for each threshold T: within_Tmin, within_Tmin_share and
// persons_within_Tmin (their Chinese aliases name {threshold} alike). Persons beside
// households: a household without persons counts 0 (a warning counts them), and the persons
// fields are empty when no household has persons. `code_alias` and `name_alias` name the
// village's, township's or county's code and name.
std::vector<ResultField> summary_fields(const char* code_alias, const char* name_alias) {
  return {category_field(),
          field("code", FieldType::text, "", "Code", code_alias),
          field("name", FieldType::text, "", "Name", name_alias),
          field("households", FieldType::integer, "households", "Households", "户数"),
          field("unreached", FieldType::integer, "households", "Not reached on the roads",
                "道路不可达户数"),
          field("within_{threshold}min", FieldType::integer, "households",
                "Within that many minutes (one per threshold)", "{threshold}分钟内户数"),
          field("within_{threshold}min_share", FieldType::real, "share",
                "within / households (one per threshold)", "{threshold}分钟内户数占比"),
          field("persons", FieldType::integer, "persons",
                "Persons of the households (empty when no household has persons)", "人数"),
          field("persons_unreached", FieldType::integer, "persons",
                "Persons of the households not reached", "道路不可达人数"),
          field("persons_within_{threshold}min", FieldType::integer, "persons",
                "Persons of the households within that many minutes (one per threshold)",
                "{threshold}分钟内人数")};
}

// The summaries' shares are one field per threshold, which the declaration does not name: a
// translucent fill, labelled with the name.
geo::LayerStyle summary_style() {
  return single_style(geo::solid_fill("#9ecae1", 0.4, "#3182bd"), "name");
}

std::vector<ResultLayer> road_reach_layers() {
  auto isochrones = graduated_style("minutes", geo::solid_fill("#1a9850", 0.45, "#636363"));
  isochrones.ramp_from = "#1a9850";
  isochrones.ramp_to = "#d73027";
  return {
      {"road_reach_households", GeometryKind::point,
       "Households not within the largest threshold, or not reachable, with the reason",
       concat(concat(concat(household_id_fields(), {village_fid_field()}),
                     village_and_township_code_fields()),
              {category_field(),
               field("minutes", FieldType::real, "min",
                     "Minutes to the nearest facility on the roads", "至最近设施用时（分钟）"),
               facility_fid_field(),
               field("nearest_facility", FieldType::text, "", "That facility", "最近设施"),
               field("unreached_reason", FieldType::text, "",
                     "Why it is not reached (empty: reached, but farther)", "不可达原因")}),
       "超出可达时限或道路不可达农户",
       hidden(single_style(geo::point_marker(geo::Marker::circle, "#e6550d", 1.2)))},
      {"road_reach_villages", GeometryKind::polygon, "Per village and category, on the roads",
       summary_fields("村代码", "村名"), "各村道路可达情况", summary_style()},
      {"road_reach_townships", GeometryKind::polygon, "Per township and category, on the roads",
       summary_fields("乡镇代码", "乡镇名称"), "各乡镇道路可达情况", hidden(summary_style())},
      {"road_reach_county", GeometryKind::polygon, "Per county and category, on the roads",
       summary_fields("县（市、区）代码", "县（市、区）名称"), "全县道路可达情况",
       hidden(summary_style())},
      {"road_service_households",
       GeometryKind::point,
       "Every household's nearest facility on the roads, per category",
       {field("household_fid", FieldType::integer, "", "The household's fid", "农户要素ID"),
        category_field(),
        field("facility_fid", FieldType::integer, "", "The facility's fid", "设施要素ID"),
        field("facility", FieldType::text, "", "The facility", "最近设施"),
        field("minutes", FieldType::real, "min", "Minutes on the roads", "道路用时（分钟）")},
       "农户道路就近设施及用时",
       hidden(single_style(geo::point_marker(geo::Marker::circle, "#3182bd", 1)))},
      {"road_service_areas",
       GeometryKind::polygon,
       "Per facility: the area nearest to it on the roads (服务范围)",
       {category_field(),
        field("facility_fid", FieldType::integer, "", "The facility's fid", "设施要素ID"),
        field("facility", FieldType::text, "", "The facility", "设施名称"),
        field("households", FieldType::integer, "households", "Households nearest to it",
              "就近户数"),
        field("capacity", FieldType::real, "households", "Its capacity (服务容量)",
              "服务容量（户）"),
        field("beyond_capacity", FieldType::integer, "households", "Households beyond the capacity",
              "超出容量户数"),
        field("assigned", FieldType::real, "households", "Given it by the capacitated assignment",
              "按容量分配户数"),
        field("area_m2", FieldType::real, "m²", "Area", "面积（平方米）")},
       "设施道路服务范围",
       single_style(geo::solid_fill("#74a9cf", 0.35, "#0570b0"), "facility")},
      {"road_isochrones",
       GeometryKind::polygon,
       "Per category and threshold: the area within that many minutes (等时圈)",
       {category_field(),
        field("minutes", FieldType::real, "min", "The threshold", "时间阈值（分钟）"),
        field("households_within", FieldType::integer, "households", "Households within it",
              "圈内户数"),
        field("persons_within", FieldType::integer, "persons",
              "Their persons (empty when no household has persons)", "圈内人数"),
        field("area_m2", FieldType::real, "m²", "Area", "面积（平方米）")},
       "道路等时圈",
       isochrones},
  };
}

}  // namespace

Analysis road_reach_analysis() {
  Analysis a;
  a.name = "road_reach";
  a.command = "reach";
  a.description = "Reach on roads (路网可达): minutes from every household to the nearest facility";
  a.title = {"服务可达（道路）", "Service reach by road"};
  a.table = "reach.roads";
  a.needs = {"villages", "households", "facilities", "roads"};
  a.uses = {"townships"};
  a.settings = road_reach_settings();
  a.layers = road_reach_layers();
  a.report = road_reach_report_spec();
  a.alone_flag = "roads-only";
  a.alone_help = "Reach on roads only (no straight-line layers)";
  a.check = [](const SettingValues& values) { to_road_reach_settings(values, 1); };
  a.run = [](geo::Store& store, const SettingValues& values, const RunContext& context) {
    const RoadReachLayers layers{context.layer("villages"), context.layer("households"),
                                 context.layer("facilities"), context.layer("roads"),
                                 context.layer("townships")};
    return road_reach_report(
        run_road_reach(store, to_road_reach_settings(values, context.threads), layers));
  };
  return a;
}

}  // namespace rz::analysis
