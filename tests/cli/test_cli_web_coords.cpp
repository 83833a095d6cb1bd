// --coords gcj02|bd09 on data with points outside China: the offset applies only inside China, so
// those points are stored as given, counted in one warning that names the first; the points in
// China are converted. Whether a point abroad may be stored at all is the China-extent rule's
// call, the same as for a WGS84 import (README, Import rules).
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
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

// Lon/lat of a stored point (the store is in EPSG:4546) by its id, through SpatiaLite's PROJ.
std::pair<double, double> stored_lonlat(Fixture& f, const std::string& table,
                                        const std::string& where) {
  auto q = run_shell("sqlite3 " + f.store +
                     " \"SELECT load_extension('mod_spatialite'); SELECT printf('%.9f %.9f', "
                     "X(ST_Transform(geom, 4490)), Y(ST_Transform(geom, 4490))) FROM " +
                     table + " WHERE " + where + "\"");
  EXPECT_EQ(q.exit_code, 0) << q.err;
  std::istringstream in(q.out);
  double lon = NAN, lat = NAN;
  in >> lon >> lat;
  return {lon, lat};
}

// Households around the villages of villages_geojson() (111.40 E, 25.58 N), one in Tokyo.
const char* const kHouseholds =
    "户编号,村代码,人口,经度,纬度\n"
    "H1,431024100201,3,111.4030,25.5810\n"
    "H2,431024100201,4,111.4040,25.5820\n"
    "TOKYO,,2,139.7671,35.6812\n"
    "H3,431024100202,5,111.4140,25.5830\n";

}  // namespace

TEST(CliWebCoords, PointsOutsideChinaAreLeftUnconvertedWithOneWarning) {
  for (const char* coords : {"gcj02", "bd09"}) {
    SCOPED_TRACE(coords);
    Fixture f;
    f.seed_store();
    write(f.dir / "h.csv", kHouseholds);
    auto r = run_ruralzone(std::string("import h.csv --kind households --store project.sqlite "
                                       "--coords ") +
                               coords,
                           f.dir.path().string());
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.err, std::string("1 feature(s) lie outside China, where web maps give WGS84 "
                                       "and no ") +
                               coords +
                               " offset applies: left unconverted (the first: feature 3 "
                               "(TOKYO; line 4))"))
        << r.err;
    EXPECT_EQ(run_shell("sqlite3 " + f.store + " \"SELECT count(*) FROM households\"").out, "4\n");
    // Tokyo as given; the points in China moved by the offset (hundreds of metres).
    auto [tokyo_lon, tokyo_lat] = stored_lonlat(f, "households", "id = 'TOKYO'");
    EXPECT_NEAR(tokyo_lon, 139.7671, 1e-7);
    EXPECT_NEAR(tokyo_lat, 35.6812, 1e-7);
    auto [h1_lon, h1_lat] = stored_lonlat(f, "households", "id = 'H1'");
    EXPECT_GT(std::hypot(h1_lon - 111.4030, h1_lat - 25.5810), 0.002) << h1_lon << " " << h1_lat;
    // The warning is kept with the layer's problems.
    EXPECT_EQ(run_shell("sqlite3 " + f.store +
                        " \"SELECT count(*) FROM rz_problems WHERE layer = 'households' AND "
                        "message LIKE '%left unconverted%'\"")
                  .out,
              "1\n");
  }
}

// A GeoJSON of facilities: the first point abroad is named by its name; two are counted.
TEST(CliWebCoords, GeoJsonPointsAbroadAreCountedAndTheFirstNamed) {
  Fixture f;
  f.seed_store();
  write(f.dir / "f.geojson",
        R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"名称":"晋屏村党群服务中心","类型":"党群服务中心"},"geometry":{"type":"Point","coordinates":[111.4035,25.5815]}},
{"type":"Feature","properties":{"名称":"东京站","类型":"其他"},"geometry":{"type":"Point","coordinates":[139.7671,35.6812]}},
{"type":"Feature","properties":{"名称":"丙穴村综合服务站","类型":"村级综合服务站"},"geometry":{"type":"Point","coordinates":[111.4135,25.5825]}},
{"type":"Feature","properties":{"名称":"大阪站","类型":"其他"},"geometry":{"type":"Point","coordinates":[135.4959,34.7025]}}]})");
  auto r = run_ruralzone("import f.geojson --kind facilities --store project.sqlite --coords gcj02",
                         f.dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  // Osaka (135.50 E) is inside the rectangle of the published algorithm, so it is converted as
  // every implementation converts it; Tokyo (139.77 E) is not.
  EXPECT_TRUE(has(r.err, "1 feature(s) lie outside China")) << r.err;
  EXPECT_TRUE(has(r.err, "(the first: feature 1 (东京站))")) << r.err;
  EXPECT_EQ(run_shell("sqlite3 " + f.store + " \"SELECT count(*) FROM facilities\"").out, "4\n");
}

// A point far from China is still judged by the China-extent rule, as in a WGS84 import: the
// error names it as outside China (not a failed conversion); --skip-invalid leaves it out, and
// it is then not counted among the unconverted points that were stored.
TEST(CliWebCoords, PointsFarAbroadAreStillJudgedByTheChinaExtentRule) {
  Fixture f;
  f.seed_store();
  write(f.dir / "h.csv", std::string(kHouseholds) + "PARIS,,1,2.3522,48.8566\n");
  auto err = f.expect_data_error("h.csv", "--kind households --coords gcj02");
  EXPECT_TRUE(has(err, "feature 5 (PARIS; line 6)")) << err;
  EXPECT_TRUE(has(err, "outside China")) << err;
  EXPECT_FALSE(has(err, "TOKYO")) << err;
  auto wgs84 = f.expect_data_error("h.csv", "--kind households");
  EXPECT_TRUE(has(wgs84, "feature 5 (PARIS; line 6)")) << wgs84;

  auto r = run_ruralzone(
      "import h.csv --kind households --store project.sqlite --coords gcj02 "
      "--skip-invalid",
      f.dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "1 feature(s) left out")) << r.err;
  EXPECT_TRUE(has(r.err, "1 feature(s) lie outside China")) << r.err;
  EXPECT_TRUE(has(r.err, "(TOKYO; line 4)")) << r.err;
  EXPECT_EQ(run_shell("sqlite3 " + f.store + " \"SELECT group_concat(id) FROM households\"").out,
            "H1,H2,TOKYO,H3\n");
}
