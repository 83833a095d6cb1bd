#include "analysis/zone_tour/zone_tour_job.hpp"

#include "geo/gcc12_variant_copies.hpp"  // first: it silences a false GCC 12 warning below

#include <chrono>
#include <cmath>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/common/result_layers.hpp"
#include "analysis/common/road_paths.hpp"
#include "analysis/common/store_inputs.hpp"
#include "analysis/common/zone_layouts.hpp"
#include "analysis/reach/reach.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/phase_timer.hpp"

namespace rz::analysis {

namespace {

using geo::FieldType;
using geo::GeometryKind;
using geo::Value;

struct ZoneCodes {
  std::string name, core;
  std::vector<std::string> members;
};

std::string zone_names_text(const std::vector<ZoneCodes>& zones) {
  std::vector<std::string> names;
  for (const auto& z : zones) names.push_back(fmt::format("«{}»", z.name));
  return fmt::format("{}", fmt::join(names, ", "));
}

// The zone the settings name among `zones` (read from `where`).
const ZoneCodes& chosen_zone(const std::vector<ZoneCodes>& zones, const std::string& name,
                             const std::string& where) {
  if (zones.empty()) throw DataError(fmt::format(fmt::runtime(tr("{}: no zone to tour")), where));
  if (name.empty()) {
    if (zones.size() > 1)
      throw DataError(
          fmt::format(fmt::runtime(tr("{} has {} zones ({}): name the one to tour with --zone")),
                      where, zones.size(), zone_names_text(zones)));
    return zones.front();
  }
  for (const auto& z : zones)
    if (z.name == name) return z;
  throw DataError(fmt::format(fmt::runtime(tr("{} has no zone {} (it has {})")), where,
                              in_quotes(name), zone_names_text(zones)));
}

// The designed zones of zone_design_members (ruralzone zone design), in row order.
std::vector<ZoneCodes> designed_zones(geo::Store& store, const geo::LayerInfo& info) {
  std::vector<ZoneCodes> zones;
  const Columns c(info);
  const int zone = c["zone"], role = c["role"], code = c["village_code"];
  store.read_attributes(info.schema.name, [&](const geo::FeatureRow& row) {
    const std::string name = text_of(at(row, zone));
    auto it = std::find_if(zones.begin(), zones.end(),
                           [&](const ZoneCodes& z) { return z.name == name; });
    if (it == zones.end()) it = zones.insert(zones.end(), ZoneCodes{name, "", {}});
    if (text_of(at(row, role)) == "核心村")
      it->core = text_of(at(row, code));
    else
      it->members.push_back(text_of(at(row, code)));
  });
  return zones;
}

}  // namespace

const std::vector<std::string>& zone_tour_result_layers() {
  static const std::vector<std::string> names = {"zone_tour_stops", "zone_tour_route",
                                                 "zone_tour_summary"};
  return names;
}

std::string clock_text(double minutes_after_midnight) {
  const auto m = static_cast<int64_t>(std::lround(minutes_after_midnight));
  return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

ZoneTourReport run_zone_tour(geo::Store& store, const ZoneTourSettings& s,
                             const ZoneTourLayers& layers) {
  geo::PhaseTimer timer("zone tour");
  timer.phase("read");
  const int srid = store.srid();
  ZoneTourReport report;
  report.settings = s;
  const auto village_info = require_layer(store, layers.villages, "villages", srid);
  const std::vector<Village> villages = read_villages(store, village_info);
  std::unordered_map<std::string, uint32_t> of_code;
  for (uint32_t i = 0; i < villages.size(); ++i) of_code.emplace(villages[i].code, i);
  auto seats = read_village_seats(store, village_info, villages);
  if (!seats) seats = village_seats(villages);

  // The zone.
  std::vector<ZoneCodes> zones;
  std::string where;
  if (s.from == "design") {
    const auto info = store.layer(layers.design);
    if (!info)
      throw DataError(fmt::format(
          fmt::runtime(tr(
              "the store has no designed zone ({}): run `ruralzone zone design` first, or tour a "
              "zone layout with --from zones")),
          in_quotes(layers.design)));
    zones = designed_zones(store, *info);
    where = fmt::format(fmt::runtime(tr("the designed zones ({})")), in_quotes(layers.design));
  } else {
    for (auto& z : read_zone_layouts(store, layers.zones,
                                     [&](const std::string& code) -> std::optional<std::string> {
                                       auto it = of_code.find(code);
                                       if (it == of_code.end()) return std::nullopt;
                                       return villages[it->second].name;
                                     }))
      zones.push_back({z.name, z.core, z.members});
    where = zone_layer_source(store, layers.zones);
  }
  const ZoneCodes& zone = chosen_zone(zones, s.zone, where);
  report.zone = zone.name;
  auto village_place = [&](const std::string& code, const char* role) {
    auto it = of_code.find(code);
    if (it == of_code.end())
      throw DataError(
          fmt::format(fmt::runtime(tr("{}: zone {} names village {}, which is no village of the "
                                      "project")),
                      where, in_quotes(zone.name), code));
    const auto& seat = (*seats)[it->second];
    return TourPlace{code, villages[it->second].name, role, {seat.get<0>(), seat.get<1>()}};
  };

  // The start, then the stops: the members, and the core unless the day starts there.
  if (s.start == "core") {
    auto start = village_place(zone.core, "出发");
    report.places.push_back(start);
  } else if (s.start.find(',') != std::string::npos) {
    const auto comma = s.start.find(',');
    TourPlace start{"", fmt::format("({})", s.start), "出发", {}};
    auto coordinate = [&](const std::string& text) {
      size_t used = 0;
      double value = 0;
      try {
        value = std::stod(text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != text.size() || !std::isfinite(value))
        throw UsageError(
            fmt::format(fmt::runtime(tr("start {}: not X,Y in the project's CRS (metres)")),
                        in_quotes(s.start)));
      return value;
    };
    start.at.x = coordinate(s.start.substr(0, comma));
    start.at.y = coordinate(s.start.substr(comma + 1));
    report.places.push_back(start);
  } else {
    if (!of_code.count(s.start))
      throw DataError(fmt::format(
          fmt::runtime(tr("start {}: no village of the project has this code")), s.start));
    report.places.push_back(village_place(s.start, "出发"));
  }
  const bool core_is_stop = s.start != "core" && s.start != zone.core;
  if (core_is_stop) report.places.push_back(village_place(zone.core, "核心村"));
  std::set<std::string> seen;
  for (const auto& m : zone.members) {
    if (!seen.insert(m).second) continue;
    if (m == s.start) {
      // The day leaves from it: it is seen at the start, not driven to again.
      report.warnings.push_back(
          fmt::format(fmt::runtime(tr("zone {}: member {} is the start, so it is no stop of the "
                                      "tour")),
                      in_quotes(zone.name), fmt::format("{}（{}）", report.places[0].name, m)));
      continue;
    }
    report.places.push_back(village_place(m, "示范点"));
  }
  const size_t stops = report.places.size() - 1;

  const auto road_info = require_layer(store, layers.roads, "roads", srid);
  timer.phase("network");
  const RoadNetwork network(read_roads(store, road_info), s.network);
  if (network.roads_without_speed() > 0)
    report.warnings.push_back(fmt::format(
        fmt::runtime(tr("{} road(s) have no speed and no cost: driven at the default {:g} km/h")),
        network.roads_without_speed(), s.network.default_speed_kmh));
  timer.phase("minutes");
  std::vector<OdPoint> points;
  for (const auto& p : report.places) points.push_back(p.at);
  const OdPlaces attached = od_places(network, points, s.od);
  for (size_t i = 0; i < attached.size(); ++i)
    if (!attached[i])
      throw DataError(fmt::format(
          fmt::runtime(tr(
              "zone {}: {} {}{} is farther than {:g} m from every open road: no tour reaches it")),
          in_quotes(zone.name), report.places[i].role, report.places[i].name,
          report.places[i].code.empty() ? "" : fmt::format("（{}）", report.places[i].code),
          s.od.access_limit_m));
  const auto costs = od_minutes(network, attached, attached, s.od, s.threads);
  TourProblem problem;
  problem.stops = stops;
  problem.minutes.resize(costs.size());
  for (size_t k = 0; k < costs.size(); ++k) problem.minutes[k] = costs[k].minutes;
  for (size_t i = 0; i <= stops; ++i) problem.minutes[i * (stops + 1) + i] = 0;
  for (size_t k = 1; k <= stops; ++k)
    problem.names.push_back(fmt::format("{}（{}）", report.places[k].name, report.places[k].code));
  problem.return_to_start = s.return_to_start;
  problem.dwell_min.assign(stops, s.dwell_min);
  problem.day_budget_min = s.day_hours * 60;

  timer.phase("tour");
  const auto t0 = std::chrono::steady_clock::now();
  auto in_zone = [&](auto&& f) {
    try {
      return f();
    } catch (const DataError& e) {
      throw DataError(fmt::format(fmt::runtime(tr("zone {}: {}")), in_quotes(zone.name), e.what()));
    }
  };
  if (stops <= kTourMaxStops) {
    report.tour = in_zone([&] { return best_tour(problem); });
    report.tour_bound = report.tour.travel_min;
  } else {
    const auto solved = in_zone([&] { return milp_tour(problem, s.time_limit_s); });
    report.tour = solved.route;
    report.tour_proven = solved.proven_optimal;
    report.tour_bound = solved.bound;
  }
  if (stops <= kTourMaxDayStops) {
    report.days = in_zone([&] { return best_days(problem); });
  } else {
    report.days = in_zone([&] { return days_of_order(problem, report.tour.stops); });
    report.days_proven = false;
  }
  report.nn_tour = nearest_neighbour_tour(problem);
  report.nn_days = in_zone([&] { return nearest_neighbour_days(problem); });
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  timer.phase("routes");
  // Each leg's road line: one search from each place the days leave.
  std::vector<PathPoint> path_points;
  for (size_t i = 0; i < points.size(); ++i) path_points.push_back({points[i], attached[i]});
  std::vector<std::vector<RoadPath>> paths(points.size());
  auto path = [&](uint32_t from, uint32_t to) -> const RoadPath& {
    if (paths[from].empty()) paths[from] = road_paths(network, path_points[from], path_points);
    return paths[from][to];
  };

  timer.phase("write");
  geo::Transaction tx(store.db());
  for (const auto& name : zone_tour_result_layers()) store.drop_layer(name);
  geo::GeosContext ctx;
  const double day_start = s.day_start_min;
  write_result_layer(
      store,
      {"zone_tour_stops", "zone_tour_stops", GeometryKind::point,
       fields({{"zone", FieldType::text},
               {"day", FieldType::integer},
               {"seq", FieldType::integer},
               {"role", FieldType::text},
               {"village_code", FieldType::text},
               {"village_name", FieldType::text},
               {"arrive", FieldType::text},
               {"depart", FieldType::text},
               {"leg_min", FieldType::real},
               {"leg_m", FieldType::real},
               {"dwell_min", FieldType::real},
               {"day_min", FieldType::real}})},
      [&](geo::LayerWriter& w) {
        int64_t fid = 0;
        auto add = [&](int64_t day, int64_t seq, uint32_t place, const char* role, Value arrive,
                       Value depart, Value leg_min, Value leg_m, Value dwell, Value day_min) {
          const auto& p = report.places[place];
          const std::vector<Value> values = {
              report.zone, day,    seq,    role,    p.code.empty() ? Value() : Value(p.code),
              p.name,      arrive, depart, leg_min, leg_m,
              dwell,       day_min};
          w.add_point(++fid, values, "{}", p.at.x, p.at.y);
        };
        int64_t day_number = 0;
        for (const auto& day : report.days.days) {
          ++day_number;
          double clock = day_start;
          add(day_number, 0, 0, "出发", Value(), clock_text(clock), Value(), Value(), Value(),
              Value());
          uint32_t at_place = 0;
          for (size_t k = 0; k < day.stops.size(); ++k) {
            const uint32_t place = tour_place(day.stops[k]);
            clock += day.legs[k];
            const double arrive = clock;
            clock += s.dwell_min;
            add(day_number, static_cast<int64_t>(k + 1), place, report.places[place].role.c_str(),
                clock_text(arrive), clock_text(clock), day.legs[k],
                finite_value(path(at_place, place).metres), s.dwell_min, clock - day_start);
            at_place = place;
          }
          if (s.return_to_start && !day.stops.empty()) {
            clock += day.back_min;
            add(day_number, static_cast<int64_t>(day.stops.size() + 1), 0, "返回",
                clock_text(clock), Value(), day.back_min, finite_value(path(at_place, 0).metres),
                Value(), clock - day_start);
          }
        }
      },
      report.layers_written);

  write_result_layer(
      store,
      {"zone_tour_route", "zone_tour_route", GeometryKind::line,
       fields({{"zone", FieldType::text},
               {"day", FieldType::integer},
               {"seq", FieldType::integer},
               {"from_code", FieldType::text},
               {"from_name", FieldType::text},
               {"to_code", FieldType::text},
               {"to_name", FieldType::text},
               {"depart", FieldType::text},
               {"arrive", FieldType::text},
               {"minutes", FieldType::real},
               {"metres", FieldType::real}})},
      [&](geo::LayerWriter& w) {
        int64_t fid = 0;
        int64_t day_number = 0;
        auto add = [&](int64_t day, int64_t seq, uint32_t from, uint32_t to, double depart) {
          const RoadPath& p = path(from, to);
          const auto& a = report.places[from];
          const auto& b = report.places[to];
          const std::vector<Value> values = {report.zone,
                                             day,
                                             seq,
                                             a.code.empty() ? Value() : Value(a.code),
                                             a.name,
                                             b.code.empty() ? Value() : Value(b.code),
                                             b.name,
                                             clock_text(depart),
                                             clock_text(depart + p.minutes),
                                             p.minutes,
                                             p.metres};
          auto vertices = p.vertices;
          if (vertices.size() < 2) vertices = {{a.at.x, a.at.y}, {b.at.x, b.at.y}};
          const auto wkb = multiline_wkb(vertices);
          w.add(++fid, values, "{}", wkb, envelope_of(ctx, wkb));
        };
        for (const auto& day : report.days.days) {
          ++day_number;
          double clock = day_start;
          uint32_t at_place = 0;
          for (size_t k = 0; k < day.stops.size(); ++k) {
            const uint32_t place = tour_place(day.stops[k]);
            add(day_number, static_cast<int64_t>(k + 1), at_place, place, clock);
            clock += day.legs[k] + s.dwell_min;
            at_place = place;
          }
          if (s.return_to_start && !day.stops.empty())
            add(day_number, static_cast<int64_t>(day.stops.size() + 1), at_place, 0, clock);
        }
      },
      report.layers_written);

  write_result_layer(
      store,
      {"zone_tour_summary", "zone_tour_summary", GeometryKind::point,
       fields({{"zone", FieldType::text},
               {"start", FieldType::text},
               {"stops", FieldType::integer},
               {"return_to_start", FieldType::integer},
               {"dwell_min", FieldType::real},
               {"day_budget_min", FieldType::real},
               {"days", FieldType::integer},
               {"travel_min", FieldType::real},
               {"total_min", FieldType::real},
               {"days_proven", FieldType::integer},
               {"nn_days", FieldType::integer},
               {"nn_travel_min", FieldType::real},
               {"saving_min", FieldType::real},
               {"tour_travel_min", FieldType::real},
               {"tour_proven", FieldType::integer},
               {"tour_bound_min", FieldType::real},
               {"nn_tour_travel_min", FieldType::real},
               {"seconds", FieldType::real}})},
      [&](geo::LayerWriter& w) {
        double dwell = 0;
        for (const auto& d : report.days.days) dwell += d.dwell_min;
        const std::vector<Value> values = {report.zone,
                                           report.places[0].name,
                                           static_cast<int64_t>(stops),
                                           static_cast<int64_t>(s.return_to_start),
                                           s.dwell_min,
                                           problem.day_budget_min,
                                           static_cast<int64_t>(report.days.days.size()),
                                           report.days.travel_min,
                                           report.days.travel_min + dwell,
                                           static_cast<int64_t>(report.days_proven),
                                           static_cast<int64_t>(report.nn_days.days.size()),
                                           report.nn_days.travel_min,
                                           report.nn_days.travel_min - report.days.travel_min,
                                           report.tour.travel_min,
                                           static_cast<int64_t>(report.tour_proven),
                                           report.tour_bound,
                                           report.nn_tour.travel_min,
                                           report.seconds};
        w.add_without_geometry(1, values, "{}");
      },
      report.layers_written);
  timer.phase("commit");
  tx.commit();
  return report;
}

}  // namespace rz::analysis
