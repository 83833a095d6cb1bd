#include "analysis/zone_design/zone_design_job.hpp"

#include "geo/gcc12_variant_copies.hpp"  // first: it silences a false GCC 12 warning below

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/common/result_layers.hpp"
#include "analysis/common/store_inputs.hpp"
#include "analysis/common/village_types.hpp"
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

// The type's index in kVillageTypes (the MILP's type indexes); -1 for unknown.
int type_index(const std::string& type) {
  const auto t = village_type_named(type);
  return t ? static_cast<int>(*t) : -1;
}

Value optional_value(const std::optional<double>& v) {
  return v ? Value(*v) : Value();
}

// The villages' codes -> indexes; DataError listing the codes of `codes` that are none of them.
std::vector<uint32_t> indexes_of(const std::vector<std::string>& codes,
                                 const std::unordered_map<std::string, uint32_t>& of_code,
                                 const std::string& what) {
  std::vector<uint32_t> out;
  std::vector<std::string> unknown;
  for (const auto& c : codes) {
    auto it = of_code.find(c);
    if (it == of_code.end())
      unknown.push_back(c);
    else
      out.push_back(it->second);
  }
  if (!unknown.empty())
    throw DataError(fmt::format(
        fmt::runtime(tr("zone design: the {} list names {} code(s) that are no village of "
                        "the project: {}")),
        what, unknown.size(), fmt::join(unknown, ", ")));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Why a village would fail a per-village check of the zone check ("" when it would pass none).
std::vector<std::string> failed_village_checks(const ZoneVillageFacts& f,
                                               const ZoneCheckSettings& check) {
  std::vector<std::string> out;
  if (check.facilities) {
    if (!f.station) out.push_back("service_station");
    if (!(f.center_metres <= check.center_radius_m ||
          (check.roads && f.center_minutes <= check.center_minutes)))
      out.push_back("party_center");
  }
  if (f.video_platform != true) out.push_back("video_platform");
  if (check.assessment) {
    if (f.ten_good_pass != true) out.push_back("ten_good");
    if (f.collective_target_met != true) out.push_back("collective_income");
  }
  return out;
}

}  // namespace

const std::vector<std::string>& zone_design_result_layers() {
  static const std::vector<std::string> names = {"zone_design_members", "zone_design_summary",
                                                 "zone_design_checks"};
  return names;
}

