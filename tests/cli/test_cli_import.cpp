// CLI tests: the real ruralzone binary on real files. Fixtures are written as GeoJSON/CSV text
// and converted with ogr2ogr where a test needs another format.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/import_fixture.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using rz::test::file_sha256;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::ScratchDir;
using rz::test::villages_geojson;
using rz::test::write;
using Fixture = rz::test::Fixture;
using rz::test::fingerprint;

// --help of every command: CliRegistry.HelpAndManPageForEveryCommandShowEverySetting.
TEST(CliImport, UsageErrors) {
  EXPECT_EQ(run_ruralzone("--help").exit_code, 0);
  EXPECT_EQ(run_ruralzone("").exit_code, 2);
  EXPECT_EQ(run_ruralzone("nosuchcommand").exit_code, 2);
  EXPECT_EQ(run_ruralzone("import x.shp").exit_code, 2);  // --kind and --store missing
  ScratchDir dir;
  write(dir / "v.geojson", villages_geojson());
  auto r = run_ruralzone("import v.geojson --kind hamlets --store p.sqlite", dir.path().string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("villages"), std::string::npos);  // lists the known kinds
}

TEST(CliImport, ImportsVillagesAndInfoReportsThem) {
  Fixture f;
  f.seed_store();
  auto r = run_ruralzone("info project.sqlite --json", f.dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto info = nlohmann::json::parse(r.out);
  EXPECT_EQ(info["srid"], 4546);
  ASSERT_EQ(info["layers"].size(), 1u);
  const auto& layer = info["layers"][0];
  EXPECT_EQ(layer["features"], 2);
  EXPECT_EQ(layer["source"]["field_mapping"]["name"], "村名");
  EXPECT_EQ(layer["source"]["source_sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(layer["per_township"][0]["township_code"], "431024100");
  EXPECT_EQ(layer["per_township"][0]["features"], 2);
  // Chinese names and the unknown field survive, byte-identical.
  auto q = run_shell("sqlite3 " + f.store + " \"SELECT name, attrs FROM villages ORDER BY fid\"");
  EXPECT_NE(q.out.find("晋屏村"), std::string::npos);
  EXPECT_NE(q.out.find("𠮷䶮"), std::string::npos);
  auto text = run_ruralzone("info project.sqlite", f.dir.path().string());
  EXPECT_NE(text.out.find("per township"), std::string::npos);
}

TEST(CliImport, CountsAndAreasMatchOgrinfo) {
  Fixture f;
  f.seed_store();
  auto ogr = run_shell("cd " + f.dir.path().string() +
                       " && ogrinfo -q -dialect SQLite -sql \"SELECT count(*) AS n, "
                       "sum(ST_Area(geometry)) AS a FROM villages\" villages.geojson");
  ASSERT_EQ(ogr.exit_code, 0) << ogr.err;
  EXPECT_NE(ogr.out.find("n (Integer) = 2"), std::string::npos) << ogr.out;
  EXPECT_NE(ogr.out.find("a (Real) = 2000000"), std::string::npos) << ogr.out;
  auto ours = run_shell("sqlite3 " + f.store +
                        " \"SELECT load_extension('mod_spatialite'); SELECT count(*) || ' ' || "
                        "sum(ST_Area(geom)) FROM villages\"");
  EXPECT_NE(ours.out.find("2 2000000.0"), std::string::npos) << ours.out << ours.err;
}

TEST(CliImport, MixedPolygonAndMultiPolygonImportAsMultiPolygon) {
  Fixture f;
  f.seed_store();  // the fixture mixes Polygon and MultiPolygon
  auto q = run_shell("sqlite3 " + f.store +
                     " \"SELECT load_extension('mod_spatialite'); SELECT DISTINCT "
                     "GeometryType(geom) FROM villages\"");
  EXPECT_EQ(q.out, "\nMULTIPOLYGON\n");
}

TEST(CliImport, PointInPolygonLayerIsAnErrorNamingTheFeature) {
  Fixture f;
  f.seed_store();
  write(f.dir / "mixed.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"网格编码":"43102410020101"},"geometry":{"type":"Polygon","coordinates":[[[112.4,25.6],[112.41,25.6],[112.41,25.61],[112.4,25.6]]]}},
{"type":"Feature","properties":{"网格编码":"43102410020102"},"geometry":{"type":"Point","coordinates":[112.4,25.6]}}]})");
  auto err = f.expect_data_error("mixed.geojson", "--kind grids");
  EXPECT_NE(err.find("feature 1"), std::string::npos) << err;
  EXPECT_NE(err.find("Point"), std::string::npos) << err;
}

TEST(CliImport, BadInputMissingFileUnreadableFormatEmptyLayer) {
  Fixture f;
  f.seed_store();
  EXPECT_NE(f.expect_data_error("nosuch.shp", "--kind villages").find("no such file"),
            std::string::npos);
  write(f.dir / "garbage.gpkg", std::string(4096, '\x07'));
  EXPECT_NE(f.expect_data_error("garbage.gpkg", "--kind villages").find("cannot open"),
            std::string::npos);
  write(f.dir / "empty.geojson", R"({"type":"FeatureCollection","features":[]})");
  EXPECT_NE(f.expect_data_error("empty.geojson", "--kind villages").find("empty"),
            std::string::npos);
}

TEST(CliImport, BadInputRequiredFieldMissingListsFoundAndMatchingNames) {
  Fixture f;
  f.seed_store();
  write(f.dir / "noname.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"编号":"1","面积":3},"geometry":{"type":"Polygon","coordinates":[[[112.4,25.6],[112.41,25.6],[112.41,25.61],[112.4,25.6]]]}}]})");
  auto err = f.expect_data_error("noname.geojson", "--kind villages");
  EXPECT_NE(err.find("编号, 面积"), std::string::npos) << err;
  EXPECT_NE(err.find("CUNMING"), std::string::npos) << err;
}

TEST(CliImport, BadInputDuplicateAndMalformedCodes) {
  Fixture f;
  f.seed_store();
  write(f.dir / "dup.geojson", villages_geojson("431024100201", "431024100201"));
  auto err = f.expect_data_error("dup.geojson", "--kind villages");
  EXPECT_NE(err.find("duplicate"), std::string::npos) << err;
  EXPECT_NE(err.find("431024100201"), std::string::npos) << err;
  write(f.dir / "bad.geojson", villages_geojson("4310241002", "431024100202"));
  err = f.expect_data_error("bad.geojson", "--kind villages");
  EXPECT_NE(err.find("malformed"), std::string::npos) << err;
  EXPECT_NE(err.find("4310241002"), std::string::npos) << err;
}

TEST(CliImport, BadInputNonFiniteAndProjectedLonLat) {
  Fixture f;
  f.seed_store();
  write(f.dir / "nan.csv",
        "户编号,村代码,人口,经度,纬度\nA1,431024100201,3,112.40,25.60\nA2,431024100201,2,nan,25."
        "61\n");
  auto err = f.expect_data_error("nan.csv", "--kind households");
  EXPECT_NE(err.find("finite"), std::string::npos) << err;
  EXPECT_NE(err.find("feature 2"), std::string::npos) << err;
  write(f.dir / "inf.csv", "户编号,人口,经度,纬度\nA1,3,112.40,25.60\nA2,2,112.41,inf\n");
  f.expect_data_error("inf.csv", "--kind households --crs EPSG:4490");
  // GeoJSON is lon/lat by definition: projected metres in it are caught by the extent check.
  write(f.dir / "projected.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"类型":"党群服务中心"},"geometry":{"type":"Point","coordinates":[540500,2830500]}}]})");
  err = f.expect_data_error("projected.geojson", "--kind facilities");
  EXPECT_NE(err.find("not longitude/latitude"), std::string::npos) << err;
}

TEST(CliImport, BadInputShapefileWithShortDbf) {
  Fixture f;
  f.seed_store();
  auto conv =
      run_shell("cd " + f.dir.path().string() +
                " && ogr2ogr -f 'ESRI Shapefile' short.shp villages.geojson -lco ENCODING=UTF-8");
  ASSERT_EQ(conv.exit_code, 0) << conv.err;
  // Drop the last record from the .dbf: header count 2 -> 1, file cut after the first record.
  std::string dbf = rz::test::read_file(f.dir / "short.dbf");
  uint16_t header = static_cast<uint16_t>(static_cast<unsigned char>(dbf[8]) |
                                          static_cast<unsigned char>(dbf[9]) << 8);
  uint16_t record = static_cast<uint16_t>(static_cast<unsigned char>(dbf[10]) |
                                          static_cast<unsigned char>(dbf[11]) << 8);
  dbf[4] = 1;
  dbf.resize(header + record);
  dbf += '\x1a';
  write(f.dir / "short.dbf", dbf);
  auto err = f.expect_data_error("short.shp", "--kind villages");
  EXPECT_NE(err.find(".dbf"), std::string::npos) << err;
}

TEST(CliImport, BadInputCorruptAndTruncatedGeoPackage) {
  Fixture f;
  f.seed_store();
  // A household layer big enough to span many pages.
  std::string csv = "户编号,村代码,人口,经度,纬度\n";
  for (int i = 0; i < 20000; ++i)
    csv += "H" + std::to_string(i) + ",431024100201,3," + std::to_string(112.40 + i * 1e-6) +
           ",25.60\n";
  write(f.dir / "h.csv", csv);
  auto conv = run_shell("cd " + f.dir.path().string() +
                        " && ogr2ogr -f GPKG h.gpkg h.csv -oo X_POSSIBLE_NAMES=经度 "
                        "-oo Y_POSSIBLE_NAMES=纬度 -a_srs EPSG:4490 -nln households");
  ASSERT_EQ(conv.exit_code, 0) << conv.err;
  std::string bytes = rz::test::read_file(f.dir / "h.gpkg");
  ASSERT_GT(bytes.size(), 400000u);
  // Corrupt the middle of the file (table b-tree pages); the header stays readable, so GDAL
  // opens it and fails only part-way through the read.
  std::string corrupt = bytes;
  for (size_t i = corrupt.size() / 2; i < corrupt.size() / 2 + 8192; ++i) corrupt[i] = '\xff';
  write(f.dir / "corrupt.gpkg", corrupt);
  f.expect_data_error("corrupt.gpkg", "--kind households");
  write(f.dir / "truncated.gpkg", bytes.substr(0, bytes.size() / 3));
  f.expect_data_error("truncated.gpkg", "--kind households");
  // The intact file imports.
  auto ok = run_ruralzone("import h.gpkg --kind households --store project.sqlite -q",
                          f.dir.path().string());
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST(CliImport, PointsOutsideEveryVillageAreWarnedAndKept) {
  Fixture f;
  f.seed_store();
  // One household inside village A (EPSG:4546 E=540500 N=2830500; EPSG axis order is N, E).
  auto p = run_shell("echo 2830500 540500 | cs2cs -f %.9f EPSG:4546 EPSG:4490");
  std::istringstream in(p.out);
  double lat = 0, lon = 0;
  in >> lat >> lon;
  ASSERT_GT(lon, 111.0) << p.out << p.err;
  write(f.dir / "h.csv", "户编号,人口,经度,纬度\nA1,3," + std::to_string(lon) + "," +
                             std::to_string(lat) + "\nA2,2,113.5,26.5\n");
  auto r =
      run_ruralzone("import h.csv --kind households --store project.sqlite", f.dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1 feature(s) lie outside every village"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("EPSG:4490"), std::string::npos) << r.err;  // no-CRS CSV warning
  auto q = run_shell("sqlite3 " + f.store +
                     " \"SELECT id, coalesce(village_code,'-') FROM households ORDER BY fid\"");
  EXPECT_EQ(q.out, "A1|431024100201\nA2|-\n");  // linked by location; the outsider kept
}

TEST(CliImport, InvalidPolygonsNeedRepair) {
  Fixture f;
  f.seed_store();
  write(f.dir / "bowtie.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"网格编码":"43102410020101","村代码":"431024100201"},"geometry":{"type":"Polygon","coordinates":[[[112.40,25.60],[112.41,25.61],[112.41,25.60],[112.40,25.61],[112.40,25.60]]]}}]})");
  auto err = f.expect_data_error("bowtie.geojson", "--kind grids");
  EXPECT_NE(err.find("Self-intersection"), std::string::npos) << err;
  EXPECT_NE(err.find("feature 0"), std::string::npos) << err;
  auto r = run_ruralzone("import bowtie.geojson --kind grids --store project.sqlite --repair",
                         f.dir.path().string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("repaired polygons: 1"), std::string::npos) << r.out;
}
