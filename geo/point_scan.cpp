#include "geo/point_scan.hpp"

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/spatialite_blob.hpp"
#include "geo/store.hpp"

namespace rz::geo {

namespace {

// The layer's description, checked to be a point layer with `columns` among its fields.
LayerInfo point_layer(Store& store, const std::string& layer,
                      const std::vector<std::string>& columns) {
  auto info = store.layer(layer);
  if (!info)
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: no layer named {}")), store.path(), in_quotes(layer)));
  if (info->schema.geometry != GeometryKind::point)
    throw DataError(fmt::format(fmt::runtime(tr("{}: layer {} is not a point layer")), store.path(),
                                in_quotes(layer)));
  for (const auto& c : columns) {
    bool known = std::any_of(info->schema.fields.begin(), info->schema.fields.end(),
                             [&](const FieldDef& f) { return f.name == c; });
    if (!known)
      throw DataError(fmt::format(fmt::runtime(tr("{}: layer {} has no column {}")), store.path(),
                                  in_quotes(layer), in_quotes(c)));
  }
  return *info;
}

}  // namespace

PointScan::PointScan(Store& store, const std::string& layer,
                     const std::vector<std::string>& columns, int64_t fid_min, int64_t fid_max)
    : path_(store.path()), layer_(layer) {
  const LayerInfo info = point_layer(store, layer, columns);
  if (auto copy = PointColumnsReader::open(store.db(), info, columns, fid_min, fid_max)) {
    columns_.emplace(std::move(*copy));
    return;
  }
  std::string select;
  for (const auto& c : columns) select += ", " + quote_identifier(c);
  statement_.emplace(store.db().prepare(
      fmt::format("SELECT fid, geom{} FROM {} WHERE fid BETWEEN ? AND ? ORDER BY fid", select,
                  quote_identifier(layer))));
  statement_->bind(1, fid_min).bind(2, fid_max);
}

bool PointScan::next() {
  if (columns_) {
    if (started_) ++row_;
    started_ = true;
    while (row_ >= columns_->end_row()) {
      if (!columns_->next_chunk()) return false;
      row_ = columns_->first_row();
    }
    fid_ = columns_->fid(row_);
    x_ = columns_->x(row_);
    y_ = columns_->y(row_);
    return true;
  }
  if (!statement_->step()) return false;
  fid_ = statement_->get_int(0);
  // A point's MBR is the point.
  const auto header = read_stored_header(statement_->get_blob(1));
  if (!header)
    throw DataError(fmt::format(fmt::runtime(tr("{}: layer {} feature {} has no point geometry")),
                                path_, in_quotes(layer_), fid_));
  x_ = header->minx;
  y_ = header->miny;
  return true;
}

std::string_view PointScan::text(size_t i) const {
  if (columns_) return columns_->text(i, row_);
  return statement_->get_text_view(column_index(i));
}

std::optional<int64_t> PointScan::integer(size_t i) const {
  if (columns_) return columns_->integer(i, row_);
  switch (statement_->column_type(column_index(i))) {
    case SQLITE_INTEGER:
      return statement_->get_int(column_index(i));
    case SQLITE_FLOAT:
      return static_cast<int64_t>(statement_->get_double(column_index(i)));
    default:
      return std::nullopt;
  }
}

std::optional<double> PointScan::real(size_t i) const {
  if (columns_) return columns_->real(i, row_);
  switch (statement_->column_type(column_index(i))) {
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
      return statement_->get_double(column_index(i));
    default:
      return std::nullopt;
  }
}

}  // namespace rz::geo
