#include "analysis/siting/demand_points.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/common/store_inputs.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/point_scan.hpp"

namespace rz::analysis {

double DemandPoints::total_weight() const {
  return std::accumulate(weight.begin(), weight.end(), 0.0);
}

DemandPoints read_demand_points(geo::Store& store, const std::string& layer,
                                const std::vector<Village>& villages,
                                const std::optional<std::string>& weight_field, int threads) {
  const auto info = require_layer(store, layer, "demand", store.srid());
  DemandPoints out;
  out.layer = layer;
  // A demand layer weighs its points by `weight` unless told otherwise; households count.
  std::optional<std::string> field = weight_field;
  const bool is_demand_kind = info.schema.kind == "demand";
  if (!field && is_demand_kind && Columns(info)["weight"] >= 0) {
    // Only when some point has a weight: a layer imported without one has the column, empty.
    auto any = store.db().prepare(fmt::format("SELECT 1 FROM {} WHERE weight IS NOT NULL LIMIT 1",
                                              geo::quote_identifier(layer)));
    if (any.step()) field = "weight";
  }
  std::vector<std::string> numeric;
  for (const auto& f : info.schema.fields)
    if (f.type == geo::FieldType::integer || f.type == geo::FieldType::real)
      numeric.push_back(f.name);
  if (field && std::find(numeric.begin(), numeric.end(), *field) == numeric.end())
    throw DataError(fmt::format(
        fmt::runtime(tr("{}: the demand layer {} has no numeric field {} to weigh its points by; "
                        "its numeric fields: {}")),
        store.path(), in_quotes(layer), in_quotes(*field),
        numeric.empty() ? std::string(tr("none")) : fmt::format("{}", fmt::join(numeric, ", "))));
  out.weight_name = field ? *field : "households";
  out.points = read_households(store, layer, villages, threads, false);
  const size_t n = out.points.size();
  out.weight.assign(n, 1.0);
  const bool has_id = Columns(info)["id"] >= 0;
  std::vector<std::string> columns;
  if (has_id) columns.push_back("id");
  if (field) columns.push_back(*field);
  if (columns.empty()) {
    out.id.reserve(n, n * 8);
    for (size_t i = 0; i < n; ++i) out.id.push_back(std::to_string(out.points.fid[i]));
    return out;
  }
  // The same fid order as read_households.
  geo::PointScan scan(store, layer, columns);
  std::vector<std::string> bad;
  int64_t bad_count = 0;
  size_t i = 0;
  while (scan.next()) {
    if (i >= n || scan.fid() != out.points.fid[i])
      throw DataError(fmt::format(fmt::runtime(tr("{}: the layer {} changed while it was read")),
                                  store.path(), in_quotes(layer)));
    if (has_id && !scan.text(0).empty())
      out.id.push_back(scan.text(0));
    else
      out.id.push_back(std::to_string(scan.fid()));
    if (field) {
      const auto w = scan.real(has_id ? 1 : 0);
      if (!w) {
        out.weight[i] = 0;
        ++out.null_weights;
      } else if (*w < 0 || !std::isfinite(*w)) {
        if (bad.size() < 10)
          bad.push_back(fmt::format(fmt::runtime(tr("feature {} ({}): {} = {:g}")), scan.fid(),
                                    out.id[i], *field, *w));
        ++bad_count;
      } else {
        out.weight[i] = *w;
      }
    }
    ++i;
  }
  if (bad_count > 0)
    throw DataError(fmt::format(
        fmt::runtime(tr("{}: {} point(s) of {} have a negative or non-finite weight {}: {}{}")),
        store.path(), bad_count, in_quotes(layer), in_quotes(*field), fmt::join(bad, "; "),
        bad_count > 10 ? "; ..." : ""));
  return out;
}

}  // namespace rz::analysis
