#include "geo/store.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/point_scan.hpp"
#include "geo/spatialite_blob.hpp"
#include "geo/spatialite_metadata.hpp"

namespace rz::geo {

namespace {

constexpr int kStoreVersion = 1;

std::string_view sql_type(FieldType type) {
  switch (type) {
    case FieldType::text:
      return "TEXT";
    case FieldType::integer:
      return "INTEGER";
    case FieldType::real:
      return "REAL";
  }
  return "TEXT";
}

FieldType field_type_from_string(std::string_view text) {
  if (text == "integer") return FieldType::integer;
  if (text == "real") return FieldType::real;
  return FieldType::text;
}

std::string utc_now() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

nlohmann::json schema_fields_json(const LayerSchema& schema) {
  auto fields = nlohmann::json::array();
  for (const auto& f : schema.fields)
    fields.push_back({{"name", f.name}, {"type", std::string(to_string(f.type))}});
  return fields;
}

}  // namespace

std::string_view to_string(GeometryKind kind) {
  switch (kind) {
    case GeometryKind::point:
      return "point";
    case GeometryKind::line:
      return "line";
    case GeometryKind::polygon:
      return "polygon";
  }
  return "polygon";
}

GeometryKind geometry_kind_from_string(std::string_view text) {
  if (text == "point") return GeometryKind::point;
  if (text == "line") return GeometryKind::line;
  return GeometryKind::polygon;
}

std::string_view to_string(FieldType type) {
  switch (type) {
    case FieldType::text:
      return "text";
    case FieldType::integer:
      return "integer";
    case FieldType::real:
      return "real";
  }
  return "text";
}

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

bool is_valid_layer_name(std::string_view name) {
  if (name.empty() || name.size() > 60) return false;
  if (name.starts_with("rz_") || name.starts_with("idx_") || name.starts_with("sqlite_"))
    return false;
  // SpatiaLite requires lower-case table names in geometry_columns.
  for (char c : name)
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      return false;
  return !std::isdigit(static_cast<unsigned char>(name[0]));
}

namespace {

// What is at `path`, before SQLite is let near it: a store is only ever opened when it is one.
enum class StoreFile { absent, empty, sqlite, not_sqlite };

StoreFile classify_store_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return StoreFile::absent;
  if (!std::filesystem::is_regular_file(path, ec)) return StoreFile::not_sqlite;
  if (std::filesystem::file_size(path, ec) == 0 && !ec) return StoreFile::empty;
  std::ifstream in(path, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  static constexpr char kMagic[16] = "SQLite format 3";  // with its terminating NUL: 16 bytes
  if (in.gcount() != sizeof header || std::memcmp(header, kMagic, sizeof header) != 0)
    return StoreFile::not_sqlite;
  return StoreFile::sqlite;
}

// "path: not a ruralzone store (why)", and for a command that would write it, that the file was
// left as it was.
[[noreturn]] void throw_not_a_store(const std::string& path, std::string_view why, bool create) {
  throw DataError(fmt::format(
      fmt::runtime(create ? tr("{}: not a ruralzone store ({}); the file was left as it was: name "
                               "a new file or an existing ruralzone store as --store")
                          : tr("{}: not a ruralzone store ({})")),
      path, why));
}

// What a database holds, read through a read-only connection that neither rolls back a journal
// nor checkpoints a WAL file into it: a user's database stays byte-identical. std::nullopt when
// it cannot be read so (a hot journal needs a writer: the store's own connection then decides).
struct Contents {
  bool rz_project = false, gpkg = false, any_table = false;
};

std::optional<Contents> probe_contents(const std::string& path) {
  sqlite3* db = nullptr;
  std::optional<Contents> out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) ==
      SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*), coalesce(sum(name = 'rz_project'), 0), "
                           "coalesce(sum(name = 'gpkg_contents'), 0) FROM sqlite_master "
                           "WHERE type = 'table'",
                           -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      out = Contents{sqlite3_column_int64(st, 1) > 0, sqlite3_column_int64(st, 2) > 0,
                     sqlite3_column_int64(st, 0) > 0};
    sqlite3_finalize(st);
  }
  sqlite3_close_v2(db);
  return out;
}

