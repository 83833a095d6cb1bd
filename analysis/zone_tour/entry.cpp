// The observation tour in the registry (ruralzone zone tour): its settings ([zone.tour], and the
// road settings of [reach.roads]), its result layers, and how it runs.
#include <fmt/format.h>

#include "analysis/common/analysis.hpp"
#include "analysis/common/result_fields.hpp"
#include "analysis/common/road_travel.hpp"
#include "analysis/registry.hpp"
#include "analysis/zone_tour/report.hpp"
#include "analysis/zone_tour/zone_tour_job.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::analysis {

// Declared with reach on roads (road_reach/entry.cpp), which reads the same [reach.roads] keys.
std::vector<Setting> road_travel_settings();
RoadReachSettings road_travel_from(const SettingValues& values);
RoadNetworkSettings road_network_from(const SettingValues& values);

namespace {

using geo::FieldType;

// "08:00" -> 480; UsageError naming the setting otherwise.
int clock_minutes(const SettingValues& values, const std::string& key) {
  const std::string& text = values.text(key);
  const auto colon = text.find(':');
  auto digits = [](const std::string& part, size_t most) {
    return !part.empty() && part.size() <= most &&
           part.find_first_not_of("0123456789") == std::string::npos;
  };
  int hours = -1, minutes = -1;
  if (colon != std::string::npos && digits(text.substr(0, colon), 2) && text.size() == colon + 3 &&
      digits(text.substr(colon + 1), 2)) {
    hours = std::stoi(text.substr(0, colon));
    minutes = std::stoi(text.substr(colon + 1));
  }
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59)
    throw UsageError(fmt::format(fmt::runtime(tr("{} {}: {} is no clock time HH:MM")),
                                 values.source(key), key, in_quotes(text)));
  return hours * 60 + minutes;
}

std::vector<Setting> zone_tour_settings() {
  const ZoneTourSettings d;
  auto zone = text_setting("zone", "", "The zone to tour (its name)");
  zone.default_help = "the only zone";
  zone.value_name = "NAME";
  auto start = text_setting("start", d.start,
                            "Where each day starts (and ends): core (the core's seat), a "
                            "12-digit village code (its seat, e.g. the county seat's town), or "
                            "X,Y in the project's CRS");
  start.value_name = "PLACE";
  std::vector<Setting> out = {
      zone,
      choice_setting("from", d.from, {"zones", "design"},
                     "Tour a zone layout of the zones layer, or the zone `ruralzone zone "
                     "design` designed (zone_design_members)"),
      start,
      boolean_setting("return_to_start", d.return_to_start,
                      "Each day ends back at the start, and the drive back counts"),
      number_setting("dwell_min", d.dwell_min, "min", "Time spent at each stop (观摩)", 0, false),
      number_setting("day_hours", d.day_hours, "h",
                     "Each day's time budget: driving and dwelling together"),
      text_setting("day_start", "08:00", "The clock time each day leaves the start (HH:MM)"),
      number_setting("time_limit_s", d.time_limit_s, "s",
                     "Beyond 18 stops the tour is a MILP: CBC stops after this many seconds "
                     "and reports its bound"),
  };
  for (auto& s : road_travel_settings()) out.push_back(s);
  return out;
}

