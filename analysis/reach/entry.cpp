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
               "Persons of the households (empty when no household has persons)");
}
ResultField persons_within_field() {
  return field("persons_within", FieldType::integer, "persons",
               "Persons of the households within the radius");
}

std::vector<ResultField> summary_fields() {
  return {field("category", FieldType::text, "", "Facility category of the target"),
          field("radius_m", FieldType::real, "m", "The target's radius"),
          field("code", FieldType::text, "", "Code"),
          field("name", FieldType::text, "", "Name"),
          field("households", FieldType::integer, "households", "Households"),
          field("within", FieldType::integer, "households", "Within the radius of a facility"),
          field("share_within", FieldType::real, "share", "within / households"),
          persons_field(),
          persons_within_field()};
}

std::vector<ResultLayer> reach_layers() {
  return {
      {"reach_households_beyond", GeometryKind::point,
       "Households farther than the radius from every facility of a target (最后一公里)",
       concat(concat(concat(household_id_fields(), {village_fid_field()}), place_fields()),
              {field("category", FieldType::text, "", "Facility category of the target"),
               field("radius_m", FieldType::real, "m", "The target's radius"),
               field("distance_m", FieldType::real, "m", "Distance to the nearest facility"),
               facility_fid_field(),
               field("nearest_facility", FieldType::text, "", "The nearest facility")})},
      {"reach_villages",
       GeometryKind::polygon,
       "Per village and target: households, in reach, share, their persons, distance from the "
       "village seat",
       {field("code", FieldType::text, "", "Village code"),
        field("name", FieldType::text, "", "Village name"),
        field("township_code", FieldType::text, "", "Township code"),
        field("township_name", FieldType::text, "", "Township name"),
        field("category", FieldType::text, "", "Facility category of the target"),
        field("radius_m", FieldType::real, "m", "The target's radius"),
        field("households", FieldType::integer, "households", "Households"),
        field("within", FieldType::integer, "households", "Within the radius of a facility"),
        field("share_within", FieldType::real, "share", "within / households"), persons_field(),
        persons_within_field(),
        field("seat_distance_m", FieldType::real, "m",
              "From the village seat to the nearest facility"),
        field("seat_facility", FieldType::text, "", "That facility")}},
      {"reach_townships", GeometryKind::polygon, "Per township and target", summary_fields()},
      {"reach_county", GeometryKind::polygon, "Per county and target", summary_fields()},
      {"reach_service_areas",
       GeometryKind::polygon,
       "Per target: the dissolved circles around its facilities (服务半径)",
       {field("category", FieldType::text, "", "Facility category of the target"),
        field("radius_m", FieldType::real, "m", "The target's radius"),
        field("facilities", FieldType::integer, "facilities", "Facilities of the category"),
        field("area_m2", FieldType::real, "m²", "Area")}},
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
  a.table = "reach";
  a.needs = {"villages", "households", "facilities"};
  a.uses = {"townships"};
  a.settings = reach_settings();
  a.layers = reach_layers();
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
