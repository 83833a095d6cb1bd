// Grid coverage in the registry: its settings, result layers, and how it runs.
#include <fmt/format.h>

#include "analysis/common/analysis.hpp"
#include "analysis/common/result_fields.hpp"
#include "analysis/grid_coverage/grid_coverage_job.hpp"
#include "analysis/grid_coverage/report.hpp"
#include "analysis/registry.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

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
    throw UsageError(fmt::format(
        fmt::runtime(tr("{}: households_min {} is above households_max {}")), where, min, max));
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
      field("households", FieldType::integer, "households", "Households", "户数"),
      field("in_one_grid", FieldType::integer, "households", "Inside exactly one grid",
            "单一网格户数"),
      field("on_grid_boundary", FieldType::integer, "households", "On a grid boundary only",
            "网格边界上户数"),
      field("in_no_grid", FieldType::integer, "households", "In no grid (遗漏)", "遗漏户数"),
      field("in_several_grids", FieldType::integer, "households", "Inside several grids",
            "重复入格户数"),
      field("zero_omission_rate", FieldType::real, "share",
            "(in one grid + on a boundary) / households (零遗漏率)", "零遗漏率"),
      field("grids", FieldType::integer, "grids", "Grids", "网格数"),
      field("grids_under_band", FieldType::integer, "grids", "Grids below the load band",
            "负荷偏少网格数"),
      field("grids_over_band", FieldType::integer, "grids", "Grids above the load band",
            "负荷偏多网格数"),
      field("area_m2", FieldType::real, "m²", "Area", "面积（平方米）"),
      field("gap_m2", FieldType::real, "m²", "Area no grid covers", "空白面积（平方米）"),
      field("gap_share", FieldType::real, "share", "Gap share of the area (gap_m2 / area_m2)",
            "空白面积占比"),
      field("overlap_m2", FieldType::real, "m²", "Area two grids cover", "重叠面积（平方米）"),
      field("overlap_share", FieldType::real, "share",
            "Overlap share of the area (overlap_m2 / area_m2)", "重叠面积占比"),
      field("outside_m2", FieldType::real, "m²", "Grid area outside the grid's own village",
            "越界面积（平方米）"),
  };
}

// A summary's zero-omission rate: 零遗漏 only when every household is in a grid.
geo::LayerStyle zero_omission_style(std::string label_field) {
  return share_style("zero_omission_rate", 0.9, 0.999999,
                     {geo::Bilingual{"低于90%", "below 90%"},
                      geo::Bilingual{"90%–100%（有遗漏）", "90%–100% (omissions)"},
                      geo::Bilingual{"100%（零遗漏）", "100% (zero omission)"}},
                     std::move(label_field));
}

