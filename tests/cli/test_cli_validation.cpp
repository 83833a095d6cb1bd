// Issue 16's classes of bad input, each as the real binary meets it: an error naming the file,
// the feature and the cause, exit 1, store and input unchanged; or, where a warning is the rule,
// the warning naming what it found. --skip-invalid leaves the rejected features out instead.
#include <gtest/gtest.h>

#include <string>

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

// A households table around the villages of villages_geojson() (111.40 E, 25.58 N).
std::string households_csv(const std::string& rows) {
  return "户编号,村代码,人口,经度,纬度\n" + rows;
}

// One polygon feature in EPSG:4546 (or the CRS given) with the given ring coordinates.
std::string polygon_geojson(
    const std::string& ring, const std::string& crs = "EPSG::4546",
    const std::string& properties = R"("村代码":"431024100203","村名":"新村")") {
  return R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:)" +
         crs + R"("}},"features":[{"type":"Feature","properties":{)" + properties +
         R"(},"geometry":{"type":"Polygon","coordinates":[)" + ring + "]}}]}";
}

std::string import_ok(Fixture& f, const std::string& args) {
  auto r = run_ruralzone("import " + args + " --store project.sqlite", f.dir.path().string());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  return r.out + r.err;
}

std::string sql(Fixture& f, const std::string& query) {
  return run_shell("sqlite3 " + f.store + " \"" + query + "\"").out;
}

}  // namespace

// 4. Geometry and CRS plausibility.
TEST(CliValidation, ZeroAreaPolygonIsNamed) {
  Fixture f;
  f.seed_store();
  write(f.dir / "flat.geojson",
        polygon_geojson("[[540000,2830000],[540500,2830500],[541000,2831000],[540000,2830000]]"));
  auto err = f.expect_data_error("flat.geojson", "--kind villages");
  EXPECT_TRUE(has(err, "feature 0 (431024100203, 新村)")) << err;
  EXPECT_TRUE(has(err, "zero area")) << err;
}

TEST(CliValidation, DegreesLabelledAsMetresAreCaught) {
  Fixture f;
  write(f.dir / "deg.geojson",
        polygon_geojson("[[111.40,25.58],[111.41,25.58],[111.41,25.59],[111.40,25.58]]"));
  auto err = f.expect_data_error("deg.geojson", "--kind villages");
  EXPECT_TRUE(has(err, "outside China")) << err;
  EXPECT_TRUE(has(err, "degrees")) << err;
  EXPECT_TRUE(has(err, "--crs")) << err;
}

TEST(CliValidation, MetresLabelledAsDegreesAreCaught) {
  Fixture f;
  write(f.dir / "m.geojson", polygon_geojson("[[540000,2830000],[541000,2830000],[541000,2831000],"
                                             "[540000,2830000]]",
                                             "EPSG::4490"));
  auto err = f.expect_data_error("m.geojson", "--kind villages");
  EXPECT_TRUE(has(err, "not longitude/latitude")) << err;
}

TEST(CliValidation, SwappedAndNullIslandPointsAreNamedOrSkipped) {
  Fixture f;
  f.seed_store();
  write(f.dir / "h.csv", households_csv("H1,431024100201,3,111.403,25.581\n"
                                        "H2,431024100201,3,25.581,111.403\n"
                                        "H3,431024100201,3,0,0\n"
                                        "H4,431024100201,3,111.404,25.582\n"
                                        "H5,431024100201,3,111.405,25.583\n"));
  auto err = f.expect_data_error("h.csv", "--kind households");
  EXPECT_TRUE(has(err, "feature 2 (H2; line 3)")) << err;
  EXPECT_TRUE(has(err, "swapped")) << err;
  EXPECT_TRUE(has(err, "feature 3 (H3; line 4)")) << err;
  EXPECT_TRUE(has(err, "missing location")) << err;

  auto out = import_ok(f, "h.csv --kind households --skip-invalid");
  EXPECT_TRUE(has(out, "2 feature(s) left out")) << out;
  EXPECT_EQ(sql(f, "SELECT group_concat(id) FROM households"), "H1,H4,H5\n");
  EXPECT_EQ(sql(f,
                "SELECT count(*) FROM rz_problems WHERE severity='skipped' AND "
                "layer='households'"),
            "2\n");
}