// A file that is not a ruralzone store is refused before any connection could write to it.
void check_store_file(const std::string& path, bool create) {
  switch (classify_store_file(path)) {
    case StoreFile::absent:
      if (!create)
        throw DataError(fmt::format(
            fmt::runtime(tr("{}: no such project store (import a layer first)")), path));
      return;
    case StoreFile::not_sqlite:
      throw_not_a_store(path, tr("it is not an SQLite database"), create);
    case StoreFile::empty:
      if (!create) throw_not_a_store(path, tr("it is an empty file; import a layer first"), false);
      return;
    case StoreFile::sqlite:
      break;
  }
  auto contents = probe_contents(path);
  if (!contents || contents->rz_project) return;
  if (contents->gpkg)
    throw_not_a_store(path, tr("it is a GeoPackage without ruralzone's tables"), create);
  if (contents->any_table)
    throw_not_a_store(path, tr("it is an SQLite database without ruralzone's tables (rz_project)"),
                      create);
  if (!create) throw_not_a_store(path, tr("it is an empty database; import a layer first"), false);
}

}  // namespace

Store Store::open(const std::string& path, bool create) {
  check_store_file(path, create);
  return Store(path, create, true);
}

Store Store::open_reader(const std::string& path) {
  check_store_file(path, false);
  Store reader(path, false, false);
  reader.db_->exec("PRAGMA cache_size=-16384");
  return reader;
}

void check_store_apart_from_input(const std::string& store, const std::string& input) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path input_path(input);
  if (!fs::exists(input_path, ec)) return;  // a GDAL connection string or /vsi path: no file
  const fs::path store_path = fs::weakly_canonical(fs::absolute(store), ec);
  if (ec) return;
  const fs::path source = fs::weakly_canonical(fs::absolute(input_path), ec);
  if (ec) return;
  auto fail = [](const char* message, const auto&... args) {
    throw UsageError(fmt::format(fmt::runtime(message), args...));
  };
  const char* is_input =
      tr("{}: the store is the input {}; a store must be a file of its own, apart from what it "
         "imports");
  if (fs::exists(store_path, ec) && fs::equivalent(store_path, source, ec))
    fail(is_input, store, input);
  if (store_path == source) fail(is_input, store, input);
  if (fs::is_directory(source, ec)) {
    // A FileGDB folder, a folder of shapefiles: the store may not live inside it.
    auto rel = store_path.lexically_relative(source);
    if (!rel.empty() && *rel.begin() != ".." && rel != ".")
      fail(tr("{}: the store is inside the input folder {}; a store must be a file of its own, "
              "apart from what it imports"),
           store, input);
    return;
  }
  // A shapefile is several files: the store may be none of them.
  static const std::vector<std::string> parts = {".shp", ".shx", ".dbf", ".prj", ".cpg",
                                                 ".qix", ".sbn", ".sbx", ".qmd"};
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  auto is_part = [&](const fs::path& p) {
    return std::find(parts.begin(), parts.end(), lower(p.extension().string())) != parts.end();
  };
  if (is_part(source) && is_part(store_path) && store_path.parent_path() == source.parent_path() &&
      store_path.stem() == source.stem())
    fail(tr("{}: the store is the {} part of the shapefile {}; a store must be a file of its own, "
            "apart from what it imports"),
         store, store_path.extension().string(), input);
}

std::pair<int64_t, int64_t> Store::fid_range(const std::string& layer) {
  // Each bare min() / max() is one B-tree descent; wrapped in coalesce() SQLite scans the table.
  const auto table = quote_identifier(layer);
  auto st = db_->prepare(fmt::format(
      "SELECT coalesce((SELECT min(fid) FROM {0}), 0), coalesce((SELECT max(fid) FROM {0}), -1)",
      table));
  st.step();
  return {st.get_int(0), st.get_int(1)};
}

Store::Store(const std::string& path, bool create, bool spatialite)
    : path_(path), db_(std::make_unique<Database>(path, create, spatialite)) {
  // Before anything is written: a file that is not a store is never turned into one.
  if (!db_->table_exists("rz_project")) {
    auto st = db_->prepare("SELECT count(*) FROM sqlite_master");
    st.step();
    if (st.get_int(0) > 0) {
      bool gpkg = db_->table_exists("gpkg_contents");
      throw_not_a_store(path,
                        gpkg ? tr("it is a GeoPackage without ruralzone's tables")
                             : tr("it is an SQLite database without ruralzone's tables "
                                  "(rz_project)"),
                        create);
    }
    if (!create) throw_not_a_store(path, tr("it is an empty file; import a layer first"), false);
  }
  db_->exec("PRAGMA foreign_keys=ON");
  // A project store is rewritten in large transactions: a bigger page cache pays off, and
  // NORMAL sync keeps the rollback journal's all-or-nothing guarantee.
  db_->exec("PRAGMA cache_size=-262144");
  db_->exec("PRAGMA synchronous=NORMAL");
  db_->exec("PRAGMA temp_store=MEMORY");
  ensure_schema();
}

