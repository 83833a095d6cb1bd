#include "geo/point_scan.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/store.hpp"

namespace rz::geo {

namespace {

// The layer's description, checked to be a point layer with `columns` among its fields.
LayerInfo point_layer(Store& store, const std::string& layer,
                      const std::vector<std::string>& columns) {
  auto info = store.layer(layer);
  if (!info) throw DataError(fmt::format("{}: no layer named «{}»", store.path(), layer));
  if (info->schema.geometry != GeometryKind::point)
    throw DataError(fmt::format("{}: layer «{}» is not a point layer", store.path(), layer));
  for (const auto& c : columns) {
    bool known = std::any_of(info->schema.fields.begin(), info->schema.fields.end(),
                             [&](const FieldDef& f) { return f.name == c; });
    if (!known)
      throw DataError(fmt::format("{}: layer «{}» has no column «{}»", store.path(), layer, c));
  }
  return *info;
}

// A SpatiaLite geometry blob starts 0x00, an endianness byte (0x01 little, 0x00 big), the SRID
// (4 bytes), the MBR as four doubles (min x, min y, max x, max y) and 0x7C. For a point the MBR's
// minimum is the point. False for NULL or anything that is not such a blob.
bool spatialite_blob_min_xy(std::span<const unsigned char> b, double& x, double& y) {
  if (b.size() < 45 || b[0] != 0x00 || b[38] != 0x7C || (b[1] != 0x00 && b[1] != 0x01))
    return false;
  const bool swap = (b[1] == 0x01) != (std::endian::native == std::endian::little);
  auto read_double = [&](size_t offset) {
    unsigned char bytes[8];
    std::memcpy(bytes, b.data() + offset, 8);
    if (swap) std::reverse(bytes, bytes + 8);
    double d;
    std::memcpy(&d, bytes, 8);
    return d;
  };
  x = read_double(6);
  y = read_double(14);
  return true;
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
  if (!spatialite_blob_min_xy(statement_->get_blob(1), x_, y_))
    throw DataError(
        fmt::format("{}: layer «{}» feature {} has no point geometry", path_, layer_, fid_));
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
