// Grid coverage in the registry: its settings, result layers, and how it runs.
#include <fmt/format.h>

#include "analysis/common/analysis.hpp"
#include "analysis/common/result_fields.hpp"
#include "analysis/grid_coverage/grid_coverage_job.hpp"
#include "analysis/grid_coverage/report.hpp"
#include "analysis/registry.hpp"
#include "geo/error.hpp"

namespace rz::analysis {

namespace {

using geo::FieldType;
using geo::GeometryKind;

std::vector<Setting> grid_settings() {
  const LoadBand band;
  const GridSettings defaults;
  auto min = integer_setting("households_min", band.min, "households",
                             "Fewest households a grid should hold");
  auto max = integer_setting("households_max", band.max, "households",
                             "Most households a grid should hold");
  auto sliver = number_setting("sliver_m2", defaults.sliver_m2, "m²",
                               "Gap and overlap pieces smaller than this are dropped", 0, false);
  sliver.option = "sliver";
  sliver.value_name = "M2";
  auto townships = township_records_setting(
      "A township's own load band: [grids.townships.<code>] with households_min and "
      "households_max (default: the county's band)",
      {integer_setting("households_min", band.min, "households",
                       "Fewest households a grid of the township should hold"),
       integer_setting("households_max", band.max, "households",
                       "Most households a grid of the township should hold")});
  return {min, max, sliver, townships};
}

// The load band from the values, checked (min <= max), for messages naming `where`.
LoadBand band_from(int64_t min, int64_t max, const std::string& where) {
  if (min > max)
    throw UsageError(
        fmt::format("{}: households_min {} is above households_max {}", where, min, max));
  return {min, max};
}

GridSettings to_grid_settings(const SettingValues& values, int threads) {
  GridSettings s;
  s.band = band_from(values.integer("households_min"), values.integer("households_max"),
                     values.source("households_max"));
  s.sliver_m2 = values.number("sliver_m2");
  if (values.has("townships"))
    for (const auto& t : values.records("townships")) {
      const std::string where = township_record_where(values, t);
      auto field = [&](const char* key, int64_t fallback) {
        auto it = t.fields.find(key);
        return it == t.fields.end() ? fallback : std::get<int64_t>(it->second);
      };
      s.township_bands[t.name] = band_from(field("households_min", s.band.min),
                                           field("households_max", s.band.max), where);
    }
  s.threads = threads;
  return s;
}

std::vector<ResultField> household_fields() {
  return concat(household_id_fields(), place_fields());
}

// The counts and areas of a village, township or county summary.
std::vector<ResultField> coverage_fields() {
  return {
      field("households", FieldType::integer, "households", "Households"),
      field("in_one_grid", FieldType::integer, "households", "Inside exactly one grid"),
      field("on_grid_boundary", FieldType::integer, "households", "On a grid boundary only"),
      field("in_no_grid", FieldType::integer, "households", "In no grid (遗漏)"),
      field("in_several_grids", FieldType::integer, "households", "Inside several grids"),
      field("zero_omission_rate", FieldType::real, "share",
            "(in one grid + on a boundary) / households (零遗漏率)"),
      field("grids", FieldType::integer, "grids", "Grids"),
      field("grids_under_band", FieldType::integer, "grids", "Grids below the load band"),
      field("grids_over_band", FieldType::integer, "grids", "Grids above the load band"),
      field("area_m2", FieldType::real, "m²", "Area"),
      field("gap_m2", FieldType::real, "m²", "Area no grid covers"),
      field("gap_share", FieldType::real, "share", "gap_m2 / area_m2"),
      field("overlap_m2", FieldType::real, "m²", "Area two grids cover"),
      field("overlap_share", FieldType::real, "share", "overlap_m2 / area_m2"),
      field("outside_m2", FieldType::real, "m²", "Grid area outside the grid's own village"),
  };
}

std::vector<ResultLayer> grid_layers() {
  const auto area = field("area_m2", FieldType::real, "m²", "Area of the piece");
  return {
      {"grid_load", GeometryKind::polygon,
       "Grids with their households, persons, workers and load against the band (网格负荷)",
       concat(
           {field("code", FieldType::text, "", "Grid code (网格编码)"),
            field("name", FieldType::text, "", "Grid name")},
           concat(place_fields(),
                  {field("workers", FieldType::integer, "persons", "Grid workers (网格员)"),
                   field("households", FieldType::integer, "households", "Households inside"),
                   field("shared_households", FieldType::integer, "households",
                         "Of those, inside several grids"),
                   field("persons", FieldType::integer, "persons", "Persons of those households"),
                   field("households_per_worker", FieldType::real, "households",
                         "Households per grid worker"),
                   field("load_min", FieldType::integer, "households", "The band's minimum"),
                   field("load_max", FieldType::integer, "households", "The band's maximum"),
                   field("load", FieldType::text, "", "under, ok or over")}))},
      {"grid_households_none", GeometryKind::point, "Households in no grid (遗漏户)",
       household_fields()},
      {"grid_households_several", GeometryKind::point, "Households inside several grids",
       concat(household_fields(),
              {field("grid_count", FieldType::integer, "grids", "Grids it is inside"),
               field("grid_codes", FieldType::text, "", "Their codes")})},
      {"grid_gaps", GeometryKind::polygon, "Village area no grid of the village covers (空白)",
       concat(place_fields(), {area})},
      {"grid_overlaps",
       GeometryKind::polygon,
       "Area covered by two grids (重叠)",
       {field("grid_code", FieldType::text, "", "The first grid"),
        field("other_grid_code", FieldType::text, "", "The second grid"),
        field("other_village_code", FieldType::text, "", "The second grid's village"),
        field("village_code", FieldType::text, "", "The first grid's village"),
        field("village_name", FieldType::text, "", "Village name"),
        field("township_code", FieldType::text, "", "Township code"),
        field("township_name", FieldType::text, "", "Township name"), area}},
      {"grid_outside", GeometryKind::polygon, "Grid area outside the grid's own village (越界)",
       concat({field("grid_code", FieldType::text, "", "The grid")},
              concat(place_fields(), {area}))},
      {"grid_villages", GeometryKind::polygon, "Grid coverage per village",
       concat(
           {field("code", FieldType::text, "", "Village code"),
            field("name", FieldType::text, "", "Village name"),
            field("township_code", FieldType::text, "", "Township code"),
            field("township_name", FieldType::text, "", "Township name")},
           concat(coverage_fields(),
                  {field("snapped", FieldType::integer, "", "1 when an overlay was snap-rounded"),
                   field("problems", FieldType::text, "", "What is wrong, in words")}))},
      {"grid_townships", GeometryKind::polygon, "Grid coverage per township",
       concat({field("code", FieldType::text, "", "Township code"),
               field("name", FieldType::text, "", "Township name"),
               field("villages", FieldType::integer, "villages", "Villages"),
               field("villages_with_problems", FieldType::integer, "villages",
                     "Villages with a gap, overlap, household outside or grid off the band")},
              coverage_fields())},
      {"grid_county", GeometryKind::polygon, "Grid coverage of the county",
       concat({field("code", FieldType::text, "", "County code"),
               field("name", FieldType::text, "", "County name"),
               field("villages", FieldType::integer, "villages", "Villages"),
               field("villages_with_problems", FieldType::integer, "villages",
                     "Villages with a gap, overlap, household outside or grid off the band")},
              coverage_fields())},
  };
}

}  // namespace

Analysis grid_coverage_analysis() {
  Analysis a;
  a.name = "grid_coverage";
  a.command = "grids";
  a.description = "Grid coverage (网格全覆盖、零遗漏): households per grid, gaps, overlaps, load";
  a.table = "grids";
  a.needs = {"villages", "grids", "households"};
  a.uses = {"townships"};
  a.settings = grid_settings();
  a.layers = grid_layers();
  a.check = [](const SettingValues& values) { to_grid_settings(values, 1); };
  a.run = [](geo::Store& store, const SettingValues& values, const RunContext& context) {
    const GridLayers layers{context.layer("villages"), context.layer("grids"),
                            context.layer("households"), context.layer("townships")};
    return grid_report(run_grid_coverage(store, to_grid_settings(values, context.threads), layers));
  };
  return a;
}

}  // namespace rz::analysis
