#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "geo/point_scan.hpp"
#include "geo/store.hpp"
#include "test_support.hpp"

using namespace rz::geo;

namespace {

LayerSchema household_schema(const std::string& name = "households") {
  return {name,
          "households",
          GeometryKind::point,
          {{"village_code", FieldType::text},
           {"persons", FieldType::integer},
           {"income", FieldType::real}}};
}

// Rows over two chunks and a part of a third, with NULLs and repeated and Chinese text.
std::vector<Value> row_values(int i) {
  std::vector<Value> values(3);  // NULLs
  if (i % 11 == 0)
    values[0] = std::string("村") + std::to_string(i % 3);
  else if (i % 7 != 0)
    values[0] = "4301011010" + std::to_string(i / 1000 % 100);
  if (i % 5 != 0) values[1] = int64_t{i % 9 - 2};
  if (i % 3 != 0) values[2] = 0.25 * i - 1000.5;
  return values;
}

constexpr int kRows = 2 * static_cast<int>(PointColumnsWriter::kChunkRows) + 1234;

void write_layer(Store& store, const LayerSchema& schema, std::optional<int64_t> import_id,
                 int rows) {
  Transaction tx(store.db());
  if (store.srid() == 0) store.set_srid(4546);
  LayerWriter writer(store, schema, import_id);
  for (int i = 0; i < rows; ++i) {
    auto values = row_values(i);
    writer.add_point(i, values, "{}", 500000.0 + i * 0.5, 2800000.0 - i * 0.25);
  }
  writer.finish();
  tx.commit();
}

int64_t import_id(Store& store) {
  Transaction tx(store.db());
  ImportRecord r;
  r.layer = "households";
  r.kind = "households";
  int64_t id = store.record_import(r);
  tx.commit();
  return id;
}

struct Row {
  int64_t fid;
  double x, y;
  std::string code;
  std::optional<int64_t> persons;
  std::optional<double> income;
  bool operator==(const Row&) const = default;
};

std::vector<Row> scan(Store& store, const std::string& layer, bool* from_copy = nullptr,
                      int64_t lo = std::numeric_limits<int64_t>::min(),
                      int64_t hi = std::numeric_limits<int64_t>::max()) {
  std::vector<Row> rows;
  PointScan s(store, layer, {"village_code", "persons", "income"}, lo, hi);
  if (from_copy) *from_copy = s.from_column_copy();
  while (s.next())
    rows.push_back({s.fid(), s.x(), s.y(), std::string(s.text(0)), s.integer(1), s.real(2)});
  return rows;
}

// The layer as the table holds it, read with plain SQL.
std::vector<Row> table_rows(Store& store, const std::string& layer) {
  std::vector<Row> rows;
  auto st = store.db().prepare("SELECT fid, X(geom), Y(geom), village_code, persons, income FROM " +
                               layer + " ORDER BY fid");
  while (st.step())
    rows.push_back({st.get_int(0), st.get_double(1), st.get_double(2), st.get_text(3),
                    st.is_null(4) ? std::nullopt : std::optional<int64_t>(st.get_int(4)),
                    st.is_null(5) ? std::nullopt : std::optional<double>(st.get_double(5))});
  return rows;
}

}  // namespace

TEST(PointColumns, AnImportedPointLayerReadsFromItsCopyWithTheTablesValues) {
  rz::test::ScratchDir dir;
  auto store = Store::open(dir / "p.sqlite", true);
  write_layer(store, household_schema(), import_id(store), kRows);
  bool from_copy = false;
  const auto rows = scan(store, "households", &from_copy);
  EXPECT_TRUE(from_copy);
  ASSERT_EQ(rows.size(), static_cast<size_t>(kRows));
  EXPECT_EQ(rows, table_rows(store, "households"));
  EXPECT_EQ(rows[11].code, "村2");
  EXPECT_EQ(rows[7].code, "");  // NULL
  EXPECT_FALSE(rows[5].persons);
  EXPECT_FALSE(rows[3].income);
  // Fid ranges across chunk boundaries give the same rows as the table.
  for (auto [lo, hi] : std::vector<std::pair<int64_t, int64_t>>{
           {1, 10}, {65530, 65540}, {65537, 131072}, {131000, 200000}, {-5, 0}}) {
    const auto part = scan(store, "households", &from_copy, lo, hi);
    EXPECT_TRUE(from_copy);
    std::vector<Row> expected;
    for (const auto& r : rows)
      if (r.fid >= lo && r.fid <= hi) expected.push_back(r);
    EXPECT_EQ(part, expected) << lo << ".." << hi;
  }
  // Integers and reals asked as text, reals as integers: as the table gives them.
  PointScan s(store, "households", {"persons", "income"}, 2, 2);
  ASSERT_TRUE(s.next());
  EXPECT_EQ(s.text(0), "-1");
  EXPECT_EQ(s.integer(1), std::optional<int64_t>(static_cast<int64_t>(0.25 * 1 - 1000.5)));
}