std::vector<ResultLayer> grid_layers() {
  const auto area = field("area_m2", FieldType::real, "m²", "Area of the piece", "面积（平方米）");
  // The load band is one of households per grid (`load` compares the grid's households with
  // it): the grids are graduated on their households, below, within and above the band. Not
  // labelled: over the villages' names, every grid's name would crowd the map.
  auto load_style = graduated_style("households", geo::solid_fill("#a6d96a", 0.6, "#636363"), {});
  load_style.band_min_field = "load_min";
  load_style.band_max_field = "load_max";
  return {
      {"grid_load", GeometryKind::polygon,
       "Grids with their households, persons, workers and load against the band (网格负荷)",
       concat(
           {field("code", FieldType::text, "", "Grid code (网格编码)", "网格编码"),
            field("name", FieldType::text, "", "Grid name", "网格名称")},
           concat(place_fields(), {field("workers", FieldType::integer, "persons",
                                         "Grid workers (网格员)", "网格员数"),
                                   field("households", FieldType::integer, "households",
                                         "Households inside", "户数"),
                                   field("shared_households", FieldType::integer, "households",
                                         "Of those, inside several grids", "其中重复入格户数"),
                                   field("persons", FieldType::integer, "persons",
                                         "Persons of those households", "人数"),
                                   field("households_per_worker", FieldType::real, "households",
                                         "Households per grid worker", "网格员人均服务户数"),
                                   field("load_min", FieldType::integer, "households",
                                         "The band's minimum", "负荷下限（户）"),
                                   field("load_max", FieldType::integer, "households",
                                         "The band's maximum", "负荷上限（户）"),
                                   field("load", FieldType::text, "",
                                         "Load against the band: under, ok or over", "负荷判定")})),
       "网格负荷（户数与负荷区间对照）", load_style},
      {"grid_households_none", GeometryKind::point, "Households in no grid (遗漏户)",
       household_fields(), "无网格农户（遗漏户）",
       single_style(geo::point_marker(geo::Marker::circle, "#e31a1c", 1.6))},
      {"grid_households_several", GeometryKind::point, "Households inside several grids",
       concat(household_fields(),
              {field("grid_count", FieldType::integer, "grids", "Grids it is inside", "所在网格数"),
               field("grid_codes", FieldType::text, "", "Their codes", "所在网格编码")}),
       "重复入格农户（位于多个网格）",
       single_style(geo::point_marker(geo::Marker::circle, "#ff7f00", 1.6))},
      {"grid_gaps", GeometryKind::polygon, "Village area no grid of the village covers (空白)",
       concat(place_fields(), {area}), "网格空白区", single_style(geo::hatch_fill("#e31a1c"))},
      {"grid_overlaps",
       GeometryKind::polygon,
       "Area covered by two grids (重叠)",
       {field("grid_code", FieldType::text, "", "The first grid", "网格编码"),
        field("other_grid_code", FieldType::text, "", "The second grid", "重叠网格编码"),
        field("other_village_code", FieldType::text, "", "The second grid's village",
              "重叠网格村代码"),
        field("village_code", FieldType::text, "", "The first grid's village", "村代码"),
        field("village_name", FieldType::text, "", "Village name", "村名"),
        field("township_code", FieldType::text, "", "Township code", "乡镇代码"),
        field("township_name", FieldType::text, "", "Township name", "乡镇名称"), area},
       "网格重叠区",
       single_style(geo::hatch_fill("#ff7f00"))},
      {"grid_outside", GeometryKind::polygon, "Grid area outside the grid's own village (越界)",
       concat({field("grid_code", FieldType::text, "", "The grid", "网格编码")},
              concat(place_fields(), {area})),
       "网格越界区（超出本村范围）", single_style(geo::hatch_fill("#6a3d9a"))},
      {"grid_villages", GeometryKind::polygon, "Grid coverage per village",
       concat(
           {field("code", FieldType::text, "", "Village code", "村代码"),
            field("name", FieldType::text, "", "Village name", "村名"),
            field("township_code", FieldType::text, "", "Township code", "乡镇代码"),
            field("township_name", FieldType::text, "", "Township name", "乡镇名称")},
           concat(coverage_fields(),
                  {field("snapped", FieldType::integer, "", "1 when an overlay was snap-rounded",
                         "叠加经捕捉处理"),
                   field("problems", FieldType::text, "", "What is wrong, in words", "存在问题")})),
       "各村网格覆盖情况", zero_omission_style("name")},
      {"grid_townships", GeometryKind::polygon, "Grid coverage per township",
       concat({field("code", FieldType::text, "", "Township code", "乡镇代码"),
               field("name", FieldType::text, "", "Township name", "乡镇名称"),
               field("villages", FieldType::integer, "villages", "Villages", "村数"),
               field("villages_with_problems", FieldType::integer, "villages",
                     "Villages with a gap, overlap, household outside or grid off the band",
                     "存在问题村数")},
              coverage_fields()),
       "各乡镇网格覆盖情况", hidden(zero_omission_style("name"))},
      {"grid_county", GeometryKind::polygon, "Grid coverage of the county",
       concat({field("code", FieldType::text, "", "County code", "县（市、区）代码"),
               field("name", FieldType::text, "", "County name", "县（市、区）名称"),
               field("villages", FieldType::integer, "villages", "Villages", "村数"),
               field("villages_with_problems", FieldType::integer, "villages",
                     "Villages with a gap, overlap, household outside or grid off the band",
                     "存在问题村数")},
              coverage_fields()),
       "全县网格覆盖情况", hidden(zero_omission_style("name"))},
  };
}

}  // namespace

Analysis grid_coverage_analysis() {
  Analysis a;
  a.name = "grid_coverage";
  a.command = "grids";
  a.description = "Grid coverage (网格全覆盖、零遗漏): households per grid, gaps, overlaps, load";
  a.title = {"网格覆盖", "Grid coverage"};
  a.table = "grids";
  a.needs = {"villages", "grids", "households"};
  a.uses = {"townships"};
  a.settings = grid_settings();
  a.layers = grid_layers();
  a.report = grid_report_spec();
  a.check = [](const SettingValues& values) { to_grid_settings(values, 1); };
  a.run = [](geo::Store& store, const SettingValues& values, const RunContext& context) {
    const GridLayers layers{context.layer("villages"), context.layer("grids"),
                            context.layer("households"), context.layer("townships")};
    return grid_report(run_grid_coverage(store, to_grid_settings(values, context.threads), layers));
  };
  return a;
}

}  // namespace rz::analysis
