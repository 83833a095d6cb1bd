#include "analysis/siting/siting_job.hpp"

#include "geo/gcc12_variant_copies.hpp"  // first: it silences a false GCC 12 warning below

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "analysis/common/pcenter.hpp"
#include "analysis/common/result_layers.hpp"
#include "analysis/common/site_costs.hpp"
#include "analysis/common/store_inputs.hpp"
#include "analysis/reach/reach.hpp"
#include "analysis/siting/candidate_sites.hpp"
#include "analysis/siting/cost_matrix.hpp"
#include "analysis/siting/demand_points.hpp"
#include "geo/error.hpp"
#include "geo/geos.hpp"
#include "geo/messages.hpp"
#include "geo/phase_timer.hpp"
#include "geo/point_scan.hpp"

namespace rz::analysis {

namespace {

using geo::FieldType;
using geo::GeometryKind;
using geo::Value;

constexpr double kInf = std::numeric_limits<double>::infinity();

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
    case SitingObjective::pcenter:
      return "pcenter";
  }
  return "";
}

const std::vector<std::string>& siting_result_layers() {
  static const std::vector<std::string> names = {"site_new", "site_households", "site_uncovered",
                                                 "site_townships", "site_summary"};
  return names;
}

SitingReport run_siting(geo::Store& store, const SitingJobSettings& settings,
                        const SitingLayers& names) {
  geo::PhaseTimer timer("site");
  timer.phase("read");
  const int srid = store.srid();
  const auto village_info = require_layer(store, names.villages, "villages", srid);
  const auto facility_info = require_layer(store, names.facilities, "facilities", srid);
  const bool from_matrix = !settings.cost_matrix.empty();
  std::optional<geo::LayerInfo> road_info;
  if (settings.by_road && !from_matrix)
    road_info = require_layer(store, names.roads, "roads", srid);
  const auto villages = read_villages(store, village_info);
  auto candidates = read_candidates(store, names.candidates, villages, srid);
  mark_required(candidates, settings.required, names.candidates);
  const bool needs_k = settings.objective != SitingObjective::lscp;
  const auto required_count = static_cast<size_t>(std::count_if(
      candidates.begin(), candidates.end(), [](const Candidate& c) { return c.required; }));
  if (needs_k && settings.k == 0) throw UsageError(tr("-k must be at least 1"));
  if (needs_k && settings.k > candidates.size())
    throw UsageError(fmt::format(fmt::runtime(tr("K = {} is more than the {} candidate sites")),
                                 settings.k, candidates.size()));
  if (needs_k && settings.k < required_count)
    throw UsageError(fmt::format(
        fmt::runtime(tr("K = {} is fewer than the {} required sites, which count toward K")),
        settings.k, required_count));
  std::vector<std::optional<double>> facility_capacity;
  auto all_facilities = read_facilities(store, facility_info, &facility_capacity);
  const DemandPoints demand =
      read_demand_points(store, names.households, villages, settings.weight, settings.threads);
  const Households& households = demand.points;
  store.db().exec("PRAGMA shrink_memory");

  SitingReport report;
  report.objective = settings.objective;
  report.category = settings.category;
  report.k = needs_k ? settings.k : 0;
  report.candidates = candidates.size();
  report.required = required_count;
  report.weight_name = demand.weight_name;
  const double threshold = settings.by_road ? settings.minutes : settings.radius_m;
  const char* unit_name = settings.by_road ? "min" : "m";
  report.measure = from_matrix
                       ? fmt::format("{:g} by the cost matrix {}", threshold, settings.cost_matrix)
                       : fmt::format("{:g} {} by {}", threshold, unit_name,
                                     settings.by_road ? "road" : "straight line");
  report.measure_text =
      from_matrix ? fmt::format(fmt::runtime(tr("{:g} by the cost matrix {}")), threshold,
                                settings.cost_matrix)
                  : fmt::format(fmt::runtime(settings.by_road ? tr("{:g} min by road")
                                                              : tr("{:g} m by straight line")),
                                threshold);
  if (demand.null_weights > 0)
    report.warnings.push_back(
        fmt::format(fmt::runtime(tr("{} demand point(s) have no {}: they weigh 0")),
                    demand.null_weights, demand.weight_name));

  // Sites: the free candidates, then the required ones, then the existing facilities of the
  // category; the last two are always open.
  std::vector<size_t> candidate_of_site;
  for (bool required : {false, true})
    for (size_t c = 0; c < candidates.size(); ++c)
      if (candidates[c].required == required) candidate_of_site.push_back(c);
  const size_t nc = candidates.size() - required_count;  // free candidates
  const size_t first_existing = candidates.size();
  std::vector<SitePoint> sites;
  std::vector<double> capacity;
  for (size_t c : candidate_of_site) {
    sites.push_back(candidates[c].at);
    capacity.push_back(candidates[c].capacity.value_or(settings.candidate_capacity.value_or(kInf)));
  }
  std::vector<size_t> existing;  // facility index per existing site
  if (!from_matrix)
    for (size_t f = 0; f < all_facilities.size(); ++f)
      if (all_facilities[f].category == settings.category) {
        existing.push_back(f);
        sites.push_back({all_facilities[f].x, all_facilities[f].y});
        capacity.push_back(facility_capacity[f].value_or(kInf));
      }
  report.existing = existing.size();
  if (from_matrix)
    report.warnings.push_back(
        tr("with a cost matrix the existing facilities take no part: the matrix's candidates are "
           "all the sites"));
  else if (existing.empty())
    report.warnings.push_back(fmt::format(
        fmt::runtime(
            tr("no existing facility of category {} in {}: every household starts out of reach")),
        settings.category, in_quotes(names.facilities)));
  const auto site_name = [&](size_t s) {
    return s < first_existing ? candidates[candidate_of_site[s]].name
                              : all_facilities[existing[s - first_existing]].name;
  };

  timer.phase("costs");
  const bool assigns = settings.objective == SitingObjective::pmedian ||
                       settings.objective == SitingObjective::pcenter;
  const bool pmedian = settings.objective == SitingObjective::pmedian;
  const double cutoff =
      assigns ? std::max(threshold, settings.by_road ? settings.cutoff_min : settings.cutoff_m)
              : threshold;
  std::optional<RoadNetwork> network;
  std::optional<RoadCosts> road_costs;
  std::optional<CostMatrix> matrix;
  if (from_matrix) {
    std::vector<std::string> site_ids;
    for (size_t c : candidate_of_site) site_ids.push_back(candidates[c].id);
    matrix = read_cost_matrix(settings.cost_matrix, demand.id.strings(), site_ids);
    for (auto& w : matrix->warnings) report.warnings.push_back(w);
  } else if (settings.by_road) {
    network.emplace(read_roads(store, *road_info), settings.network);
    road_costs.emplace(*network, households.x, households.y, settings.road);
    const auto off = road_costs->sites_off_road(sites);
    if (!off.empty())
      report.warnings.push_back(
          fmt::format(fmt::runtime(tr("{} site(s) have no road within {:g} m and reach nobody, "
                                      "e.g. {}")),
                      off.size(), settings.road.access_limit_m, site_name(off.front())));
    if (road_costs->households_off_road() > 0)
      report.warnings.push_back(fmt::format(
          fmt::runtime(tr("{} household(s) have no road within {:g} m and cannot be reached")),
          road_costs->households_off_road(), settings.road.access_limit_m));
  }
  std::optional<geo::PointIndex> household_index;
  if (!settings.by_road && !from_matrix)
    household_index.emplace(households.x.data(), households.y.data(), 0,
                            static_cast<uint32_t>(households.size()));
  // Costs of sites [first, last), computed a batch at a time so that a province's millions of
  // (site, household) pairs never have to be held at once.
  auto costs_of = [&](size_t first, size_t last) {
    if (matrix) {
      SiteCosts out;
      for (size_t s = first; s < last; ++s) {
        auto& list = out.emplace_back();
        for (const auto& [h, c] : matrix->costs[s])
          if (c <= cutoff) list.push_back({h, c});
      }
      return out;
    }
    const std::vector<SitePoint> batch(sites.begin() + static_cast<long>(first),
                                       sites.begin() + static_cast<long>(last));
    return settings.by_road
               ? road_costs->costs(batch, cutoff, settings.threads)
               : straight_line_costs(*household_index, batch, cutoff, settings.threads);
  };
  constexpr size_t kBatch = 2048;

  // Before: each point's cost to the nearest existing facility; `base` also counts the required
  // sites, which open whatever is chosen.
  const size_t n = households.size();
  std::vector<double> before(n, kInf), base(n, kInf);
  const bool capacitated = settings.capacities && settings.objective != SitingObjective::mclp &&
                           settings.objective != SitingObjective::pcenter;
  std::vector<std::pair<uint32_t, uint32_t>> covers;  // MCLP / LSCP: (household, covering site)
  CenterProblem center;                               // p-center: every point's options
  if (settings.objective == SitingObjective::pcenter) {
    center.candidates = nc;
    center.sites = sites.size();
    center.options.resize(n);
  }
  for (size_t first = nc; first < sites.size(); first += kBatch) {
    const auto batch = costs_of(first, std::min(sites.size(), first + kBatch));
    for (size_t i = 0; i < batch.size(); ++i) {
      const auto site = static_cast<uint32_t>(first + i);
      for (const auto& [h, c] : batch[i]) {
        if (site >= first_existing) before[h] = std::min(before[h], c);
        base[h] = std::min(base[h], c);
        // With capacities an always-open site is one a household may be assigned to.
        if (capacitated && !pmedian && c <= threshold) covers.push_back({h, site});
        if (!center.options.empty()) center.options[h].push_back({site, c});
      }
    }
  }

  timer.phase("solve");
  const auto started = std::chrono::steady_clock::now();
  Assignment assignment;
  const size_t k_free = needs_k ? settings.k - required_count : 0;
  std::vector<char> reachable(n, 0);  // some site can reach it (within the threshold / cutoff)
  for (size_t h = 0; h < n; ++h) reachable[h] = base[h] <= (assigns ? cutoff : threshold);
  if (!assigns) {
    for (size_t first = 0; first < nc; first += kBatch) {
      const auto batch = costs_of(first, std::min(nc, first + kBatch));
      for (size_t i = 0; i < batch.size(); ++i)
        for (const auto& [h, c] : batch[i])
          if (c <= threshold) {
            reachable[h] = 1;
            if (capacitated || base[h] > threshold)
              covers.push_back({h, static_cast<uint32_t>(first + i)});
          }
    }
  } else if (settings.objective == SitingObjective::pcenter) {
    for (size_t first = 0; first < nc; first += kBatch) {
      const auto batch = costs_of(first, std::min(nc, first + kBatch));
      for (size_t i = 0; i < batch.size(); ++i)
        for (const auto& [h, c] : batch[i]) {
          reachable[h] = 1;
          center.options[h].push_back({static_cast<uint32_t>(first + i), c});
        }
    }
  }
  std::vector<size_t> uncovered;
  for (size_t h = 0; h < n; ++h)
    if (!reachable[h]) uncovered.push_back(h);
  report.not_coverable = static_cast<int64_t>(uncovered.size());
  if (settings.objective == SitingObjective::lscp && !uncovered.empty() &&
      !settings.allow_uncovered) {
    std::map<std::string, int64_t> by_village;
    for (size_t h : uncovered) {
      const int32_t v = households.village[h];
      ++by_village[v < 0 ? std::string(tr("(no village)"))
                         : villages[static_cast<size_t>(v)].name + " " +
                               villages[static_cast<size_t>(v)].code];
    }
    std::vector<std::pair<int64_t, std::string>> ranked;
    for (const auto& [name, count] : by_village) ranked.push_back({-count, name});
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::string> listed;
    for (size_t i = 0; i < std::min<size_t>(ranked.size(), 10); ++i)
      listed.push_back(fmt::format("{} ({})", ranked[i].second, -ranked[i].first));
    throw DataError(fmt::format(
        fmt::runtime(
            tr("LSCP: {} demand point(s) of {} are within {} of no candidate and no existing "
               "facility, so no choice of sites covers everyone; in {} village(s): {}{}. Add "
               "candidates, widen the reach, or give --allow-uncovered to cover the rest and list "
               "them in site_uncovered")),
        uncovered.size(), in_quotes(names.households), report.measure_text, by_village.size(),
        fmt::join(listed, ", "), by_village.size() > listed.size() ? ", ..." : ""));
  }
  if (!assigns) {
    CoverageProblem problem = aggregate_coverage(nc, std::move(covers), demand.weight);
    // The solver's model is the peak of memory at province scale: the index is rebuilt after.
    household_index.reset();
    if (settings.objective == SitingObjective::mclp) {
      report.result = solve_mclp(problem, k_free, settings.time_limit_s);
    } else {
      report.result = solve_lscp(problem, capacitated ? capacity : std::vector<double>{},
                                 settings.time_limit_s);
      if (!report.result.has_solution)
        throw DataError(
            report.result.infeasible
                ? fmt::format(fmt::runtime(tr("no choice of the {} candidates covers every "
                                              "household within the sites' capacities ({})")),
                              candidates.size(), report.measure_text)
                : fmt::format(
                      fmt::runtime(tr("CBC found no cover within the time limit of {:g} s")),
                      settings.time_limit_s));
    }
  } else if (pmedian) {
    const AssignmentProblem problem =
        village_assignment(households, villages.size(), demand.weight, costs_of(0, sites.size()),
                           nc, capacitated ? capacity : std::vector<double>{}, cutoff, true);
    report.result = solve_pmedian(problem, k_free, settings.time_limit_s, &assignment);
  } else {
    for (size_t h : uncovered) center.options[h].clear();
    report.result = solve_pcenter(center, k_free, settings.time_limit_s);
    center = {};
  }
  report.solve_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!report.result.has_solution)
    throw DataError(
        report.result.infeasible
            ? fmt::format(fmt::runtime(settings.by_road
                                           ? tr("{}: no {} new site(s) give every household a "
                                                "site within the cutoff ({:g} min); raise K or "
                                                "the cutoff")
                                           : tr("{}: no {} new site(s) give every household a "
                                                "site within the cutoff ({:g} m); raise K or the "
                                                "cutoff")),
                          to_string(settings.objective), k_free,
                          settings.by_road ? settings.cutoff_min : settings.cutoff_m)
            : fmt::format(fmt::runtime(tr("CBC found no solution within the time limit of {:g} s")),
                          settings.time_limit_s));

  // After: each point's nearest open site, and which new site (required or chosen) that is.
  if (!settings.by_road && !from_matrix && !household_index)
    household_index.emplace(households.x.data(), households.y.data(), 0,
                            static_cast<uint32_t>(households.size()));
  std::vector<uint32_t> opened;  // sites: the required ones, then the chosen in rank order
  for (size_t s = nc; s < first_existing; ++s) opened.push_back(static_cast<uint32_t>(s));
  for (uint32_t c : report.result.chosen) opened.push_back(c);
  std::vector<double> after = before;
  std::vector<int32_t> new_site(n, -1);
  for (uint32_t s : opened) {
    const auto site_costs = costs_of(s, s + 1);
    for (const auto& [h, cost] : site_costs[0])
      if (cost < after[h]) {
        after[h] = cost;
        new_site[h] = static_cast<int32_t>(s);
      }
  }
  for (uint32_t s : opened) report.chosen.push_back(site_name(s));
  std::map<uint32_t, double> added;  // per opened site: demand it brings in (or nearer)
  auto improved = [&](size_t h) {
    return assigns ? new_site[h] >= 0 : (before[h] > threshold && after[h] <= threshold);
  };
  std::map<std::string, SitingTownship> townships;
  const double unserved = unserved_cost(cutoff);
  report.households = static_cast<int64_t>(n);
  for (size_t h = 0; h < n; ++h) {
    const double w = demand.weight[h];
    report.within_before += before[h] <= threshold;
    report.within_after += after[h] <= threshold;
    report.demand += w;
    report.demand_within_before += before[h] <= threshold ? w : 0;
    report.demand_within_after += after[h] <= threshold ? w : 0;
    if (after[h] <= cutoff) {
      report.demand_served += w;
      report.max_cost_after = std::max(report.max_cost_after, after[h]);
    }
    if (improved(h)) added[static_cast<uint32_t>(new_site[h])] += w;
    const int32_t v = households.village[h];
    if (v < 0) continue;
    const Village& village = villages[static_cast<size_t>(v)];
    auto& t = townships[village.township_code];
    t.code = village.township_code;
    if (t.name.empty()) t.name = village.township_name;
    ++t.households;
    t.within_before += before[h] <= threshold;
    t.within_after += after[h] <= threshold;
    t.cost_before += w * (std::isfinite(before[h]) ? before[h] : unserved);
    t.cost_after += w * (std::isfinite(after[h]) ? after[h] : unserved);
  }
  // Per opened site, the demand p-median's assignment gives it.
  std::map<uint32_t, double> served;
  for (const auto& unit : assignment.shares)
    for (const auto& [s, amount] : unit)
      if (s < first_existing) served[s] += amount;

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
                       {"required", FieldType::integer},
                       {"capacity", FieldType::real},
                       {"households_added", FieldType::real},
                       {"households_served", FieldType::real}})},
              [&](geo::LayerWriter& w) {
                int64_t rank = 0;
                for (uint32_t s : opened) {
                  const Candidate& c = candidates[candidate_of_site[s]];
                  const auto it = served.find(s);
                  const auto add = added.find(s);
                  const std::vector<Value> values{rank + 1,
                                                  c.name,
                                                  c.code.empty() ? Value() : Value(c.code),
                                                  settings.category,
                                                  int64_t{c.required},
                                                  cost_value(capacity[s]),
                                                  add == added.end() ? 0.0 : add->second,
                                                  it == served.end() ? Value() : Value(it->second)};
                  w.add_point(++rank, values, "{}", c.at.x, c.at.y);
                }
              });
  const bool has_ids = demand.id.size() == n;
  auto point_fields = [](std::vector<geo::FieldDef> extra) {
    auto out = fields({{"household_fid", FieldType::integer},
                       {"household_id", FieldType::text},
                       {"village_code", FieldType::text},
                       {"village_name", FieldType::text},
                       {"township_code", FieldType::text}});
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
  };
  auto point_values = [&](size_t h) {
    const int32_t v = households.village[h];
    const Village* village = v < 0 ? nullptr : &villages[static_cast<size_t>(v)];
    return std::vector<Value>{
        households.fid[h], has_ids ? Value(std::string(demand.id[h])) : Value(),
        village ? Value(village->code) : Value(), village ? Value(village->name) : Value(),
        village ? Value(village->township_code) : Value()};
  };
  write_layer({"site_households", "site", GeometryKind::point,
               point_fields(fields({{"weight", FieldType::real},
                                    {"new_site", FieldType::text},
                                    {"cost_before", FieldType::real},
                                    {"cost_after", FieldType::real}}))},
              [&](geo::LayerWriter& w) {
                int64_t id = 0;
                for (size_t h = 0; h < n; ++h) {
                  if (!improved(h)) continue;
                  auto values = point_values(h);
                  values.push_back(demand.weight[h]);
                  values.push_back(site_name(static_cast<size_t>(new_site[h])));
                  values.push_back(cost_value(before[h]));
                  values.push_back(cost_value(after[h]));
                  w.add_point(++id, values, "{}", households.x[h], households.y[h]);
                }
              });
  write_layer({"site_uncovered", "site", GeometryKind::point,
               point_fields(fields({{"weight", FieldType::real}}))},
              [&](geo::LayerWriter& w) {
                int64_t id = 0;
                for (size_t h : uncovered) {
                  auto values = point_values(h);
                  values.push_back(demand.weight[h]);
                  w.add_point(++id, values, "{}", households.x[h], households.y[h]);
                }
              });
  auto share = [](auto part, auto whole) {
    return whole > 0 ? Value(static_cast<double>(part) / static_cast<double>(whole)) : Value();
  };
  const auto township_shapes = read_township_shapes(store, names.townships);
  write_layer({"site_townships", "site", GeometryKind::polygon,
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
                  auto shape = township_shapes.find(t.code);
                  if (shape != township_shapes.end() && !shape->second.empty())
                    w.add_stored(++id, values, "{}", shape->second);
                  else
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
                       {"required", FieldType::integer},
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
                       {"not_coverable", FieldType::integer},
                       {"weight", FieldType::text},
                       {"demand", FieldType::real},
                       {"demand_within_before", FieldType::real},
                       {"demand_within_after", FieldType::real},
                       {"share_within_before", FieldType::real},
                       {"share_within_after", FieldType::real},
                       {"demand_served", FieldType::real},
                       {"share_served", FieldType::real},
                       {"max_cost_after", FieldType::real}})},
              [&](geo::LayerWriter& w) {
                const std::vector<Value> values{
                    std::string(to_string(settings.objective)),
                    settings.category,
                    report.measure,
                    needs_k ? Value(static_cast<int64_t>(settings.k)) : Value(),
                    static_cast<int64_t>(candidates.size()),
                    static_cast<int64_t>(required_count),
                    static_cast<int64_t>(existing.size()),
                    static_cast<int64_t>(opened.size()),
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
                    report.not_coverable,
                    report.weight_name,
                    report.demand,
                    report.demand_within_before,
                    report.demand_within_after,
                    share(report.demand_within_before, report.demand),
                    share(report.demand_within_after, report.demand),
                    report.demand_served,
                    share(report.demand_served, report.demand),
                    report.demand_served > 0 ? Value(report.max_cost_after) : Value()};
                w.add_without_geometry(1, values, "{}");
              });
  tx.commit();
  return report;
}

}  // namespace rz::analysis