ZoneDesignReport run_zone_design(geo::Store& store, const ZoneDesignJobSettings& s,
                                 const ZoneDesignLayers& layers) {
  geo::PhaseTimer timer("zone design");
  timer.phase("read");
  const int srid = store.srid();
  ZoneDesignReport report;
  const auto village_info = require_layer(store, layers.villages, "villages", srid);
  const std::vector<Village> villages = read_villages(store, village_info);
  const size_t n = villages.size();
  report.villages = n;
  std::unordered_map<std::string, uint32_t> of_code;
  std::unordered_map<int64_t, uint32_t> of_fid;
  for (uint32_t i = 0; i < n; ++i) {
    of_code.emplace(villages[i].code, i);
    of_fid.emplace(villages[i].fid, i);
  }
  // The settings' village codes first: a wrong code is the cheapest mistake to report.
  std::optional<uint32_t> core;
  if (!s.core.empty()) core = indexes_of({s.core}, of_code, "core")[0];
  report.core_chosen = !core.has_value();
  const auto include = indexes_of(s.include, of_code, "include");
  const auto exclude = indexes_of(s.exclude, of_code, "exclude");

  const auto assessment = store.layer(layers.assessment);
  if (!assessment)
    throw DataError(fmt::format(
        fmt::runtime(tr("zone design: the store has no village assessment ({}), which gives each "
                        "village its {} score and type: run `ruralzone villages` first (the main "
                        "job runs it before)")),
        in_quotes(layers.assessment), "十好"));
  auto seats = read_village_seats(store, village_info, villages);
  if (!seats) seats = village_seats(villages);
  const auto road_info = require_layer(store, layers.roads, "roads", srid);
  timer.phase("network");
  const RoadNetwork network(read_roads(store, road_info), s.network);
  if (network.roads_without_speed() > 0)
    report.warnings.push_back(fmt::format(
        fmt::runtime(tr("{} road(s) have no speed and no cost: driven at the default {:g} km/h")),
        network.roads_without_speed(), s.network.default_speed_kmh));

  ZoneFactSources sources;
  sources.villages = village_info;
  sources.network = &network;
  sources.od = s.links.od;
  sources.threads = s.threads;
  sources.assessment = assessment;
  if (store.layer(layers.facilities))
    sources.facilities = require_layer(store, layers.facilities, "facilities", srid);
  else
    report.warnings.push_back(fmt::format(
        fmt::runtime(tr(
            "the store has no facilities layer {}: stations, centers and facility counts neither "
            "filter the candidates nor are checked")),
        in_quotes(layers.facilities)));
  timer.phase("facts");
  std::vector<uint32_t> all(n);
  for (uint32_t i = 0; i < n; ++i) all[i] = i;
  report.facts = read_zone_village_facts(store, sources, villages, *seats, all);

  // Scores: 十好 share from the assessment, population from the villages layer.
  std::vector<std::optional<double>> ten_good(n), population(n), income(n);
  {
    const Columns c(*assessment);
    const int code = c["village_code"], score = c["ten_good_score"];
    store.read_attributes(assessment->schema.name, [&](const geo::FeatureRow& row) {
      auto it = of_code.find(text_of(at(row, code)));
      if (it != of_code.end()) ten_good[it->second] = real_of(at(row, score));
    });
    const Columns vc(village_info);
    const int resident = vc["resident_population"], registered = vc["population"];
    store.read_attributes(village_info.schema.name, [&](const geo::FeatureRow& row) {
      auto it = of_fid.find(row.fid);
      if (it == of_fid.end()) return;
      auto value = real_of(at(row, resident));
      if (!value) value = real_of(at(row, registered));
      population[it->second] = value;
    });
    for (uint32_t i = 0; i < n; ++i) income[i] = report.facts[i].collective_income;
  }
  auto largest = [&](const std::vector<std::optional<double>>& values) {
    double m = 0;
    for (const auto& v : values)
      if (v) m = std::max(m, *v);
    return m;
  };
  const double most_population = largest(population), most_income = largest(income);
  auto share = [](const std::optional<double>& v, double most) {
    return v && most > 0 ? std::max(0.0, *v) / most : 0.0;
  };
  std::vector<DesignedVillage> part(n);
  for (uint32_t i = 0; i < n; ++i) {
    auto& d = part[i];
    d.village = i;
    d.ten_good_score = ten_good[i];
    d.population = population[i];
    d.collective_income = income[i];
    d.ten_good_part = s.weight_ten_good * ten_good[i].value_or(0.0);
    d.population_part = s.weight_population * share(population[i], most_population);
    d.income_part = s.weight_income * share(income[i], most_income);
    d.score = d.ten_good_part + d.population_part + d.income_part;
  }
  for (const auto& [what, values] :
       {std::pair{"十好 score (village_assessment.ten_good_score)", &ten_good},
        std::pair{"population (常住人口 or 户籍人口)", &population},
        std::pair{"collective income (集体收入)", &income}}) {
    const auto missing = std::count(values->begin(), values->end(), std::nullopt);
    if (missing > 0)
      report.warnings.push_back(
          fmt::format(fmt::runtime(tr("{} of {} villages have no {}: it counts 0 in their score")),
                      missing, n, what));
  }

  timer.phase("links");
  std::vector<std::span<const unsigned char>> polygons;
  std::vector<OdPoint> seat_points;
  for (uint32_t i = 0; i < n; ++i) {
    polygons.emplace_back(villages[i].wkb);
    seat_points.push_back({(*seats)[i].get<0>(), (*seats)[i].get<1>()});
  }
  const ZoneLinks links(polygons, seat_points, network, s.links, s.threads);

  // The problem.
  ZoneCheckSettings check = s.check;
  check.roads = true;
  check.facilities = sources.facilities.has_value();
  check.assessment = true;
  report.max_minutes = std::min(s.max_minutes, check.core_minutes_max);
  check.core_minutes_max = report.max_minutes;
  ZoneDesignProblem p;
  p.core = core;
  p.members = static_cast<size_t>(check.members);
  p.max_minutes = report.max_minutes;
  p.must_include = include;
  p.must_exclude = exclude;
  p.time_limit_s = s.time_limit_s;
  p.types_min = static_cast<size_t>(std::max<int64_t>(0, check.types_min));
  p.townships_min = static_cast<size_t>(std::max<int64_t>(0, check.townships_min));
  p.type_bonus.assign(kVillageTypes.size(), s.diversity_bonus);
  for (VillageType t : kVillageTypes) p.type_names.emplace_back(chinese_name(t));
  p.minutes.assign(n * n, kInf);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j)
      p.minutes[i * n + j] = std::max(links.minutes(i, j), links.minutes(j, i));
  for (const auto& l : links.links()) p.links.push_back({l.a, l.b});
  std::map<std::string, std::string> township_names;
  for (uint32_t i = 0; i < n; ++i) {
    const auto& f = report.facts[i];
    p.villages.push_back({f.code, f.name, f.township_code, type_index(f.type), part[i].score});
    if (!f.township_code.empty()) township_names.emplace(f.township_code, f.township_name);
  }
  for (const auto& [code, name] : township_names) {
    TownshipLimit t{code, name, s.township_least, std::numeric_limits<int64_t>::max()};
    if (s.township_most) t.most = *s.township_most;
    if (auto it = s.townships.find(code); it != s.townships.end()) {
      if (it->second.first) t.least = *it->second.first;
      if (it->second.second) t.most = *it->second.second;
    }
    if (t.least > 0 || t.most != std::numeric_limits<int64_t>::max()) p.townships.push_back(t);
  }
  if (check.facilities)
    for (size_t c = 0; c < kZoneFacilityCategories.size(); ++c) {
      if (check.facilities_min[c] <= 0) continue;
      ZoneCountRequirement r{fmt::format("facilities of category {}", kZoneFacilityCategories[c]),
                             {},
                             static_cast<double>(check.facilities_min[c])};
      for (uint32_t i = 0; i < n; ++i)
        r.per_village.push_back(static_cast<double>(report.facts[i].facilities[c]));
      p.counts.push_back(std::move(r));
    }
  // Villages that would fail a per-village check are no candidates (nor the core, nor a
  // must-include village: those are errors).
  std::string left_out_note;
  if (!s.require_checks.empty()) {
    std::set<uint32_t> excluded(exclude.begin(), exclude.end());
    std::vector<std::string> named;
    for (uint32_t i = 0; i < n; ++i) {
      auto failed = failed_village_checks(report.facts[i], check);
      std::erase_if(failed, [&](const std::string& c) { return !s.require_checks.count(c); });
      if (failed.empty()) continue;
      const bool needed =
          (core && *core == i) || std::binary_search(include.begin(), include.end(), i);
      if (needed)
        named.push_back(fmt::format(
            fmt::runtime(
                core && *core == i
                    ? (failed.size() == 1 ? tr("the core {} fails the zone check's {} check")
                                          : tr("the core {} fails the zone check's {} checks"))
                    : (failed.size() == 1
                           ? tr("must-include village {} fails the zone check's {} check")
                           : tr("must-include village {} fails the zone check's {} checks"))),
            village_label(report.facts[i]), fmt::join(failed, ", ")));
      for (const auto& f : failed) ++report.left_out[f];
      excluded.insert(i);
    }
    if (!named.empty())
      throw DataError(fmt::format(
          fmt::runtime(tr(
              "zone design: {} (without that check in require_checks it may be designed, and the "
              "zone check then fails)")),
          fmt::join(named, "; ")));
    p.must_exclude.assign(excluded.begin(), excluded.end());
    const size_t out = excluded.size() - exclude.size();
    if (out > 0) {
      std::vector<std::string> parts;
      for (const auto& [c, k] : report.left_out) parts.push_back(fmt::format("{} {}", c, k));
      left_out_note = fmt::format(
          " ({} of the {} villages are no candidates because they would fail a per-village "
          "check of the zone check: {})",
          out, n, fmt::join(parts, ", "));
    }
  }
  report.candidates = n - p.must_exclude.size();

  timer.phase("solve");
  const auto t0 = std::chrono::steady_clock::now();
  try {
    report.result = design_zone(p);
  } catch (const UsageError& e) {
    throw UsageError(fmt::format(fmt::runtime(tr("zone design: {}")), e.what()));
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!report.result.best)
    throw DataError(
        fmt::format(fmt::runtime(tr("zone design: no zone meets the constraints: {}{}")),
                    fmt::join(report.result.obstacles, "; "), left_out_note));
  const ZoneDesign& best = *report.result.best;

  // The zone, core first, then members by score (highest first), and its check.
  std::set<uint32_t> greedy;
  if (report.result.greedy) {
    greedy.insert(report.result.greedy->members.begin(), report.result.greedy->members.end());
    greedy.insert(report.result.greedy->core);
  }
  auto designed = [&](uint32_t v, bool is_core) {
    DesignedVillage d = part[v];
    d.core = is_core;
    d.minutes_from_core = links.minutes(best.core, v);
    d.minutes_to_core = links.minutes(v, best.core);
    d.in_greedy = greedy.count(v) > 0;
    return d;
  };
  report.zone.push_back(designed(best.core, true));
  std::vector<uint32_t> members = best.members;
  std::stable_sort(members.begin(), members.end(),
                   [&](uint32_t a, uint32_t b) { return part[a].score > part[b].score; });
  for (uint32_t v : members) report.zone.push_back(designed(v, false));
  ZoneLayout layout;
  layout.name = s.zone_name;
  layout.core = best.core;
  layout.members = members;
  report.check = check_zone(layout, report.facts, links, check);
  if (!report.check.pass())
    for (const auto& c : report.check.checks)
      if (!c.pass)
        report.warnings.push_back(fmt::format(
            fmt::runtime(
                tr("the designed zone fails the zone check's {} check: {} (required: {})")),
            zone_check_name(c.check), in_messages_language(c.value),
            in_messages_language(c.threshold)));

  timer.phase("write");
  geo::Transaction tx(store.db());
  for (const auto& name : zone_design_result_layers()) store.drop_layer(name);
  geo::GeosContext ctx;
  write_result_layer(
      store,
      {"zone_design_members", "zone_design_members", GeometryKind::polygon,
       fields({{"zone", FieldType::text},
               {"role", FieldType::text},
               {"rank", FieldType::integer},
               {"village_code", FieldType::text},
               {"village_name", FieldType::text},
               {"township_code", FieldType::text},
               {"township_name", FieldType::text},
               {"type", FieldType::text},
               {"type_zh", FieldType::text},
               {"score", FieldType::real},
               {"score_ten_good", FieldType::real},
               {"score_population", FieldType::real},
               {"score_income", FieldType::real},
               {"ten_good_score", FieldType::real},
               {"population", FieldType::real},
               {"collective_income", FieldType::real},
               {"minutes_from_core", FieldType::real},
               {"minutes_to_core", FieldType::real},
               {"in_greedy", FieldType::integer}})},
      [&](geo::LayerWriter& w) {
        int64_t row = 0;
        for (const auto& d : report.zone) {
          const auto& f = report.facts[d.village];
          const std::vector<Value> values = {s.zone_name,
                                             d.core ? "核心村" : "示范点",
                                             row,
                                             f.code,
                                             f.name,
                                             f.township_code,
                                             f.township_name,
                                             f.type.empty() ? Value() : Value(f.type),
                                             f.type_zh.empty() ? Value() : Value(f.type_zh),
                                             d.score,
                                             d.ten_good_part,
                                             d.population_part,
                                             d.income_part,
                                             optional_value(d.ten_good_score),
                                             optional_value(d.population),
                                             optional_value(d.collective_income),
                                             finite_value(d.minutes_from_core),
                                             finite_value(d.minutes_to_core),
                                             static_cast<int64_t>(d.in_greedy)};
          const auto& wkb = villages[d.village].wkb;
          w.add(++row, values, "{}", wkb, envelope_of(ctx, wkb));
        }
      },
      report.layers_written);

  const auto& r = report.result;
  const auto& core_facts = report.facts[best.core];
  std::vector<std::string> type_names;
  for (int t : best.types)
    type_names.emplace_back(chinese_name(kVillageTypes[static_cast<size_t>(t)]));
  write_result_layer(
      store,
      {"zone_design_summary", "zone_design_summary", GeometryKind::point,
       fields({{"zone", FieldType::text},
               {"core_code", FieldType::text},
               {"core_name", FieldType::text},
               {"core_chosen", FieldType::integer},
               {"members", FieldType::integer},
               {"max_minutes", FieldType::real},
               {"villages", FieldType::integer},
               {"candidates", FieldType::integer},
               {"objective", FieldType::real},
               {"bound", FieldType::real},
               {"gap", FieldType::real},
               {"proven_optimal", FieldType::integer},
               {"stopped_on_time", FieldType::integer},
               {"greedy_objective", FieldType::real},
               {"types", FieldType::text},
               {"type_bonus", FieldType::real},
               {"check_pass", FieldType::integer},
               {"seconds", FieldType::real}})},
      [&](geo::LayerWriter& w) {
        const std::vector<Value> values = {
            s.zone_name,
            core_facts.code,
            core_facts.name,
            static_cast<int64_t>(!core.has_value()),
            static_cast<int64_t>(best.members.size()),
            report.max_minutes,
            static_cast<int64_t>(n),
            static_cast<int64_t>(report.candidates),
            best.objective,
            r.bound,
            r.gap(),
            static_cast<int64_t>(r.proven_optimal),
            static_cast<int64_t>(r.stopped_on_time),
            r.greedy ? Value(r.greedy->objective) : Value(),
            fmt::format("{}", fmt::join(type_names, "、")),
            s.diversity_bonus * static_cast<double>(best.types.size()),
            static_cast<int64_t>(report.check.pass()),
            report.seconds};
        w.add_without_geometry(1, values, "{}");
      },
      report.layers_written);

  write_result_layer(
      store,
      {"zone_design_checks", "zone_design_checks", GeometryKind::point,
       fields({{"zone", FieldType::text},
               {"check", FieldType::text},
               {"pass", FieldType::integer},
               {"value", FieldType::text},
               {"value_en", FieldType::text},
               {"threshold", FieldType::text},
               {"threshold_en", FieldType::text},
               {"failing", FieldType::text}})},
      [&](geo::LayerWriter& w) {
        int64_t row = 0;
        for (const auto& c : report.check.checks) {
          std::vector<std::string> failing;
          for (uint32_t v : c.failing) failing.push_back(village_label(report.facts[v]));
          const std::vector<Value> values = {
              s.zone_name,
              c.check,
              static_cast<int64_t>(c.pass),
              c.value.zh,
              c.value.en,
              c.threshold.zh,
              c.threshold.en,
              failing.empty() ? Value() : Value(fmt::format("{}", fmt::join(failing, "、")))};
          w.add_without_geometry(++row, values, "{}");
        }
      },
      report.layers_written);
  timer.phase("commit");
  tx.commit();
  return report;
}

}  // namespace rz::analysis
