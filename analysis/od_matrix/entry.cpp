// Origin-destination matrices in the registry (ruralzone od): settings ([od], and the road
// settings of [reach.roads]), the result table, and how it runs.
#include <fmt/format.h>

#include "analysis/common/analysis.hpp"
#include "analysis/common/reach_targets.hpp"
#include "analysis/common/result_fields.hpp"
#include "analysis/common/road_travel.hpp"
#include "analysis/od_matrix/od_matrix_job.hpp"
#include "analysis/od_matrix/report.hpp"
#include "analysis/registry.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::analysis {

// Declared with reach on roads (road_reach/entry.cpp), which reads the same [reach.roads] keys.
std::vector<Setting> road_travel_settings();
RoadReachSettings road_travel_from(const SettingValues& values);
RoadNetworkSettings road_network_from(const SettingValues& values);

namespace {

using geo::FieldType;

std::vector<Setting> od_settings() {
  const OdMatrixJobSettings d;
  auto from = text_setting("from", d.from,
                           "Origins: a point layer of the store (facilities, candidates, demand, "
                           "households, ...) or villages, the village seats");
  from.value_name = "LAYER";
  auto to = text_setting("to", d.to, "Destinations: a point layer of the store or villages");
  to.value_name = "LAYER";
  auto from_category =
      text_setting("from_category", "", "Only the origins of this facility category");
  auto to_category =
      text_setting("to_category", "", "Only the destinations of this facility category");
  for (Setting* s : {&from_category, &to_category}) {
    s->default_value = {};
    s->default_help = "every point of the layer";
    s->value_name = "CATEGORY";
  }
  auto cutoff = number_setting("cutoff_min", 0, "min",
                               "Pairs slower than this on the roads are left out (and the "
                               "searches stop there)");
  cutoff.default_value = {};
  cutoff.default_help = "none: every pair reached";
  cutoff.value_name = "MIN";
  auto nearest = integer_setting("nearest", 0, "",
                                 "Per origin, only the N fastest destinations on the roads", 1);
  nearest.default_value = {};
  nearest.default_help = "none: every destination";
  nearest.value_name = "N";
  std::vector<Setting> out = {from, to, from_category, to_category, cutoff, nearest};
  for (auto& s : road_travel_settings()) out.push_back(s);
  return out;
}

OdMatrixJobSettings to_od_settings(const SettingValues& values, int threads) {
  OdMatrixJobSettings s;
  s.from = values.text("from");
  s.to = values.text("to");
  for (const char* side : {"from", "to"})
    if (values.text(side).empty())
      throw UsageError(fmt::format(
          fmt::runtime(tr("--{} needs a layer: a point layer of the store or villages")), side));
  if (values.has("from_category")) {
    s.from_category = values.text("from_category");
    check_category(s.from_category, values.source("from_category"));
  }
  if (values.has("to_category")) {
    s.to_category = values.text("to_category");
    check_category(s.to_category, values.source("to_category"));
  }
  if (values.has("cutoff_min")) s.cutoff_min = values.number("cutoff_min");
  if (values.has("nearest")) s.nearest = values.integer("nearest");
  const RoadReachSettings road = road_travel_from(values);
  s.od.walk_kmh = road.walk_kmh;
  s.od.access_limit_m = road.access_limit_m;
  s.network = road_network_from(values);
  s.threads = threads;
  return s;
}

std::vector<ResultLayer> od_layers() {
  return {
      {"od_matrix",
       std::nullopt,
       "Road minutes and metres between two point sets (起讫点矩阵), one row per pair reached",
       {field("from_fid", FieldType::integer, "", "The origin's fid in its layer", "起点要素ID"),
        field("from_id", FieldType::text, "",
              "The origin's id (id field, else code; a village's code)", "起点编号"),
        field("from_name", FieldType::text, "", "The origin's name", "起点名称"),
        field("to_fid", FieldType::integer, "", "The destination's fid in its layer", "终点要素ID"),
        field("to_id", FieldType::text, "", "The destination's id (id field, else code)",
              "终点编号"),
        field("to_name", FieldType::text, "", "The destination's name", "终点名称"),
        field("minutes", FieldType::real, "min",
              "Minutes of the fastest route: walk to the road, drive, walk from the road",
              "道路用时（分钟）"),
        field("metres", FieldType::real, "m", "Metres of that route, walks included",
              "路线距离（米）"),
        field("straight_m", FieldType::real, "m", "Straight-line metres", "直线距离（米）")},
       "起讫点出行成本矩阵（道路用时与距离）",
       {}}};
}

}  // namespace

Analysis od_matrix_analysis() {
  Analysis a;
  a.name = "od_matrix";
  a.command = "od";
  a.description =
      "Origin-destination matrix (起讫点矩阵): road minutes and metres between two point sets";
  a.title = {"出行成本矩阵", "OD cost matrix"};
  a.table = "od";
  a.needs = {"roads"};
  a.runs_only_with_table = true;
  a.settings = od_settings();
  a.layers = od_layers();
  a.report = od_report_spec();
  a.check = [](const SettingValues& values) { to_od_settings(values, 1); };
  a.cannot_run = [](const SettingValues& values, geo::Store& store,
                    const RunContext& context) -> std::optional<std::string> {
    const auto s = to_od_settings(values, 1);
    for (const auto& side : {s.from, s.to}) {
      const std::string layer = context.layer(side);
      if (!store.layer(layer))
        return fmt::format(fmt::runtime(tr("the store has no layer {}")), in_quotes(layer));
    }
    return std::nullopt;
  };
  a.run = [](geo::Store& store, const SettingValues& values, const RunContext& context) {
    OdMatrixLayers layers;
    layers.roads = context.layer("roads");
    layers.layer_of_kind = context.layer_of_kind;
    return od_matrix_report(run_od_matrix(store, to_od_settings(values, context.threads), layers));
  };
  return a;
}

}  // namespace rz::analysis
