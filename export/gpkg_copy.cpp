#include "export/gpkg_copy.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/phase_timer.hpp"
#include "geo/rtree_bulk_load.hpp"

namespace rz::exporting {

namespace {

constexpr const char* store_schema = "rz_store";

std::string quoted_literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

// The SQLite JSON path of a top-level key, or "" when the key needs escapes a path cannot hold.
std::string json_path(const std::string& key) {
  if (key.find_first_of("\"\\") != std::string::npos) return {};
  return "$.\"" + key + "\"";
}

std::string store_column(const LayerPlan& plan, const OutField& f) {
  return geo::quote_identifier(plan.info.schema.fields[f.column].name);
}

// A GeoPackage geometry blob from a stored SpatiaLite geometry. Points as GDAL writes them: the
// GP header without an envelope (flags 1: little-endian, no envelope) before the WKB; every other
// kind through SpatiaLite's AsGPB, with its envelope, and as a Multi type, as GDAL writes them
// (the layer's type; some result layers store single polygons).
std::string gpkg_geometry_sql(geo::GeometryKind kind, int srid) {
  if (kind != geo::GeometryKind::point) return "AsGPB(CastToMulti(s.geom))";
  const auto id = static_cast<uint32_t>(srid);
  // The cast: || makes text of blobs, which GDAL's ST_ functions (its spatial filters without
  // the R-tree) take for no geometry.
  return fmt::format("CAST(X'47500001{:02X}{:02X}{:02X}{:02X}' || AsBinary(s.geom) AS BLOB)",
                     id & 0xffu, (id >> 8) & 0xffu, (id >> 16) & 0xffu, (id >> 24) & 0xffu);
}

// The output columns of a planned layer after fid and geometry, and the values the store gives
// them (from the store layer as `s`), each list starting with ", " when not empty.
std::pair<std::string, std::string> field_lists(const LayerPlan& plan) {
  std::string columns, values;
  for (const auto& f : plan.fields) {
    if (f.source == Source::fid) continue;  // GeoPackage: the fid is the feature id
    columns += ", " + geo::quote_identifier(f.out_name);
    if (f.source == Source::column) {
      values += ", s." + store_column(plan, f);
      continue;
    }
    const auto it = std::find_if(plan.attr_field.begin(), plan.attr_field.end(),
                                 [&](const auto& a) { return &plan.fields[a.second] == &f; });
    values += fmt::format(", json_extract(s.attrs, {})", quoted_literal(json_path(it->first)));
  }
  return {columns, values};
}

std::string sql_type(OGRFieldType type) {
  return type == OFTInteger64 || type == OFTInteger ? "INTEGER" : type == OFTReal ? "REAL" : "TEXT";
}

// The layer's extent (when it has one) and feature count where GeoPackage readers look for them.
void record_contents(geo::Database& db, const std::string& layer,
                     const std::optional<std::array<double, 4>>& extent, int64_t count) {
  if (extent) {
    auto st = db.prepare(
        "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
        "last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?");
    for (int k = 0; k < 4; ++k) st.bind(k + 1, (*extent)[static_cast<size_t>(k)]);
    st.bind(5, std::string_view(layer));
    st.run();
  }
  if (db.table_exists("gpkg_ogr_contents")) {
    auto st = db.prepare("UPDATE gpkg_ogr_contents SET feature_count = ? WHERE table_name = ?");
    st.bind(1, count).bind(2, std::string_view(layer));
    st.run();
  }
}

}  // namespace

bool sql_copyable(geo::Store& store, const LayerPlan& plan) {
  // Tables are small and have no geometry column to fill.
  if (plan.text_attrs_hold_non_strings || plan.table) return false;
  std::vector<const OutField*> checked;
  for (const auto& f : plan.fields) {
    if (f.source == Source::attr) {
      const auto it = std::find_if(plan.attr_field.begin(), plan.attr_field.end(),
                                   [&](const auto& a) { return &plan.fields[a.second] == &f; });
      if (it == plan.attr_field.end() || json_path(it->first).empty()) return false;
      continue;
    }
    if (f.source == Source::column) checked.push_back(&f);
  }
  if (checked.empty()) return true;
  const std::string layer = geo::quote_identifier(plan.info.schema.name);
  // Each column is checked in the table it comes from: a per-household view joins millions of
  // rows to their households and villages, and checking through the view cost as much as the
  // copy (bench/README.md, issue 19). A source table's column is checked whole, which can only
  // send a layer the slower, converting way.
  std::map<std::string, std::string> checks_by_table;  // FROM clause -> the checks
  {
    std::string columns;
    for (const OutField* f : checked)
      columns += (columns.empty() ? "" : ", ") + store_column(plan, *f);
    auto origins = store.db().prepare(fmt::format("SELECT {} FROM {}", columns, layer));
    for (size_t i = 0; i < checked.size(); ++i) {
      const OutField& f = *checked[i];
      const auto origin = origins.column_origin(static_cast<int>(i));
      const std::string from = origin ? geo::quote_identifier(origin->first) : layer;
      const std::string column =
          origin ? geo::quote_identifier(origin->second) : store_column(plan, f);
      const char* allowed = f.type == OFTInteger64 ? "'integer','null'"
                            : f.type == OFTReal    ? "'integer','real','null'"
                                                   : "'text','null'";
      auto& checks = checks_by_table[from];
      checks +=
          fmt::format("{}max(typeof({}) NOT IN ({}))", checks.empty() ? "" : ", ", column, allowed);
    }
  }
  for (const auto& [from, checks] : checks_by_table) {
    auto st = store.db().prepare(fmt::format("SELECT {} FROM {}", checks, from));
    if (!st.step()) continue;
    for (int i = 0; i < st.column_count(); ++i)
      if (st.get_int(i) != 0) return false;
  }
  return true;
}

GpkgCopy::GpkgCopy(const std::filesystem::path& gpkg, const geo::Store& store, std::string output)
    : output_(std::move(output)) {
  try {
    db_ = std::make_unique<geo::Database>(gpkg.string(), false, true);
    // The output is a staged temporary (staging.hpp): a crash leaves it to be removed, so it
    // needs no journal.
    db_->exec("PRAGMA journal_mode=OFF");
    db_->exec("PRAGMA synchronous=OFF");
    db_->exec(fmt::format("ATTACH {} AS {}", quoted_literal(store.path()), store_schema));
    // The per-household views join each row to its household and village by fid: with
    // SQLite's default 2 MiB cache those lookups re-read the same pages from the file millions
    // of times (bench/README.md, issue 19).
    db_->exec(fmt::format("PRAGMA {}.cache_size=-262144", store_schema));
    // Deferred, not geo::Transaction's BEGIN IMMEDIATE: that would take a write lock on the
    // attached store too, which is only read (and may be read-only).
    db_->exec("BEGIN");
    in_transaction_ = true;
  } catch (const std::exception& e) {
    throw DataError(
        fmt::format(fmt::runtime(tr("export to {}: opening the GeoPackage GDAL wrote failed: {}")),
                    output_, e.what()));
  }
}

GpkgCopy::~GpkgCopy() {
  if (!in_transaction_ || !db_) return;
  try {
    db_->exec("ROLLBACK");
  } catch (const std::exception&) {  // the temporary is removed anyway (staging.hpp)
  }
}

int64_t GpkgCopy::copy(const LayerPlan& plan, const std::string& layer_name, int srid) {
  const auto& schema = plan.info.schema;
  try {
    geo::Database& db = *db_;
    auto geometry_column =
        db.prepare("SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?");
    geometry_column.bind(1, std::string_view(layer_name));
    if (!geometry_column.step())
      throw DataError(tr("GDAL registered no geometry column for the layer"));
    const std::string geom = geometry_column.get_text(0);
    if (geometry_column.get_int(1) != srid)
      throw DataError(fmt::format(
          fmt::runtime(tr("GDAL registered the layer in srs_id {}, not the store's {}")),
          geometry_column.get_int(1), srid));
    const std::string table = geo::quote_identifier(layer_name);

    // The triggers GDAL put on the table (R-tree upkeep, feature count) would run once per
    // row; they are dropped for the copy and created again, as they were, after it.
    std::vector<std::pair<std::string, std::string>> triggers;
    {
      auto st =
          db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?");
      st.bind(1, std::string_view(layer_name));
      while (st.step()) triggers.emplace_back(st.get_text(0), st.get_text(1));
    }
    for (const auto& [name, sql] : triggers) db.exec("DROP TRIGGER " + geo::quote_identifier(name));

    geo::PhaseTimer timer("export " + layer_name);
    timer.phase("rows");
    const auto [columns, values] = field_lists(plan);
    const std::string source =
        fmt::format("{}.{}", store_schema, geo::quote_identifier(schema.name));
    db.exec(fmt::format("INSERT INTO {} (fid, {}{}) SELECT s.fid, {}{} FROM {} AS s ORDER BY s.fid",
                        table, geo::quote_identifier(geom), columns,
                        gpkg_geometry_sql(schema.geometry, srid), values, source));
    auto changes = db.prepare("SELECT changes()");
    changes.step();
    const int64_t count = changes.get_int(0);

    // The R-tree, packed, with the extent it gives.
    double minx = std::numeric_limits<double>::infinity(), miny = minx, maxx = -minx, maxy = -minx;
    const std::string rtree = fmt::format("rtree_{}_{}", layer_name, geom);
    if (db.table_exists(rtree)) {
      timer.phase("boxes");
      std::vector<geo::RTreeEntry> entries;
      entries.reserve(static_cast<size_t>(count));
      auto st = db.prepare(fmt::format(
          "SELECT fid, MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), MbrMaxY(geom) FROM {} "
          "WHERE geom IS NOT NULL ORDER BY fid",
          source));
      while (st.step()) {
        const double x0 = st.get_double(1), y0 = st.get_double(2), x1 = st.get_double(3),
                     y1 = st.get_double(4);
        entries.push_back(geo::make_rtree_entry(st.get_int(0), x0, y0, x1, y1));
        minx = std::min(minx, x0), miny = std::min(miny, y0);
        maxx = std::max(maxx, x1), maxy = std::max(maxy, y1);
      }
      timer.phase("R-tree");
      geo::bulk_load_rtree(db, rtree, std::move(entries));
    }
    for (const auto& [name, sql] : triggers) db.exec(sql);

    record_contents(db, layer_name,
                    minx <= maxx ? std::optional(std::array{minx, miny, maxx, maxy}) : std::nullopt,
                    count);
    return count;
  } catch (const std::exception& e) {
    throw DataError(
        fmt::format(fmt::runtime(tr("export to {}: layer {}: copying the features failed: {}")),
                    output_, in_quotes(schema.name), e.what()));
  }
}

int64_t GpkgCopy::copy_view(const LayerPlan& plan, const std::string& layer_name,
                            const std::string& key_column, const std::string& base_layer,
                            const std::optional<Extent>& extent) {
  const auto& schema = plan.info.schema;
  try {
    geo::Database& db = *db_;
    auto geometry_column = [&](const std::string& table) {
      auto st = db.prepare("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?");
      st.bind(1, std::string_view(table));
      if (!st.step())
        throw DataError(fmt::format(fmt::runtime(tr("GDAL registered no geometry column for {}")),
                                    in_quotes(table)));
      return st.get_text(0);
    };
    const std::string geom = geometry_column(layer_name), base_geom = geometry_column(base_layer);

    // GDAL's empty table goes, with its R-tree; its registration stays, for the view.
    const std::string rtree = fmt::format("rtree_{}_{}", layer_name, geom);
    if (db.table_exists(rtree)) db.exec("DROP TABLE " + geo::quote_identifier(rtree));
    if (db.table_exists("gpkg_extensions")) {
      auto st = db.prepare("DELETE FROM gpkg_extensions WHERE table_name = ?");
      st.bind(1, std::string_view(layer_name));
      st.run();
    }
    db.exec("DROP TABLE " + geo::quote_identifier(layer_name));

    // The rows, numbers and names as the store's view gives them, without geometry.
    const auto [columns, values] = field_lists(plan);
    std::string definitions = "fid INTEGER PRIMARY KEY";
    std::string view_columns;
    for (const auto& f : plan.fields) {
      if (f.source == Source::fid) continue;
      definitions += fmt::format(", {} {}", geo::quote_identifier(f.out_name), sql_type(f.type));
      view_columns += ", r." + geo::quote_identifier(f.out_name);
    }
    geo::PhaseTimer timer("export " + layer_name);
    timer.phase("rows");
    const std::string rows = geo::quote_identifier(layer_name + "_rows");
    db.exec(fmt::format("CREATE TABLE {} ({})", rows, definitions));
    db.exec(fmt::format("INSERT INTO {} (fid{}) SELECT s.fid{} FROM {}.{} AS s ORDER BY s.fid",
                        rows, columns, values, store_schema, geo::quote_identifier(schema.name)));
    auto changes = db.prepare("SELECT changes()");
    changes.step();
    const int64_t count = changes.get_int(0);

    db.exec(fmt::format(
        "CREATE VIEW {} AS SELECT r.fid AS fid, b.{} AS {}{} FROM {} AS r LEFT JOIN {} AS b ON "
        "b.fid = r.{}",
        geo::quote_identifier(layer_name), geo::quote_identifier(base_geom),
        geo::quote_identifier(geom), view_columns, rows, geo::quote_identifier(base_layer),
        geo::quote_identifier(key_column)));

    // The rows as a table of their own, registered as the GeoPackage's attributes data type:
    // readers list only registered tables once the file has one (GDAL: LIST_ALL_TABLES=AUTO),
    // and a registered table is what other readers expect.
    auto attributes = db.prepare(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
        "VALUES (?1, 'attributes', ?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    attributes.bind(1, layer_name + "_rows")
        .bind(2, fmt::format("the rows of {}, which shows them at the points of {}", layer_name,
                             base_layer));
    attributes.run();

    timer.phase("extent");
    if (extent) {
      record_contents(db, layer_name, *extent, count);
      return count;
    }
    // The extent of the points shown (a view has no R-tree to give it), from the store.
    auto box = db.prepare(fmt::format(
        "SELECT min(MbrMinX(geom)), min(MbrMinY(geom)), max(MbrMaxX(geom)), max(MbrMaxY(geom)) "
        "FROM {}.{}",
        store_schema, geo::quote_identifier(schema.name)));
    box.step();
    record_contents(db, layer_name,
                    box.is_null(0) ? std::nullopt
                                   : Extent(std::array{box.get_double(0), box.get_double(1),
                                                       box.get_double(2), box.get_double(3)}),
                    count);
    return count;
  } catch (const std::exception& e) {
    throw DataError(fmt::format(
        fmt::runtime(tr("export to {}: layer {}: writing it as a view of {} failed: {}")), output_,
        in_quotes(schema.name), in_quotes(base_layer), e.what()));
  }
}

void GpkgCopy::commit() {
  try {
    db_->exec("COMMIT");
    in_transaction_ = false;
    db_->exec(fmt::format("DETACH {}", store_schema));
    db_.reset();
  } catch (const std::exception& e) {
    throw DataError(fmt::format(fmt::runtime(tr("export to {}: writing the GeoPackage failed: {}")),
                                output_, e.what()));
  }
}

}  // namespace rz::exporting