ZoneTourSettings to_zone_tour_settings(const SettingValues& values, int threads) {
  ZoneTourSettings s;
  if (values.has("zone")) s.zone = values.text("zone");
  s.from = values.text("from");
  s.start = values.text("start");
  if (s.start.empty())
    throw UsageError(
        fmt::format(fmt::runtime(tr("{} start: must not be empty")), values.source("start")));
  if (s.start != "core" && s.start.find(',') == std::string::npos &&
      (s.start.size() != 12 || s.start.find_first_not_of("0123456789") != std::string::npos))
    throw UsageError(fmt::format(
        fmt::runtime(
            tr("{} start: {} is neither core, a 12-digit village code nor X,Y coordinates")),
        values.source("start"), in_quotes(s.start)));
  s.return_to_start = values.boolean("return_to_start");
  s.dwell_min = values.number("dwell_min");
  s.day_hours = values.number("day_hours");
  if (s.day_hours > 24)
    throw UsageError(fmt::format(fmt::runtime(tr("{} day_hours: {:g} h is more than a day")),
                                 values.source("day_hours"), s.day_hours));
  s.day_start_min = clock_minutes(values, "day_start");
  s.time_limit_s = values.number("time_limit_s");
  const RoadReachSettings road = road_travel_from(values);
  s.od.walk_kmh = road.walk_kmh;
  s.od.access_limit_m = road.access_limit_m;
  s.network = road_network_from(values);
  s.threads = threads;
  return s;
}

// The stops by their role (zone_tour_job.cpp writes 出发, 核心村, 示范点 and 返回), labelled with
// their number in the day.
geo::LayerStyle tour_stops_style() {
  return categorized_style(
      "role",
      {category_class("出发", {"出发", "Start"},
                      geo::point_marker(geo::Marker::square, "#252525", 3.5)),
       category_class("核心村", {"核心村", "Core village"},
                      geo::point_marker(geo::Marker::star, "#d7191c", 6)),
       category_class("示范点", {"示范点", "Member (demonstration point)"},
                      geo::point_marker(geo::Marker::circle, "#fdae61", 3.5)),
       category_class("返回", {"返回", "Back"},
                      geo::point_marker(geo::Marker::triangle, "#252525", 3.5))},
      "seq");
}

std::vector<ResultLayer> zone_tour_layers() {
  const auto zone = field("zone", FieldType::text, "", "Zone name (示范区)", "示范区");
  const auto day = field("day", FieldType::integer, "", "Day of the tour, from 1", "第几天");
  return {
      {"zone_tour_stops",
       geo::GeometryKind::point,
       "The observation tour's stops (观摩拉练): each day's start, stops in order and return, "
       "with clock times",
       {zone, day,
        field("seq", FieldType::integer, "", "Order in the day: 0 the start", "当日顺序号"),
        field("role", FieldType::text, "", "出发 (start), 核心村, 示范点, or 返回 (back)",
              "点位类型"),
        field("village_code", FieldType::text, "", "Village code (empty for a point start)",
              "村代码"),
        field("village_name", FieldType::text, "", "Village name", "村名"),
        field("arrive", FieldType::text, "", "Arrival, HH:MM", "到达时间"),
        field("depart", FieldType::text, "", "Departure, HH:MM", "离开时间"),
        field("leg_min", FieldType::real, "min", "Road minutes of the drive here",
              "本段车程（分钟）"),
        field("leg_m", FieldType::real, "m", "Metres of that drive", "本段里程（米）"),
        field("dwell_min", FieldType::real, "min", "Time spent here", "停留时间（分钟）"),
        field("day_min", FieldType::real, "min",
              "Minutes since the day started, at departure "
              "(on return: the day's length)",
              "当日累计用时（分钟）")},
       "观摩拉练点位及日程",
       tour_stops_style()},
      {"zone_tour_route",
       geo::GeometryKind::line,
       "The tour's route on the roads, one line per leg (fastest, by direction on one-way "
       "roads)",
       {zone, day, field("seq", FieldType::integer, "", "Leg of the day, from 1", "当日路段序号"),
        field("from_code", FieldType::text, "", "Village code it leaves", "起点村代码"),
        field("from_name", FieldType::text, "", "Its name", "起点村名"),
        field("to_code", FieldType::text, "", "Village code it reaches", "终点村代码"),
        field("to_name", FieldType::text, "", "Its name", "终点村名"),
        field("depart", FieldType::text, "", "Departure, HH:MM", "出发时间"),
        field("arrive", FieldType::text, "", "Arrival, HH:MM", "到达时间"),
        field("minutes", FieldType::real, "min",
              "Road minutes (walks to and from the road "
              "included)",
              "车程（分钟）"),
        field("metres", FieldType::real, "m", "Metres", "里程（米）")},
       "观摩路线（逐段）",
       single_style(geo::line_symbol("#d7191c", 0.8, true))},
      {"zone_tour_summary",
       std::nullopt,
       "The tour: days, travel and time, proof, and the nearest-neighbour tour beside it",
       {zone, field("start", FieldType::text, "", "Where each day starts", "出发地"),
        field("stops", FieldType::integer, "villages", "Stops", "观摩点数"),
        field("return_to_start", FieldType::integer, "", "1 when each day drives back",
              "每日返回出发地"),
        field("dwell_min", FieldType::real, "min", "Dwell per stop", "每点停留（分钟）"),
        field("day_budget_min", FieldType::real, "min", "Each day's budget",
              "每日时间预算（分钟）"),
        field("days", FieldType::integer, "", "Days of the plan (fewest)", "天数"),
        field("travel_min", FieldType::real, "min", "Driving of all days (least for those days)",
              "总车程（分钟）"),
        field("total_min", FieldType::real, "min", "Driving and dwelling", "总用时（分钟）"),
        field("days_proven", FieldType::integer, "",
              "1 when days and travel are proven optimal (exact partition)",
              "天数与车程已证明最优"),
        field("nn_days", FieldType::integer, "", "Days of the nearest-neighbour plan",
              "最近邻方案天数"),
        field("nn_travel_min", FieldType::real, "min", "Its driving", "最近邻方案车程（分钟）"),
        field("saving_min", FieldType::real, "min", "nn_travel_min − travel_min",
              "节省车程（分钟）"),
        field("tour_travel_min", FieldType::real, "min",
              "Driving of one trip through every stop (no day budget)", "一次走完车程（分钟）"),
        field("tour_proven", FieldType::integer, "", "1 when that trip is proven optimal",
              "一次走完已证明最优"),
        field("tour_bound_min", FieldType::real, "min", "No trip drives less than this",
              "一次走完车程下界（分钟）"),
        field("nn_tour_travel_min", FieldType::real, "min", "The nearest-neighbour trip's driving",
              "最近邻一次走完车程（分钟）"),
        field("seconds", FieldType::real, "s", "Time of the searches", "求解用时（秒）")},
       "观摩路线概况",
       {}},
  };
}

}  // namespace