TEST(CliValidation, SwappedLonLatColumnsOfAWholeTableAreNamed) {
  Fixture f;
  write(f.dir / "h.csv", households_csv("H1,431024100201,3,25.581,111.403\n"
                                        "H2,431024100201,3,25.582,111.404\n"));
  auto err = f.expect_data_error("h.csv", "--kind households");
  EXPECT_TRUE(has(err, "swapped")) << err;
  EXPECT_TRUE(has(err, "--x-field 纬度 --y-field 经度")) << err;
  // ... and naming the columns imports it.
  import_ok(f, "h.csv --kind households --x-field 纬度 --y-field 经度");
  EXPECT_EQ(sql(f, "SELECT count(*) FROM households"), "2\n");
}

// 5. Codes.
TEST(CliValidation, ExcelCodesAreRestoredOrRefused) {
  Fixture f;
  f.seed_store();
  write(f.dir / "exact.csv", households_csv("H1,4.31024100201E+11,3,111.403,25.581\n"));
  auto out = import_ok(f, "exact.csv --kind households");
  EXPECT_TRUE(has(out, "restored")) << out;
  EXPECT_EQ(sql(f, "SELECT village_code FROM households"), "431024100201\n");

  write(f.dir / "lossy.csv", households_csv("H1,431024100201,3,111.403,25.581\n"
                                            "H2,4.31024E+11,3,111.403,25.581\n"));
  auto err = f.expect_data_error("lossy.csv", "--kind households --layer h2");
  EXPECT_TRUE(has(err, "feature 2 (H2; line 3)")) << err;
  EXPECT_TRUE(has(err, "«4.31024E+11»")) << err;
  EXPECT_TRUE(has(err, "scientific notation")) << err;
}

TEST(CliValidation, ALayerWhoseCodesAreAllEmptyIsRefused) {
  Fixture f;
  write(f.dir / "v.geojson", rz::test::villages_geojson("", ""));
  auto err = f.expect_data_error("v.geojson", "--kind villages");
  EXPECT_TRUE(has(err, "«村代码» (code) is empty in every feature")) << err;
}

// 6. Attributes.
TEST(CliValidation, ImplausibleAttributesNameFieldValueAndFeature) {
  Fixture f;
  write(f.dir / "v.geojson",
        polygon_geojson("[[540000,2830000],[541000,2830000],[541000,2831000],[540000,2830000]]",
                        "EPSG::4546", R"("村代码":"431024100203","村名":"新村","人口":-5)"));
  auto err = f.expect_data_error("v.geojson", "--kind villages");
  EXPECT_TRUE(has(err, "feature 0 (431024100203, 新村): field «人口» (population) is -5")) << err;
  EXPECT_TRUE(has(err, "negative")) << err;

  write(f.dir / "w.geojson",
        polygon_geojson("[[540000,2830000],[541000,2830000],[541000,2831000],[540000,2830000]]",
                        "EPSG::4546",
                        R"("村代码":"431024100203","村名":"新村","人口":"一千二","户数":10)"));
  err = f.expect_data_error("w.geojson", "--kind villages");
  EXPECT_TRUE(has(err, "«一千二», a number in words")) << err;

  write(f.dir / "x.geojson",
        polygon_geojson("[[540000,2830000],[541000,2830000],[541000,2831000],[540000,2830000]]",
                        "EPSG::4546",
                        R"("村代码":"431024100203","村名":"新村","人口":10,"户数":40)"));
  err = f.expect_data_error("x.geojson", "--kind villages");
  EXPECT_TRUE(has(err, "more households than people")) << err;
}

