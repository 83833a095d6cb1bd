#include <gtest/gtest.h>

#include "geo/crs.hpp"
#include "geo/error.hpp"
#include "geo/geos.hpp"
#include "geo/geos_read.hpp"
#include "geo/store.hpp"
#include "test_support.hpp"

using namespace rz::geo;

namespace {
LayerSchema point_schema() {
  return {"households",
          "households",
          GeometryKind::point,
          {{"id", FieldType::text}, {"persons", FieldType::integer}}};
}
}  // namespace

TEST(Store, WritesAndReadsBackPointsWithIndex) {
  rz::test::ScratchDir dir;
  auto store = Store::open(dir / "p.sqlite", true);
  {
    Transaction tx(store.db());
    store.set_srid(4546);
    LayerWriter writer(store, point_schema(), std::nullopt);
    for (int i = 0; i < 1000; ++i) {
      std::vector<Value> values{std::string("户") + std::to_string(i), int64_t{i % 5}};
      writer.add_point(i, values, "{}", 500000.0 + i, 2800000.0 + 2 * i);
    }
    EXPECT_EQ(writer.finish(), 1000);
    tx.commit();
  }
  int n = 0;
  store.read_points("households", [&](int64_t fid, double x, double y) {
    EXPECT_DOUBLE_EQ(x, 500000.0 + static_cast<double>(fid - 1));
    EXPECT_DOUBLE_EQ(y, 2800000.0 + 2.0 * static_cast<double>(fid - 1));
    ++n;
  });
  EXPECT_EQ(n, 1000);
  auto extent = store.extent("households");
  ASSERT_TRUE(extent);
  EXPECT_DOUBLE_EQ((*extent)[0], 500000.0);
  EXPECT_NEAR((*extent)[3], 2801998.0, 0.01);
  auto layer = store.layer("households");
  ASSERT_TRUE(layer);
  EXPECT_EQ(layer->feature_count, 1000);
  EXPECT_EQ(layer->schema.fields.size(), 2u);
  // The SpatiaLite index answers a window query.
  auto st = store.db().prepare(
      "SELECT count(*) FROM households WHERE rowid IN (SELECT rowid FROM SpatialIndex WHERE "
      "f_table_name='households' AND search_frame=BuildMbr(500000,2800000,500009.5,2800100,4546))");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.get_int(0), 10);
}

