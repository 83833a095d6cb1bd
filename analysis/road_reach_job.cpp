#include "analysis/road_reach_job.hpp"

// GCC 12 reports copies of std::variant<..., std::string> as maybe-uninitialized where they are
// not (GCC bug 107919); clang and GCC 13 do not.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <atomic>
#include <cmath>
#include <exception>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "analysis/result_layers.hpp"
#include "analysis/store_inputs.hpp"
#include "geo/error.hpp"
#include "geo/geos.hpp"
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
  static const std::vector<std::string> names = {"road_reach_households", "road_reach_villages",
                                                 "road_reach_townships", "road_reach_county"};
  return names;
}

RoadReachJobSettings for_reach_targets(RoadReachJobSettings roads, const ReachSettings& reach) {
  roads.threads = reach.threads;
  roads.reach.categories.clear();
  for (const auto& t : reach.targets) roads.reach.categories.push_back(t.category);
  return roads;
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
  const std::vector<Facility> facilities = read_facilities(store, facility_info);
  const std::vector<RoadInput> roads = read_roads(store, road_info);
  const Households households =
      read_households(store, names.households, villages, settings.threads);
  store.db().exec("PRAGMA shrink_memory");

  timer.phase("network");
  const RoadNetwork network(roads, settings.network);
  RoadReachReport report;
  report.nodes = network.node_count();
  report.edges = network.edges().size();
  report.components = network.component_count();
  report.roads_without_speed = network.roads_without_speed();
  report.thresholds = settings.reach.thresholds_min;
  if (report.roads_without_speed > 0)
    report.warnings.push_back(
        fmt::format("{} road(s) have no speed and no cost: driven at the default {:g} km/h",
                    report.roads_without_speed, settings.network.default_speed_kmh));
  if (report.components > 1)
    report.warnings.push_back(fmt::format(
        "the road network has {} disconnected parts; households on a part without a facility "
        "are reported as unreachable",
        report.components));

  timer.phase("shortest paths");
  // One category per thread.
  std::vector<CategoryRoadReach> results(settings.reach.categories.size());
  {
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> errors(results.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t c = next++; c < results.size(); c = next++) try {
          results[c] = road_reach(network, households.x, households.y, facilities,
                                  settings.reach.categories[c], settings.reach);
        } catch (...) {
          errors[c] = std::current_exception();
        }
    };
    for (int t = 1; t < settings.threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    for (auto& e : errors)
      if (e) std::rethrow_exception(e);
  }

  const auto& thresholds = settings.reach.thresholds_min;
  const double largest = thresholds.empty() ? 0.0 : thresholds.back();
  // Per village, township, county.
  std::vector<std::vector<RoadReachSummary>> per_village(
      results.size(), std::vector<RoadReachSummary>(villages.size()));
  std::map<std::pair<size_t, std::string>, RoadReachSummary> townships, counties;
  for (size_t c = 0; c < results.size(); ++c) {
    for (auto& s : per_village[c]) s.within.assign(thresholds.size(), 0);
    for (size_t h = 0; h < households.size(); ++h) {
      const int32_t v = households.village[h];
      if (v < 0) continue;
      auto& s = per_village[c][static_cast<size_t>(v)];
      ++s.households;
      if (results[c].reason[h] != Unreached::reached) ++s.unreached;
      for (size_t t = 0; t < thresholds.size(); ++t)
        if (results[c].minutes[h] <= thresholds[t]) ++s.within[t];
    }
    for (size_t v = 0; v < villages.size(); ++v) {
      const auto& s = per_village[c][v];
      for (auto* agg : {&townships[{c, villages[v].township_code}],
                        &counties[{c, villages[v].code.substr(0, 6)}]}) {
        agg->category = settings.reach.categories[c];
        agg->within.resize(thresholds.size(), 0);
        agg->households += s.households;
        agg->unreached += s.unreached;
        for (size_t t = 0; t < thresholds.size(); ++t) agg->within[t] += s.within[t];
      }
      auto& t = townships[{c, villages[v].township_code}];
      t.code = villages[v].township_code;
      if (t.name.empty()) t.name = villages[v].township_name;
      counties[{c, villages[v].code.substr(0, 6)}].code = villages[v].code.substr(0, 6);
    }
  }

  timer.phase("write");
  geo::Transaction tx(store.db());
  for (const auto& name : road_reach_result_layers()) store.drop_layer(name);
  auto write_layer = [&](const geo::LayerSchema& schema, auto&& fill) {
    write_result_layer(store, schema, fill, report.layers_written);
  };
  HouseholdIds id_of(store, names.households);
  std::vector<geo::FieldDef> hfields{
      {"household_fid", FieldType::integer}, {"household_id", FieldType::text},
      {"village_code", FieldType::text},     {"village_name", FieldType::text},
      {"township_code", FieldType::text},    {"category", FieldType::text},
      {"minutes", FieldType::real},          {"nearest_facility", FieldType::text},
      {"unreached_reason", FieldType::text}};
  write_layer(
      {"road_reach_households", "road_reach", GeometryKind::point, hfields},
      [&](geo::LayerWriter& w) {
        int64_t id = 0;
        for (size_t c = 0; c < results.size(); ++c)
          for (size_t h = 0; h < households.size(); ++h) {
            const auto& r = results[c];
            if (r.reason[h] == Unreached::reached && r.minutes[h] <= largest) continue;
            const int32_t v = households.village[h];
            const Village* village = v < 0 ? nullptr : &villages[static_cast<size_t>(v)];
            const Value minutes = std::isfinite(r.minutes[h]) ? Value(r.minutes[h]) : Value();
            const Value nearest = r.facility[h] < 0
                                      ? Value()
                                      : Value(facilities[static_cast<size_t>(r.facility[h])].name);
            const Value reason = r.reason[h] == Unreached::reached
                                     ? Value()
                                     : Value(std::string(to_string(r.reason[h])));
            const std::vector<Value> values{households.fid[h],
                                            id_of(households.fid[h]),
                                            village ? Value(village->code) : Value(),
                                            village ? Value(village->name) : Value(),
                                            village ? Value(village->township_code) : Value(),
                                            r.category,
                                            minutes,
                                            nearest,
                                            reason};
            w.add_point(++id, values, "{}", households.x[h], households.y[h]);
          }
      });
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
    return f;
  }();
  auto summary_values = [&](const RoadReachSummary& s) {
    std::vector<Value> values{s.category, s.code, s.name, s.households, s.unreached};
    for (size_t t = 0; t < thresholds.size(); ++t) {
      values.emplace_back(s.within[t]);
      values.emplace_back(s.households > 0 ? Value(static_cast<double>(s.within[t]) /
                                                   static_cast<double>(s.households))
                                           : Value());
    }
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
                    auto e = geo::envelope(ctx, geo::from_wkb(ctx, villages[v].wkb).get());
                    w.add(++id, summary_values(s), "{}", villages[v].wkb, {e[0], e[1], e[2], e[3]});
                  }
              });
  write_layer({"road_reach_townships", "road_reach", GeometryKind::polygon, summary_fields},
              [&](geo::LayerWriter& w) {
                int64_t id = 0;
                for (const auto& [key, s] : townships) {
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
  tx.commit();
  return report;
}

}  // namespace rz::analysis