// 7. Grids and roads.
TEST(CliValidation, GridsOfNoVillageAreCaughtAtImport) {
  Fixture f;
  f.seed_store();
  write(f.dir / "g.geojson",
        polygon_geojson("[[540100,2830100],[540900,2830100],[540900,2830900],[540100,2830100]]",
                        "EPSG::4546", R"("网格编码":"G1","村代码":"431024100299")"));
  auto err = f.expect_data_error("g.geojson", "--kind grids");
  EXPECT_TRUE(has(err, "feature 0 (G1)")) << err;
  EXPECT_TRUE(has(err, "431024100299 is not a village of the store")) << err;

  write(f.dir / "h.geojson",
        polygon_geojson("[[550100,2830100],[550900,2830100],[550900,2830900],[550100,2830100]]",
                        "EPSG::4546", R"("网格编码":"G2")"));
  err = f.expect_data_error("h.geojson", "--kind grids");
  EXPECT_TRUE(has(err, "outside every village")) << err;
}

TEST(CliValidation, DegenerateRoadsAreNamedAndUnknownClassesListed) {
  Fixture f;
  f.seed_store();
  auto roads = [](const std::string& second_line, const std::string& road_class) {
    return R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4546"}},"features":[
{"type":"Feature","properties":{"道路名称":"甲路","道路等级":")" +
           road_class +
           R"("},"geometry":{"type":"LineString","coordinates":[[540000,2830500],[542000,2830500]]}},
{"type":"Feature","properties":{"道路名称":"乙路","道路等级":"村道"},"geometry":{"type":"LineString","coordinates":[)" +
           second_line + "]}}]}";
  };
  write(f.dir / "one.geojson", roads("[540000,2830500]", "县道"));
  auto err = f.expect_data_error("one.geojson", "--kind roads");
  EXPECT_TRUE(has(err, "feature 1 (乙路): the line has a single vertex")) << err;
  EXPECT_FALSE(has(err, "GEOS")) << err;
  write(f.dir / "zero.geojson", roads("[540000,2830500],[540000,2830500]", "县道"));
  err = f.expect_data_error("zero.geojson", "--kind roads");
  EXPECT_TRUE(has(err, "zero length")) << err;
  write(f.dir / "ok.geojson", roads("[540000,2830600],[541000,2830600]", "快速干线"));
  auto out = import_ok(f, "ok.geojson --kind roads");
  EXPECT_TRUE(has(out, "«快速干线» (1)")) << out;
}

// 8. Text.
TEST(CliValidation, ReplacementCharactersAreWarnedAbout) {
  Fixture f;
  f.seed_store();
  write(f.dir / "m.csv",
        "户编号,户主,村代码,人口,经度,纬度\nH1,\xEF\xBF\xBD\xEF\xBF\xBD,431024100201,3,"
        "111.403,25.581\nH2,锟斤拷,431024100201,3,111.404,25.582\n");
  auto out = import_ok(f, "m.csv --kind households");
  EXPECT_TRUE(has(out, "2 value(s) hold replacement characters")) << out;
  EXPECT_TRUE(has(out, "feature 1 field «户主»")) << out;
}

TEST(CliValidation, Utf8ShapefileFieldNamesCutAtTenBytesAreRead) {
  Fixture f;
  f.seed_store();
  write(f.dir / "h.csv", "户编号,户籍人口数,经度,纬度\nH1,3,111.403,25.581\n");
  auto made = run_shell("cd " + f.dir.path().string() +
                        " && ogr2ogr -f 'ESRI Shapefile' -lco ENCODING=UTF-8 h.shp h.csv -oo "
                        "X_POSSIBLE_NAMES=经度 -oo Y_POSSIBLE_NAMES=纬度 -a_srs EPSG:4490 2>&1");
  ASSERT_EQ(made.exit_code, 0) << made.out;
  std::filesystem::remove(f.dir / "h.cpg");  // the name alone must not make it GBK
  auto out = import_ok(f, "h.shp --kind households");
  EXPECT_FALSE(has(out, "--encoding")) << out;
  EXPECT_EQ(sql(f, "SELECT json_extract(attrs, '$.户籍人') FROM households"), "3\n");
}

// 9. Messages.
TEST(CliValidation, MessagesSayTheCauseInWords) {
  Fixture f;
  f.seed_store();
  write(f.dir / "open.geojson",
        polygon_geojson("[[540000,2830000],[541000,2830000],[541000,2831000],[540000,2831000]]"));
  auto err = f.expect_data_error("open.geojson", "--kind villages --layer v2");
  EXPECT_TRUE(has(err, "not closed")) << err;
  EXPECT_FALSE(has(err, "IllegalArgumentException")) << err;

  write(f.dir / "empty.geojson", R"({"type":"FeatureCollection","features":[]})");
  err = f.expect_data_error("empty.geojson", "--kind villages --layer v3");
  EXPECT_TRUE(has(err, "empty")) << err;

  write(
      f.dir / "nogeom.geojson",
      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"村名":"a"},"geometry":null}]})");
  err = f.expect_data_error("nogeom.geojson", "--kind villages --layer v4 --crs EPSG:4546");
  EXPECT_TRUE(has(err, "no geometry")) << err;

  write(f.dir / "long.geojson",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"人口":)" +
            std::string(20000, '1') +
            R"(},"geometry":{"type":"Point","coordinates":[111.40,25.58]}}]})");
  err = f.expect_data_error("long.geojson", "--kind households");
  EXPECT_TRUE(has(err, "not valid GeoJSON")) << err;
  EXPECT_TRUE(has(err, "line 1, character")) << err;

  write(f.dir / "r.csv", households_csv("H1,431024100201,3,111.403,25.581\n"
                                        "H2,431024100201,3,甲,乙,111.404,25.582\n"));
  err = f.expect_data_error("r.csv", "--kind households");
  EXPECT_TRUE(has(err, "line 3 has 7 field(s), the header 5")) << err;
}