Analysis zone_tour_analysis() {
  Analysis a;
  a.name = "zone_tour";
  a.command = "zone tour";
  a.description =
      "Plan the observation tour (观摩拉练) of a zone's villages on the roads: the exact order "
      "and the fewest days, with times and the route";
  a.title = {"观摩路线", "Observation tour"};
  a.table = "zone.tour";
  a.needs = {"villages", "roads"};
  a.uses = {"zones"};
  a.after = {"zone_design"};
  // The main job plans a tour only when the project asks for one ([zone.tour]).
  a.runs_only_with_table = true;
  a.settings = zone_tour_settings();
  a.layers = zone_tour_layers();
  a.report = zone_tour_report_spec();
  a.cannot_run = [](const SettingValues& values, geo::Store& store,
                    const RunContext& context) -> std::optional<std::string> {
    if (values.text("from") == "zones" && !store.layer(context.layer("zones")))
      return std::string(
          tr("no zones layer to tour (import a zone layout, or tour the designed "
             "zone with from = \"design\")"));
    return std::nullopt;
  };
  a.check = [](const SettingValues& values) { to_zone_tour_settings(values, 1); };
  a.run = [](geo::Store& store, const SettingValues& values, const RunContext& context) {
    ZoneTourLayers layers;
    layers.zones = context.layer("zones");
    layers.villages = context.layer("villages");
    layers.roads = context.layer("roads");
    return zone_tour_report(
        run_zone_tour(store, to_zone_tour_settings(values, context.threads), layers));
  };
  return a;
}

}  // namespace rz::analysis
