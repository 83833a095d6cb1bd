// The connection's SpatiaLite on demand (geo/sqlite.hpp): plain statements never load it, the
// first statement that names one of its functions or virtual tables does, once, and a statement
// of a multi-statement exec runs exactly once either way.
#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "geo/sqlite.hpp"
#include "geo/store.hpp"
#include "test_support.hpp"

using namespace rz::geo;

TEST(SpatiaLiteOnDemand, PlainStatementsDoNotLoadIt) {
  rz::test::ScratchDir dir;
  Database db(dir / "a.sqlite", true);
  db.exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2)");
  auto st = db.prepare("SELECT sum(x) FROM t");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.get_int(0), 3);
  EXPECT_FALSE(db.has_spatialite());
}

TEST(SpatiaLiteOnDemand, FirstSpatiaLiteFunctionLoadsIt) {
  rz::test::ScratchDir dir;
  Database db(dir / "a.sqlite", true);
  auto st = db.prepare("SELECT AsText(MakePoint(1.5, 2, 4326))");
  EXPECT_TRUE(db.has_spatialite());
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.get_text(0), "POINT(1.5 2)");
  // A second connection gets its own cache.
  Database other(dir / "a.sqlite", false);
  auto st2 = other.prepare("SELECT ST_X(MakePoint(3, 4))");
  ASSERT_TRUE(st2.step());
  EXPECT_DOUBLE_EQ(st2.get_double(0), 3.0);
}

TEST(SpatiaLiteOnDemand, ExecRunsEachStatementOnceAroundTheLoad) {
  rz::test::ScratchDir dir;
  Database db(dir / "a.sqlite", true);
  // Were the whole text prepared again after loading, CREATE TABLE would fail and the first
  // INSERT would run twice.
  db.exec(
      "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1); -- a comment\n"
      "INSERT INTO t SELECT ST_X(MakePoint(10, 0)); INSERT INTO t VALUES (100);  ");
  EXPECT_TRUE(db.has_spatialite());
  auto st = db.prepare("SELECT count(*), sum(x) FROM t");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.get_int(0), 3);
  EXPECT_EQ(st.get_int(1), 111);
}

TEST(SpatiaLiteOnDemand, UnknownFunctionIsStillAnError) {
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

TEST(SpatiaLiteOnDemand, ConnectionWithoutItRefusesSpatiaLiteSql) {
  rz::test::ScratchDir dir;
  { Database create(dir / "a.sqlite", true); }
  Database plain(dir / "a.sqlite", false, false);
  EXPECT_THROW(plain.prepare("SELECT MakePoint(1, 2)"), rz::DataError);
  EXPECT_FALSE(plain.has_spatialite());
}

TEST(SpatiaLiteOnDemand, StoreReadsTablesWithoutIt) {
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
  EXPECT_FALSE(store.db().has_spatialite());
  // The geometry comes through AsBinary, which loads it.
  store.read_features("sites", [&](const FeatureRow& row) {
    EXPECT_EQ(row.wkb.size(), 21u);  // ISO WKB point: 1 + 4 + 2 * 8 bytes
    ++rows;
  });
  EXPECT_EQ(rows, 2);
  EXPECT_TRUE(store.db().has_spatialite());
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
