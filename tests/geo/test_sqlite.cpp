// The connection (geo/sqlite.hpp): SpatiaLite registered when it opens, each connection with a
// cache of its own; a multi-statement exec runs each statement exactly once; errors name the
// cause.
#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "geo/sqlite.hpp"
#include "geo/store.hpp"
#include "test_support.hpp"

using namespace rz::geo;

TEST(Connection, HasSpatiaLiteFromTheStart) {
  rz::test::ScratchDir dir;
  Database db(dir / "a.sqlite", true);
  EXPECT_TRUE(db.has_spatialite());
  auto st = db.prepare("SELECT AsText(MakePoint(1.5, 2, 4326))");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.get_text(0), "POINT(1.5 2)");
  // A second connection gets its own cache.
  Database other(dir / "a.sqlite", false);
  auto st2 = other.prepare("SELECT ST_X(MakePoint(3, 4))");
  ASSERT_TRUE(st2.step());
  EXPECT_DOUBLE_EQ(st2.get_double(0), 3.0);
}

TEST(Connection, ExecRunsEachStatementOnce) {
  rz::test::ScratchDir dir;
  Database db(dir / "a.sqlite", true);
  // Comments, trailing blanks and SpatiaLite functions between plain statements.
  db.exec(
      "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1); -- a comment\n"
      "INSERT INTO t SELECT ST_X(MakePoint(10, 0)); INSERT INTO t VALUES (100);  ");
  auto st = db.prepare("SELECT count(*), sum(x) FROM t");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.get_int(0), 3);
  EXPECT_EQ(st.get_int(1), 111);
}

TEST(Connection, UnknownFunctionIsAnErrorNamingIt) {
  rz::test::ScratchDir dir;
  Database db(dir / "a.sqlite", true);
  try {
    db.prepare("SELECT no_such_thing_anywhere(1)");
    FAIL() << "expected an error";
  } catch (const rz::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("no such function: no_such_thing_anywhere"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(db.exec("CREATE TABLE t (x); SELECT no_such_thing_anywhere(1)"), rz::DataError);
}

TEST(Connection, WithoutSpatiaLiteRefusesItsSql) {
  rz::test::ScratchDir dir;
  { Database create(dir / "a.sqlite", true); }
  Database plain(dir / "a.sqlite", false, false);
  EXPECT_THROW(plain.prepare("SELECT MakePoint(1, 2)"), rz::DataError);
  EXPECT_FALSE(plain.has_spatialite());
}

TEST(Connection, StoreReadsAttributesAndGeometry) {
  rz::test::ScratchDir dir;
  {
    auto store = Store::open(dir / "p.sqlite", true);
    Transaction tx(store.db());
    store.set_srid(4546);
    LayerWriter writer(store,
                       {"sites", "facilities", GeometryKind::point, {{"name", FieldType::text}}},
                       std::nullopt);
    writer.add_point(7, std::vector<Value>{std::string("党群服务中心")}, "{}", 500000, 2800000);
    writer.finish();
    tx.commit();
  }
  auto store = Store::open(dir / "p.sqlite", false);
  EXPECT_EQ(store.srid(), 4546);
  EXPECT_EQ(store.crs_name(), "CGCS2000 / 3-degree Gauss-Kruger CM 111E");
  int rows = 0;
  store.read_attributes("sites", [&](const FeatureRow& row) {
    EXPECT_EQ(std::get<std::string>(row.values.at(0)), "党群服务中心");
    EXPECT_TRUE(row.wkb.empty());
    ++rows;
  });
  EXPECT_EQ(rows, 1);
  store.read_features("sites", [&](const FeatureRow& row) {
    EXPECT_EQ(row.wkb.size(), 21u);  // ISO WKB point: 1 + 4 + 2 * 8 bytes
    ++rows;
  });
  EXPECT_EQ(rows, 2);
}

// A memory map only while MappedReads lives, moved along with it; the reads through it see what
// the connection wrote.
TEST(MappedReads, MapsTheFileOnlyInItsScope) {
  rz::test::ScratchDir dir;
  Database db(dir / "a.sqlite", true, false);
  db.exec("CREATE TABLE t (b BLOB); INSERT INTO t VALUES (zeroblob(100000))");
  auto mmap_size = [&] {
    auto st = db.prepare("PRAGMA mmap_size");
    EXPECT_TRUE(st.step());
    return st.get_int(0);
  };
  ASSERT_EQ(mmap_size(), 0);
  {
    MappedReads mapped(db);
    EXPECT_GT(mmap_size(), 0);
    MappedReads moved(std::move(mapped));
    auto st = db.prepare("SELECT length(b), sum(1) FROM t");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.get_int(0), 100000);
    EXPECT_GT(mmap_size(), 0);
  }
  EXPECT_EQ(mmap_size(), 0);
}

TEST(Statement, ColumnOriginLooksThroughViews) {
  rz::test::ScratchDir dir;
  Database db(dir / "a.sqlite", true);
  db.exec(
      "CREATE TABLE villages (fid INTEGER PRIMARY KEY, name TEXT);"
      "CREATE TABLE rows (fid INTEGER PRIMARY KEY, village_fid INTEGER, d REAL);"
      "CREATE VIEW v AS SELECT r.fid AS fid, r.d AS distance, g.name AS village, 2 * r.d AS twice "
      "FROM rows AS r LEFT JOIN villages AS g ON g.fid = r.village_fid");
  auto st = db.prepare("SELECT distance, village, twice FROM v");
  using Origin = std::optional<std::pair<std::string, std::string>>;
  EXPECT_EQ(st.column_origin(0), Origin({"rows", "d"}));
  EXPECT_EQ(st.column_origin(1), Origin({"villages", "name"}));
  EXPECT_EQ(st.column_origin(2), std::nullopt);  // an expression
}
