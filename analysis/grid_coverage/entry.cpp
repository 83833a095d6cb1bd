// Grid coverage in the registry: its settings, result layers, and how it runs.
#include <fmt/format.h>

#include "analysis/common/analysis.hpp"
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
  Setting townships;
  townships.key = "townships";
  townships.type = SettingType::records;
  townships.keyed = true;
  townships.key_help = "a 9-digit township code";
  townships.option = "-";
  townships.help =
      "A township's own load band: [grids.townships.<code>] with households_min and "
      "households_max (default: the county's band)";
  townships.fields = {integer_setting("households_min", band.min, "households",
                                      "Fewest households a grid of the township should hold"),
                      integer_setting("households_max", band.max, "households",
                                      "Most households a grid of the township should hold")};
  for (auto& f : townships.fields) f.default_value = {};
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
      const std::string where = fmt::format("{} townships.{}", values.source("townships"), t.name);
      if (t.name.size() != 9)
        throw UsageError(
            fmt::format("{}: must be a table keyed by a 9-digit township code", where));
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

ResultField f(std::string name, FieldType type, std::string unit, std::string description) {
  return {std::move(name), type, std::move(unit), std::move(description)};
}

std::vector<ResultField> place_fields() {
  return {f("village_code", FieldType::text, "", "Village code (村代码)"),
          f("village_name", FieldType::text, "", "Village name"),
          f("township_code", FieldType::text, "", "Township code (乡镇代码)"),
          f("township_name", FieldType::text, "", "Township name")};
}

std::vector<ResultField> household_fields() {
  std::vector<ResultField> out = {
      f("household_fid", FieldType::integer, "", "The household's fid in the households layer"),
      f("household_id", FieldType::text, "", "Household id (户编号)")};
  for (auto& p : place_fields()) out.push_back(p);
  return out;
}

// The counts and areas of a village, township or county summary.
std::vector<ResultField> coverage_fields() {
  return {
      f("households", FieldType::integer, "households", "Households"),
      f("in_one_grid", FieldType::integer, "households", "Inside exactly one grid"),
      f("on_grid_boundary", FieldType::integer, "households", "On a grid boundary only"),
      f("in_no_grid", FieldType::integer, "households", "In no grid (遗漏)"),
      f("in_several_grids", FieldType::integer, "households", "Inside several grids"),
      f("zero_omission_rate", FieldType::real, "share",
        "(in one grid + on a boundary) / households (零遗漏率)"),
      f("grids", FieldType::integer, "grids", "Grids"),
      f("grids_under_band", FieldType::integer, "grids", "Grids below the load band"),
      f("grids_over_band", FieldType::integer, "grids", "Grids above the load band"),
      f("area_m2", FieldType::real, "m²", "Area"),
      f("gap_m2", FieldType::real, "m²", "Area no grid covers"),
      f("gap_share", FieldType::real, "share", "gap_m2 / area_m2"),
      f("overlap_m2", FieldType::real, "m²", "Area two grids cover"),
      f("overlap_share", FieldType::real, "share", "overlap_m2 / area_m2"),
      f("outside_m2", FieldType::real, "m²", "Grid area outside the grid's own village"),
  };
}

std::vector<ResultField> concat(std::vector<ResultField> a, const std::vector<ResultField>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::vector<ResultLayer> grid_layers() {
  const auto area = f("area_m2", FieldType::real, "m²", "Area of the piece");
  return {
      {"grid_load", GeometryKind::polygon,
       "Grids with their households, persons, workers and load against the band (网格负荷)",
       concat({f("code", FieldType::text, "", "Grid code (网格编码)"),
               f("name", FieldType::text, "", "Grid name")},
              concat(place_fields(),
                     {f("workers", FieldType::integer, "persons", "Grid workers (网格员)"),
                      f("households", FieldType::integer, "households", "Households inside"),
                      f("shared_households", FieldType::integer, "households",
                        "Of those, inside several grids"),
                      f("persons", FieldType::integer, "persons", "Persons of those households"),
                      f("households_per_worker", FieldType::real, "households",
                        "Households per grid worker"),
                      f("load_min", FieldType::integer, "households", "The band's minimum"),
                      f("load_max", FieldType::integer, "households", "The band's maximum"),
                      f("load", FieldType::text, "", "under, ok or over")}))},
      {"grid_households_none", GeometryKind::point, "Households in no grid (遗漏户)",
       household_fields()},
      {"grid_households_several", GeometryKind::point, "Households inside several grids",
       concat(household_fields(),
              {f("grid_count", FieldType::integer, "grids", "Grids it is inside"),
               f("grid_codes", FieldType::text, "", "Their codes")})},
      {"grid_gaps", GeometryKind::polygon, "Village area no grid of the village covers (空白)",
       concat(place_fields(), {area})},
      {"grid_overlaps",
       GeometryKind::polygon,
       "Area covered by two grids (重叠)",
       {f("grid_code", FieldType::text, "", "The first grid"),
        f("other_grid_code", FieldType::text, "", "The second grid"),
        f("other_village_code", FieldType::text, "", "The second grid's village"),
        f("village_code", FieldType::text, "", "The first grid's village"),
        f("village_name", FieldType::text, "", "Village name"),
        f("township_code", FieldType::text, "", "Township code"),
        f("township_name", FieldType::text, "", "Township name"), area}},
      {"grid_outside", GeometryKind::polygon, "Grid area outside the grid's own village (越界)",
       concat({f("grid_code", FieldType::text, "", "The grid")}, concat(place_fields(), {area}))},
      {"grid_villages", GeometryKind::polygon, "Grid coverage per village",
       concat({f("code", FieldType::text, "", "Village code"),
               f("name", FieldType::text, "", "Village name"),
               f("township_code", FieldType::text, "", "Township code"),
               f("township_name", FieldType::text, "", "Township name")},
              concat(coverage_fields(),
                     {f("snapped", FieldType::integer, "", "1 when an overlay was snap-rounded"),
                      f("problems", FieldType::text, "", "What is wrong, in words")}))},
      {"grid_townships", GeometryKind::polygon, "Grid coverage per township",
       concat({f("code", FieldType::text, "", "Township code"),
               f("name", FieldType::text, "", "Township name"),
               f("villages", FieldType::integer, "villages", "Villages"),
               f("villages_with_problems", FieldType::integer, "villages",
                 "Villages with a gap, overlap, household outside or grid off the band")},
              coverage_fields())},
      {"grid_county", GeometryKind::polygon, "Grid coverage of the county",
       concat({f("code", FieldType::text, "", "County code"),
               f("name", FieldType::text, "", "County name"),
               f("villages", FieldType::integer, "villages", "Villages"),
               f("villages_with_problems", FieldType::integer, "villages",
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
