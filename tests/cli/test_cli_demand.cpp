// The demand layer kind through the binary: tract or village centroids with Chinese names and
// weights, from GeoJSON and CSV; a negative weight is refused naming the feature.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "cli/import_fixture.hpp"
#include "test_support.hpp"

using rz::test::Fixture;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::write;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string sql(Fixture& f, const std::string& query) {
  return run_shell("sqlite3 " + f.store + " \"" + query + "\"").out;
}

// Centroids of the two villages of villages_geojson() (EPSG:4546), and one outside both.
const char* const kDemandGeojson =
    R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4546"}},"features":[
{"type":"Feature","properties":{"编号":"D1","名称":"晋屏村中心","人口":1200.5},"geometry":{"type":"Point","coordinates":[540500,2830500]}},
{"type":"Feature","properties":{"编号":"D2","名称":"丙穴村中心","人口":800},"geometry":{"type":"Point","coordinates":[541500,2830500]}},
{"type":"Feature","properties":{"编号":"D3","名称":"𠮷田组","人口":null},"geometry":{"type":"Point","coordinates":[545000,2830500]}}]})";

}  // namespace

TEST(CliDemand, ImportsCentroidsWithChineseNamesAndWeights) {
  Fixture f;
  f.seed_store();
  write(f.dir / "demand.geojson", kDemandGeojson);
  auto r = run_ruralzone("import demand.geojson --kind demand --store project.sqlite",
                         f.dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "weight")) << r.out;
  EXPECT_TRUE(has(r.out, "人口")) << r.out;
  EXPECT_TRUE(has(r.err, "1 feature(s) lie outside every village (kept)")) << r.err;
  EXPECT_EQ(sql(f, "SELECT id, name, weight, village_code FROM demand ORDER BY fid"),
            "D1|晋屏村中心|1200.5|431024100201\n"
            "D2|丙穴村中心|800.0|431024100202\n"
            "D3|𠮷田组||\n");
  auto info = run_ruralzone("info project.sqlite --json", f.dir.path().string());
  ASSERT_EQ(info.exit_code, 0) << info.err;
  bool listed = false;
  const auto parsed = nlohmann::json::parse(info.out);
  for (const auto& layer : parsed["layers"])
    if (layer["name"] == "demand") {
      listed = true;
      EXPECT_EQ(layer["kind"], "demand");
      EXPECT_EQ(layer["features"], 3);
    }
  EXPECT_TRUE(listed) << info.out;
}

// A CSV of tract centroids (lon/lat columns), weights under 权重 with full-width digits and
// thousands separators, into a layer of another name.
TEST(CliDemand, ImportsACsvTableOfWeightedPoints) {
  Fixture f;
  f.seed_store();
  write(f.dir / "tracts.csv",
        "ID,NAME,权重,经度,纬度\n"
        "T1,一组,\"1,250\",111.4040,25.5820\n"
        "T2,二组,３５,111.4140,25.5830\n");
  auto r = run_ruralzone("import tracts.csv --kind demand --layer tracts --store project.sqlite -q",
                         f.dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(sql(f, "SELECT id, name, weight FROM tracts ORDER BY fid"),
            "T1|一组|1250.0\nT2|二组|35.0\n");
  EXPECT_EQ(sql(f, "SELECT kind FROM rz_layers WHERE name = 'tracts'"), "demand\n");
}

TEST(CliDemand, ANegativeWeightIsRefusedNamingTheFeature) {
  Fixture f;
  f.seed_store();
  write(f.dir / "d.csv",
        "编号,名称,需求,经度,纬度\n"
        "D1,晋屏村,12,111.4040,25.5820\n"
        "D2,丙穴村,-3,111.4140,25.5830\n");
  auto err = f.expect_data_error("d.csv", "--kind demand");
  EXPECT_TRUE(has(err,
                  "feature 2 (D2, 丙穴村; line 3): field «需求» (weight) is -3, which is "
                  "negative"))
      << err;
  EXPECT_EQ(sql(f, "SELECT count(*) FROM sqlite_master WHERE name = 'demand'"), "0\n");
}