void Store::ensure_schema() {
  if (db_->table_exists("rz_project")) {
    auto st = db_->prepare("SELECT value FROM rz_project WHERE key='store_version'");
    if (!st.step() || st.get_text(0) != std::to_string(kStoreVersion))
      throw DataError(fmt::format(fmt::runtime(tr("{}: not a ruralzone store of version {}")),
                                  path_, kStoreVersion));
    return;
  }
  // One transaction for SpatiaLite's metadata and ours: a new store killed half-way is left
  // empty, never as a database without rz_project that a later import would refuse.
  Transaction tx(*db_);
  if (!db_->table_exists("geometry_columns")) db_->exec("SELECT InitSpatialMetadata(0)");
  db_->exec(R"sql(
    CREATE TABLE rz_project (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE rz_imports (
      id INTEGER PRIMARY KEY, layer TEXT NOT NULL, kind TEXT NOT NULL, source_path TEXT NOT NULL,
      source_sha256 TEXT NOT NULL, imported_at TEXT NOT NULL, source_crs TEXT NOT NULL,
      encoding TEXT NOT NULL, coords TEXT NOT NULL, field_mapping TEXT NOT NULL,
      feature_count INTEGER NOT NULL);
    CREATE TABLE rz_layers (
      name TEXT PRIMARY KEY, kind TEXT NOT NULL, geometry TEXT NOT NULL, srid INTEGER NOT NULL,
      fields TEXT NOT NULL, feature_count INTEGER NOT NULL,
      import_id INTEGER REFERENCES rz_imports(id));
    CREATE TABLE rz_problems (
      id INTEGER PRIMARY KEY, import_id INTEGER REFERENCES rz_imports(id), layer TEXT NOT NULL,
      feature_id INTEGER, severity TEXT NOT NULL, message TEXT NOT NULL);
  )sql");
  auto st = db_->prepare("INSERT INTO rz_project(key, value) VALUES ('store_version', ?)");
  st.bind(1, std::string_view(std::to_string(kStoreVersion)));
  st.run();
  tx.commit();
}

int Store::srid() {
  auto st = db_->prepare("SELECT value FROM rz_project WHERE key='srid'");
  return st.step() ? std::stoi(st.get_text(0)) : 0;
}

std::string Store::crs_name() {
  auto st = db_->prepare(
      "SELECT ref_sys_name FROM spatial_ref_sys WHERE srid = (SELECT CAST(value AS INTEGER) "
      "FROM rz_project WHERE key='srid')");
  return st.step() ? st.get_text(0) : std::string();
}

void Store::set_srid(int srid) {
  auto st = db_->prepare("INSERT OR REPLACE INTO rz_project(key, value) VALUES ('srid', ?)");
  st.bind(1, std::string_view(std::to_string(srid)));
  st.run();
}

std::vector<LayerInfo> Store::layers() {
  std::vector<LayerInfo> out;
  auto st = db_->prepare(
      "SELECT name, kind, geometry, srid, fields, feature_count, import_id FROM rz_layers "
      "ORDER BY rowid");
  while (st.step()) {
    LayerInfo info;
    info.schema.name = st.get_text(0);
    info.schema.kind = st.get_text(1);
    info.schema.geometry = geometry_kind_from_string(st.get_text(2));
    info.srid = static_cast<int>(st.get_int(3));
    for (const auto& f : nlohmann::json::parse(st.get_text(4)))
      info.schema.fields.push_back({f.at("name").get<std::string>(),
                                    field_type_from_string(f.at("type").get<std::string>())});
    info.feature_count = st.get_int(5);
    if (!st.is_null(6)) info.import_id = st.get_int(6);
    out.push_back(std::move(info));
  }
  return out;
}

std::optional<std::pair<std::string, std::string>> Store::geometry_source(const std::string& name) {
  auto source = view_geometry_source(*db_, name);
  if (!source) return std::nullopt;
  return std::pair{source->key, source->layer};
}

std::optional<LayerInfo> Store::layer(const std::string& name) {
  for (auto& info : layers())
    if (info.schema.name == name) return info;
  return std::nullopt;
}

void Store::drop_layer(const std::string& name) {
  if (view_exists(*db_, name)) {
    drop_geometry_view(*db_, name);
  } else {
    if (!db_->table_exists(name)) return;
    // Views showing their rows through this layer's geometry go with it: their rows are about
    // features that are gone (a layer imported again has new fids).
    for (const auto& view : views_on(*db_, name)) drop_layer(view);
    drop_point_columns(*db_, name);
    drop_inner_points(*db_, name);
    drop_geometry_table(*db_, name);
  }
  auto st = db_->prepare("DELETE FROM rz_layers WHERE name=?");
  st.bind(1, std::string_view(name));
  st.run();
}

int64_t Store::record_import(const ImportRecord& r) {
  auto st = db_->prepare(
      "INSERT INTO rz_imports(layer, kind, source_path, source_sha256, imported_at, source_crs, "
      "encoding, coords, field_mapping, feature_count) VALUES (?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, std::string_view(r.layer))
      .bind(2, std::string_view(r.kind))
      .bind(3, std::string_view(r.source_path))
      .bind(4, std::string_view(r.source_sha256))
      .bind(5, std::string_view(utc_now()))
      .bind(6, std::string_view(r.source_crs))
      .bind(7, std::string_view(r.encoding))
      .bind(8, std::string_view(r.coords))
      .bind(9, std::string_view(r.field_mapping.dump()))
      .bind(10, r.feature_count);
  st.run();
  return db_->last_insert_rowid();
}

void Store::add_problems(int64_t import_id, std::span<const Problem> problems) {
  auto st = db_->prepare(
      "INSERT INTO rz_problems(import_id, layer, feature_id, severity, message) "
      "VALUES (?,?,?,?,?)");
  for (const auto& p : problems) {
    st.bind(1, import_id).bind(2, std::string_view(p.layer));
    if (p.feature_id)
      st.bind(3, *p.feature_id);
    else
      st.bind_null(3);
    st.bind(4, std::string_view(p.severity)).bind(5, std::string_view(p.message));
    st.run();
  }
}

std::vector<Problem> Store::problems(const std::optional<std::string>& layer) {
  std::vector<Problem> out;
  auto st = db_->prepare(
      "SELECT layer, feature_id, severity, message FROM rz_problems "
      "WHERE ?1 IS NULL OR layer = ?1 ORDER BY id");
  if (layer)
    st.bind(1, std::string_view(*layer));
  else
    st.bind_null(1);
  while (st.step()) {
    Problem p{st.get_text(0), std::nullopt, st.get_text(2), st.get_text(3)};
    if (!st.is_null(1)) p.feature_id = st.get_int(1);
    out.push_back(std::move(p));
  }
  return out;
}

nlohmann::json Store::imports() {
  auto out = nlohmann::json::array();
  auto st = db_->prepare(
      "SELECT id, layer, kind, source_path, source_sha256, imported_at, source_crs, encoding, "
      "coords, field_mapping, feature_count FROM rz_imports ORDER BY id");
  while (st.step()) {
    out.push_back({{"id", st.get_int(0)},
                   {"layer", st.get_text(1)},
                   {"kind", st.get_text(2)},
                   {"source_path", st.get_text(3)},
                   {"source_sha256", st.get_text(4)},
                   {"imported_at", st.get_text(5)},
                   {"source_crs", st.get_text(6)},
                   {"encoding", st.get_text(7)},
                   {"coords", st.get_text(8)},
                   {"field_mapping", nlohmann::json::parse(st.get_text(9))},
                   {"feature_count", st.get_int(10)}});
  }
  return out;
}

void Store::read_features(const std::string& layer,
                          const std::function<void(const FeatureRow&)>& fn) {
  read_rows(layer, Geometry::wkb, fn);
}

void Store::read_attributes(const std::string& layer,
                            const std::function<void(const FeatureRow&)>& fn) {
  read_rows(layer, Geometry::none, fn);
}

void Store::read_attributes(const std::string& layer, int64_t limit,
                            const std::function<void(const FeatureRow&)>& fn) {
  read_rows(layer, Geometry::none, fn, limit);
}

void Store::read_stored(const std::string& layer,
                        const std::function<void(const FeatureRow&)>& fn) {
  read_rows(layer, Geometry::stored, fn);
}

void Store::read_rows(const std::string& layer, Geometry geometry,
                      const std::function<void(const FeatureRow&)>& fn,
                      std::optional<int64_t> limit) {
  auto info = this->layer(layer);
  if (!info)
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: no layer named {}")), path_, in_quotes(layer)));
  std::string columns;
  for (const auto& f : info->schema.fields) columns += quote_identifier(f.name) + ", ";
  const char* geometry_column = geometry == Geometry::wkb      ? ", AsBinary(geom)"
                                : geometry == Geometry::stored ? ", geom"
                                                               : "";
  auto st = db_->prepare(fmt::format("SELECT fid, {}attrs{} FROM {} ORDER BY fid{}", columns,
                                     geometry_column, quote_identifier(layer),
                                     limit ? fmt::format(" LIMIT {}", *limit) : std::string()));
  FeatureRow row;
  const int n = static_cast<int>(info->schema.fields.size());
  row.values.resize(static_cast<size_t>(n));
  while (st.step()) {
    row.fid = st.get_int(0);
    for (int i = 0; i < n; ++i) {
      auto& v = row.values[static_cast<size_t>(i)];
      switch (st.column_type(i + 1)) {
        case SQLITE_NULL:
          v = std::monostate{};
          break;
        case SQLITE_INTEGER:
          v = st.get_int(i + 1);
          break;
        case SQLITE_FLOAT:
          v = st.get_double(i + 1);
          break;
        default:
          v = st.get_text(i + 1);
      }
    }
    row.attrs = st.get_text(n + 1);
    if (geometry == Geometry::wkb) row.wkb = st.get_blob(n + 2);
    if (geometry == Geometry::stored) row.stored_geometry = st.get_blob(n + 2);
    fn(row);
  }
}

std::optional<std::unordered_map<int64_t, std::pair<double, double>>> Store::inner_points(
    const std::string& layer) {
  return read_inner_points(*db_, layer);
}

void Store::read_points(const std::string& layer,
                        const std::function<void(int64_t fid, double x, double y)>& fn) {
  PointScan scan(*this, layer, {});
  while (scan.next()) fn(scan.fid(), scan.x(), scan.y());
}

std::optional<std::array<double, 4>> Store::extent(const std::string& layer) {
  if (view_exists(*db_, layer)) {
    auto st = db_->prepare(fmt::format(
        "SELECT min(MbrMinX(geom)), min(MbrMinY(geom)), max(MbrMaxX(geom)), max(MbrMaxY(geom)) "
        "FROM {}",
        quote_identifier(layer)));
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return std::array<double, 4>{st.get_double(0), st.get_double(1), st.get_double(2),
                                 st.get_double(3)};
  }
  std::string index = "idx_" + layer + "_geom";
  if (!db_->table_exists(index)) return std::nullopt;
  auto st = db_->prepare(fmt::format("SELECT min(xmin), min(ymin), max(xmax), max(ymax) FROM {}",
                                     quote_identifier(index)));
  if (!st.step() || st.is_null(0)) return std::nullopt;
  return std::array<double, 4>{st.get_double(0), st.get_double(1), st.get_double(2),
                               st.get_double(3)};
}

namespace {
// With `stored`, the geometry is bound as the blob it will be stored as.
std::string insert_sql(const LayerSchema& schema, int srid, bool stored = false,
                       const std::vector<bool>& kept = {}, bool view = false) {
  std::string cols = "src_fid";
  std::string params = "?";
  for (size_t k = 0; k < schema.fields.size(); ++k) {
    if (view && !kept[k]) continue;
    cols += ", " + quote_identifier(schema.fields[k].name);
    params += ", ?";
  }
  if (view) {
    // No src_fid and no attrs: the view gives the fid and '{}' for them.
    std::string kept_cols = "fid", kept_params = "?";
    for (size_t k = 0; k < schema.fields.size(); ++k) {
      if (!kept[k]) continue;
      kept_cols += ", " + quote_identifier(schema.fields[k].name);
      kept_params += ", ?";
    }
    return fmt::format("INSERT INTO {} ({}) VALUES ({})",
                       quote_identifier(view_rows_table(schema.name)), kept_cols, kept_params);
  }
  std::string geom = stored ? "?"
                     : schema.geometry == GeometryKind::point
                         ? fmt::format("MakePoint(?, ?, {})", srid)
                         : fmt::format("GeomFromWKB(?, {})", srid);
  return fmt::format("INSERT INTO {} ({}, attrs, geom) VALUES ({}, ?, {})",
                     quote_identifier(schema.name), cols, params, geom);
}

// The rows table and the spatial view of a layer whose geometry is another layer's
// (GeometryFrom): the view's fid is the row's, its geometry the feature's whose fid
// the key field holds; SpatiaLite (and QGIS through it) reads the view with the other layer's
// spatial index, through the key field as the view's rowid.
// The layer (alias) and column a view field is read from, if it is not kept in the rows.
std::optional<std::pair<std::string, std::string>> read_through(const GeometryFrom& from,
                                                                const std::string& field) {
  auto find = [&](const std::vector<std::pair<std::string, std::string>>& columns) {
    return std::find_if(columns.begin(), columns.end(),
                        [&](const auto& c) { return c.first == field; });
  };
  if (auto c = find(from.columns); c != from.columns.end())
    return std::pair<std::string, std::string>{"g", c->second};
  for (size_t i = 0; i < from.values_from.size(); ++i)
    if (auto c = find(from.values_from[i].columns); c != from.values_from[i].columns.end())
      return std::pair<std::string, std::string>{fmt::format("v{}", i), c->second};
  return std::nullopt;
}

void check_view_key(Database& db, const LayerSchema& schema, const std::string& key,
                    const std::string& layer) {
  const auto field = std::find_if(schema.fields.begin(), schema.fields.end(),
                                  [&](const FieldDef& f) { return f.name == key; });
  if (field == schema.fields.end() || field->type != FieldType::integer)
    throw std::logic_error(
        fmt::format("layer «{}»: its key «{}» is no integer field", schema.name, key));
  if (!db.table_exists(layer))
    throw DataError(
        fmt::format(fmt::runtime(tr("layer {} shows features of {}, which the store lacks")),
                    in_quotes(schema.name), in_quotes(layer)));
}

// The rows table and the spatial view of a layer whose geometry is another layer's
// (GeometryFrom): the view's fid is the row's, its geometry the feature's whose fid
// the key field holds; SpatiaLite (and QGIS through it) reads the view with the other layer's
// spatial index, through the key field as the view's rowid. The rows keep only the fields not
// read through a join; the attrs of such a layer are always empty.
void create_view_layer(Database& db, const LayerSchema& schema, const GeometryFrom& from) {
  check_view_key(db, schema, from.key, from.layer);
  for (const auto& v : from.values_from) check_view_key(db, schema, v.key, v.layer);
  const std::string rows = view_rows_table(schema.name);
  std::string cols = "fid INTEGER PRIMARY KEY";
  std::string select = "r.fid AS fid, r.fid AS src_fid";
  for (const auto& f : schema.fields) {
    if (auto through = read_through(from, f.name)) {
      select += fmt::format(", {}.{} AS {}", through->first, quote_identifier(through->second),
                            quote_identifier(f.name));
      continue;
    }
    cols += fmt::format(", {} {}", quote_identifier(f.name), sql_type(f.type));
    select += fmt::format(", r.{0} AS {0}", quote_identifier(f.name));
  }
  select += ", '{}' AS attrs, g.geom AS geom";
  std::string joins = fmt::format("LEFT JOIN {} AS g ON g.fid = r.{}", quote_identifier(from.layer),
                                  quote_identifier(from.key));
  for (size_t i = 0; i < from.values_from.size(); ++i)
    joins += fmt::format(" LEFT JOIN {} AS v{} ON v{}.fid = r.{}",
                         quote_identifier(from.values_from[i].layer), i, i,
                         quote_identifier(from.values_from[i].key));
  db.exec(fmt::format("CREATE TABLE {} ({})", quote_identifier(rows), cols));
  db.exec(fmt::format("CREATE VIEW {} AS SELECT {} FROM {} AS r {}", quote_identifier(schema.name),
                      select, quote_identifier(rows), joins));
  register_geometry_view(db, schema.name, from.key, from.layer);
  for (const auto& v : from.values_from) register_view_source(db, schema.name, v.layer);
}

void create_layer_table(Store& store, const LayerSchema& schema, std::optional<int64_t> import_id,
                        const std::optional<GeometryFrom>& view = std::nullopt) {
  if (!is_valid_layer_name(schema.name))
    throw UsageError(fmt::format(
        fmt::runtime(tr(
            "{} is not a usable layer name (ASCII letters, digits and _, not starting with rz_)")),
        in_quotes(schema.name)));
  int srid = store.srid();
  if (srid == 0) throw DataError(tr("the project store has no CRS yet"));
  store.drop_layer(schema.name);
  auto& db = store.db();
  if (view) {
    create_view_layer(db, schema, *view);
  } else {
    std::string cols = "fid INTEGER PRIMARY KEY, src_fid INTEGER";
    for (const auto& f : schema.fields)
      cols += fmt::format(", {} {}", quote_identifier(f.name), sql_type(f.type));
    cols += fmt::format(", attrs TEXT NOT NULL DEFAULT '{{}}', geom {}",
                        spatialite_type(schema.geometry));
    db.exec(fmt::format("CREATE TABLE {} ({})", quote_identifier(schema.name), cols));
    // The geometry column is declared with the table and then registered: AddGeometryColumn
    // would add it by ALTER TABLE, after which SQLite parses the store's whole schema again for
    // every result layer. Registered in plain SQL, as SpatiaLite would
    // (geo/spatialite_metadata.hpp).
    register_geometry_column(db, schema.name, schema.geometry, srid);
  }
  auto st = db.prepare(
      "INSERT INTO rz_layers(name, kind, geometry, srid, fields, feature_count, import_id) "
      "VALUES (?,?,?,?,?,0,?)");
  st.bind(1, std::string_view(schema.name))
      .bind(2, std::string_view(schema.kind))
      .bind(3, to_string(schema.geometry))
      .bind(4, static_cast<int64_t>(srid))
      .bind(5, std::string_view(schema_fields_json(schema).dump()));
  if (import_id)
    st.bind(6, *import_id);
  else
    st.bind_null(6);
  st.run();
}
}  // namespace

LayerWriter::LayerWriter(Store& store, LayerSchema schema, GeometryFrom geometry_from)
    : store_(store),
      schema_(std::move(schema)),
      view_(std::move(geometry_from)),
      srid_(store.srid()) {
  create_layer_table(store, schema_, std::nullopt, view_);
  for (const auto& f : schema_.fields) kept_.push_back(!read_through(*view_, f.name));
}

LayerWriter::LayerWriter(Store& store, LayerSchema schema, std::optional<int64_t> import_id)
    : store_(store), schema_(std::move(schema)), import_id_(import_id), srid_(store.srid()) {
  create_layer_table(store, schema_, import_id);
  // Imported layers are what analyses read, again and again; their own results are read once.
  if (import_id_ && schema_.geometry == GeometryKind::point)
    point_columns_.emplace(store_.db(), schema_);
  if (import_id_ && schema_.geometry == GeometryKind::polygon)
    inner_points_.emplace(store_.db(), schema_.name);
}

// Each statement is prepared when first used: a writer prepares only the inserts it makes.
Statement& LayerWriter::converting_insert() {
  if (!converting_insert_)
    converting_insert_.emplace(
        store_.db().prepare(insert_sql(schema_, srid_, false, kept_, view_.has_value())));
  return *converting_insert_;
}

Statement& LayerWriter::stored_insert() {
  if (!stored_insert_)
    stored_insert_.emplace(store_.db().prepare(insert_sql(schema_, srid_, true)));
  return *stored_insert_;
}

void LayerWriter::forget_inner_points() {
  if (!inner_points_) return;
  inner_points_.reset();
  drop_inner_points(store_.db(), schema_.name);
}

void LayerWriter::forget_point_columns() {
  if (!point_columns_) return;
  point_columns_.reset();
  drop_point_columns(store_.db(), schema_.name);
}

void LayerWriter::bind_common(Statement& insert, int64_t source_fid, std::span<const Value> values,
                              std::string_view attrs) {
  insert.bind(1, source_fid);
  int i = 2;
  for (size_t k = 0; k < values.size(); ++k) {
    if (!kept_.empty() && !kept_[k]) continue;  // read through the view
    const Value& v = values[k];
    if (std::holds_alternative<std::monostate>(v))
      insert.bind_null(i);
    else if (auto* n = std::get_if<int64_t>(&v))
      insert.bind(i, *n);
    else if (auto* d = std::get_if<double>(&v))
      insert.bind(i, *d);
    else
      insert.bind(i, std::string_view(std::get<std::string>(v)));
    ++i;
  }
  if (!view_) {
    insert.bind(i, attrs.empty() ? std::string_view("{}") : attrs);
  } else if (!attrs.empty() && attrs != "{}") {
    throw std::logic_error(
        fmt::format("layer «{}» is a view: its rows keep no attributes", schema_.name));
  }
}

void LayerWriter::add(int64_t source_fid, std::span<const Value> values,
                      std::string_view attrs_json, std::span<const unsigned char> wkb,
                      const Envelope& envelope,
                      std::optional<std::pair<double, double>> inner_point) {
  forget_point_columns();  // a point given as WKB: not kept in the copy
  Statement& insert = converting_insert();
  bind_common(insert, source_fid, values, attrs_json);
  insert.bind_blob(static_cast<int>(values.size()) + 3, wkb);
  insert.run();
  ++count_;
  const int64_t fid = store_.db().last_insert_rowid();
  index_entries_.push_back(
      make_rtree_entry(fid, envelope.minx, envelope.miny, envelope.maxx, envelope.maxy));
  if (inner_points_ && inner_point)
    inner_points_->add(fid, inner_point->first, inner_point->second);
  else
    forget_inner_points();
}

void LayerWriter::add_point(int64_t source_fid, std::span<const Value> values,
                            std::string_view attrs_json, double x, double y) {
  if (view_) {
    add_row(source_fid, values, attrs_json);  // the point is the key feature's own
    return;
  }
  Statement& insert = converting_insert();
  bind_common(insert, source_fid, values, attrs_json);
  int i = static_cast<int>(values.size()) + 3;
  insert.bind(i, x).bind(i + 1, y);
  insert.run();
  ++count_;
  const int64_t fid = store_.db().last_insert_rowid();
  index_entries_.push_back(make_rtree_entry(fid, x, y, x, y));
  if (point_columns_) point_columns_->add(fid, x, y, values);
}

void LayerWriter::add_stored(int64_t source_fid, std::span<const Value> values,
                             std::string_view attrs_json,
                             std::span<const unsigned char> stored_geometry) {
  // SpatiaLite's check trigger is not there yet (finish() creates it): checked here.
  const auto header = read_stored_header(stored_geometry);
  const int srid = srid_;
  if (!header || header->srid != srid ||
      header->class_type != spatialite_class_type(schema_.geometry))
    throw DataError(fmt::format(
        fmt::runtime(tr("{}: layer {} takes geometries of type {} in SRID {}, not {}")),
        store_.path(), in_quotes(schema_.name), spatialite_type(schema_.geometry), srid,
        header
            ? fmt::format(fmt::runtime(tr("class {} in SRID {}")), header->class_type, header->srid)
            : std::string(tr("a blob that is no SpatiaLite geometry"))));
  forget_point_columns();
  forget_inner_points();
  Statement& insert = stored_insert();
  bind_common(insert, source_fid, values, attrs_json);
  insert.bind_blob(static_cast<int>(values.size()) + 3, stored_geometry);
  insert.run();
  ++count_;
  index_entries_.push_back(make_rtree_entry(store_.db().last_insert_rowid(), header->minx,
                                            header->miny, header->maxx, header->maxy));
}

void LayerWriter::add_row(int64_t source_fid, std::span<const Value> values,
                          std::string_view attrs_json) {
  if (!view_)
    throw std::logic_error(fmt::format("layer «{}» keeps its own geometry", schema_.name));
  Statement& insert = converting_insert();
  bind_common(insert, source_fid, values, attrs_json);
  insert.run();
  ++count_;
}

void LayerWriter::add_without_geometry(int64_t source_fid, std::span<const Value> values,
                                       std::string_view attrs_json) {
  forget_point_columns();               // readers must meet the row without a point in the table
  Statement& insert = stored_insert();  // NULL needs no SpatiaLite function
  bind_common(insert, source_fid, values, attrs_json);
  insert.bind_null(static_cast<int>(values.size()) + 3);
  insert.run();
  ++count_;
}

int64_t LayerWriter::finish() {
  auto& db = store_.db();
  if (view_) {
    auto st = db.prepare("UPDATE rz_layers SET feature_count=? WHERE name=?");
    st.bind(1, count_).bind(2, std::string_view(schema_.name));
    st.run();
    return count_;
  }
  bulk_load_rtree(db, "idx_" + schema_.name + "_geom", std::move(index_entries_));
  index_entries_.clear();
  create_insert_triggers(db, schema_.name);
  if (point_columns_) point_columns_->finish();
  point_columns_.reset();
  if (inner_points_) inner_points_->finish();
  inner_points_.reset();
  db.exec(fmt::format(
      "UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
      "WHERE f_table_name = '{}' AND f_geometry_column = 'geom'",
      schema_.name));
  auto st = db.prepare("UPDATE rz_layers SET feature_count=? WHERE name=?");
  st.bind(1, count_).bind(2, std::string_view(schema_.name));
  st.run();
  return count_;
}

}  // namespace rz::geo
