#include "analysis/siting/siting_job.hpp"

#include "geo/gcc12_variant_copies.hpp"  // first: it silences a false GCC 12 warning below

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "analysis/common/result_layers.hpp"
#include "analysis/common/site_costs.hpp"
#include "analysis/common/store_inputs.hpp"
#include "analysis/reach/reach.hpp"
#include "geo/error.hpp"
#include "geo/geos.hpp"
#include "geo/phase_timer.hpp"
#include "geo/point_scan.hpp"

namespace rz::analysis {

namespace {

using geo::FieldType;
using geo::GeometryKind;
using geo::Value;

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Candidate {
  std::string name, code;
  SitePoint at;
  std::optional<double> capacity;
};

std::vector<Candidate> read_candidates(geo::Store& store, const SitingLayers& names,
                                       const std::vector<Village>& villages, int srid) {
  std::vector<Candidate> out;
  if (names.candidates.empty()) {
    const auto seats = village_seats(villages);
    for (size_t v = 0; v < villages.size(); ++v)
      out.push_back({villages[v].name + "村部",
                     villages[v].code,
                     {seats[v].get<0>(), seats[v].get<1>()},
                     std::nullopt});
    return out;
  }
  const auto info = require_layer(store, names.candidates, "candidates", srid);
  Columns c(info);
  std::vector<std::string> columns;
  for (const char* field : {"name", "village_code", "capacity"})
    if (c[field] >= 0) columns.push_back(field);
  geo::PointScan scan(store, names.candidates, columns);
  while (scan.next()) {
    Candidate cand{fmt::format("{} #{}", names.candidates, scan.fid()),
                   "",
                   {scan.x(), scan.y()},
                   std::nullopt};
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == "name" && !scan.text(i).empty()) cand.name = scan.text(i);
      if (columns[i] == "village_code") cand.code = scan.text(i);
      if (columns[i] == "capacity" && scan.integer(i))
        cand.capacity = static_cast<double>(*scan.integer(i));
    }
    out.push_back(std::move(cand));
  }
  if (out.empty())
    throw DataError(fmt::format("the candidate layer «{}» has no points", names.candidates));
  return out;
}

Value cost_value(double c) {
  return std::isfinite(c) ? Value(c) : Value();
}

}  // namespace

const char* to_string(SitingObjective objective) {
  switch (objective) {
    case SitingObjective::mclp:
      return "mclp";
    case SitingObjective::lscp:
      return "lscp";
    case SitingObjective::pmedian:
      return "pmedian";
  }
  return "";
}

const std::vector<std::string>& siting_result_layers() {
  static const std::vector<std::string> names = {"site_new", "site_households", "site_townships",
                                                 "site_summary"};
  return names;
}

