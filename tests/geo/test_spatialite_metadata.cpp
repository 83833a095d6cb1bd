// The geometry column registration ruralzone writes in plain SQL (geo/spatialite_metadata.hpp)
// against what SpatiaLite's own RecoverGeometryColumn + CreateSpatialIndex write, object by
// object, and SpatiaLite working on the result: its triggers check and index new rows, and
// CheckSpatialIndex finds the index true to the table.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/spatialite_metadata.hpp"
#include "geo/store.hpp"
#include "test_support.hpp"

using namespace rz::geo;

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// Every schema object belonging to `table` (its triggers, its R-tree and the R-tree's tables),
// and its rows in SpatiaLite's metadata tables (without time stamps), with the table's name
// written as T.
std::map<std::string, std::string> registration_of(Database& db, const std::string& table) {
  std::map<std::string, std::string> out;
  auto objects = db.prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE (tbl_name = ?1 OR tbl_name LIKE "
      "'idx_' || ?1 || '_geom%') AND name <> ?1");
  objects.bind(1, std::string_view(table));
  while (objects.step())
    out[objects.get_text(0) + " " + replace_all(objects.get_text(1), table, "T")] =
        replace_all(objects.get_text(2), table, "T");
  for (const char* sql :
       {"SELECT geometry_type || ' ' || coord_dimension || ' ' || srid || ' ' || "
        "spatial_index_enabled FROM geometry_columns WHERE f_table_name = ?",
        "SELECT ifnull(last_verified, 'null') || ' ' || ifnull(row_count, 'null') FROM "
        "geometry_columns_statistics WHERE f_table_name = ?",
        "SELECT count(*) FROM geometry_columns_time WHERE f_table_name = ?",
        "SELECT read_only || ' ' || hidden FROM geometry_columns_auth WHERE f_table_name = ?",
        "SELECT count(*) FROM geometry_columns_field_infos WHERE f_table_name = ?"}) {
    auto st = db.prepare(sql);
    st.bind(1, std::string_view(table));
    std::string rows;
    while (st.step()) rows += st.get_text(0) + ";";
    out[sql] = rows;
  }
  return out;
}

// The one value of a one-row query (its statement finished before the next one runs).
int64_t single_integer(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  return st.step() ? st.get_int(0) : -1;
}

void create_table(Database& db, const std::string& table, GeometryKind kind) {
  db.exec(fmt::format("CREATE TABLE {} (fid INTEGER PRIMARY KEY, name TEXT, geom {})", table,
                      spatialite_type(kind)));
}

struct Kind {
  GeometryKind kind;
  const char* wkt;
  const char* wrong_wkt;  // another geometry type
};

}  // namespace

class SpatiaLiteMetadata : public ::testing::TestWithParam<Kind> {};

TEST_P(SpatiaLiteMetadata, SameAsSpatiaLitesOwnAndWorksWithIt) {
  const Kind& k = GetParam();
  rz::test::ScratchDir dir;
  auto store = Store::open(dir / "s.sqlite", true);
  store.set_srid(4546);
  Database& db = store.db();
  create_table(db, "by_spatialite", k.kind);
  for (const std::string& sql :
       {fmt::format("SELECT RecoverGeometryColumn('by_spatialite', 'geom', 4546, '{}', 'XY')",
                    spatialite_type(k.kind)),
        std::string("SELECT CreateSpatialIndex('by_spatialite', 'geom')")}) {
    auto st = db.prepare(sql);
    ASSERT_TRUE(st.step());
    ASSERT_EQ(st.get_int(0), 1) << sql;
  }
  create_table(db, "by_ruralzone", k.kind);
  register_geometry_column(db, "by_ruralzone", k.kind, 4546);
  create_insert_triggers(db, "by_ruralzone");
  const auto expected = registration_of(db, "by_spatialite");
  const auto actual = registration_of(db, "by_ruralzone");
  EXPECT_EQ(expected.size(), 17u);  // 8 triggers, the R-tree and its 3 tables, 5 metadata rows
  for (const auto& [key, value] : expected) {
    auto it = actual.find(key);
    ASSERT_NE(it, actual.end()) << "missing: " << key;
    EXPECT_EQ(it->second, value) << key;
  }
  EXPECT_EQ(actual.size(), expected.size());

  // SpatiaLite's triggers run on it (outside a transaction: theirs is RAISE(ROLLBACK)): a row of
  // the right type and SRID goes in and into the index, a wrong one is refused; CheckSpatialIndex
  // finds the index true to the table.
  db.exec(fmt::format(
      "INSERT INTO by_ruralzone (name, geom) VALUES ('a', GeomFromText('{}', 4546))", k.wkt));
  EXPECT_THROW(
      db.exec(fmt::format(
          "INSERT INTO by_ruralzone (name, geom) VALUES ('b', GeomFromText('{}', 4326))", k.wkt)),
      rz::DataError);
  EXPECT_THROW(db.exec(fmt::format(
                   "INSERT INTO by_ruralzone (name, geom) VALUES ('c', GeomFromText('{}', 4546))",
                   k.wrong_wkt)),
               rz::DataError);
  EXPECT_EQ(single_integer(db, "SELECT count(*) FROM idx_by_ruralzone_geom"), 1);
  EXPECT_EQ(single_integer(db, "SELECT CheckSpatialIndex('by_ruralzone', 'geom')"), 1);
  db.exec("UPDATE by_ruralzone SET geom = NULL");
  EXPECT_EQ(single_integer(db, "SELECT count(*) FROM idx_by_ruralzone_geom"), 0);

  // Dropped, nothing of it is left, as after SpatiaLite's DiscardGeometryColumn and DROP TABLE.
  drop_geometry_table(db, "by_ruralzone");
  for (const auto& [key, rows] : registration_of(db, "by_ruralzone"))
    EXPECT_TRUE(rows.empty() || rows == "0;") << key << ": " << rows;
  EXPECT_FALSE(db.table_exists("by_ruralzone"));
  EXPECT_FALSE(db.table_exists("idx_by_ruralzone_geom"));
}

INSTANTIATE_TEST_SUITE_P(
    EveryKind, SpatiaLiteMetadata,
    ::testing::Values(Kind{GeometryKind::point, "POINT(1 2)", "MULTIPOINT(1 2)"},
                      Kind{GeometryKind::line, "MULTILINESTRING((0 0, 1 1))",
                           "LINESTRING(0 0, 1 1)"},
                      Kind{GeometryKind::polygon, "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))",
                           "POLYGON((0 0, 1 0, 1 1, 0 0))"}),
    [](const auto& param_info) { return std::string(to_string(param_info.param.kind)); });
