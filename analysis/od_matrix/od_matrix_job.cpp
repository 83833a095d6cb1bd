#include "analysis/od_matrix/od_matrix_job.hpp"

#include "geo/gcc12_variant_copies.hpp"  // first: it silences a false GCC 12 warning below

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/common/result_layers.hpp"
#include "analysis/common/store_inputs.hpp"
#include "analysis/reach/reach.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/phase_timer.hpp"
#include "geo/point_scan.hpp"

namespace rz::analysis {

namespace {

using geo::FieldType;
using geo::GeometryKind;
using geo::Value;

constexpr double kInf = std::numeric_limits<double>::infinity();
// The costs are computed a block of the searched side at a time, each block's matrix at most
// this big: memory stays bounded however many pairs there are (the rows go to the store).
constexpr size_t kBlockBytes = size_t{256} << 20;
constexpr size_t kNamesShown = 3;

// One side's points, as read.
struct SidePoints {
  OdSide info;
  std::vector<OdPoint> at;
  std::vector<int64_t> fid;
  std::vector<Value> id, name;  // text, or null where the layer has none
};

Value text_or_null(std::string_view text) {
  return text.empty() ? Value() : Value(std::string(text));
}

// The layers a side may be, for messages.
std::string sides_of(geo::Store& store) {
  std::vector<std::string> names;
  for (const auto& l : store.layers()) {
    if (!l.import_id) continue;
    if (l.schema.kind == "villages")
      names.push_back(l.schema.name + " (the village seats)");
    else if (l.schema.geometry == GeometryKind::point)
      names.push_back(l.schema.name);
  }
  return names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", "));
}

// `given` is a store layer, or a layer kind the project names another layer for. `side` is
// "from" or "to", for messages.
SidePoints read_side(geo::Store& store, const std::string& given, const std::string& category,
                     const OdMatrixLayers& layers, int srid, const std::string& side) {
  const auto mapped = layers.layer_of_kind.find(given);
  const std::string layer = mapped != layers.layer_of_kind.end() ? mapped->second : given;
  const auto found = store.layer(layer);
  const std::string named =
      layer == given ? fmt::format("«{}»", given) : fmt::format("«{}» (layer «{}»)", given, layer);
  if (!found)
    throw DataError(fmt::format(
        fmt::runtime(
            tr("{}: --{} {}: the store has no such layer; a side is a point layer or villages (the "
               "village seats), and this store has: {}")),
        store.path(), side, named, sides_of(store)));
  const bool seats = found->schema.kind == "villages";
  if (!seats && found->schema.geometry != GeometryKind::point)
    throw DataError(fmt::format(
        fmt::runtime(
            tr("{}: --{} {}: a layer of {}, not points; a side is a point layer or villages (the "
               "village seats), and this store has: {}")),
        store.path(), side, named,
        found->schema.geometry == GeometryKind::line ? tr("lines") : tr("polygons"),
        sides_of(store)));
  const auto info = require_layer(store, layer, found->schema.kind.c_str(), srid);

  SidePoints out;
  out.info.layer = layer;
  out.info.village_seats = seats;
  out.info.category = category;
  if (seats) {
    if (!category.empty())
      throw UsageError(fmt::format(
          fmt::runtime(
              tr("--{}-category {}: the village seats have no category (it chooses facilities)")),
          side, category));
    auto villages = read_village_names(store, info);
    auto at = read_village_seats(store, info, villages);
    if (!at) {
      read_village_shapes(store, info, villages);
      at = village_seats(villages);
    }
    for (size_t v = 0; v < villages.size(); ++v) {
      out.at.push_back({(*at)[v].get<0>(), (*at)[v].get<1>()});
      out.fid.push_back(villages[v].fid);
      out.id.push_back(text_or_null(villages[v].code));
      out.name.push_back(text_or_null(villages[v].name));
    }
  } else {
    const Columns c(info);
    std::vector<std::string> columns;
    const char* id_column = c["id"] >= 0 ? "id" : c["code"] >= 0 ? "code" : nullptr;
    if (id_column) columns.push_back(id_column);
    const bool named_points = c["name"] >= 0;
    if (named_points) columns.push_back("name");
    const bool by_category = !category.empty();
    if (by_category) {
      if (c["category"] < 0)
        throw UsageError(fmt::format(
            fmt::runtime(
                tr("--{}-category {}: layer {} has no category field (facilities have one)")),
            side, category, in_quotes(layer)));
      columns.push_back("category");
    }
    std::map<std::string, int64_t> categories;
    int64_t all = 0;
    geo::PointScan scan(store, layer, columns);
    while (scan.next()) {
      ++all;
      size_t col = 0;
      Value id = id_column ? text_or_null(scan.text(col++)) : Value();
      Value name = named_points ? text_or_null(scan.text(col++)) : Value();
      if (by_category) {
        const std::string_view of = scan.text(col);
        ++categories[std::string(of)];
        if (of != category) continue;
      }
      out.at.push_back({scan.x(), scan.y()});
      out.fid.push_back(scan.fid());
      out.id.push_back(std::move(id));
      out.name.push_back(std::move(name));
    }
    if (all == 0)
      throw DataError(fmt::format(fmt::runtime(tr("{}: --{} {}: the layer has no points")),
                                  store.path(), side, in_quotes(layer)));
    if (out.at.empty()) {
      std::vector<std::string> present;
      for (const auto& [name, count] : categories)
        present.push_back(fmt::format("{} ({})", name.empty() ? "none" : name, count));
      throw DataError(fmt::format(
          fmt::runtime(tr(
              "{}: --{}-category {}: no point of layer {} has that category (its {} points have: "
              "{})")),
          store.path(), side, category, in_quotes(layer), all, fmt::join(present, ", ")));
    }
  }
  out.info.points = static_cast<int64_t>(out.at.size());
  return out;
}