SitingReport run_siting(geo::Store& store, const SitingJobSettings& settings,
                        const SitingLayers& names) {
  geo::PhaseTimer timer("site");
  timer.phase("read");
  const int srid = store.srid();
  const auto village_info = require_layer(store, names.villages, "villages", srid);
  require_layer(store, names.households, "households", srid);
  const auto facility_info = require_layer(store, names.facilities, "facilities", srid);
  std::optional<geo::LayerInfo> road_info;
  if (settings.by_road) road_info = require_layer(store, names.roads, "roads", srid);
  const auto villages = read_villages(store, village_info);
  const auto candidates = read_candidates(store, names, villages, srid);
  const bool needs_k = settings.objective != SitingObjective::lscp;
  if (needs_k && settings.k > candidates.size())
    throw UsageError(
        fmt::format("K = {} is more than the {} candidate sites", settings.k, candidates.size()));
  std::vector<std::optional<double>> facility_capacity;
  const auto all_facilities = read_facilities(store, facility_info, &facility_capacity);
  const Households households =
      read_households(store, names.households, villages, settings.threads, false);
  store.db().exec("PRAGMA shrink_memory");

  SitingReport report;
  report.objective = settings.objective;
  report.category = settings.category;
  report.k = needs_k ? settings.k : 0;
  report.candidates = candidates.size();
  const double threshold = settings.by_road ? settings.minutes : settings.radius_m;
  const char* unit_name = settings.by_road ? "min" : "m";
  report.measure = fmt::format("{:g} {} by {}", threshold, unit_name,
                               settings.by_road ? "road" : "straight line");

  // Sites: the candidates, then the existing facilities of the category (always open).
  std::vector<SitePoint> sites;
  std::vector<double> capacity;
  for (const auto& c : candidates) {
    sites.push_back(c.at);
    capacity.push_back(c.capacity.value_or(settings.candidate_capacity.value_or(kInf)));
  }
  std::vector<size_t> existing;  // facility index per existing site
  for (size_t f = 0; f < all_facilities.size(); ++f)
    if (all_facilities[f].category == settings.category) {
      existing.push_back(f);
      sites.push_back({all_facilities[f].x, all_facilities[f].y});
      capacity.push_back(facility_capacity[f].value_or(kInf));
    }
  report.existing = existing.size();
  if (existing.empty())
    report.warnings.push_back(fmt::format(
        "no existing facility of category {} in «{}»: every household starts out of reach",
        settings.category, names.facilities));
  const size_t nc = candidates.size();
  const auto site_name = [&](size_t s) {
    return s < nc ? candidates[s].name : all_facilities[existing[s - nc]].name;
  };

  timer.phase("costs");
  const bool pmedian = settings.objective == SitingObjective::pmedian;
  const double cutoff =
      pmedian ? std::max(threshold, settings.by_road ? settings.cutoff_min : settings.cutoff_m)
              : threshold;
  std::optional<RoadNetwork> network;
  std::optional<RoadCosts> road_costs;
  if (settings.by_road) {
    network.emplace(read_roads(store, *road_info), settings.network);
    road_costs.emplace(*network, households.x, households.y, settings.road);
    const auto off = road_costs->sites_off_road(sites);
    if (!off.empty())
      report.warnings.push_back(
          fmt::format("{} site(s) have no road within {:g} m and reach nobody, e.g. {}", off.size(),
                      settings.road.access_limit_m, site_name(off.front())));
    if (road_costs->households_off_road() > 0)
      report.warnings.push_back(
          fmt::format("{} household(s) have no road within {:g} m and cannot be reached",
                      road_costs->households_off_road(), settings.road.access_limit_m));
  }
  std::optional<geo::PointIndex> household_index;
  if (!settings.by_road)
    household_index.emplace(households.x.data(), households.y.data(), 0,
                            static_cast<uint32_t>(households.size()));
  // Costs of sites [first, last), computed a batch at a time so that a province's millions of
  // (site, household) pairs never have to be held at once.
  auto costs_of = [&](size_t first, size_t last) {
    const std::vector<SitePoint> batch(sites.begin() + static_cast<long>(first),
                                       sites.begin() + static_cast<long>(last));
    return settings.by_road
               ? road_costs->costs(batch, cutoff, settings.threads)
               : straight_line_costs(*household_index, batch, cutoff, settings.threads);
  };
  constexpr size_t kBatch = 2048;

  // Before: each household's cost to the nearest existing facility.
  const size_t n = households.size();
  std::vector<double> before(n, kInf);
  const bool capacitated = settings.capacities && settings.objective != SitingObjective::mclp;
  std::vector<std::pair<uint32_t, uint32_t>> covers;  // MCLP / LSCP: (household, covering site)
  for (size_t first = nc; first < sites.size(); first += kBatch) {
    const auto batch = costs_of(first, std::min(sites.size(), first + kBatch));
    for (size_t i = 0; i < batch.size(); ++i)
      for (const auto& [h, c] : batch[i]) {
        before[h] = std::min(before[h], static_cast<double>(c));
        // With capacities an existing facility is a site a household may be assigned to.
        if (capacitated && !pmedian && c <= threshold)
          covers.push_back({h, static_cast<uint32_t>(first + i)});
      }
  }

  timer.phase("solve");
  const auto started = std::chrono::steady_clock::now();
  Assignment assignment;
  if (!pmedian) {
    for (size_t first = 0; first < nc; first += kBatch) {
      const auto batch = costs_of(first, std::min(nc, first + kBatch));
      for (size_t i = 0; i < batch.size(); ++i)
        for (const auto& [h, c] : batch[i])
          if (c <= threshold && (capacitated || before[h] > threshold))
            covers.push_back({h, static_cast<uint32_t>(first + i)});
    }
    {
      std::vector<bool> coverable(n, false);
      for (const auto& [h, site] : covers) coverable[h] = true;
      for (size_t h = 0; h < n; ++h) report.not_coverable += !coverable[h] && before[h] > threshold;
    }
    CoverageProblem problem = aggregate_coverage(nc, std::move(covers));
    // The solver's model is the peak of memory at province scale: the index is rebuilt after.
    household_index.reset();
    if (settings.objective == SitingObjective::mclp) {
      report.result = solve_mclp(problem, settings.k, settings.time_limit_s);
    } else {
      report.result = solve_lscp(problem, capacitated ? capacity : std::vector<double>{},
                                 settings.time_limit_s);
      if (!report.result.has_solution)
        throw DataError(
            report.result.infeasible
                ? fmt::format("no choice of the {} candidates covers every household within "
                              "the sites' capacities ({})",
                              nc, report.measure)
                : fmt::format("CBC found no cover within the time limit of {:g} s",
                              settings.time_limit_s));
    }
  } else {
    const AssignmentProblem problem =
        village_assignment(households, villages.size(), costs_of(0, sites.size()), nc,
                           capacitated ? capacity : std::vector<double>{}, cutoff);
    report.result = solve_pmedian(problem, settings.k, settings.time_limit_s, &assignment);
  }
  report.solve_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  // After: each household's nearest open site, and which new site that is.
  if (!settings.by_road && !household_index)
    household_index.emplace(households.x.data(), households.y.data(), 0,
                            static_cast<uint32_t>(households.size()));
  std::vector<double> after = before;
  std::vector<int32_t> new_site(n, -1);
  for (uint32_t c : report.result.chosen) {
    const auto chosen_costs = costs_of(c, c + 1);
    for (const auto& [h, cost] : chosen_costs[0])
      if (cost < after[h]) {
        after[h] = cost;
        new_site[h] = static_cast<int32_t>(c);
      }
  }
  for (uint32_t c : report.result.chosen) report.chosen.push_back(candidates[c].name);
  std::map<uint32_t, int64_t> added;  // per chosen site: households it brings in (or nearer)
  auto improved = [&](size_t h) {
    return pmedian ? new_site[h] >= 0 : (before[h] > threshold && after[h] <= threshold);
  };
  std::map<std::string, SitingTownship> townships;
  const double unserved = unserved_cost(cutoff);
  report.households = static_cast<int64_t>(n);
  for (size_t h = 0; h < n; ++h) {
    report.within_before += before[h] <= threshold;
    report.within_after += after[h] <= threshold;
    if (improved(h)) ++added[static_cast<uint32_t>(new_site[h])];
    const int32_t v = households.village[h];
    if (v < 0) continue;
    const Village& village = villages[static_cast<size_t>(v)];
    auto& t = townships[village.township_code];
    t.code = village.township_code;
    if (t.name.empty()) t.name = village.township_name;
    ++t.households;
    t.within_before += before[h] <= threshold;
    t.within_after += after[h] <= threshold;
    t.cost_before += std::isfinite(before[h]) ? before[h] : unserved;
    t.cost_after += std::isfinite(after[h]) ? after[h] : unserved;
  }
  // Per chosen site, the households p-median's assignment gives it.
  std::map<uint32_t, double> served;
  for (const auto& unit : assignment.shares)
    for (const auto& [s, amount] : unit)
      if (s < nc) served[s] += amount;

  timer.phase("write");
  geo::Transaction tx(store.db());
  for (const auto& name : siting_result_layers()) store.drop_layer(name);
  auto write_layer = [&](const geo::LayerSchema& schema, auto&& fill) {
    write_result_layer(store, schema, fill, report.layers_written);
  };
  write_layer({"site_new", "site", GeometryKind::point,
               fields({{"rank", FieldType::integer},
                       {"name", FieldType::text},
                       {"village_code", FieldType::text},
                       {"category", FieldType::text},
                       {"capacity", FieldType::real},
                       {"households_added", FieldType::integer},
                       {"households_served", FieldType::real}})},
              [&](geo::LayerWriter& w) {
                int64_t rank = 0;
                for (uint32_t c : report.result.chosen) {
                  const auto it = served.find(c);
                  const std::vector<Value> values{
                      rank + 1,
                      candidates[c].name,
                      candidates[c].code.empty() ? Value() : Value(candidates[c].code),
                      settings.category,
                      cost_value(capacity[c]),
                      added.count(c) ? added[c] : int64_t{0},
                      it == served.end() ? Value() : Value(it->second)};
                  w.add_point(++rank, values, "{}", candidates[c].at.x, candidates[c].at.y);
                }
              });
  HouseholdIds id_of(store, names.households);
  write_layer({"site_households", "site", GeometryKind::point,
               fields({{"household_fid", FieldType::integer},
                       {"household_id", FieldType::text},
                       {"village_code", FieldType::text},
                       {"village_name", FieldType::text},
                       {"township_code", FieldType::text},
                       {"new_site", FieldType::text},
                       {"cost_before", FieldType::real},
                       {"cost_after", FieldType::real}})},
              [&](geo::LayerWriter& w) {
                int64_t id = 0;
                for (size_t h = 0; h < n; ++h) {
                  if (!improved(h)) continue;
                  const int32_t v = households.village[h];
                  const Village* village = v < 0 ? nullptr : &villages[static_cast<size_t>(v)];
                  const std::vector<Value> values{households.fid[h],
                                                  id_of(households.fid[h]),
                                                  village ? Value(village->code) : Value(),
                                                  village ? Value(village->name) : Value(),
                                                  village ? Value(village->township_code) : Value(),
                                                  candidates[static_cast<size_t>(new_site[h])].name,
                                                  cost_value(before[h]),
                                                  cost_value(after[h])};
                  w.add_point(++id, values, "{}", households.x[h], households.y[h]);
                }
              });
  auto share = [](int64_t part, int64_t whole) {
    return whole > 0 ? Value(static_cast<double>(part) / static_cast<double>(whole)) : Value();
  };
  write_layer({"site_townships", "site", GeometryKind::point,
               fields({{"township_code", FieldType::text},
                       {"township_name", FieldType::text},
                       {"households", FieldType::integer},
                       {"within_before", FieldType::integer},
                       {"within_after", FieldType::integer},
                       {"share_before", FieldType::real},
                       {"share_after", FieldType::real},
                       {"cost_before", FieldType::real},
                       {"cost_after", FieldType::real}})},
              [&](geo::LayerWriter& w) {
                int64_t id = 0;
                for (const auto& [code, t] : townships) {
                  const std::vector<Value> values{t.code,
                                                  t.name,
                                                  t.households,
                                                  t.within_before,
                                                  t.within_after,
                                                  share(t.within_before, t.households),
                                                  share(t.within_after, t.households),
                                                  pmedian ? Value(t.cost_before) : Value(),
                                                  pmedian ? Value(t.cost_after) : Value()};
                  w.add_without_geometry(++id, values, "{}");
                  report.townships.push_back(t);
                }
              });
  const SitingResult& r = report.result;
  write_layer({"site_summary", "site", GeometryKind::point,
               fields({{"objective", FieldType::text},
                       {"category", FieldType::text},
                       {"measure", FieldType::text},
                       {"k", FieldType::integer},
                       {"candidates", FieldType::integer},
                       {"existing", FieldType::integer},
                       {"chosen", FieldType::integer},
                       {"objective_value", FieldType::real},
                       {"bound", FieldType::real},
                       {"gap", FieldType::real},
                       {"proven_optimal", FieldType::integer},
                       {"time_limited", FieldType::integer},
                       {"greedy_value", FieldType::real},
                       {"solve_seconds", FieldType::real},
                       {"households", FieldType::integer},
                       {"within_before", FieldType::integer},
                       {"within_after", FieldType::integer},
                       {"not_coverable", FieldType::integer}})},
              [&](geo::LayerWriter& w) {
                const std::vector<Value> values{
                    std::string(to_string(settings.objective)),
                    settings.category,
                    report.measure,
                    needs_k ? Value(static_cast<int64_t>(settings.k)) : Value(),
                    static_cast<int64_t>(nc),
                    static_cast<int64_t>(existing.size()),
                    static_cast<int64_t>(r.chosen.size()),
                    r.objective,
                    r.bound,
                    cost_value(r.gap()),
                    int64_t{r.proven_optimal},
                    int64_t{r.stopped_on_time},
                    cost_value(r.greedy_objective),
                    report.solve_s,
                    report.households,
                    report.within_before,
                    report.within_after,
                    report.not_coverable};
                w.add_without_geometry(1, values, "{}");
              });
  tx.commit();
  return report;
}

}  // namespace rz::analysis
