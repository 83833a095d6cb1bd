#include "analysis/common/store_inputs.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/geos.hpp"
#include "geo/geos_read.hpp"
#include "geo/messages.hpp"
#include "geo/parallel.hpp"
#include "geo/point_scan.hpp"

namespace rz::analysis {

using geo::Value;

std::string text_of(const Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  return {};
}
std::optional<int64_t> int_of(const Value& v) {
  if (auto* i = std::get_if<int64_t>(&v)) return *i;
  if (auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  return std::nullopt;
}

std::optional<double> real_of(const Value& v) {
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  return std::nullopt;
}
int Columns::operator[](std::string_view name) const {
  for (size_t i = 0; i < info_.schema.fields.size(); ++i)
    if (info_.schema.fields[i].name == name) return static_cast<int>(i);
  return -1;
}

const geo::Value& at(const geo::FeatureRow& row, int col) {
  static const geo::Value none;
  return col < 0 ? none : row.values[static_cast<size_t>(col)];
}

geo::LayerInfo require_layer(geo::Store& store, const std::string& name, const char* kind,
                             int srid) {
  auto info = store.layer(name);
  if (!info)
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: no {} layer {}: import one first (ruralzone import ... "
                                    "--kind {})")),
                    store.path(), kind, in_quotes(name), kind));
  if (info->feature_count == 0)
    throw DataError(fmt::format(fmt::runtime(tr("{}: the {} layer {} is empty")), store.path(),
                                kind, in_quotes(name)));
  if (info->srid != srid)
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: layer {} is in EPSG:{} but the project is in EPSG:{}; "
                                    "import it again so it is reprojected")),
                    store.path(), in_quotes(name), info->srid, srid));
  return *info;
}

namespace {
// Reads the villages through `read` (read_features, read_attributes or read_stored).
template <typename Read>
std::vector<Village> villages_of(const geo::LayerInfo& info, Read&& read) {
  std::vector<Village> villages;
  Columns c(info);
  const int code = c["code"], name = c["name"], tcode = c["township_code"],
            tname = c["township_name"];
  read(info.schema.name, [&](const geo::FeatureRow& row) {
    villages.push_back({row.fid,
                        text_of(at(row, code)),
                        text_of(at(row, name)),
                        text_of(at(row, tcode)),
                        text_of(at(row, tname)),
                        {row.wkb.begin(), row.wkb.end()},
                        {row.stored_geometry.begin(), row.stored_geometry.end()}});
  });
  return villages;
}
}  // namespace

std::vector<Village> read_village_names(geo::Store& store, const geo::LayerInfo& info) {
  return villages_of(
      info, [&](const std::string& layer, const auto& fn) { store.read_attributes(layer, fn); });
}

std::vector<Village> read_village_stored(geo::Store& store, const geo::LayerInfo& info) {
  return villages_of(
      info, [&](const std::string& layer, const auto& fn) { store.read_stored(layer, fn); });
}

std::optional<std::vector<geo::Point2>> read_village_seats(geo::Store& store,
                                                           const geo::LayerInfo& info,
                                                           const std::vector<Village>& villages) {
  const auto points = store.inner_points(info.schema.name);
  if (!points) return std::nullopt;
  std::vector<geo::Point2> seats;
  seats.reserve(villages.size());
  for (const Village& v : villages) {
    auto it = points->find(v.fid);
    if (it == points->end()) return std::nullopt;
    seats.emplace_back(it->second.first, it->second.second);
  }
  return seats;
}

void read_village_shapes(geo::Store& store, const geo::LayerInfo& info,
                         std::vector<Village>& villages) {
  // Both reads go in fid order; a layer changed in between is an error, not a mix.
  auto changed = [&] {
    return DataError(fmt::format(fmt::runtime(tr("{}: the layer {} changed while it was read")),
                                 store.path(), in_quotes(info.schema.name)));
  };
  size_t next = 0;
  store.read_features(info.schema.name, [&](const geo::FeatureRow& row) {
    if (next == villages.size() || villages[next].fid != row.fid) throw changed();
    villages[next++].wkb.assign(row.wkb.begin(), row.wkb.end());
  });
  if (next != villages.size()) throw changed();
}

std::vector<Village> read_villages(geo::Store& store, const geo::LayerInfo& info) {
  return villages_of(
      info, [&](const std::string& layer, const auto& fn) { store.read_features(layer, fn); });
}

