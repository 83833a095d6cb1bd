#include "geo/point_columns.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/layer_copy_triggers.hpp"
#include "geo/messages.hpp"
#include "geo/store.hpp"

namespace rz::geo {

static_assert(std::endian::native == std::endian::little,
              "the column copy's blobs are written in the machine's byte order");

namespace {

constexpr uint32_t kNullText = 0xFFFFFFFF;
constexpr const char* kFid = "#fid";
constexpr const char* kX = "#x";
constexpr const char* kY = "#y";

void create_table(Database& db) {
  db.exec(R"sql(
    CREATE TABLE IF NOT EXISTS rz_point_columns (
      layer TEXT NOT NULL, "column" TEXT NOT NULL, chunk INTEGER NOT NULL,
      first_fid INTEGER NOT NULL, last_fid INTEGER NOT NULL, rows INTEGER NOT NULL,
      data BLOB NOT NULL, UNIQUE (layer, "column", chunk));
  )sql");
}

// Creates the table when the store has none yet, and empties the layer's part of it.
Statement prepare_insert(Database& db, const std::string& layer) {
  create_table(db);
  drop_point_columns(db, layer);
  return db.prepare(
      "INSERT INTO rz_point_columns(layer, \"column\", chunk, first_fid, last_fid, rows, data) "
      "VALUES (?,?,?,?,?,?,?)");
}

constexpr LayerCopy kCopy{"rzc", "rz_point_columns"};

template <class T>
void append_raw(std::vector<unsigned char>& out, const std::vector<T>& values) {
  const auto* p = reinterpret_cast<const unsigned char*>(values.data());
  out.insert(out.end(), p, p + values.size() * sizeof(T));
}

void append_u32(std::vector<unsigned char>& out, uint32_t v) {
  const auto* p = reinterpret_cast<const unsigned char*>(&v);
  out.insert(out.end(), p, p + 4);
}

template <class T>
T load(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

}  // namespace

void drop_point_columns(Database& db, const std::string& layer) {
  drop_copy_triggers(db, kCopy, layer);
  if (!db.table_exists("rz_point_columns")) return;
  auto st = db.prepare("DELETE FROM rz_point_columns WHERE layer=?");
  st.bind(1, std::string_view(layer));
  st.run();
}

// ---- writing -----------------------------------------------------------------------------------

PointColumnsWriter::PointColumnsWriter(Database& db, const LayerSchema& schema)
    : db_(db), layer_(schema.name), insert_(prepare_insert(db, schema.name)) {
  fields_ = schema.fields;
  integers_.resize(fields_.size());
  nulls_.resize(fields_.size());
  reals_.resize(fields_.size());
  texts_.resize(fields_.size());
  left_out_.resize(fields_.size(), false);
}

void PointColumnsWriter::add(int64_t fid, double x, double y, std::span<const Value> values) {
  if (values.size() != fields_.size()) abandoned_ = true;
  if (abandoned_) return;
  fid_.push_back(fid);
  x_.push_back(x);
  y_.push_back(y);
  for (size_t i = 0; i < fields_.size(); ++i) {
    const Value& v = values[i];
    const bool null = std::holds_alternative<std::monostate>(v);
    switch (fields_[i].type) {
      case FieldType::integer: {
        const auto* n = std::get_if<int64_t>(&v);
        if (!null && !n) abandoned_ = true;
        integers_[i].push_back(n ? *n : 0);
        nulls_[i].push_back(null ? 1 : 0);
        break;
      }
      case FieldType::real: {
        const auto* d = std::get_if<double>(&v);
        const auto* n = std::get_if<int64_t>(&v);
        if (!null && !d && !n) abandoned_ = true;
        reals_[i].push_back(d   ? *d
                            : n ? static_cast<double>(*n)
                                : std::numeric_limits<double>::quiet_NaN());
        break;
      }
      case FieldType::text: {
        if (left_out_[i]) break;
        auto& t = texts_[i];
        if (null) {
          t.rows.push_back(kNullText);
          break;
        }
        const auto* s = std::get_if<std::string>(&v);
        const auto* n = std::get_if<int64_t>(&v);
        if (!s && !n) abandoned_ = true;  // SQLite would store a real as text of its own format
        const std::string digits = n ? std::to_string(*n) : std::string();
        const std::string_view text = s ? std::string_view(*s) : std::string_view(digits);
        auto it = t.index_of.find(text);
        if (it == t.index_of.end()) {
          it = t.index_of.emplace(std::string(text), static_cast<uint32_t>(t.entries.size())).first;
          t.entries.push_back(&it->first);
        }
        t.rows.push_back(it->second);
        break;
      }
    }
  }
  if (fid_.size() == kChunkRows) flush();
}

void PointColumnsWriter::insert(const std::string& column, const std::vector<unsigned char>& blob) {
  insert_.bind(1, std::string_view(layer_))
      .bind(2, std::string_view(column))
      .bind(3, chunk_)
      .bind(4, fid_.front())
      .bind(5, fid_.back())
      .bind(6, static_cast<int64_t>(fid_.size()))
      .bind_blob(7, blob);
  insert_.run();
}

void PointColumnsWriter::flush() {
  if (abandoned_ || fid_.empty()) return;
  std::vector<unsigned char> blob;
  blob.reserve(fid_.size() * 9);
  auto write = [&](const std::string& column, auto fill) {
    blob.clear();
    fill();
    insert(column, blob);
  };
  write(kFid, [&] { append_raw(blob, fid_); });
  write(kX, [&] { append_raw(blob, x_); });
  write(kY, [&] { append_raw(blob, y_); });
  for (size_t i = 0; i < fields_.size(); ++i) {
    switch (fields_[i].type) {
      case FieldType::integer:
        write(fields_[i].name, [&] {
          append_raw(blob, integers_[i]);
          append_raw(blob, nulls_[i]);
        });
        integers_[i].clear();
        nulls_[i].clear();
        break;
      case FieldType::real:
        write(fields_[i].name, [&] { append_raw(blob, reals_[i]); });
        reals_[i].clear();
        break;
      case FieldType::text: {
        auto& t = texts_[i];
        if (left_out_[i]) break;
        // Mostly distinct values (ids, names) would be a second copy of the column for no gain
        // in reading; the column is left out and readers asking for it use the table.
        if (t.entries.size() * 2 > fid_.size()) {
          left_out_[i] = true;
          auto st = db_.prepare("DELETE FROM rz_point_columns WHERE layer=? AND \"column\"=?");
          st.bind(1, std::string_view(layer_)).bind(2, std::string_view(fields_[i].name));
          st.run();
          t = TextColumn{};
          break;
        }
        write(fields_[i].name, [&] {
          append_u32(blob, static_cast<uint32_t>(t.entries.size()));
          for (const std::string* e : t.entries) {
            append_u32(blob, static_cast<uint32_t>(e->size()));
            blob.insert(blob.end(), e->begin(), e->end());
          }
          append_raw(blob, t.rows);
        });
        t = TextColumn{};
        break;
      }
    }
  }
  fid_.clear();
  x_.clear();
  y_.clear();
  ++chunk_;
}

void PointColumnsWriter::finish() {
  flush();
  if (abandoned_) {
    drop_point_columns(db_, layer_);
    return;
  }
  create_copy_triggers(db_, kCopy, layer_);
}

// ---- reading -----------------------------------------------------------------------------------

std::optional<PointColumnsReader> PointColumnsReader::open(Database& db, const LayerInfo& info,
                                                           const std::vector<std::string>& columns,
                                                           int64_t fid_min, int64_t fid_max) {
  const std::string& layer = info.schema.name;
  if (!db.table_exists("rz_point_columns") || !has_copy_triggers(db, kCopy, layer))
    return std::nullopt;
  // Complete: every column has as many chunks as the fids, and the fids as many rows as the layer.
  auto chunks_and_rows = [&](const std::string& column) -> std::pair<int64_t, int64_t> {
    auto st = db.prepare(
        "SELECT count(*), coalesce(sum(rows), 0) FROM rz_point_columns WHERE layer=? AND "
        "\"column\"=?");
    st.bind(1, std::string_view(layer)).bind(2, std::string_view(column));
    st.step();
    return {st.get_int(0), st.get_int(1)};
  };
  const auto fids = chunks_and_rows(kFid);
  if (fids.second != info.feature_count || fids.first == 0) return std::nullopt;
  for (const char* xy : {kX, kY})
    if (chunks_and_rows(xy) != fids) return std::nullopt;
  std::vector<Column> cols;
  for (const auto& name : columns) {
    const auto field = std::find_if(info.schema.fields.begin(), info.schema.fields.end(),
                                    [&](const FieldDef& f) { return f.name == name; });
    if (field == info.schema.fields.end() || chunks_and_rows(name) != fids) return std::nullopt;
    Column c;
    c.name = name;
    c.type = field->type;
    cols.push_back(std::move(c));
  }
  std::vector<int64_t> chunks;
  {
    auto st = db.prepare(
        "SELECT chunk FROM rz_point_columns WHERE layer=? AND \"column\"=? AND last_fid >= ? AND "
        "first_fid <= ? ORDER BY chunk");
    st.bind(1, std::string_view(layer)).bind(2, std::string_view(kFid));
    st.bind(3, fid_min).bind(4, fid_max);
    while (st.step()) chunks.push_back(st.get_int(0));
  }
  return PointColumnsReader(db, layer, std::move(cols), std::move(chunks), fid_min, fid_max);
}

PointColumnsReader::PointColumnsReader(Database& db, std::string layer, std::vector<Column> columns,
                                       std::vector<int64_t> chunks, int64_t fid_min,
                                       int64_t fid_max)
    : layer_(std::move(layer)),
      columns_(std::move(columns)),
      chunks_(std::move(chunks)),
      fid_min_(fid_min),
      fid_max_(fid_max),
      mapped_(db),
      select_(db.prepare(
          "SELECT data FROM rz_point_columns WHERE layer=? AND \"column\"=? AND chunk=?")) {}

template <typename Buffer>
void PointColumnsReader::read_blob(const std::string& column, int64_t chunk, Buffer& into) {
  using T = typename Buffer::value_type;
  select_.bind(1, std::string_view(layer_)).bind(2, std::string_view(column)).bind(3, chunk);
  if (!select_.step())
    throw DataError(fmt::format(fmt::runtime(tr("layer {}: the column copy lost chunk {} of {}")),
                                in_quotes(layer_), chunk, in_quotes(column)));
  // Copied once, from SQLite's buffer into one reused across chunks.
  const auto blob = select_.get_blob(0);
  into.resize(blob.size() / sizeof(T));
  if (!blob.empty()) std::memcpy(into.data(), blob.data(), into.size() * sizeof(T));
  select_.reset();
}

bool PointColumnsReader::next_chunk() {
  if (next_ == chunks_.size()) return false;
  const int64_t chunk = chunks_[next_++];
  read_blob(kFid, chunk, fid_);
  read_blob(kX, chunk, x_);
  read_blob(kY, chunk, y_);
  const size_t n = fid_.size();
  if (x_.size() != n || y_.size() != n)
    throw DataError(fmt::format(fmt::runtime(tr("layer {}: the column copy's chunk {} is damaged")),
                                in_quotes(layer_), chunk));
  for (auto& c : columns_) {
    read_blob(c.name, chunk, c.data);
    c.dictionary.clear();
    size_t need = 0;
    if (c.type == FieldType::integer) {
      c.values = c.data.data();
      c.nulls = c.data.data() + n * 8;
      need = n * 9;
    } else if (c.type == FieldType::real) {
      c.values = c.data.data();
      need = n * 8;
    } else {
      size_t at = 4;
      const uint32_t count = c.data.size() >= 4 ? load<uint32_t>(c.data.data()) : 0;
      for (uint32_t e = 0; e < count && at + 4 <= c.data.size(); ++e) {
        const uint32_t len = load<uint32_t>(c.data.data() + at);
        at += 4;
        if (at + len > c.data.size()) break;
        c.dictionary.emplace_back(reinterpret_cast<const char*>(c.data.data() + at), len);
        at += len;
      }
      c.values = c.data.data() + at;
      need = c.dictionary.size() == count ? at + n * 4 : std::numeric_limits<size_t>::max();
    }
    if (c.data.size() != need)
      throw DataError(
          fmt::format(fmt::runtime(tr("layer {}: the column copy of {} in chunk {} is damaged")),
                      in_quotes(layer_), in_quotes(c.name), chunk));
  }
  first_row_ =
      static_cast<size_t>(std::lower_bound(fid_.begin(), fid_.end(), fid_min_) - fid_.begin());
  end_row_ =
      static_cast<size_t>(std::upper_bound(fid_.begin(), fid_.end(), fid_max_) - fid_.begin());
  return true;
}

std::string_view PointColumnsReader::text(size_t column, size_t row) const {
  const Column& c = columns_[column];
  if (c.type == FieldType::integer) {
    const auto n = integer(column, row);
    digits_ = n ? std::to_string(*n) : std::string();
    return digits_;
  }
  if (c.type == FieldType::real) {
    const auto d = real(column, row);
    digits_ = d ? fmt::format("{}", *d) : std::string();
    return digits_;
  }
  const auto index = load<uint32_t>(c.values + row * 4);
  return index < c.dictionary.size() ? c.dictionary[index] : std::string_view();
}

std::optional<int64_t> PointColumnsReader::integer(size_t column, size_t row) const {
  const Column& c = columns_[column];
  if (c.type == FieldType::integer) {
    if (c.nulls[row]) return std::nullopt;
    return load<int64_t>(c.values + row * 8);
  }
  if (c.type == FieldType::real) {
    const auto d = load<double>(c.values + row * 8);
    if (std::isnan(d)) return std::nullopt;
    return static_cast<int64_t>(d);
  }
  return std::nullopt;
}

std::optional<double> PointColumnsReader::real(size_t column, size_t row) const {
  const Column& c = columns_[column];
  if (c.type == FieldType::real) {
    const auto d = load<double>(c.values + row * 8);
    if (std::isnan(d)) return std::nullopt;
    return d;
  }
  if (c.type == FieldType::integer) {
    if (c.nulls[row]) return std::nullopt;
    return static_cast<double>(load<int64_t>(c.values + row * 8));
  }
  return std::nullopt;
}

}  // namespace rz::geo
