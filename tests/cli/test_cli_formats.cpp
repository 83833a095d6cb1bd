// CLI tests of source formats and CRS cases beyond the sample county: XLSX with lon/lat columns,
// a shapefile in GB18030 with characters GBK lacks and no .cpg, a layer without a CRS, 3-D input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace fs = std::filesystem;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::ScratchDir;

namespace {
void write(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
}
std::string sql(const std::string& store, const std::string& query) {
  auto q = run_shell("sqlite3 " + store + " \"" + query + "\"");
  EXPECT_EQ(q.exit_code, 0) << q.err;
  return q.out;
}
}  // namespace

TEST(CliFormats, XlsxWithLonLatColumns) {
  ScratchDir dir;
  write(
      dir.path() / "f.csv",
      "名称,类型,X,Y\n晋屏村党群服务中心,党群服务中心,112.40,25.60\n村卫生室,卫生室,112.41,25.61\n"
      "居家养老服务站,养老服务站,112.42,25.62\n");
  auto conv = run_shell("cd " + dir.path().string() + " && ogr2ogr -f XLSX f.xlsx f.csv");
  ASSERT_EQ(conv.exit_code, 0) << conv.err;
  auto r = run_ruralzone("import f.xlsx --kind facilities --store p.sqlite --crs EPSG:4490",
                         dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("XLSX"), std::string::npos) << r.out;
  EXPECT_EQ(sql(dir / "p.sqlite", "SELECT name, category FROM facilities ORDER BY fid"),
            "晋屏村党群服务中心|party_service_center\n村卫生室|clinic\n"
            "居家养老服务站|elderly_care\n");
  // Projected into the GK zone of 112.4E (CM 111E) and stored as points there.
  EXPECT_EQ(sql(dir / "p.sqlite", "SELECT value FROM rz_project WHERE key='srid'"), "4546\n");
}

TEST(CliFormats, Gb18030ShapefileWithoutCpgKeepsCharactersGbkLacks) {
  ScratchDir dir;
  write(dir.path() / "v.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"村代码":"431024100201","村名":"𠮷䶮村"},"geometry":{"type":"Polygon","coordinates":[[[112.40,25.60],[112.41,25.60],[112.41,25.61],[112.40,25.61],[112.40,25.60]]]}}]})");
  auto conv = run_shell("cd " + dir.path().string() +
                        " && ogr2ogr -f 'ESRI Shapefile' v.shp v.geojson -lco ENCODING=GB18030"
                        " && rm v.cpg");
  ASSERT_EQ(conv.exit_code, 0) << conv.err;
  auto r = run_ruralzone("import v.shp --kind villages --store p.sqlite", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(sql(dir / "p.sqlite", "SELECT name FROM villages"), "𠮷䶮村\n");
}

TEST(CliFormats, LayerWithoutCrsIsAnErrorUnlessGiven) {
  ScratchDir dir;
  write(dir.path() / "v.csv",
        "村代码,村名,WKT\n431024100201,晋屏村,\"POLYGON((540000 2830000,541000 2830000,541000 "
        "2831000,540000 2831000,540000 2830000))\"\n");
  auto conv = run_shell("cd " + dir.path().string() +
                        " && ogr2ogr -f 'ESRI Shapefile' v.shp v.csv -lco ENCODING=UTF-8");
  ASSERT_EQ(conv.exit_code, 0) << conv.err;
  ASSERT_FALSE(fs::exists(dir.path() / "v.prj"));
  auto bad = run_ruralzone("import v.shp --kind villages --store p.sqlite", dir.path().string());
  EXPECT_EQ(bad.exit_code, 1) << bad.err;
  EXPECT_NE(bad.err.find("v.shp"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("--crs"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(dir.path() / "p.sqlite"));
  auto ok = run_ruralzone("import v.shp --kind villages --store p.sqlite --crs EPSG:4546 -q",
                          dir.path().string());
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  auto area = run_shell("spatialite -silent " + (dir / "p.sqlite") +
                        " \"SELECT round(ST_Area(geom)) FROM villages\"");
  EXPECT_EQ(area.out, "1000000.0\n") << area.err;
}

TEST(CliFormats, ZAndMAreDropped) {
  ScratchDir dir;
  write(dir.path() / "r.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"道路名称":"晋屏大道","道路等级":"县道"},"geometry":{"type":"LineString","coordinates":[[112.40,25.60,150.0],[112.41,25.61,160.0]]}}]})");
  auto r = run_ruralzone("import r.geojson --kind roads --store p.sqlite", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("default speed"), std::string::npos) << r.out;
  auto q = run_shell("spatialite -silent " + (dir / "p.sqlite") +
                     " \"SELECT CoordDimension(geom), GeometryType(geom), speed FROM roads\"");
  EXPECT_EQ(q.out, "XY|MULTILINESTRING|40.0\n") << q.err;
}
