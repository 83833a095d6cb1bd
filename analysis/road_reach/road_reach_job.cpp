#include "analysis/road_reach/road_reach_job.hpp"

#include "geo/gcc12_variant_copies.hpp"  // first: it silences a false GCC 12 warning below

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "analysis/common/location_models.hpp"
#include "analysis/common/result_layers.hpp"
#include "analysis/common/robust_overlay.hpp"
#include "analysis/common/site_costs.hpp"
#include "analysis/common/store_inputs.hpp"
#include "analysis/reach/household_persons.hpp"
#include "analysis/road_reach/network_areas.hpp"
#include "geo/error.hpp"
#include "geo/geos.hpp"
#include "geo/geos_read.hpp"
#include "geo/messages.hpp"
#include "geo/parallel.hpp"
#include "geo/phase_timer.hpp"

namespace rz::analysis {

namespace {

using geo::FieldType;
using geo::GeometryKind;
using geo::Value;

std::string threshold_field(double minutes) {
  return fmt::format("within_{:g}min", minutes);
}

}  // namespace

const std::vector<std::string>& road_reach_result_layers() {
  static const std::vector<std::string> names = {
      "road_reach_households",   "road_reach_villages", "road_reach_townships", "road_reach_county",
      "road_service_households", "road_service_areas",  "road_isochrones"};
  return names;
}

RoadReachReport run_road_reach(geo::Store& store, const RoadReachJobSettings& settings,
                               const RoadReachLayers& names) {
  geo::PhaseTimer timer("road reach");
  timer.phase("read");
  const int srid = store.srid();
  const auto village_info = require_layer(store, names.villages, "villages", srid);
  require_layer(store, names.households, "households", srid);
  const auto facility_info = require_layer(store, names.facilities, "facilities", srid);
  const auto road_info = require_layer(store, names.roads, "roads", srid);
  const auto villages = read_villages(store, village_info);
  std::vector<std::optional<double>> facility_capacity;
  const std::vector<Facility> facilities =
      read_facilities(store, facility_info, &facility_capacity);
  const std::vector<RoadInput> roads = read_roads(store, road_info);
  const Households households =
      read_households(store, names.households, villages, settings.threads, true);
  store.db().exec("PRAGMA shrink_memory");
  const HouseholdPersons persons = household_persons(households);

  timer.phase("network");
  const RoadNetwork network(roads, settings.network);
  RoadReachReport report;
  report.nodes = network.node_count();
  report.edges = network.edges().size();
  report.components = network.component_count();
  report.roads_without_speed = network.roads_without_speed();
  report.thresholds = settings.reach.thresholds_min;
  report.persons_known = persons.known();
  if (auto warning = persons_warning(
          persons, names.households,
          "road_reach_villages, road_reach_townships, road_reach_county and road_isochrones"))
    report.warnings.push_back(*warning);
  if (report.roads_without_speed > 0)
    report.warnings.push_back(fmt::format(
        fmt::runtime(tr("{} road(s) have no speed and no cost: driven at the default {:g} km/h")),
        report.roads_without_speed, settings.network.default_speed_kmh));
  if (report.components > 1)
    report.warnings.push_back(fmt::format(
        fmt::runtime(tr("the road network has {} disconnected parts; households on a part "
                        "without a facility are reported as unreachable")),
        report.components));

  timer.phase("shortest paths");
  // One category per thread.
  std::vector<CategoryRoadReach> results(settings.reach.categories.size());
  geo::parallel_for(results.size(), settings.threads, [&](size_t, size_t c) {
    results[c] = road_reach(network, households.x, households.y, facilities,
                            settings.reach.categories[c], settings.reach);
  });

  const auto& thresholds = settings.reach.thresholds_min;
  const double largest = thresholds.empty() ? 0.0 : thresholds.back();
  // Per village, township, county.
  std::vector<std::vector<RoadReachSummary>> per_village(
      results.size(), std::vector<RoadReachSummary>(villages.size()));
  std::map<std::pair<size_t, std::string>, RoadReachSummary> townships, counties;
  for (size_t c = 0; c < results.size(); ++c) {
    for (auto& s : per_village[c]) {
      s.within.assign(thresholds.size(), 0);
      s.persons_within.assign(thresholds.size(), 0);
    }
    for (size_t h = 0; h < households.size(); ++h) {
      const int32_t v = households.village[h];
      if (v < 0) continue;
      auto& s = per_village[c][static_cast<size_t>(v)];
      const int64_t n = persons_of(households, h);
      ++s.households;
      s.persons += n;
      if (results[c].reason[h] != Unreached::reached) {
        ++s.unreached;
        s.persons_unreached += n;
      }
      for (size_t t = 0; t < thresholds.size(); ++t)
        if (results[c].minutes[h] <= thresholds[t]) {
          ++s.within[t];
          s.persons_within[t] += n;
        }
    }
    for (size_t v = 0; v < villages.size(); ++v) {
      const auto& s = per_village[c][v];
      for (auto* agg : {&townships[{c, villages[v].township_code}],
                        &counties[{c, villages[v].code.substr(0, 6)}]}) {
        agg->category = settings.reach.categories[c];
        agg->within.resize(thresholds.size(), 0);
        agg->persons_within.resize(thresholds.size(), 0);
        agg->households += s.households;
        agg->unreached += s.unreached;
        agg->persons += s.persons;
        agg->persons_unreached += s.persons_unreached;
        for (size_t t = 0; t < thresholds.size(); ++t) {
          agg->within[t] += s.within[t];
          agg->persons_within[t] += s.persons_within[t];
        }
      }
      auto& t = townships[{c, villages[v].township_code}];
      t.code = villages[v].township_code;
      if (t.name.empty()) t.name = villages[v].township_name;
      counties[{c, villages[v].code.substr(0, 6)}].code = villages[v].code.substr(0, 6);
    }
  }

  // Warnings on the network and the facilities.
  if (network.zero_length_parts() > 0)
    report.warnings.push_back(
        fmt::format(fmt::runtime(tr("{} road part(s) have zero length and were left out")),
                    network.zero_length_parts()));
  if (network.self_loops() > 0)
    report.warnings.push_back(
        fmt::format(fmt::runtime(tr("{} road(s) begin and end at the same node (self-loops); "
                                    "kept, they lead nowhere else")),
                    network.self_loops()));
  for (const auto& r : results)
    if (!r.facilities_off_road.empty())
      report.warnings.push_back(fmt::format(
          fmt::runtime(r.facilities_off_road.size() == 1
                           ? tr("{} facility of category {} has no road within {:g} m and serves "
                                "nobody on the roads, e.g. {}")
                           : tr("{} facilities of category {} have no road within {:g} m and "
                                "serve nobody on the roads, e.g. {}")),
          r.facilities_off_road.size(), r.category, settings.reach.access_limit_m,
          in_quotes(facilities[static_cast<size_t>(r.facilities_off_road.front())].name)));

  // Loads per facility: nearest households against capacity, and where capacities exist the
  // capacitated assignment (a transportation problem: a min-cost flow solved exactly as an LP).
  timer.phase("service loads");
  std::vector<std::vector<ServiceLoad>> loads(results.size());
  // Per category, its facilities' indexes; loads[c] lines up with members_of[c].
  std::vector<std::vector<size_t>> members_of(results.size());
  for (size_t c = 0; c < results.size(); ++c) {
    auto& load = loads[c];
    auto& members = members_of[c];
    std::vector<int64_t> slot(facilities.size(), -1);
    for (size_t f = 0; f < facilities.size(); ++f)
      if (facilities[f].category == results[c].category) {
        slot[f] = static_cast<int64_t>(members.size());
        members.push_back(f);
        load.push_back(
            {results[c].category, facilities[f].name, 0, facility_capacity[f], 0, std::nullopt});
      }
    for (int32_t f : results[c].facility)
      if (f >= 0) ++load[static_cast<size_t>(slot[static_cast<size_t>(f)])].nearest;
    bool capacitated = false;
    for (auto& l : load) {
      if (l.capacity) {
        capacitated = true;
        l.beyond_capacity =
            std::max<int64_t>(0, l.nearest - static_cast<int64_t>(std::floor(*l.capacity)));
        if (l.beyond_capacity > 0) report.over_capacity.push_back(l);
      }
    }
    if (!capacitated || members.empty()) continue;
    std::vector<SitePoint> sites;
    for (size_t f : members) sites.push_back({facilities[f].x, facilities[f].y});
    const auto costs = RoadCosts(network, households.x, households.y, settings.reach)
                           .costs(sites, settings.assignment_cutoff_min, settings.threads);
    std::vector<double> capacity;
    for (const auto& l : load) capacity.push_back(l.capacity.value_or(kClosed));
    const AssignmentProblem problem = village_assignment(households, villages.size(), {}, costs, 0,
                                                         capacity, settings.assignment_cutoff_min);
    Assignment assignment;
    const auto solved = solve_pmedian(problem, 0, settings.time_limit_s, &assignment);
    if (!solved.has_solution) {
      report.warnings.push_back(fmt::format(
          fmt::runtime(tr("the capacitated assignment of {} found no solution within {:g} s")),
          results[c].category, settings.time_limit_s));
      continue;
    }
    for (auto& l : load) l.assigned = 0.0;
    for (const auto& unit : assignment.shares)
      for (const auto& [s, households_served] : unit) *load[s].assigned += households_served;
  }

  // Service areas and isochrones as polygons.
  std::vector<std::map<int32_t, geo::Geometry>> areas(results.size());
  std::vector<std::vector<geo::Geometry>> isochrones(results.size());
  geo::GeosContext area_ctx;
  if (settings.areas) {
    timer.phase("areas");
    std::vector<const GEOSGeometry*> village_shapes;
    std::vector<geo::Geometry> owned;
    for (const auto& v : villages) {
      owned.push_back(geo::from_wkb(area_ctx, v.wkb));
      village_shapes.push_back(owned.back().get());
    }
    const auto outline = checked_union(area_ctx, village_shapes, tr("the villages' outline"));
    owned.clear();
    const NetworkAreas network_areas(area_ctx, network, settings.area_spacing_m, outline.get());
    if (const double s = network_areas.spacing_m(); s > settings.area_spacing_m)
      report.warnings.push_back(fmt::format(
          fmt::runtime(tr("the service areas and isochrones sample the roads {} instead of every "
                          "{:g} m, to stay within {} samples")),
          std::isinf(s) ? std::string(tr("only at their nodes"))
                        : fmt::format(fmt::runtime(tr("every {:.0f} m")), s),
          settings.area_spacing_m, NetworkAreas::kMaxSamples));
    std::vector<double> minutes;
    std::vector<int32_t> nearest;
    for (size_t c = 0; c < results.size(); ++c) {
      network_areas.label(results[c], minutes, nearest);
      areas[c] = network_areas.service_areas(nearest);
      for (double t : thresholds) isochrones[c].push_back(network_areas.isochrone(minutes, t));
    }
  }

  timer.phase("write");
  geo::Transaction tx(store.db());
  for (const auto& name : road_reach_result_layers()) store.drop_layer(name);
  auto write_layer = [&](const geo::LayerSchema& schema, auto&& fill) {
    write_result_layer(store, schema, fill, report.layers_written);
  };
  // Per-household layers show the households' own points (geo::GeometryFrom).
  const geo::GeometryFrom household_points{names.households, "household_fid", {}, {}};
  // Numbers only, but for the reason: the household's id, its village's code and names and the
  // facility's name are read through the view from their own layers (geo::ValuesFrom).
  const geo::GeometryFrom household_points_with_names{
      names.households,
      "household_fid",
      {{"household_id", "id"}},
      {{names.villages,
        "village_fid",
        {{"village_code", "code"}, {"village_name", "name"}, {"township_code", "township_code"}}},
       {names.facilities, "facility_fid", {{"nearest_facility", "name"}}}}};
  auto write_household_layer = [&](const geo::LayerSchema& schema, auto&& fill) {
    write_result_layer(store, schema, household_points, fill, report.layers_written);
  };
  std::vector<geo::FieldDef> hfields{
      {"household_fid", FieldType::integer}, {"household_id", FieldType::text},
      {"village_fid", FieldType::integer},   {"village_code", FieldType::text},
      {"village_name", FieldType::text},     {"township_code", FieldType::text},
      {"category", FieldType::text},         {"minutes", FieldType::real},
      {"facility_fid", FieldType::integer},  {"nearest_facility", FieldType::text},
      {"unreached_reason", FieldType::text}};
  write_result_layer(
      store, {"road_reach_households", "road_reach", GeometryKind::point, hfields},
      household_points_with_names,
      [&](geo::LayerWriter& w) {
        int64_t id = 0;
        std::vector<Value> values(hfields.size());  // assigned, not allocated, per row
        for (size_t c = 0; c < results.size(); ++c) {
          const auto& r = results[c];
          values[6] = r.category;
          for (size_t h = 0; h < households.size(); ++h) {
            if (r.reason[h] == Unreached::reached && r.minutes[h] <= largest) continue;
            const int32_t v = households.village[h], f = r.facility[h];
            values[0] = households.fid[h];
            values[2] = v < 0 ? Value() : Value(villages[static_cast<size_t>(v)].fid);
            values[7] = std::isfinite(r.minutes[h]) ? Value(r.minutes[h]) : Value();
            values[8] = f < 0 ? Value() : Value(facilities[static_cast<size_t>(f)].fid);
            values[10] = r.reason[h] == Unreached::reached
                             ? Value()
                             : Value(std::string(to_string(r.reason[h])));
            w.add_row(++id, values, "{}");
          }
        }
      },
      report.layers_written);
  auto summary_fields = [&] {
    std::vector<geo::FieldDef> f{{"category", FieldType::text},
                                 {"code", FieldType::text},
                                 {"name", FieldType::text},
                                 {"households", FieldType::integer},
                                 {"unreached", FieldType::integer}};
    for (double t : thresholds) {
      f.push_back({threshold_field(t), FieldType::integer});
      f.push_back({threshold_field(t) + "_share", FieldType::real});
    }
    f.push_back({"persons", FieldType::integer});
    f.push_back({"persons_unreached", FieldType::integer});
    for (double t : thresholds) f.push_back({"persons_" + threshold_field(t), FieldType::integer});
    return f;
  }();
  auto persons_value = [&](int64_t n) { return persons.known() ? Value(n) : Value(); };
  auto summary_values = [&](const RoadReachSummary& s) {
    std::vector<Value> values{s.category, s.code, s.name, s.households, s.unreached};
    for (size_t t = 0; t < thresholds.size(); ++t) {
      values.emplace_back(s.within[t]);
      values.emplace_back(s.households > 0 ? Value(static_cast<double>(s.within[t]) /
                                                   static_cast<double>(s.households))
                                           : Value());
    }
    values.push_back(persons_value(s.persons));
    values.push_back(persons_value(s.persons_unreached));
    for (size_t t = 0; t < thresholds.size(); ++t)
      values.push_back(persons_value(s.persons_within[t]));
    return values;
  };
  write_layer({"road_reach_villages", "road_reach", GeometryKind::polygon, summary_fields},
              [&](geo::LayerWriter& w) {
                geo::GeosContext ctx;
                int64_t id = 0;
                for (size_t c = 0; c < results.size(); ++c)
                  for (size_t v = 0; v < villages.size(); ++v) {
                    auto s = per_village[c][v];
                    s.category = settings.reach.categories[c];
                    s.code = villages[v].code;
                    s.name = villages[v].name;
                    w.add(++id, summary_values(s), "{}", villages[v].wkb,
                          envelope_of(ctx, villages[v].wkb));
                  }
              });
  const auto township_shapes = read_township_shapes(store, names.townships);
  write_layer({"road_reach_townships", "road_reach", GeometryKind::polygon, summary_fields},
              [&](geo::LayerWriter& w) {
                int64_t id = 0;
                for (const auto& [key, s] : townships) {
                  auto shape = township_shapes.find(s.code);
                  if (shape != township_shapes.end() && !shape->second.empty())
                    w.add_stored(++id, summary_values(s), "{}", shape->second);
                  else
                    w.add_without_geometry(++id, summary_values(s), "{}");
                  report.townships.push_back(s);
                }
              });
  write_layer({"road_reach_county", "road_reach", GeometryKind::polygon, summary_fields},
              [&](geo::LayerWriter& w) {
                int64_t id = 0;
                for (const auto& [key, s] : counties) {
                  w.add_without_geometry(++id, summary_values(s), "{}");
                  report.counties.push_back(s);
                }
              });
  write_household_layer({"road_service_households", "road_reach", GeometryKind::point,
                         fields({{"household_fid", FieldType::integer},
                                 {"category", FieldType::text},
                                 {"facility_fid", FieldType::integer},
                                 {"facility", FieldType::text},
                                 {"minutes", FieldType::real}})},
                        [&](geo::LayerWriter& w) {
                          int64_t id = 0;
                          for (const auto& r : results)
                            for (size_t h = 0; h < households.size(); ++h) {
                              const int32_t f = r.facility[h];
                              const Facility* fac =
                                  f < 0 ? nullptr : &facilities[static_cast<size_t>(f)];
                              const std::vector<Value> values{
                                  households.fid[h], r.category, fac ? Value(fac->fid) : Value(),
                                  fac ? Value(fac->name) : Value(),
                                  std::isfinite(r.minutes[h]) ? Value(r.minutes[h]) : Value()};
                              w.add_row(++id, values, "{}");
                            }
                        });
  auto multipolygon_row = [&](geo::LayerWriter& w, int64_t id, std::vector<Value> values,
                              const GEOSGeometry* g) {
    values.emplace_back(geo::area(area_ctx, g));
    if (geo::is_empty(area_ctx, g)) {
      w.add_without_geometry(id, values, "{}");
      return;
    }
    auto e = geo::envelope(area_ctx, g);
    w.add(id, values, "{}", geo::to_wkb(area_ctx, g), {e[0], e[1], e[2], e[3]});
  };
  write_layer({"road_service_areas", "road_reach", GeometryKind::polygon,
               fields({{"category", FieldType::text},
                       {"facility_fid", FieldType::integer},
                       {"facility", FieldType::text},
                       {"households", FieldType::integer},
                       {"capacity", FieldType::real},
                       {"beyond_capacity", FieldType::integer},
                       {"assigned", FieldType::real},
                       {"area_m2", FieldType::real}})},
              [&](geo::LayerWriter& w) {
                int64_t id = 0;
                for (size_t c = 0; c < results.size(); ++c) {
                  const auto& members = members_of[c];
                  for (size_t i = 0; i < members.size(); ++i) {
                    const auto& l = loads[c][i];
                    const auto area = areas[c].find(static_cast<int32_t>(members[i]));
                    std::vector<Value> values{results[c].category,
                                              facilities[members[i]].fid,
                                              facilities[members[i]].name,
                                              l.nearest,
                                              l.capacity ? Value(*l.capacity) : Value(),
                                              l.capacity ? Value(l.beyond_capacity) : Value(),
                                              l.assigned ? Value(*l.assigned) : Value()};
                    if (area != areas[c].end())
                      multipolygon_row(w, ++id, std::move(values), area->second.get());
                    else {
                      values.emplace_back(Value());
                      w.add_without_geometry(++id, values, "{}");
                    }
                  }
                  // Places no facility of the category reaches on the roads.
                  if (auto none = areas[c].find(-1); none != areas[c].end())
                    multipolygon_row(
                        w, ++id,
                        {results[c].category, Value(), Value(), Value(), Value(), Value(), Value()},
                        none->second.get());
                }
              });
  if (settings.areas)
    write_layer({"road_isochrones", "road_reach", GeometryKind::polygon,
                 fields({{"category", FieldType::text},
                         {"minutes", FieldType::real},
                         {"households_within", FieldType::integer},
                         {"persons_within", FieldType::integer},
                         {"area_m2", FieldType::real}})},
                [&](geo::LayerWriter& w) {
                  int64_t id = 0;
                  for (size_t c = 0; c < results.size(); ++c)
                    for (size_t t = 0; t < thresholds.size(); ++t) {
                      int64_t within = 0, persons_within = 0;
                      const auto& minutes = results[c].minutes;
                      for (size_t h = 0; h < minutes.size(); ++h)
                        if (minutes[h] <= thresholds[t]) {
                          ++within;
                          persons_within += persons_of(households, h);
                        }
                      multipolygon_row(w, ++id,
                                       {results[c].category, thresholds[t], within,
                                        persons_value(persons_within)},
                                       isochrones[c][t].get());
                    }
                });
  tx.commit();
  return report;
}

}  // namespace rz::analysis