TEST(CliValidation, AnUnreadablePrjIsNotCalledMissing) {
  Fixture f;
  auto made = run_shell("cd " + f.dir.path().string() + " && ogr2ogr -f 'ESRI Shapefile' v.shp " +
                        rz::test::sample_file("villages.shp") + " 2>&1");
  ASSERT_EQ(made.exit_code, 0) << made.out;
  write(f.dir / "v.prj", "this is not a CRS");
  auto err = f.expect_data_error("v.shp", "--kind villages");
  EXPECT_TRUE(has(err, ".prj (v.prj) is there but")) << err;
  EXPECT_TRUE(has(err, "this is not a CRS")) << err;
}

// 10. Rows without coordinates.
TEST(CliValidation, RowsWithoutCoordinatesAreNamedOrSkipped) {
  Fixture f;
  f.seed_store();
  write(f.dir / "h.csv", households_csv("H1,431024100201,3,111.403,25.581\n"
                                        "H2,431024100201,3,,\n"
                                        "H3,431024100201,3,111.404,25.582\n"
                                        "H4,431024100201,3,111.405,\n"));
  auto err = f.expect_data_error("h.csv", "--kind households");
  EXPECT_TRUE(has(err, "row without coordinates (2)")) << err;
  EXPECT_TRUE(has(err, "feature 2 (H2; line 3)")) << err;
  EXPECT_TRUE(has(err, "feature 4 (H4; line 5)")) << err;
  auto out = import_ok(f, "h.csv --kind households --skip-invalid");
  EXPECT_TRUE(has(out, "2 feature(s) left out")) << out;
  EXPECT_EQ(sql(f, "SELECT group_concat(id) FROM households"), "H1,H3\n");
  auto info = run_ruralzone("info --store project.sqlite", f.dir.path().string());
  EXPECT_TRUE(has(info.out, "skipped feature 2")) << info.out;
}

TEST(CliValidation, CoordinateColumnsCanBeNamed) {
  Fixture f;
  f.seed_store();
  write(f.dir / "h.csv", "户编号,东经度数,北纬度数\nH1,111.403,25.581\n");
  auto err = f.expect_data_error("h.csv", "--kind households");
  EXPECT_TRUE(has(err, "no longitude/latitude columns")) << err;
  import_ok(f, "h.csv --kind households --x-field 东经度数 --y-field 北纬度数");
  EXPECT_EQ(sql(f, "SELECT count(*) FROM households"), "1\n");
  auto bad = run_ruralzone(
      "import h.csv --kind households --store project.sqlite -l h2 "
      "--x-field 东经 --y-field 北纬度数",
      f.dir.path().string());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(has(bad.err, "--x-field names the column «东经»")) << bad.err;
}
