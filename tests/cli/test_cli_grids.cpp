// ruralzone grids on real files: the sample county's answers against the same computation in
// SpatiaLite SQL (ST_Within / ST_Difference / ST_Intersection per village) on the same store, the
// defects the sample's README says were planted, and the bad inputs of the grid issue.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "test_support.hpp"

namespace fs = std::filesystem;
using rz::test::file_sha256;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::sample_file;
using rz::test::ScratchDir;
using rz::test::source_dir;

namespace {

// "key|number" lines of a spatialite query, as a map.
std::map<std::string, double> query_map(const std::string& store, const std::string& sql) {
  auto q = run_shell("spatialite -silent " + store + " \"" + sql + "\"");
  EXPECT_EQ(q.exit_code, 0) << q.err;
  std::map<std::string, double> out;
  std::istringstream in(q.out);
  std::string line;
  while (std::getline(in, line)) {
    auto cut = line.find('|');
    if (cut == std::string::npos) continue;
    std::string value = line.substr(cut + 1);
    out[line.substr(0, cut)] = value.empty() ? 0.0 : std::stod(value);
  }
  return out;
}

double query_number(const std::string& store, const std::string& sql) {
  auto q = run_shell("spatialite -silent " + store + " \"" + sql + "\"");
  EXPECT_EQ(q.exit_code, 0) << q.err;
  return q.out.empty() || q.out == "\n" ? 0.0 : std::stod(q.out);
}

// The sample county's main job, once for all tests here.
const std::string& sample_store() {
  static ScratchDir dir;  // removed at exit
  static std::string store = [] {
    auto r =
        run_ruralzone("run " + sample_file("project.toml") + " --out out -q", dir.path().string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return dir / "out/project.sqlite";
  }();
  return store;
}

std::string index_of(const std::string& table, const std::string& frame) {
  return "ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name='" + table +
         "' AND search_frame=" + frame + ")";
}

}  // namespace

TEST(CliGrids, HouseholdsPerGridEqualSpatiaLite) {
  const std::string& store = sample_store();
  // No household of the sample lies exactly on a grid boundary, so the tie-break plays no part
  // and ST_Within counts are the reference.
  EXPECT_EQ(query_number(store, "SELECT sum(on_grid_boundary) FROM grid_villages"), 0);
  auto ours = query_map(store, "SELECT code, households FROM grid_load");
  auto sql = query_map(store, "SELECT g.code, (SELECT count(*) FROM households h WHERE h." +
                                  index_of("households", "g.geom") +
                                  " AND ST_Within(h.geom, g.geom)) FROM grids g");
  ASSERT_EQ(ours.size(), 984u);
  EXPECT_EQ(ours, sql);

  auto within_count = [&](const std::string& condition) {
    return query_number(store,
                        "SELECT count(*) FROM households h WHERE (SELECT count(*) FROM grids "
                        "g WHERE g." +
                            index_of("grids", "h.geom") + " AND ST_Within(h.geom, g.geom)) " +
                            condition);
  };
  EXPECT_EQ(query_number(store, "SELECT count(*) FROM grid_households_none"), within_count("= 0"));
  EXPECT_EQ(query_number(store, "SELECT count(*) FROM grid_households_several"),
            within_count(">= 2"));
  // Per village, against the households' village codes.
  auto village_none = query_map(store, "SELECT code, in_no_grid FROM grid_villages");
  auto sql_none = query_map(
      store,
      "SELECT v.code, (SELECT count(*) FROM households h WHERE h.village_code = v.code AND "
      "NOT EXISTS (SELECT 1 FROM grids g WHERE g." +
          index_of("grids", "h.geom") + " AND ST_Within(h.geom, g.geom))) FROM villages v");
  EXPECT_EQ(village_none, sql_none);
}

TEST(CliGrids, GapsOutsideAndOverlapsEqualSpatiaLite) {
  const std::string& store = sample_store();
  // Gaps: village minus the union of its own grids (a village with no grid: all of it).
  auto ours = query_map(store, "SELECT code, gap_m2 FROM grid_villages");
  // (SpatiaLite gives NULL for an empty difference.)
  auto sql = query_map(store,
                       "SELECT v.code, CASE WHEN NOT EXISTS (SELECT 1 FROM grids g WHERE "
                       "g.village_code = v.code) THEN ST_Area(v.geom) ELSE coalesce((SELECT "
                       "ST_Area(ST_Difference(v.geom, ST_Union(g.geom))) FROM grids g WHERE "
                       "g.village_code = v.code), 0) END FROM villages v");
  ASSERT_EQ(ours.size(), 201u);
  ASSERT_EQ(sql.size(), 201u);
  int with_gaps = 0;
  for (const auto& [code, area] : sql) {
    // Ours drops pieces under 1 m²: what SpatiaLite finds there is rounding dust.
    EXPECT_NEAR(ours.at(code), area, 1.0 + area * 1e-9) << code;
    with_gaps += ours.at(code) > 0;
  }
  EXPECT_EQ(with_gaps, 8);  // 2 villages without grids + 6 with a grid dropped (sample README)

  // Grid area outside its own village.
  auto outside = query_map(store, "SELECT grid_code, sum(area_m2) FROM grid_outside GROUP BY 1");
  auto sql_outside =
      query_map(store,
                "SELECT code, a FROM (SELECT g.code, ST_Area(ST_Difference(g.geom, v.geom)) "
                "a FROM grids g JOIN villages v ON v.code = g.village_code) WHERE a >= 1");
  ASSERT_EQ(outside.size(), 6u);  // the 6 buffered grids of the README
  ASSERT_EQ(sql_outside.size(), outside.size());
  for (const auto& [code, area] : sql_outside) EXPECT_NEAR(outside.at(code), area, 1e-3) << code;

  // Overlaps: every pair of grids whose intersection has area.
  const double ours_overlap = query_number(store, "SELECT sum(area_m2) FROM grid_overlaps");
  const double sql_overlap = query_number(
      store,
      "SELECT sum(a) FROM (SELECT ST_Area(ST_Intersection(g1.geom, g2.geom)) a FROM grids "
      "g1, grids g2 WHERE g2." +
          index_of("grids", "g1.geom") + " AND g1.fid < g2.fid) WHERE a >= 1");
  EXPECT_GT(ours_overlap, 1000);
  EXPECT_NEAR(ours_overlap, sql_overlap, 1.0);
}

TEST(CliGrids, SummariesAddUp) {
  const std::string& store = sample_store();
  auto county = query_map(store,
                          "SELECT 'h', households FROM grid_county UNION ALL SELECT 'one', "
                          "in_one_grid FROM grid_county UNION ALL SELECT 'rate', "
                          "zero_omission_rate FROM grid_county");
  EXPECT_EQ(county.at("h"), 40001);
  EXPECT_NEAR(county.at("rate"), county.at("one") / 40001.0, 1e-12);
  EXPECT_EQ(query_number(store, "SELECT sum(households) FROM grid_townships"), 40001);
  EXPECT_EQ(query_number(store, "SELECT count(*) FROM grid_townships WHERE geom IS NULL"), 0);
  // The project file's per-township band applies to 珠泉镇's grids only.
  EXPECT_EQ(query_number(store,
                         "SELECT count(DISTINCT load_min) FROM grid_load WHERE "
                         "township_code = '431024100'"),
            1);
  EXPECT_EQ(query_number(store,
                         "SELECT min(load_min) FROM grid_load WHERE township_code = "
                         "'431024100'"),
            30);
  EXPECT_EQ(query_number(store,
                         "SELECT max(load_min) FROM grid_load WHERE township_code <> "
                         "'431024100'"),
            20);
}

// Bad inputs: a clear message, exit 1, the store unchanged.
TEST(CliGrids, BadInputs) {
  ScratchDir dir;
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
  };
  write("v.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"村代码":"431024100201","村名":"甲村"},"geometry":{"type":"Polygon","coordinates":[[[112.40,25.60],[112.41,25.60],[112.41,25.61],[112.40,25.61],[112.40,25.60]]]}}]})");
  write("g.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"网格编码":"X1"},"geometry":{"type":"Polygon","coordinates":[[[113.40,25.60],[113.41,25.60],[113.41,25.61],[113.40,25.61],[113.40,25.60]]]}}]})");
  write("h.csv", "户编号,经度,纬度\nH1,112.405,25.605\n");
  auto import = [&](const std::string& args) {
    auto r = run_ruralzone("import " + args + " --store p.sqlite -q --crs EPSG:4490",
                           dir.path().string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  };
  import("v.geojson --kind villages");
  // No grids, no households yet.
  auto r = run_ruralzone("grids p.sqlite", dir.path().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no grids layer"), std::string::npos) << r.err;
  import("h.csv --kind households");
  // A grid with no village code, outside every village: refused at import (issue 16).
  std::string before = file_sha256(dir / "p.sqlite");
  r = run_ruralzone("import g.geojson --kind grids --store p.sqlite -q --crs EPSG:4490",
                    dir.path().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("feature 0 (X1)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("outside every village"), std::string::npos) << r.err;
  EXPECT_EQ(file_sha256(dir / "p.sqlite"), before);
  write("g2.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"网格编码":"X2"},"geometry":{"type":"Polygon","coordinates":[[[112.40,25.60],[112.41,25.60],[112.41,25.61],[112.40,25.61],[112.40,25.60]]]}}]})");
  import("g2.geojson --kind grids");
  // A household layer in another CRS than the project's (only a foreign tool could write one).
  run_shell("sqlite3 " + (dir / "p.sqlite") +
            " \"UPDATE rz_layers SET srid=4490 WHERE name='households'\"");
  run_shell("sqlite3 " + (dir / "p.sqlite") + " \"DELETE FROM grids\"");
  before = file_sha256(dir / "p.sqlite");
  r = run_ruralzone("grids p.sqlite", dir.path().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("EPSG:4490"), std::string::npos) << r.err;
  EXPECT_EQ(file_sha256(dir / "p.sqlite"), before);
  // An empty household layer (only a foreign tool could leave one: import refuses empty layers).
  run_shell("sqlite3 " + (dir / "p.sqlite") +
            " \"UPDATE rz_layers SET srid=(SELECT srid FROM rz_layers WHERE name='villages') WHERE "
            "name='households'; DELETE FROM households; UPDATE rz_layers SET feature_count=0 WHERE "
            "name='households'\"");
  before = file_sha256(dir / "p.sqlite");
  r = run_ruralzone("grids p.sqlite", dir.path().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("households layer «households» is empty"), std::string::npos) << r.err;
  EXPECT_EQ(file_sha256(dir / "p.sqlite"), before);
  // Bad usage: an inverted band.
  r = run_ruralzone("grids p.sqlite --households-min 300 --households-max 100",
                    dir.path().string());
  EXPECT_EQ(r.exit_code, 2);
}
