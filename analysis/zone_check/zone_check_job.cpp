#include "analysis/zone_check/zone_check_job.hpp"

#include "geo/gcc12_variant_copies.hpp"  // first: it silences a false GCC 12 warning below

#include <algorithm>
#include <limits>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/common/result_layers.hpp"
#include "analysis/common/store_inputs.hpp"
#include "analysis/common/zone_layouts.hpp"
#include "analysis/reach/reach.hpp"
#include "analysis/zone_check/zone_facts.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/phase_timer.hpp"

namespace rz::analysis {

namespace {

using geo::FieldType;
using geo::GeometryKind;
using geo::Value;

constexpr double kInf = std::numeric_limits<double>::infinity();

Value flag_value(std::optional<bool> flag) {
  return flag ? Value(static_cast<int64_t>(*flag)) : Value();
}
Value text_value(const std::string& text) {
  return text.empty() ? Value() : Value(text);
}

}  // namespace

const std::vector<std::string>& zone_check_result_layers() {
  static const std::vector<std::string> names = {"zone_checks", "zone_members", "zone_links",
                                                 "zone_townships"};
  return names;
}

ZoneCheckReport run_zone_check(geo::Store& store, const ZoneCheckJobSettings& settings,
                               const ZoneCheckLayers& layers) {
  geo::PhaseTimer timer("zone check");
  timer.phase("read");
  const int srid = store.srid();
  ZoneCheckReport report;
  report.links = settings.links;
  const auto village_info = require_layer(store, layers.villages, "villages", srid);
  const std::vector<Village> villages = read_villages(store, village_info);
  std::unordered_map<std::string, uint32_t> village_of_code;
  for (uint32_t i = 0; i < villages.size(); ++i) village_of_code.emplace(villages[i].code, i);
  const auto layouts = read_zone_layouts(
      store, layers.zones, [&](const std::string& code) -> std::optional<std::string> {
        auto it = village_of_code.find(code);
        if (it == village_of_code.end()) return std::nullopt;
        return villages[it->second].name;
      });

  // The villages of all zones, each once, in the order the zones name them.
  std::vector<uint32_t> chosen;
  std::unordered_map<uint32_t, uint32_t> local_of;  // village index -> index into chosen
  auto local = [&](const std::string& code) {
    const uint32_t v = village_of_code.at(code);
    auto [it, fresh] = local_of.emplace(v, static_cast<uint32_t>(chosen.size()));
    if (fresh) chosen.push_back(v);
    return it->second;
  };
  std::vector<ZoneLayout> zones;
  for (const auto& codes : layouts) {
    ZoneLayout z;
    z.name = codes.name;
    z.core = local(codes.core);
    for (const auto& m : codes.members) z.members.push_back(local(m));
    zones.push_back(std::move(z));
    for (const auto& [code, name] : codes.names)
      report.warnings.push_back(fmt::format(
          fmt::runtime(
              tr("zone {}: village {} is {} in the zones layer but {} in the villages layer (the "
                 "code is what counts)")),
          in_quotes(codes.name), code, in_quotes(name),
          in_quotes(villages[village_of_code.at(code)].name)));
  }

  auto seats = read_village_seats(store, village_info, villages);
  if (!seats) seats = village_seats(villages);

  ZoneFactSources sources;
  sources.villages = village_info;
  sources.threads = settings.threads;
  sources.od = settings.links.od;
  std::optional<RoadNetwork> network;
  if (store.layer(layers.roads)) {
    const auto road_info = require_layer(store, layers.roads, "roads", srid);
    timer.phase("network");
    network.emplace(read_roads(store, road_info), settings.network);
    sources.network = &*network;
    if (network->roads_without_speed() > 0)
      report.warnings.push_back(fmt::format(
          fmt::runtime(tr("{} road(s) have no speed and no cost: driven at the default {:g} km/h")),
          network->roads_without_speed(), settings.network.default_speed_kmh));
  } else {
    report.warnings.push_back(fmt::format(
        fmt::runtime(tr(
            "the store has no roads layer {}: villages are linked by shared boundaries only, and "
            "no road minutes are checked")),
        in_quotes(layers.roads)));
  }
  if (store.layer(layers.facilities))
    sources.facilities = require_layer(store, layers.facilities, "facilities", srid);
  else
    report.warnings.push_back(fmt::format(
        fmt::runtime(tr(
            "the store has no facilities layer {}: stations, centers and facility counts are not "
            "checked")),
        in_quotes(layers.facilities)));
  sources.assessment = store.layer(layers.assessment);
  if (!sources.assessment)
    report.warnings.push_back(fmt::format(
        fmt::runtime(tr("the store has no village assessment ({}): {}, collective income and "
                        "diversity are not checked; run `ruralzone villages` first (the main job "
                        "runs it before the zone check)")),
        in_quotes(layers.assessment), "十好"));

  timer.phase("facts");
  report.facts = read_zone_village_facts(store, sources, villages, *seats, chosen);
  if (sources.assessment)
    for (const auto& f : report.facts)
      if (!f.assessed)
        report.warnings.push_back(
            fmt::format(fmt::runtime(tr("village {} has no row in {}: its {}, type and income are "
                                        "unknown")),
                        village_label(f), in_quotes(layers.assessment), "十好"));

  timer.phase("links");
  std::vector<std::span<const unsigned char>> polygons;
  std::vector<OdPoint> zone_seats;
  for (uint32_t v : chosen) {
    polygons.emplace_back(villages[v].wkb);
    zone_seats.push_back({(*seats)[v].get<0>(), (*seats)[v].get<1>()});
  }
  std::optional<ZoneLinks> links;
  if (network) {
    links.emplace(polygons, zone_seats, *network, settings.links, settings.threads);
    const auto places = od_places(*network, zone_seats, settings.links.od);
    for (size_t k = 0; k < places.size(); ++k)
      if (!places[k])
        report.warnings.push_back(fmt::format(
            fmt::runtime(tr(
                "the seat of {} has no open road within {:g} m: it reaches no other zone village "
                "on the roads")),
            village_label(report.facts[k]), settings.links.od.access_limit_m));
  } else {
    links.emplace(chosen.size(), shared_boundary_pairs(polygons, settings.threads),
                  std::vector<double>(chosen.size() * chosen.size(), kInf), settings.links);
  }

  timer.phase("check");
  ZoneCheckSettings check = settings.check;
  check.roads = network.has_value();
  check.facilities = sources.facilities.has_value();
  check.assessment = sources.assessment.has_value();
  for (const auto& z : zones) report.zones.push_back(check_zone(z, report.facts, *links, check));

  timer.phase("write");
  geo::Transaction tx(store.db());
  for (const auto& name : zone_check_result_layers()) store.drop_layer(name);
  auto names_of = [&](const std::vector<uint32_t>& failing) {
    std::vector<std::string> out;
    for (uint32_t v : failing) out.push_back(village_label(report.facts[v]));
    return fmt::format("{}", fmt::join(out, "、"));
  };
  auto codes_of = [&](const std::vector<uint32_t>& failing) {
    std::vector<std::string> out;
    for (uint32_t v : failing) out.push_back(report.facts[v].code);
    return fmt::format("{}", fmt::join(out, ","));
  };
  write_result_layer(
      store,
      {"zone_checks", "zone_checks", GeometryKind::point,
       fields({{"zone", FieldType::text},
               {"check", FieldType::text},
               {"pass", FieldType::integer},
               {"value", FieldType::text},
               {"value_en", FieldType::text},
               {"threshold", FieldType::text},
               {"threshold_en", FieldType::text},
               {"failing", FieldType::text},
               {"failing_codes", FieldType::text}})},
      [&](geo::LayerWriter& w) {
        int64_t row = 0;
        for (const auto& z : report.zones)
          for (const auto& c : z.checks) {
            const std::vector<Value> values = {z.zone,
                                               c.check,
                                               static_cast<int64_t>(c.pass),
                                               c.value.zh,
                                               c.value.en,
                                               c.threshold.zh,
                                               c.threshold.en,
                                               text_value(names_of(c.failing)),
                                               text_value(codes_of(c.failing))};
            w.add_without_geometry(++row, values, "{}");
          }
      },
      report.layers_written);

  geo::GeosContext ctx;
  write_result_layer(
      store,
      {"zone_members", "zone_members", GeometryKind::polygon,
       fields({{"zone", FieldType::text},
               {"role", FieldType::text},
               {"village_code", FieldType::text},
               {"village_name", FieldType::text},
               {"township_code", FieldType::text},
               {"township_name", FieldType::text},
               {"component", FieldType::integer},
               {"minutes_from_core", FieldType::real},
               {"minutes_to_core", FieldType::real},
               {"station", FieldType::integer},
               {"station_name", FieldType::text},
               {"center_name", FieldType::text},
               {"center_metres", FieldType::real},
               {"center_minutes", FieldType::real},
               {"center_within", FieldType::integer},
               {"video_platform", FieldType::integer},
               {"ten_good_pass", FieldType::integer},
               {"ten_good_failed", FieldType::text},
               {"type", FieldType::text},
               {"type_zh", FieldType::text},
               {"collective_income", FieldType::real},
               {"collective_target_met", FieldType::integer},
               {"failed_checks", FieldType::text}})},
      [&](geo::LayerWriter& w) {
        int64_t row = 0;
        for (size_t zi = 0; zi < zones.size(); ++zi) {
          const auto& z = zones[zi];
          const auto& result = report.zones[zi];
          const auto zone_villages = z.villages();
          for (size_t p = 0; p < zone_villages.size(); ++p) {
            const uint32_t v = zone_villages[p];
            const auto& f = report.facts[v];
            std::vector<std::string> failed;
            for (const auto& c : result.checks)
              if (std::find(c.failing.begin(), c.failing.end(), v) != c.failing.end())
                failed.push_back(c.check);
            const bool facilities = sources.facilities.has_value();
            const bool within = f.center_metres <= check.center_radius_m ||
                                (check.roads && f.center_minutes <= check.center_minutes);
            const std::vector<Value> values = {
                z.name,
                p == 0 ? "核心村" : "示范点",
                f.code,
                f.name,
                f.township_code,
                f.township_name,
                static_cast<int64_t>(result.series.component[p]),
                network ? finite_value(links->minutes(z.core, v)) : Value(),
                network ? finite_value(links->minutes(v, z.core)) : Value(),
                facilities ? Value(static_cast<int64_t>(f.station)) : Value(),
                text_value(f.station_name),
                text_value(f.center_name),
                facilities ? finite_value(f.center_metres) : Value(),
                facilities && network ? finite_value(f.center_minutes) : Value(),
                facilities ? Value(static_cast<int64_t>(within)) : Value(),
                flag_value(f.video_platform),
                flag_value(f.ten_good_pass),
                text_value(f.ten_good_failed),
                text_value(f.type),
                text_value(f.type_zh),
                f.collective_income ? Value(*f.collective_income) : Value(),
                flag_value(f.collective_target_met),
                text_value(fmt::format("{}", fmt::join(failed, ",")))};
            const auto& wkb = villages[chosen[v]].wkb;
            w.add(++row, values, "{}", wkb, envelope_of(ctx, wkb));
          }
        }
      },
      report.layers_written);

  write_result_layer(
      store,
      {"zone_links", "zone_links", GeometryKind::line,
       fields({{"zone", FieldType::text},
               {"village_a", FieldType::text},
               {"name_a", FieldType::text},
               {"village_b", FieldType::text},
               {"name_b", FieldType::text},
               {"kind", FieldType::text},
               {"minutes_ab", FieldType::real},
               {"minutes_ba", FieldType::real}})},
      [&](geo::LayerWriter& w) {
        int64_t row = 0;
        auto add = [&](const std::string& zone, uint32_t a, uint32_t b, const char* kind) {
          const auto& fa = report.facts[a];
          const auto& fb = report.facts[b];
          const std::vector<Value> values = {
              zone,
              fa.code,
              fa.name,
              fb.code,
              fb.name,
              kind,
              network ? finite_value(links->minutes(a, b)) : Value(),
              network ? finite_value(links->minutes(b, a)) : Value()};
          const auto wkb = multiline_wkb(
              {{zone_seats[a].x, zone_seats[a].y}, {zone_seats[b].x, zone_seats[b].y}});
          w.add(++row, values, "{}", wkb, envelope_of(ctx, wkb));
        };
        for (size_t zi = 0; zi < zones.size(); ++zi) {
          const auto zone_villages = zones[zi].villages();
          for (size_t p = 0; p < zone_villages.size(); ++p)
            for (size_t q = p + 1; q < zone_villages.size(); ++q) {
              const uint32_t a = std::min(zone_villages[p], zone_villages[q]);
              const uint32_t b = std::max(zone_villages[p], zone_villages[q]);
              const bool boundary = links->share_boundary(a, b), road = links->linked_by_road(a, b);
              if (boundary || road)
                add(zones[zi].name, a, b,
                    boundary && road ? "boundary+road"
                    : boundary       ? "boundary"
                                     : "road");
            }
          for (const auto& m : report.zones[zi].series.missing)
            add(zones[zi].name, m.a, m.b, "missing");
        }
      },
      report.layers_written);

  write_result_layer(
      store,
      {"zone_townships", "zone_townships", GeometryKind::point,
       fields({{"zone", FieldType::text},
               {"township_code", FieldType::text},
               {"township_name", FieldType::text},
               {"villages", FieldType::integer},
               {"village_names", FieldType::text}})},
      [&](geo::LayerWriter& w) {
        int64_t row = 0;
        for (const auto& z : report.zones)
          for (const auto& t : z.townships) {
            std::vector<std::string> names;
            for (uint32_t v : t.villages) names.push_back(report.facts[v].name);
            const std::vector<Value> values = {z.zone, text_value(t.code), text_value(t.name),
                                               static_cast<int64_t>(t.villages.size()),
                                               fmt::format("{}", fmt::join(names, "、"))};
            w.add_without_geometry(++row, values, "{}");
          }
      },
      report.layers_written);
  timer.phase("commit");
  tx.commit();
  return report;
}

}  // namespace rz::analysis
