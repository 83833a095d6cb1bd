#include "geo/spatialite_metadata.hpp"

#include <fmt/format.h>

#include "geo/store.hpp"

namespace rz::geo {

namespace {

// The trigger texts of SpatiaLite 5 (spatialite's updateGeometryTriggers), byte for byte: {0} is
// the table name. SpatiaLite names the table in double quotes and in single-quoted literals; a
// layer name holds neither quote.
constexpr const char* kCheckTrigger =
    "CREATE TRIGGER \"gg{1}_{0}_geom\" BEFORE {2} ON \"{0}\"\n"
    "FOR EACH ROW BEGIN\n"
    "SELECT RAISE(ROLLBACK, '{0}.geom violates Geometry constraint [geom-type or SRID not "
    "allowed]')\n"
    "WHERE (SELECT geometry_type FROM geometry_columns\n"
    "WHERE Lower(f_table_name) = Lower('{0}') AND Lower(f_geometry_column) = Lower('geom')\n"
    "AND GeometryConstraints(NEW.\"geom\", geometry_type, srid) = 1) IS NULL;\n"
    "END";
constexpr const char* kTimeTrigger =
    "CREATE TRIGGER \"tm{1}_{0}_geom\" AFTER {2} ON \"{0}\"\n"
    "FOR EACH ROW BEGIN\n"
    "UPDATE geometry_columns_time SET {3} = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')\n"
    "WHERE Lower(f_table_name) = Lower('{0}') AND Lower(f_geometry_column) = Lower('geom');\n"
    "END";
constexpr const char* kIndexAlignTrigger =
    "CREATE TRIGGER \"gi{1}_{0}_geom\" AFTER {2} ON \"{0}\"\n"
    "FOR EACH ROW BEGIN\n"
    "DELETE FROM \"idx_{0}_geom\" WHERE pkid=NEW.ROWID;\n"
    "SELECT RTreeAlign('idx_{0}_geom', NEW.ROWID, NEW.\"geom\");\n"
    "END";
constexpr const char* kIndexDeleteTrigger =
    "CREATE TRIGGER \"gid_{0}_geom\" AFTER DELETE ON \"{0}\"\n"
    "FOR EACH ROW BEGIN\n"
    "DELETE FROM \"idx_{0}_geom\" WHERE pkid=OLD.ROWID;\n"
    "END";

void run(Database& db, const std::string& sql, const std::string& table) {
  auto st = db.prepare(sql);
  st.bind(1, std::string_view(table));
  st.run();
}

}  // namespace

int spatialite_class_type(GeometryKind kind) {
  switch (kind) {
    case GeometryKind::point:
      return 1;
    case GeometryKind::line:
      return 5;
    case GeometryKind::polygon:
      return 6;
  }
  return 0;
}

std::string_view spatialite_type(GeometryKind kind) {
  switch (kind) {
    case GeometryKind::point:
      return "POINT";
    case GeometryKind::line:
      return "MULTILINESTRING";
    case GeometryKind::polygon:
      return "MULTIPOLYGON";
  }
  return "GEOMETRY";
}

void register_geometry_column(Database& db, const std::string& table, GeometryKind kind, int srid) {
  {
    auto st = db.prepare(
        "INSERT INTO geometry_columns (f_table_name, f_geometry_column, geometry_type, "
        "coord_dimension, srid, spatial_index_enabled) VALUES (?, 'geom', ?, 2, ?, 1)");
    st.bind(1, std::string_view(table))
        .bind(2, static_cast<int64_t>(spatialite_class_type(kind)))
        .bind(3, static_cast<int64_t>(srid));
    st.run();
  }
  for (const char* sql :
       {"INSERT INTO geometry_columns_statistics (f_table_name, f_geometry_column) VALUES (?, "
        "'geom')",
        "INSERT INTO geometry_columns_time (f_table_name, f_geometry_column) VALUES (?, 'geom')",
        "INSERT INTO geometry_columns_auth (f_table_name, f_geometry_column, read_only, hidden) "
        "VALUES (?, 'geom', 0, 0)"})
    run(db, sql, table);
  db.exec(fmt::format(kCheckTrigger, table, "u", "UPDATE OF \"geom\""));
  db.exec(fmt::format(kTimeTrigger, table, "u", "UPDATE", "last_update"));
  db.exec(fmt::format(kTimeTrigger, table, "d", "DELETE", "last_delete"));
  db.exec(fmt::format(kIndexAlignTrigger, table, "u", "UPDATE OF \"geom\""));
  db.exec(fmt::format(kIndexDeleteTrigger, table));
  db.exec(fmt::format(
      "CREATE VIRTUAL TABLE \"idx_{}_geom\" USING rtree(pkid, xmin, xmax, ymin, ymax)", table));
}

void create_insert_triggers(Database& db, const std::string& table) {
  db.exec(fmt::format(kCheckTrigger, table, "i", "INSERT"));
  db.exec(fmt::format(kTimeTrigger, table, "i", "INSERT", "last_insert"));
  db.exec(fmt::format(kIndexAlignTrigger, table, "i", "INSERT"));
}

void drop_geometry_table(Database& db, const std::string& table) {
  // The metadata rows first (the foreign keys of the statistics, time and auth rows cascade only
  // where the connection enforces them, so each is deleted by name), then the R-tree and the
  // table, whose triggers go with it.
  for (const char* metadata :
       {"geometry_columns_statistics", "geometry_columns_time", "geometry_columns_auth",
        "geometry_columns_field_infos", "geometry_columns"})
    run(db,
        fmt::format("DELETE FROM {} WHERE Lower(f_table_name) = Lower(?) AND "
                    "Lower(f_geometry_column) = 'geom'",
                    metadata),
        table);
  db.exec(fmt::format("DROP TABLE IF EXISTS {}", quote_identifier("idx_" + table + "_geom")));
  db.exec(fmt::format("DROP TABLE IF EXISTS {}", quote_identifier(table)));
}

std::string view_rows_table(const std::string& view) {
  return view + "_rows";
}

void register_geometry_view(Database& db, const std::string& view, const std::string& rowid,
                            const std::string& from) {
  auto st = db.prepare(
      "INSERT INTO views_geometry_columns (view_name, view_geometry, view_rowid, f_table_name, "
      "f_geometry_column, read_only) VALUES (Lower(?), 'geom', Lower(?), Lower(?), 'geom', 1)");
  st.bind(1, std::string_view(view))
      .bind(2, std::string_view(rowid))
      .bind(3, std::string_view(from));
  st.run();
}

bool view_exists(Database& db, const std::string& view) {
  auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = ?");
  st.bind(1, std::string_view(view));
  return st.step();
}

std::optional<ViewGeometrySource> view_geometry_source(Database& db, const std::string& view) {
  if (!db.table_exists("views_geometry_columns")) return std::nullopt;
  auto st = db.prepare(
      "SELECT view_rowid, f_table_name FROM views_geometry_columns WHERE view_name = Lower(?)");
  st.bind(1, std::string_view(view));
  if (!st.step()) return std::nullopt;
  return ViewGeometrySource{st.get_text(0), st.get_text(1)};
}

void register_view_source(Database& db, const std::string& view, const std::string& table) {
  db.exec("CREATE TABLE IF NOT EXISTS rz_view_sources (view TEXT NOT NULL, layer TEXT NOT NULL)");
  auto st = db.prepare("INSERT INTO rz_view_sources (view, layer) VALUES (Lower(?), Lower(?))");
  st.bind(1, std::string_view(view)).bind(2, std::string_view(table));
  st.run();
}

std::vector<std::string> views_on(Database& db, const std::string& table) {
  std::vector<std::string> out;
  std::string sql;
  if (db.table_exists("views_geometry_columns"))
    sql = "SELECT view_name FROM views_geometry_columns WHERE f_table_name = Lower(?1)";
  if (db.table_exists("rz_view_sources"))
    sql += std::string(sql.empty() ? "" : " UNION ") +
           "SELECT view FROM rz_view_sources WHERE layer = Lower(?1)";
  if (sql.empty()) return out;
  auto st = db.prepare(sql + " ORDER BY 1");
  st.bind(1, std::string_view(table));
  while (st.step()) out.push_back(st.get_text(0));
  return out;
}

void drop_geometry_view(Database& db, const std::string& view) {
  for (const char* metadata :
       {"views_geometry_columns_statistics", "views_geometry_columns_field_infos",
        "views_geometry_columns_auth", "views_geometry_columns"})
    if (db.table_exists(metadata))
      run(db, fmt::format("DELETE FROM {} WHERE view_name = Lower(?)", metadata), view);
  if (db.table_exists("rz_view_sources"))
    run(db, "DELETE FROM rz_view_sources WHERE view = Lower(?)", view);
  db.exec(fmt::format("DROP VIEW IF EXISTS {}", quote_identifier(view)));
  db.exec(fmt::format("DROP TABLE IF EXISTS {}", quote_identifier(view_rows_table(view))));
}

}  // namespace rz::geo
