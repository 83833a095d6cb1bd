// Straight-line reach in the registry: its settings, result layers, and how it runs.
#include "analysis/common/analysis.hpp"
#include "analysis/common/reach_targets.hpp"
#include "analysis/common/result_fields.hpp"
#include "analysis/reach/reach_job.hpp"
#include "analysis/reach/report.hpp"
#include "analysis/registry.hpp"

namespace rz::analysis {

namespace {

using geo::FieldType;
using geo::GeometryKind;

std::vector<Setting> reach_settings() {
  const ReachSettings defaults;
  auto households = boolean_setting(
      "households_layer", defaults.households_layer,
      "Write the layer of the households beyond the radius (at province scale millions of rows, "
      "most of the job's time); the villages, townships, county and service areas come without "
      "it");
  households.aliases = {"no-households"};
  auto areas = boolean_setting(
      "areas", defaults.service_areas,
      "Write the service areas: the dissolved circles around each target's facilities (and, on "
      "roads, the service areas and isochrones)");
  return {reach_targets_setting(), households, areas};
}

ReachSettings to_reach_settings(const SettingValues& values, int threads) {
  ReachSettings s;
  s.targets = reach_targets(values);
  s.households_layer = values.boolean("households_layer");
  s.service_areas = values.boolean("areas");
  s.threads = threads;
  return s;
}

// Persons beside households: a household without persons counts 0 (a warning counts them), and
// both are empty when no household has persons.
ResultField persons_field() {
  return field("persons", FieldType::integer, "persons",
               "Persons of the households (empty when no household has persons)", "人数");
}
ResultField persons_within_field() {
  return field("persons_within", FieldType::integer, "persons",
               "Persons of the households within the radius", "半径内人数");
}

ResultField category_field() {
  return field("category", FieldType::text, "", "Facility category of the target", "设施类别");
}
ResultField radius_field() {
  return field("radius_m", FieldType::real, "m", "The target's radius", "服务半径（米）");
}

// A township's or the county's summary: `code_alias` and `name_alias` name its code and name.
std::vector<ResultField> summary_fields(const char* code_alias, const char* name_alias) {
  return {category_field(),
          radius_field(),
          field("code", FieldType::text, "", "Code", code_alias),
          field("name", FieldType::text, "", "Name", name_alias),
          field("households", FieldType::integer, "households", "Households", "户数"),
          field("within", FieldType::integer, "households", "Within the radius of a facility",
                "半径内户数"),
          field("share_within", FieldType::real, "share",
                "Share within the radius (within / households)", "半径内户数占比"),
          persons_field(),
          persons_within_field()};
}

// The share of households within the radius, by village, township or county.
geo::LayerStyle share_within_style() {
  return share_style("share_within", 0.9, 0.99,
                     {geo::Bilingual{"低于90%", "below 90%"}, geo::Bilingual{"90%–99%", "90%–99%"},
                      geo::Bilingual{"99%以上", "99% and above"}},
                     "name");
}

std::vector<ResultLayer> reach_layers() {
  return {
      {"reach_households_beyond", GeometryKind::point,
       "Households farther than the radius from every facility of a target (最后一公里)",
       concat(concat(concat(household_id_fields(), {village_fid_field()}), place_fields()),
              {category_field(), radius_field(),
               field("distance_m", FieldType::real, "m", "Distance to the nearest facility",
                     "距最近设施（米）"),
               facility_fid_field(),
               field("nearest_facility", FieldType::text, "", "The nearest facility", "最近设施")}),
       "服务半径外农户（最后一公里）",
       hidden(single_style(geo::point_marker(geo::Marker::circle, "#e6550d", 1.2)))},
      {"reach_villages",
       GeometryKind::polygon,
       "Per village and target: households, in reach, share, their persons, distance from the "
       "village seat",
       {field("code", FieldType::text, "", "Village code", "村代码"),
        field("name", FieldType::text, "", "Village name", "村名"),
        field("township_code", FieldType::text, "", "Township code", "乡镇代码"),
        field("township_name", FieldType::text, "", "Township name", "乡镇名称"), category_field(),
        radius_field(), field("households", FieldType::integer, "households", "Households", "户数"),
        field("within", FieldType::integer, "households", "Within the radius of a facility",
              "半径内户数"),
        field("share_within", FieldType::real, "share",
              "Share within the radius (within / households)", "半径内户数占比"),
        persons_field(), persons_within_field(),
        field("seat_distance_m", FieldType::real, "m",
              "From the village seat to the nearest facility", "村委会驻地距最近设施（米）"),
        field("seat_facility", FieldType::text, "", "That facility", "驻地最近设施")},
       "各村服务半径覆盖情况",
       share_within_style()},
      {"reach_townships", GeometryKind::polygon, "Per township and target",
       summary_fields("乡镇代码", "乡镇名称"), "各乡镇服务半径覆盖情况",
       hidden(share_within_style())},
      {"reach_county", GeometryKind::polygon, "Per county and target",
       summary_fields("县（市、区）代码", "县（市、区）名称"), "全县服务半径覆盖情况",
       hidden(share_within_style())},
      {"reach_service_areas",
       GeometryKind::polygon,
       "Per target: the dissolved circles around its facilities (服务半径)",
       {category_field(), radius_field(),
        field("facilities", FieldType::integer, "facilities", "Facilities of the category",
              "设施数"),
        field("area_m2", FieldType::real, "m²", "Area", "面积（平方米）")},
       "设施服务半径范围",
       single_style(geo::solid_fill("#2c7fb8", 0.3, "#2c7fb8"))},
  };
}

}  // namespace

Analysis reach_analysis() {
  Analysis a;
  a.name = "reach";
  a.command = "reach";
  a.description =
      "Reach (最后一公里): households within reach of service centers, in a straight line and on "
      "roads";
  a.title = {"服务可达（直线）", "Service reach (straight line)"};
  a.table = "reach";
  a.needs = {"villages", "households", "facilities"};
  a.uses = {"townships"};
  a.settings = reach_settings();
  a.layers = reach_layers();
  a.report = reach_report_spec();
  a.alone_flag = "no-roads";
  a.alone_help = "Straight-line reach only, even when the store has a roads layer";
  a.check = [](const SettingValues& values) { to_reach_settings(values, 1); };
  a.run = [](geo::Store& store, const SettingValues& values, const RunContext& context) {
    const ReachLayers layers{context.layer("villages"), context.layer("households"),
                             context.layer("facilities"), context.layer("townships")};
    return reach_report(run_reach(store, to_reach_settings(values, context.threads), layers));
  };
  return a;
}

}  // namespace rz::analysis