TEST(PointColumns, AnyChangeToTheTableDiscardsTheCopy) {
  for (const char* change :
       {"UPDATE households SET persons = 42 WHERE fid = 7", "DELETE FROM households WHERE fid = 9",
        "INSERT INTO households(src_fid, village_code, persons, geom) "
        "VALUES (0, 'x', 1, MakePoint(500000, 2800000, 4546))"}) {
    rz::test::ScratchDir dir;
    auto store = Store::open(dir / "p.sqlite", true);
    write_layer(store, household_schema(), import_id(store), 1000);
    store.db().exec(change);
    bool from_copy = true;
    const auto rows = scan(store, "households", &from_copy);
    EXPECT_FALSE(from_copy) << change;
    EXPECT_EQ(rows, table_rows(store, "households")) << change;
    auto st = store.db().prepare("SELECT count(*) FROM rz_point_columns");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.get_int(0), 0) << change;
  }
}

TEST(PointColumns, ACopyWithoutItsTriggersIsNotTrusted) {
  // A table dropped and created again by another program has lost the triggers.
  rz::test::ScratchDir dir;
  auto store = Store::open(dir / "p.sqlite", true);
  write_layer(store, household_schema(), import_id(store), 100);
  store.db().exec("DROP TRIGGER rzc_households_update");
  store.db().exec("UPDATE households SET persons = 42");
  bool from_copy = true;
  const auto rows = scan(store, "households", &from_copy);
  EXPECT_FALSE(from_copy);
  EXPECT_EQ(rows.at(3).persons, 42);
}

TEST(PointColumns, OnlyImportedPointLayersWithStorableValuesGetACopy) {
  rz::test::ScratchDir dir;
  auto store = Store::open(dir / "p.sqlite", true);
  write_layer(store, household_schema("results"), std::nullopt, 100);  // an analysis's output
  bool from_copy = true;
  scan(store, "results", &from_copy);
  EXPECT_FALSE(from_copy);
  // Text in an integer column stays text in SQLite: the blob layout cannot say so.
  const int64_t id = import_id(store);
  {
    Transaction tx(store.db());
    LayerWriter writer(store, household_schema("odd"), id);
    std::vector<Value> values{std::string("a"), std::string("many"), Value{}};
    writer.add_point(1, values, "{}", 500000, 2800000);
    writer.finish();
    tx.commit();
  }
  PointScan odd(store, "odd", {"persons"});
  EXPECT_FALSE(odd.from_column_copy());
  ASSERT_TRUE(odd.next());
  EXPECT_EQ(odd.text(0), "many");
}

TEST(PointColumns, DroppingOrRewritingALayerRemovesItsCopy) {
  rz::test::ScratchDir dir;
  auto store = Store::open(dir / "p.sqlite", true);
  write_layer(store, household_schema(), import_id(store), 5000);
  write_layer(store, household_schema(), import_id(store), 300);  // imported again, smaller
  bool from_copy = false;
  EXPECT_EQ(scan(store, "households", &from_copy).size(), 300u);
  EXPECT_TRUE(from_copy);
  {
    Transaction tx(store.db());
    store.drop_layer("households");
    tx.commit();
  }
  auto st = store.db().prepare(
      "SELECT (SELECT count(*) FROM rz_point_columns), (SELECT count(*) FROM sqlite_master WHERE "
      "name LIKE 'rzc_%')");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.get_int(0), 0);
  EXPECT_EQ(st.get_int(1), 0);
}

TEST(PointColumns, TextColumnsOfMostlyDistinctValuesAreLeftToTheTable) {
  rz::test::ScratchDir dir;
  auto store = Store::open(dir / "p.sqlite", true);
  const int64_t id = import_id(store);
  {
    Transaction tx(store.db());
    store.set_srid(4546);
    LayerWriter writer(store,
                       {"households",
                        "households",
                        GeometryKind::point,
                        {{"id", FieldType::text}, {"village_code", FieldType::text}}},
                       id);
    for (int i = 0; i < 70000; ++i) {
      std::vector<Value> values{"户" + std::to_string(i), "43010110100" + std::to_string(i % 4)};
      writer.add_point(i, values, "{}", 500000.0 + i, 2800000.0);
    }
    writer.finish();
    tx.commit();
  }
  PointScan codes(store, "households", {"village_code"});
  EXPECT_TRUE(codes.from_column_copy());
  PointScan ids(store, "households", {"id", "village_code"});
  EXPECT_FALSE(ids.from_column_copy());
  int n = 0;
  while (codes.next() && ids.next()) {
    EXPECT_EQ(ids.text(0), "户" + std::to_string(n));
    EXPECT_EQ(codes.text(0), ids.text(1));
    ++n;
  }
  EXPECT_EQ(n, 70000);
}