// How a point is named in a warning: its name, else its id, else its fid.
std::string point_name(const SidePoints& side, size_t i) {
  if (const auto* name = std::get_if<std::string>(&side.name[i])) return *name;
  if (const auto* id = std::get_if<std::string>(&side.id[i])) return *id;
  return fmt::format("fid {}", side.fid[i]);
}

void note_off_road(SidePoints& side, const OdPlaces& places) {
  for (size_t i = 0; i < places.size(); ++i) {
    if (places[i]) continue;
    if (side.info.off_road_names.size() < kNamesShown)
      side.info.off_road_names.push_back(point_name(side, i));
    ++side.info.off_road;
  }
}

// A destination kept for an origin under --nearest: the N best by (minutes, metres, to index).
struct Kept {
  double minutes, metres;
  uint32_t to;
  bool operator<(const Kept& o) const {
    if (minutes != o.minutes) return minutes < o.minutes;
    if (metres != o.metres) return metres < o.metres;
    return to < o.to;
  }
};

}  // namespace

const std::vector<std::string>& od_matrix_result_layers() {
  static const std::vector<std::string> names = {"od_matrix"};
  return names;
}

OdMatrixReport run_od_matrix(geo::Store& store, const OdMatrixJobSettings& settings,
                             const OdMatrixLayers& layers) {
  geo::PhaseTimer timer("od");
  timer.phase("read");
  const int srid = store.srid();
  SidePoints from = read_side(store, settings.from, settings.from_category, layers, srid, "from");
  SidePoints to = read_side(store, settings.to, settings.to_category, layers, srid, "to");
  const auto road_info = require_layer(store, layers.roads, "roads", srid);
  const std::vector<RoadInput> roads = read_roads(store, road_info);

  timer.phase("network");
  const RoadNetwork network(roads, settings.network);
  OdSettings od = settings.od;
  od.cutoff_min = settings.cutoff_min.value_or(kInf);
  const OdPlaces from_places = od_places(network, from.at, od);
  const OdPlaces to_places = od_places(network, to.at, od);
  note_off_road(from, from_places);
  note_off_road(to, to_places);

  OdMatrixReport report;
  report.nodes = network.node_count();
  report.edges = network.edges().size();
  report.components = network.component_count();
  report.cutoff_min = settings.cutoff_min;
  report.nearest = settings.nearest;
  const size_t nf = from.at.size(), nt = to.at.size();
  report.pairs = static_cast<int64_t>(nf * nt);
  if (network.roads_without_speed() > 0)
    report.warnings.push_back(fmt::format(
        fmt::runtime(tr("{} road(s) have no speed and no cost: driven at the default {:g} km/h")),
        network.roads_without_speed(), settings.network.default_speed_kmh));
  for (const OdSide* side : {&from.info, &to.info})
    if (side->off_road > 0)
      report.warnings.push_back(fmt::format(
          fmt::runtime(tr(
              "{} point(s) of {} have no open road within {:g} m and reach nothing on the roads, "
              "e.g. {}")),
          side->off_road, in_quotes(side->layer), od.access_limit_m,
          in_quotes(fmt::join(side->off_road_names, "», «"))));

  // The same layer on both sides: each point paired with itself is 0.
  std::vector<int64_t> self(nf, -1);  // per origin, the destination that is the same point
  if (from.info.layer == to.info.layer) {
    std::unordered_map<int64_t, uint32_t> to_of_fid;
    for (size_t j = 0; j < nt; ++j) to_of_fid.emplace(to.fid[j], static_cast<uint32_t>(j));
    for (size_t i = 0; i < nf; ++i)
      if (auto it = to_of_fid.find(from.fid[i]); it != to_of_fid.end()) self[i] = it->second;
  }

  timer.phase("table");
  geo::Transaction tx(store.db());
  for (const auto& name : od_matrix_result_layers()) store.drop_layer(name);
  geo::LayerWriter writer(store,
                          {"od_matrix", "od_matrix", GeometryKind::point,
                           fields({{"from_fid", FieldType::integer},
                                   {"from_id", FieldType::text},
                                   {"from_name", FieldType::text},
                                   {"to_fid", FieldType::integer},
                                   {"to_id", FieldType::text},
                                   {"to_name", FieldType::text},
                                   {"minutes", FieldType::real},
                                   {"metres", FieldType::real},
                                   {"straight_m", FieldType::real}})},
                          std::nullopt);
  std::vector<Value> row(9);
  auto write = [&](size_t i, size_t j, double minutes, double metres) {
    row[0] = from.fid[i];
    row[1] = from.id[i];
    row[2] = from.name[i];
    row[3] = to.fid[j];
    row[4] = to.id[j];
    row[5] = to.name[j];
    row[6] = minutes;
    row[7] = metres;
    row[8] = std::hypot(to.at[j].x - from.at[i].x, to.at[j].y - from.at[i].y);
    writer.add_without_geometry(++report.rows, row, "{}");
    report.max_minutes = std::max(report.max_minutes, minutes);
  };
  // The cost of pair (i, j) as computed, or 0 for a point with itself.
  auto cost = [&](size_t i, size_t j, const OdCost& computed) {
    return self[i] == static_cast<int64_t>(j) ? OdCost{0, 0} : computed;
  };

  // Blocks of the side searched from (the smaller, as od_minutes chooses), so that a block's
  // matrix stays within kBlockBytes.
  auto on_road = [](const OdPlaces& p) {
    return std::count_if(p.begin(), p.end(), [](const auto& a) { return a.has_value(); });
  };
  const bool by_origins = on_road(from_places) <= on_road(to_places);
  const size_t blocked = by_origins ? nf : nt, other = by_origins ? nt : nf;
  const size_t block =
      std::max<size_t>(1, kBlockBytes / (sizeof(OdCost) * std::max<size_t>(1, other)));
  const size_t nearest = settings.nearest ? static_cast<size_t>(*settings.nearest) : 0;
  std::vector<std::vector<Kept>> kept(nearest > 0 ? nf : 0);  // max-heaps of the N best
  auto consider = [&](size_t i, size_t j, const OdCost& c) {
    if (!c.reachable()) {
      ++report.unreached;
      return;
    }
    if (nearest == 0) {
      write(i, j, c.minutes, c.metres);
      return;
    }
    auto& heap = kept[i];
    const Kept k{c.minutes, c.metres, static_cast<uint32_t>(j)};
    if (heap.size() < nearest) {
      heap.push_back(k);
      std::push_heap(heap.begin(), heap.end());
    } else if (k < heap.front()) {
      std::pop_heap(heap.begin(), heap.end());
      heap.back() = k;
      std::push_heap(heap.begin(), heap.end());
    }
  };
  for (size_t first = 0; first < blocked; first += block) {
    const size_t count = std::min(block, blocked - first);
    const OdPlaces& whole = by_origins ? from_places : to_places;
    const OdPlaces part(whole.begin() + static_cast<std::ptrdiff_t>(first),
                        whole.begin() + static_cast<std::ptrdiff_t>(first + count));
    timer.phase("costs");
    if (by_origins) {
      const auto costs = od_minutes(network, part, to_places, od, settings.threads);
      timer.phase("rows");
      for (size_t b = 0; b < count; ++b)
        for (size_t j = 0; j < nt; ++j)
          consider(first + b, j, cost(first + b, j, costs[b * nt + j]));
    } else {
      const auto costs = od_minutes(network, from_places, part, od, settings.threads);
      timer.phase("rows");
      for (size_t i = 0; i < nf; ++i)
        for (size_t b = 0; b < count; ++b)
          consider(i, first + b, cost(i, first + b, costs[i * count + b]));
    }
  }
  if (nearest > 0)
    for (size_t i = 0; i < nf; ++i) {
      auto& heap = kept[i];
      std::sort(heap.begin(), heap.end(), [](const Kept& a, const Kept& b) { return a.to < b.to; });
      for (const Kept& k : heap) write(i, k.to, k.minutes, k.metres);
    }
  report.not_nearest = report.pairs - report.unreached - report.rows;
  timer.phase("finish");
  writer.finish();
  report.layers_written.push_back("od_matrix");
  tx.commit();
  if (report.unreached > 0 && report.components > 1)
    report.warnings.push_back(
        fmt::format(fmt::runtime(tr("the road network has {} disconnected parts; pairs on "
                                    "different parts are not reached")),
                    report.components));
  report.from = from.info;
  report.to = to.info;
  return report;
}

}  // namespace rz::analysis