// A per-household result shown through the households' own points (GeometryFrom): read back
// with their geometry, in its rows' order, found by SpatiaLite's index through the view; dropped
// with its rows table, and with the households when they are replaced.
TEST(Store, ViewLayerShowsTheKeyLayersGeometry) {
  rz::test::ScratchDir dir;
  auto store = Store::open(dir / "p.sqlite", true);
  auto write_households = [&] {
    LayerWriter writer(store, point_schema(), std::nullopt);
    for (int i = 0; i < 100; ++i) {
      std::vector<Value> values{std::string("户") + std::to_string(i), int64_t{i % 5}};
      writer.add_point(i, values, "{}", 500000.0 + i, 2800000.0 + 2 * i);
    }
    writer.finish();
  };
  const LayerSchema result{"beyond",
                           "reach",
                           GeometryKind::point,
                           {{"household_fid", FieldType::integer},
                            {"household_id", FieldType::text},
                            {"distance_m", FieldType::real}}};
  {
    Transaction tx(store.db());
    store.set_srid(4546);
    write_households();
    // household_id is read through the view from households.id, not stored.
    LayerWriter writer(store, result,
                       GeometryFrom{"households", "household_fid", {{"household_id", "id"}}, {}});
    // Household 7 twice (two categories, say), 50 once; the point given is ignored.
    int64_t id = 0;
    for (int64_t h : {7, 7, 50}) {
      std::vector<Value> values{h, std::string("not stored"), 100.0 * static_cast<double>(++id)};
      writer.add_point(id, values, "{}", 0, 0);
    }
    EXPECT_EQ(writer.finish(), 3);
    tx.commit();
  }
  auto info = store.layer("beyond");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->feature_count, 3);
  std::vector<std::pair<int64_t, double>> rows;
  GeosContext ctx;
  store.read_features("beyond", [&](const FeatureRow& row) {
    auto g = from_wkb(ctx, row.wkb);
    const auto [x, y] = point_xy(ctx, g.get());
    const auto h = std::get<int64_t>(row.values[0]);
    EXPECT_EQ(std::get<std::string>(row.values[1]), "户" + std::to_string(h - 1));
    EXPECT_DOUBLE_EQ(x, 500000.0 + static_cast<double>(h - 1));
    EXPECT_DOUBLE_EQ(y, 2800000.0 + 2.0 * static_cast<double>(h - 1));
    rows.push_back({row.fid, std::get<double>(row.values[2])});
  });
  EXPECT_EQ(rows, (std::vector<std::pair<int64_t, double>>{{1, 100}, {2, 200}, {3, 300}}));
  auto extent = store.extent("beyond");
  ASSERT_TRUE(extent);
  EXPECT_DOUBLE_EQ((*extent)[0], 500006.0);
  EXPECT_DOUBLE_EQ((*extent)[2], 500049.0);
  // SpatiaLite finds the rows through the households' index (the view's rowid is the key).
  {
    auto st = store.db().prepare(
        "SELECT count(*) FROM beyond WHERE household_fid IN (SELECT rowid FROM SpatialIndex WHERE "
        "f_table_name='beyond' AND search_frame=BuildMbr(500000,2800000,500010,2800100,4546))");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.get_int(0), 2);
  }
  // Replacing the households drops the view: its rows were about the old ones.
  {
    Transaction tx(store.db());
    write_households();
    tx.commit();
  }
  EXPECT_FALSE(store.layer("beyond"));
  EXPECT_FALSE(store.db().table_exists("beyond_rows"));
  auto views = store.db().prepare("SELECT count(*) FROM views_geometry_columns");
  ASSERT_TRUE(views.step());
  EXPECT_EQ(views.get_int(0), 0);
}

TEST(Store, FailedTransactionLeavesStoreUnchanged) {
  rz::test::ScratchDir dir;
  auto store = Store::open(dir / "p.sqlite", true);
  {
    Transaction tx(store.db());
    store.set_srid(4546);
    LayerWriter writer(store, point_schema(), std::nullopt);
    writer.add_point(1, std::vector<Value>{std::string("a"), int64_t{1}}, "{}", 1, 2);
    writer.finish();
    tx.commit();
  }
  try {
    Transaction tx(store.db());
    LayerWriter writer(store, point_schema(), std::nullopt);  // replaces the layer...
    writer.add_point(1, std::vector<Value>{std::string("b"), int64_t{2}}, "{}", 3, 4);
    throw rz::DataError("half-way failure");  // ...but never commits
  } catch (const rz::DataError&) {
  }
  auto layer = store.layer("households");
  ASSERT_TRUE(layer);
  EXPECT_EQ(layer->feature_count, 1);
  store.read_points("households", [&](int64_t, double x, double y) {
    EXPECT_EQ(x, 1);
    EXPECT_EQ(y, 2);
  });
}

TEST(Store, PolygonRoundTripThroughWkb) {
  rz::test::ScratchDir dir;
  auto store = Store::open(dir / "p.sqlite", true);
  GeosContext ctx;
  auto poly = from_wkt(ctx, "MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0)))");
  auto wkb = to_wkb(ctx, poly.get());
  {
    Transaction tx(store.db());
    store.set_srid(4546);
    LayerWriter writer(store,
                       {"villages", "villages", GeometryKind::polygon, {{"name", FieldType::text}}},
                       std::nullopt);
    writer.add(7, std::vector<Value>{std::string("晋屏村")}, R"({"备注":"x"})", wkb,
               Envelope{0, 0, 10, 10});
    writer.finish();
    tx.commit();
  }
  int n = 0;
  store.read_features("villages", [&](const FeatureRow& row) {
    EXPECT_EQ(std::get<std::string>(row.values[0]), "晋屏村");
    EXPECT_EQ(row.attrs, R"({"备注":"x"})");
    auto g = from_wkb(ctx, row.wkb);
    EXPECT_DOUBLE_EQ(area(ctx, g.get()), 100.0);
    ++n;
  });
  EXPECT_EQ(n, 1);
}