Households read_households(geo::Store& store, const std::string& layer,
                           const std::vector<Village>& villages, int threads, bool with_persons) {
  std::unordered_map<std::string_view, int32_t> village_of_code;
  for (size_t v = 0; v < villages.size(); ++v)
    village_of_code.emplace(villages[v].code, static_cast<int32_t>(v));
  const auto [lo, hi] = store.fid_range(layer);
  const auto expected = static_cast<size_t>(std::max<int64_t>(0, hi - lo + 1));
  // A second connection and thread pay off only for a big layer: opening one parses the store's
  // schema, which costs as much as reading some ten thousand rows.
  constexpr size_t kRowsPerThread = 100'000;
  const int parts = static_cast<int>(
      std::clamp<size_t>(expected / kRowsPerThread, 1, static_cast<size_t>(std::max(1, threads))));
  // Fid ranges of equal width, one per thread. Each part fills its own columns; the first is
  // sized for everything, so the others append to it without reallocating.
  std::vector<int64_t> first(static_cast<size_t>(parts) + 1);
  for (int p = 0; p <= parts; ++p) first[static_cast<size_t>(p)] = lo + (hi - lo + 1) * p / parts;
  std::vector<Households> part(static_cast<size_t>(parts));
  auto reserve = [&](Households& h, size_t n) {
    h.fid.reserve(n);
    h.x.reserve(n);
    h.y.reserve(n);
    h.village.reserve(n);
    if (with_persons) h.persons.reserve(n);
  };
  geo::parallel_for(part.size(), parts, [&](size_t, size_t p) {
    // Part 0 reads on the caller's connection (never two threads at once: each part is read by
    // one worker), the others each on their own.
    std::optional<geo::Store> reader;
    if (p > 0) reader.emplace(geo::Store::open_reader(store.path()));
    Households& h = part[p];
    reserve(h, p == 0 ? expected : expected / static_cast<size_t>(parts) + 1024);
    std::string last_code;
    int32_t last_village = -1;
    std::vector<std::string> columns{"village_code"};
    if (with_persons) columns.emplace_back("persons");
    geo::PointScan scan(reader ? *reader : store, layer, columns, first[p], first[p + 1] - 1);
    while (scan.next()) {
      h.fid.push_back(scan.fid());
      h.x.push_back(scan.x());
      h.y.push_back(scan.y());
      const std::string_view code = scan.text(0);
      if (code != last_code) {  // households mostly come village by village
        auto it = village_of_code.find(code);
        last_village = it == village_of_code.end() ? -1 : it->second;
        last_code = code;
      }
      h.village.push_back(code.empty() ? -1 : last_village);
      if (with_persons) {
        const auto persons = scan.integer(1);
        h.persons.push_back(persons ? static_cast<int32_t>(*persons) : -1);
      }
    }
  });
  Households all = std::move(part[0]);
  for (size_t p = 1; p < part.size(); ++p) {
    auto append = [](auto& to, auto& from) {
      to.insert(to.end(), from.begin(), from.end());
      std::decay_t<decltype(from)>().swap(from);
    };
    append(all.fid, part[p].fid);
    append(all.x, part[p].x);
    append(all.y, part[p].y);
    append(all.village, part[p].village);
    append(all.persons, part[p].persons);
  }
  return all;
}

namespace {

void append_line(const geo::GeosContext& ctx, const GEOSGeometry* g,
                 std::vector<std::vector<std::pair<double, double>>>& parts) {
  const int type = geo::type_id(ctx, g);
  if (type == GEOS_LINESTRING) {
    parts.push_back(geo::coordinates(ctx, g));
  } else if (type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION) {
    for (int i = 0; i < geo::part_count(ctx, g); ++i) append_line(ctx, geo::part(ctx, g, i), parts);
  }
}

}  // namespace

std::vector<RoadInput> read_roads(geo::Store& store, const geo::LayerInfo& roads_layer) {
  std::vector<RoadInput> roads;
  Columns c(roads_layer);
  const int speed = c["speed"], oneway = c["oneway"], cost = c["cost"], reverse = c["reverse_cost"];
  geo::GeosContext ctx;
  store.read_features(roads_layer.schema.name, [&](const geo::FeatureRow& row) {
    if (row.wkb.empty()) return;
    RoadInput r;
    append_line(ctx, geo::from_wkb(ctx, row.wkb).get(), r.parts);
    r.speed_kmh = real_of(at(row, speed));
    r.cost_min = real_of(at(row, cost));
    r.reverse_cost_min = real_of(at(row, reverse));
    r.oneway = int_of(at(row, oneway)).value_or(0) == 1;
    roads.push_back(std::move(r));
  });
  return roads;
}

std::vector<Facility> read_facilities(geo::Store& store, const geo::LayerInfo& facilities_layer,
                                      std::vector<std::optional<double>>* capacities) {
  std::vector<Facility> facilities;
  Columns c(facilities_layer);
  std::vector<std::string> columns{"name", "category"};
  const bool with_capacity = capacities && c["capacity"] >= 0;
  if (with_capacity) columns.push_back("capacity");
  geo::PointScan scan(store, facilities_layer.schema.name, columns);
  while (scan.next()) {
    facilities.push_back(
        {scan.fid(), std::string(scan.text(0)), std::string(scan.text(1)), scan.x(), scan.y()});
    if (capacities) capacities->push_back(with_capacity ? scan.real(2) : std::nullopt);
  }
  return facilities;
}

std::map<std::string, std::vector<unsigned char>> read_township_shapes(geo::Store& store,
                                                                       const std::string& layer) {
  std::map<std::string, std::vector<unsigned char>> shapes;
  auto info = store.layer(layer);
  if (!info || info->srid != store.srid()) return shapes;
  Columns c(*info);
  const int code = c["code"];
  store.read_stored(layer, [&](const geo::FeatureRow& row) {
    shapes[text_of(at(row, code))] = {row.stored_geometry.begin(), row.stored_geometry.end()};
  });
  return shapes;
}

}  // namespace rz::analysis
