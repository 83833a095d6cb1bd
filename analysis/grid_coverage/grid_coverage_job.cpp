#include "analysis/grid_coverage/grid_coverage_job.hpp"

#include "analysis/common/result_layers.hpp"
#include "analysis/common/store_inputs.hpp"
#include "analysis/grid_coverage/village_overlays.hpp"

#include <algorithm>
#include <exception>
#include <future>
#include <map>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geo/error.hpp"
#include "geo/geos.hpp"
#include "geo/phase_timer.hpp"

namespace rz::analysis {

namespace {

using geo::FieldType;
using geo::GeometryKind;
using geo::Value;

Value opt(std::optional<double> d) {
  return d ? Value(*d) : Value();
}

void add_area_fields(std::vector<geo::FieldDef>& f) {
  for (const char* name : {"villages", "villages_with_problems", "households", "in_one_grid",
                           "on_grid_boundary", "in_no_grid", "in_several_grids"})
    f.push_back({name, FieldType::integer});
  f.push_back({"zero_omission_rate", FieldType::real});
  for (const char* name : {"grids", "grids_under_band", "grids_over_band"})
    f.push_back({name, FieldType::integer});
  for (const char* name :
       {"area_m2", "gap_m2", "gap_share", "overlap_m2", "overlap_share", "outside_m2"})
    f.push_back({name, FieldType::real});
}

std::vector<Value> area_values(const AreaSummary& s) {
  auto share = [&](double part) { return s.area > 0 ? Value(part / s.area) : Value(); };
  return {s.code,         s.name,
          s.villages,     s.villages_with_problems,
          s.households,   s.in_one + s.on_boundary,
          s.on_boundary,  s.none,
          s.several,      opt(s.zero_omission_rate()),
          s.grids,        s.grids_under,
          s.grids_over,   s.area,
          s.gap_area,     share(s.gap_area),
          s.overlap_area, share(s.overlap_area),
          s.outside_area};
}

}  // namespace

std::optional<double> AreaSummary::zero_omission_rate() const {
  if (households == 0) return std::nullopt;
  return static_cast<double>(in_one + on_boundary) / static_cast<double>(households);
}

const std::vector<std::string>& grid_result_layers() {
  static const std::vector<std::string> names = {
      "grid_load",     "grid_households_none", "grid_households_several",
      "grid_gaps",     "grid_overlaps",        "grid_outside",
      "grid_villages", "grid_townships",       "grid_county"};
  return names;
}

GridCoverageReport run_grid_coverage(geo::Store& store, const GridSettings& settings,
                                     const GridLayers& names) {
  const int srid = store.srid();
  const auto village_info = require_layer(store, names.villages, "villages", srid);
  const auto grid_info = require_layer(store, names.grids, "grids", srid);
  require_layer(store, names.households, "households", srid);

  geo::PhaseTimer timer("grids");
  timer.phase("read villages and grids");
  std::vector<Village> villages = read_villages(store, village_info);
  std::vector<Grid> grids;
  {
    Columns c(grid_info);
    const int code = c["code"], name = c["name"], vcode = c["village_code"], workers = c["workers"];
    geo::GeosContext ctx;
    store.read_features(names.grids, [&](const geo::FeatureRow& row) {
      if (row.wkb.empty()) return;
      auto e = geo::envelope(ctx, geo::from_wkb(ctx, row.wkb).get());
      grids.push_back({row.fid,
                       text_of(at(row, code)),
                       text_of(at(row, name)),
                       text_of(at(row, vcode)),
                       int_of(at(row, workers)),
                       {row.wkb.begin(), row.wkb.end()},
                       {e[0], e[1], e[2], e[3]}});
    });
  }
  // The area side needs no households: it runs while they are read and placed in grids.
  const auto grid_village = village_of_grids(villages, grids);
  GridCoverage cov;
  cov.villages.resize(villages.size());
  auto areas = std::async(std::launch::async, [&] {
    compute_village_overlays(villages, grids, grid_village, settings, cov);
  });
  timer.phase("read households (areas meanwhile)");
  Households households =
      read_households(store, names.households, villages, settings.threads, true);
  // The page cache filled while reading: give it back before the memory-hungry part.
  store.db().exec("PRAGMA shrink_memory");
  timer.phase("households in grids (areas meanwhile)");
  compute_household_coverage(villages, grids, grid_village, households, settings, cov);
  timer.phase("areas, waiting");
  areas.get();
  timer.phase("write");

  // --- summaries --------------------------------------------------------------------------
  GridCoverageReport report;
  report.households = static_cast<int64_t>(households.size());
  report.households_without_village = cov.households_without_village;
  report.gaps = static_cast<int64_t>(cov.gaps.size());
  report.overlaps = static_cast<int64_t>(cov.overlaps.size());
  report.outside = static_cast<int64_t>(cov.outside.size());
  report.snapped_overlays = cov.snapped_overlays;
  std::vector<std::string> problems(villages.size());
  std::map<std::string, AreaSummary> townships, counties;
  for (size_t v = 0; v < villages.size(); ++v) {
    const VillageStats& s = cov.villages[v];
    std::vector<std::string> p;
    if (s.grids == 0) p.push_back("no grids");
    if (s.none > 0) p.push_back(fmt::format("{} households in no grid", s.none));
    if (s.several > 0) p.push_back(fmt::format("{} households in several grids", s.several));
    if (s.gap_area > 0) p.push_back("gaps");
    if (s.overlap_area > 0) p.push_back("overlaps");
    if (s.outside_area > 0) p.push_back("grids outside the village");
    if (s.grids_under + s.grids_over > 0)
      p.push_back(fmt::format("{} grids outside the load band", s.grids_under + s.grids_over));
    problems[v] = fmt::format("{}", fmt::join(p, "; "));
    const std::string county = villages[v].code.substr(0, 6);
    for (auto* summary : {&townships[villages[v].township_code], &counties[county]}) {
      ++summary->villages;
      if (!p.empty()) ++summary->villages_with_problems;
      summary->households += s.households;
      summary->in_one += s.one;
      summary->on_boundary += s.boundary;
      summary->none += s.none;
      summary->several += s.several;
      summary->grids += s.grids;
      summary->grids_under += s.grids_under;
      summary->grids_over += s.grids_over;
      summary->area += s.area;
      summary->gap_area += s.gap_area;
      summary->overlap_area += s.overlap_area;
      summary->outside_area += s.outside_area;
    }
    townships[villages[v].township_code].code = villages[v].township_code;
    if (townships[villages[v].township_code].name.empty())
      townships[villages[v].township_code].name = villages[v].township_name;
    counties[county].code = county;
  }

  // --- write ------------------------------------------------------------------------------
  geo::Transaction tx(store.db());
  for (const auto& name : grid_result_layers()) store.drop_layer(name);
  auto village_values = [&](int32_t v) -> std::vector<Value> {
    if (v < 0) return {Value(), Value(), Value(), Value()};
    const Village& village = villages[static_cast<size_t>(v)];
    return {village.code, village.name, village.township_code, village.township_name};
  };
  const auto village_fields = fields({{"village_code", FieldType::text},
                                      {"village_name", FieldType::text},
                                      {"township_code", FieldType::text},
                                      {"township_name", FieldType::text}});
  auto concat = [](std::vector<geo::FieldDef> a, const std::vector<geo::FieldDef>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  auto write_layer = [&](const geo::LayerSchema& schema, auto&& fill) {
    write_result_layer(store, schema, fill, report.layers_written);
  };
  // Per-household layers show the households' own points (geo::GeometryFrom).
  const geo::GeometryFrom household_points{
      names.households, "household_fid", {{"household_id", "id"}}, {}};
  auto write_household_layer = [&](const geo::LayerSchema& schema, auto&& fill) {
    write_result_layer(store, schema, household_points, fill, report.layers_written);
  };

  write_layer({"grid_load", "grid_coverage", GeometryKind::polygon,
               concat(fields({{"code", FieldType::text}, {"name", FieldType::text}}),
                      concat(village_fields, fields({{"workers", FieldType::integer},
                                                     {"households", FieldType::integer},
                                                     {"shared_households", FieldType::integer},
                                                     {"persons", FieldType::integer},
                                                     {"households_per_worker", FieldType::real},
                                                     {"load_min", FieldType::integer},
                                                     {"load_max", FieldType::integer},
                                                     {"load", FieldType::text}})))},
              [&](geo::LayerWriter& w) {
                for (size_t g = 0; g < grids.size(); ++g) {
                  const GridStats& s = cov.grids[g];
                  std::vector<Value> values{grids[g].code, grids[g].name};
                  auto vv = village_values(grid_village[g]);
                  values.insert(values.end(), vv.begin(), vv.end());
                  values.push_back(grids[g].workers ? Value(*grids[g].workers) : Value());
                  values.push_back(s.households);
                  values.push_back(s.shared_households);
                  values.push_back(s.persons_known ? Value(s.persons) : Value());
                  values.push_back(opt(s.households_per_worker));
                  values.push_back(s.band.min);
                  values.push_back(s.band.max);
                  values.push_back(s.load);
                  w.add(grids[g].fid, values, "{}", grids[g].wkb, grids[g].envelope);
                }
              });

  const auto household_fields =
      concat(fields({{"household_fid", FieldType::integer}, {"household_id", FieldType::text}}),
             village_fields);
  write_household_layer(
      {"grid_households_none", "grid_coverage", GeometryKind::point, household_fields},
      [&](geo::LayerWriter& w) {
        for (size_t h = 0; h < households.size(); ++h) {
          if (cov.status[h] != HouseholdStatus::none) continue;
          std::vector<Value> values{households.fid[h], Value()};  // id: the view's
          auto vv = village_values(households.village[h]);
          values.insert(values.end(), vv.begin(), vv.end());
          w.add_point(households.fid[h], values, "{}", households.x[h], households.y[h]);
        }
      });
  write_household_layer(
      {"grid_households_several", "grid_coverage", GeometryKind::point,
       concat(household_fields,
              fields({{"grid_count", FieldType::integer}, {"grid_codes", FieldType::text}}))},
      [&](geo::LayerWriter& w) {
        for (size_t k = 0; k < cov.several.size(); ++k) {
          const size_t h = cov.several_households[k];
          std::vector<Value> values{households.fid[h], Value()};  // id: the view's
          auto vv = village_values(households.village[h]);
          values.insert(values.end(), vv.begin(), vv.end());
          std::vector<std::string> codes;
          for (int32_t g : cov.several[k]) codes.push_back(grids[static_cast<size_t>(g)].code);
          values.push_back(static_cast<int64_t>(codes.size()));
          values.push_back(fmt::format("{}", fmt::join(codes, ",")));
          w.add_point(households.fid[h], values, "{}", households.x[h], households.y[h]);
        }
      });

  auto pieces = [&](const char* name, const std::vector<AreaPiece>& list, bool with_grid,
                    bool with_other) {
    std::vector<geo::FieldDef> f;
    if (with_grid) f.push_back({"grid_code", FieldType::text});
    if (with_other) {
      f.push_back({"other_grid_code", FieldType::text});
      f.push_back({"other_village_code", FieldType::text});
    }
    f = concat(f, village_fields);
    f.push_back({"area_m2", FieldType::real});
    write_layer({name, "grid_coverage", GeometryKind::polygon, f}, [&](geo::LayerWriter& w) {
      int64_t id = 0;
      for (const AreaPiece& p : list) {
        std::vector<Value> values;
        if (with_grid) values.push_back(grids[static_cast<size_t>(p.grid)].code);
        if (with_other) {
          values.push_back(grids[static_cast<size_t>(p.other_grid)].code);
          values.push_back(grids[static_cast<size_t>(p.other_grid)].village_code);
        }
        auto vv = village_values(p.village);
        values.insert(values.end(), vv.begin(), vv.end());
        values.push_back(p.area);
        w.add(++id, values, "{}", p.wkb, p.envelope);
      }
    });
  };
  pieces("grid_gaps", cov.gaps, false, false);
  pieces("grid_overlaps", cov.overlaps, true, true);
  pieces("grid_outside", cov.outside, true, false);

  write_layer(
      {"grid_villages", "grid_coverage", GeometryKind::polygon,
       concat(fields({{"code", FieldType::text},
                      {"name", FieldType::text},
                      {"township_code", FieldType::text},
                      {"township_name", FieldType::text},
                      {"households", FieldType::integer},
                      {"in_one_grid", FieldType::integer},
                      {"on_grid_boundary", FieldType::integer},
                      {"in_no_grid", FieldType::integer},
                      {"in_several_grids", FieldType::integer},
                      {"zero_omission_rate", FieldType::real},
                      {"grids", FieldType::integer},
                      {"grids_under_band", FieldType::integer},
                      {"grids_over_band", FieldType::integer},
                      {"area_m2", FieldType::real},
                      {"gap_m2", FieldType::real},
                      {"gap_share", FieldType::real},
                      {"overlap_m2", FieldType::real},
                      {"overlap_share", FieldType::real},
                      {"outside_m2", FieldType::real},
                      {"snapped", FieldType::integer}}),
              fields({{"problems", FieldType::text}}))},
      [&](geo::LayerWriter& w) {
        geo::GeosContext ctx;
        for (size_t v = 0; v < villages.size(); ++v) {
          const VillageStats& s = cov.villages[v];
          auto share = [&](double part) { return s.area > 0 ? Value(part / s.area) : Value(); };
          std::optional<double> rate;
          if (s.households > 0)
            rate = static_cast<double>(s.one + s.boundary) / static_cast<double>(s.households);
          std::vector<Value> values{villages[v].code,
                                    villages[v].name,
                                    villages[v].township_code,
                                    villages[v].township_name,
                                    s.households,
                                    s.one + s.boundary,
                                    s.boundary,
                                    s.none,
                                    s.several,
                                    opt(rate),
                                    s.grids,
                                    s.grids_under,
                                    s.grids_over,
                                    s.area,
                                    s.gap_area,
                                    share(s.gap_area),
                                    s.overlap_area,
                                    share(s.overlap_area),
                                    s.outside_area,
                                    int64_t{s.snapped ? 1 : 0},
                                    problems[v]};
          w.add(villages[v].fid, values, "{}", villages[v].wkb, envelope_of(ctx, villages[v].wkb));
        }
      });

  // Township outlines, when the project has them.
  std::map<std::string, std::pair<std::vector<unsigned char>, std::string>> township_shapes;
  if (auto info = store.layer(names.townships); info && info->srid == srid) {
    Columns c(*info);
    const int code = c["code"], name = c["name"];
    store.read_features(names.townships, [&](const geo::FeatureRow& row) {
      township_shapes[text_of(at(row, code))] = {{row.wkb.begin(), row.wkb.end()},
                                                 text_of(at(row, name))};
    });
  }
  std::vector<geo::FieldDef> summary_fields =
      fields({{"code", FieldType::text}, {"name", FieldType::text}});
  add_area_fields(summary_fields);
  write_layer({"grid_townships", "grid_coverage", GeometryKind::polygon, summary_fields},
              [&](geo::LayerWriter& w) {
                geo::GeosContext ctx;
                int64_t id = 0;
                for (auto& [code, s] : townships) {
                  auto shape = township_shapes.find(code);
                  if (shape != township_shapes.end() && s.name.empty())
                    s.name = shape->second.second;
                  auto values = area_values(s);
                  if (shape != township_shapes.end() && !shape->second.first.empty()) {
                    w.add(++id, values, "{}", shape->second.first,
                          envelope_of(ctx, shape->second.first));
                  } else {
                    w.add_without_geometry(++id, values, "{}");
                  }
                  report.townships.push_back(s);
                }
              });
  write_layer({"grid_county", "grid_coverage", GeometryKind::polygon, summary_fields},
              [&](geo::LayerWriter& w) {
                int64_t id = 0;
                for (const auto& [code, s] : counties) {
                  w.add_without_geometry(++id, area_values(s), "{}");
                  report.counties.push_back(s);
                }
              });
  tx.commit();
  return report;
}

}  // namespace rz::analysis