// A result layer made of another layer's geometry as stored and of rows without geometry is
// written without SpatiaLite, and reads back as the original.
TEST(Store, CopiesStoredGeometryWithoutSpatiaLite) {
  rz::test::ScratchDir dir;
  GeosContext ctx;
  const auto wkb = to_wkb(ctx, from_wkt(ctx, "MULTIPOLYGON(((0 0,10 0,10 5,0 5,0 0)))").get());
  const LayerSchema villages{
      "villages", "villages", GeometryKind::polygon, {{"name", FieldType::text}}};
  {
    auto store = Store::open(dir / "p.sqlite", true);
    Transaction tx(store.db());
    store.set_srid(4546);
    LayerWriter writer(store, villages, std::nullopt);
    writer.add(7, std::vector<Value>{std::string("晋屏村")}, "{}", wkb, Envelope{0, 0, 10, 5});
    writer.finish();
    tx.commit();
  }
  auto store = Store::open(dir / "p.sqlite", false);
  {
    Transaction tx(store.db());
    LayerWriter copy(store, {"copy", "result", GeometryKind::polygon, {{"n", FieldType::integer}}},
                     std::nullopt);
    store.read_stored("villages", [&](const FeatureRow& row) {
      copy.add_stored(row.fid, std::vector<Value>{int64_t{1}}, "{}", row.stored_geometry);
    });
    copy.add_without_geometry(0, std::vector<Value>{int64_t{2}}, "{}");
    // A geometry of another kind than the layer's is refused, naming both.
    LayerWriter points(store, point_schema(), std::nullopt);
    store.read_stored("villages", [&](const FeatureRow& row) {
      try {
        points.add_stored(row.fid, std::vector<Value>{std::string("a"), int64_t{1}}, "{}",
                          row.stored_geometry);
        ADD_FAILURE() << "a polygon went into a point layer";
      } catch (const rz::DataError& e) {
        EXPECT_NE(std::string(e.what()).find("POINT in SRID 4546, not class 6 in SRID 4546"),
                  std::string::npos)
            << e.what();
      }
    });
    EXPECT_EQ(copy.finish(), 2);
    points.finish();
    tx.commit();
  }
  auto extent = store.extent("copy");
  ASSERT_TRUE(extent);
  EXPECT_DOUBLE_EQ((*extent)[2], 10.0);
  EXPECT_DOUBLE_EQ((*extent)[3], 5.0);
  std::vector<std::vector<unsigned char>> geometries;
  store.read_features("copy", [&](const FeatureRow& row) {
    geometries.emplace_back(row.wkb.begin(), row.wkb.end());
  });
  ASSERT_EQ(geometries.size(), 2u);
  EXPECT_EQ(geometries[0], wkb);
  EXPECT_TRUE(geometries[1].empty());
  // SpatiaLite finds the copy's index true to its table.
  auto check = store.db().prepare("SELECT CheckSpatialIndex('copy', 'geom')");
  ASSERT_TRUE(check.step());
  EXPECT_EQ(check.get_int(0), 1);
}

TEST(Store, RejectsUnsafeLayerNames) {
  EXPECT_FALSE(is_valid_layer_name("rz_layers"));
  EXPECT_FALSE(is_valid_layer_name("a b"));
  EXPECT_FALSE(is_valid_layer_name("1abc"));
  EXPECT_TRUE(is_valid_layer_name("households_2"));
}

TEST(Crs, GaussKrugerZoneForLongitude) {
  EXPECT_EQ(gauss_kruger_epsg_for_longitude(112.4), 4546);
  EXPECT_EQ(gauss_kruger_epsg_for_longitude(75.0), 4534);
  EXPECT_EQ(gauss_kruger_epsg_for_longitude(135.0), 4554);
  EXPECT_EQ(gauss_kruger_epsg_for_longitude(116.5), 4548);  // CM 117E covers 115.5-118.5
  EXPECT_EQ(gauss_kruger_epsg_for_longitude(115.4), 4547);
}
