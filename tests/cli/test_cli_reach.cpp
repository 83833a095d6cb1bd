// ruralzone reach on the sample county against SpatiaLite SQL (ST_Distance) on the same store,
// and its bad inputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::ScratchDir;
using rz::test::source_dir;

namespace {
std::string spatialite(const std::string& store, const std::string& sql) {
  auto q = run_shell("spatialite -silent " + store + " \"" + sql + "\"");
  EXPECT_EQ(q.exit_code, 0) << q.err;
  return q.out;
}

// The village and township summaries two reach runs on one store must agree on.
const std::string villages =
    "SELECT category, code, households, within, seat_distance_m, seat_facility FROM "
    "reach_villages ORDER BY category, code";
const std::string townships =
    "SELECT category, code, households, within FROM reach_townships ORDER BY category, code";

// The sample county's main job run in `dir` into out/: its store, or "" when the run failed.
std::string run_sample_county(const ScratchDir& dir) {
  auto r = run_ruralzone("run " + source_dir() + "/data/sample-county/project.toml --out out -q",
                         dir.path().string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? dir / "out/project.sqlite" : std::string();
}
}  // namespace

TEST(CliReach, SampleCountyEqualsSpatiaLite) {
  ScratchDir dir;
  const std::string store = run_sample_county(dir);
  ASSERT_FALSE(store.empty());
  for (const char* category : {"party_service_center", "village_service_station"}) {
    SCOPED_TRACE(category);
    const std::string c = category;
    auto ours = spatialite(
        store, "SELECT count(*) FROM reach_households_beyond WHERE category = '" + c + "'");
    auto sql = spatialite(store,
                          "SELECT count(*) FROM households h WHERE NOT EXISTS (SELECT 1 "
                          "FROM facilities f WHERE f.category = '" +
                              c + "' AND ST_Distance(h.geom, f.geom) <= 2000)");
    EXPECT_EQ(ours, sql);
    EXPECT_GT(std::stol(ours), 0);
    // The distances of those beyond reach equal SpatiaLite's minimum distance.
    auto worst =
        spatialite(store,
                   "SELECT max(abs(b.distance_m - (SELECT min(ST_Distance(h.geom, f.geom)) FROM "
                   "facilities f WHERE f.category = b.category))) FROM reach_households_beyond b "
                   "JOIN households h ON h.fid = b.household_fid WHERE b.category = '" +
                       c + "'");
    EXPECT_LT(std::stod(worst), 1e-6) << worst;
    // Per village, households in reach.
    auto per_village_ours =
        spatialite(store, "SELECT code, within FROM reach_villages WHERE category = '" + c +
                              "' ORDER BY code");
    auto per_village_sql = spatialite(
        store,
        "SELECT v.code, (SELECT count(*) FROM households h WHERE h.village_code = v.code "
        "AND EXISTS (SELECT 1 FROM facilities f WHERE f.category = '" +
            c + "' AND ST_Distance(h.geom, f.geom) <= 2000)) FROM villages v ORDER BY v.code");
    EXPECT_EQ(per_village_ours, per_village_sql);
  }
  // The service areas: one dissolved polygon per target.
  EXPECT_EQ(spatialite(store, "SELECT count(*) FROM reach_service_areas"), "2\n");
  // On roads: every household counted once per category, shares growing with the threshold,
  // and a road trip never shorter than the straight line at the fastest speed (60 km/h) would
  // allow, minus the walk: households within 5 min are within 5 km in a straight line.
  EXPECT_EQ(spatialite(store, "SELECT group_concat(households) FROM road_reach_county"),
            "40001,40001\n");
  EXPECT_EQ(spatialite(store,
                       "SELECT count(*) FROM road_reach_county WHERE within_5min > "
                       "within_10min OR within_10min > within_15min OR within_15min > "
                       "within_30min"),
            "0\n");
  EXPECT_EQ(spatialite(store,
                       "SELECT count(*) FROM road_reach_households WHERE minutes IS NULL "
                       "AND unreached_reason IS NULL"),
            "0\n");
}

TEST(CliReach, WithoutTheHouseholdsLayerTheSummariesAreTheSame) {
  ScratchDir dir;
  const std::string store = run_sample_county(dir);
  ASSERT_FALSE(store.empty());
  const auto villages_before = spatialite(store, villages);
  const auto townships_before = spatialite(store, townships);
  auto without = run_ruralzone(
      "reach out/project.sqlite --no-roads --no-households -t party_service_center=2000 "
      "-t village_service_station=2000",
      dir.path().string());
  ASSERT_EQ(without.exit_code, 0) << without.err;
  EXPECT_EQ(without.out.find("reach_households_beyond"), std::string::npos) << without.out;
  EXPECT_EQ(spatialite(store,
                       "SELECT count(*) FROM rz_layers WHERE name = "
                       "'reach_households_beyond'"),
            "0\n");
  EXPECT_EQ(spatialite(store, villages), villages_before);
  EXPECT_EQ(spatialite(store, townships), townships_before);
  EXPECT_EQ(spatialite(store, "SELECT count(*) FROM reach_service_areas"), "2\n");
  // The same from the project file; a value that is not a boolean is bad usage.
  std::ofstream(dir / "p.toml") << "[reach]\nhouseholds_layer = false\n";
  auto from_file =
      run_ruralzone("reach out/project.sqlite --no-roads -p p.toml -q", dir.path().string());
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_EQ(spatialite(store, villages), villages_before);
  std::ofstream(dir / "bad.toml") << "[reach]\nhouseholds_layer = \"no\"\n";
  auto bad =
      run_ruralzone("reach out/project.sqlite --no-roads -p bad.toml -q", dir.path().string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("households_layer"), std::string::npos) << bad.err;
}

// The summaries alone (no households layer, no service areas) are plain values and geometry
// copied as stored: villages and townships come out as with the full run, their polygons equal
// to the imported ones and indexed. A villages layer changed since
// import has lost its kept seats (geo/inner_points.hpp): the seats come from the polygons again,
// equal.
TEST(CliReach, SummariesAloneAgreeWithTheFullRun) {
  ScratchDir dir;
  const std::string store = run_sample_county(dir);
  ASSERT_FALSE(store.empty());
  const auto villages_before = spatialite(store, villages);
  const auto townships_before = spatialite(store, townships);
  const std::string summaries =
      "'" + std::string(RZ_BINARY) + "' reach out/project.sqlite --no-roads --no-households " +
      "--no-areas -t party_service_center=2000 -t village_service_station=2000 -q";
  auto alone = run_shell("cd '" + dir.path().string() + "' && " + summaries);
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  EXPECT_EQ(spatialite(store, villages), villages_before);
  EXPECT_EQ(spatialite(store, townships), townships_before);
  EXPECT_EQ(spatialite(store, "SELECT count(*) FROM rz_layers WHERE name = 'reach_service_areas'"),
            "0\n");
  EXPECT_EQ(spatialite(store,
                       "SELECT count(*) FROM reach_villages r JOIN villages v ON v.code = r.code "
                       "WHERE NOT ST_Equals(r.geom, v.geom)"),
            "0\n");
  EXPECT_EQ(spatialite(store,
                       "SELECT count(*) FROM reach_townships r JOIN townships t ON t.code = "
                       "r.code WHERE NOT ST_Equals(r.geom, t.geom)"),
            "0\n");
  EXPECT_EQ(spatialite(store,
                       "SELECT CheckSpatialIndex('reach_villages', 'geom'), "
                       "CheckSpatialIndex('reach_townships', 'geom')"),
            "1|1\n");
  // Any change to the villages table drops its seats; the next run measures from the polygons.
  spatialite(store, "UPDATE villages SET name = name WHERE fid = 1");
  EXPECT_EQ(spatialite(store, "SELECT count(*) FROM rz_inner_points WHERE layer = 'villages'"),
            "0\n");
  auto again = run_shell("cd '" + dir.path().string() + "' && " + summaries);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(spatialite(store, villages), villages_before);
}

TEST(CliReach, UnknownCategoryIsBadUsageAndMissingOnesAreWarned) {
  ScratchDir dir;
  std::ofstream(dir / "p.toml") << "[[layer]]\nkind = \"villages\"\nsource = \"" << source_dir()
                                << "/data/sample-county/villages.shp\"\n"
                                << "[[reach.target]]\ncategory = \"党群中心\"\nradius_m = 2000\n";
  auto r = run_ruralzone("run p.toml --out out -q", dir.path().string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("unknown facility category «党群中心»"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("party_service_center"), std::string::npos) << r.err;
  // A known category with no facility in the layer: a warning, everyone out of reach.
  auto ok = run_ruralzone("run " + source_dir() + "/data/sample-county/project.toml --out out2 -q",
                          dir.path().string());
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  auto t = run_ruralzone("reach out2/project.sqlite -t bus_stop=300 -t clinic=1000",
                         dir.path().string());
  EXPECT_EQ(t.exit_code, 0) << t.err;
  auto bad = run_ruralzone("reach out2/project.sqlite -t nothing=300", dir.path().string());
  EXPECT_EQ(bad.exit_code, 2);
  auto bad_radius = run_ruralzone("reach out2/project.sqlite -t clinic=-1", dir.path().string());
  EXPECT_EQ(bad_radius.exit_code, 2);
}

TEST(CliReach, ServiceAreasPartitionTheCountyAndLoadsAddUp) {
  ScratchDir dir;
  auto r = run_ruralzone("run " + source_dir() + "/data/sample-county/project.toml --out out",
                         dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("have more nearest households than capacity"), std::string::npos) << r.out;
  const std::string store = dir / "out/project.sqlite";
  for (const char* category : {"party_service_center", "village_service_station"}) {
    SCOPED_TRACE(category);
    const std::string c = category;
    // The areas of a category cover the villages exactly once: their areas add up to the
    // villages' area and to the area of their union (SpatiaLite's).
    auto areas = spatialite(store,
                            "SELECT round(sum(ST_Area(geom))), round(ST_Area(ST_Union(geom))) FROM "
                            "road_service_areas WHERE category = '" +
                                c + "'");
    auto villages = spatialite(store, "SELECT round(sum(ST_Area(geom))) FROM villages");
    villages.pop_back();
    EXPECT_EQ(areas, villages + "|" + villages + "\n");
    // Households per facility = the household assignment table's counts.
    EXPECT_EQ(
        spatialite(store, "SELECT count(*) FROM road_service_areas a WHERE a.category = '" + c +
                              "' AND a.facility_fid IS NOT NULL AND a.households <> (SELECT "
                              "count(*) FROM road_service_households h WHERE h.category = "
                              "a.category AND h.facility_fid = a.facility_fid)"),
        "0\n");
    // Beyond capacity = nearest households above capacity; the capacitated assignment never
    // gives a facility more than its capacity.
    EXPECT_EQ(spatialite(store,
                         "SELECT count(*) FROM road_service_areas WHERE category = '" + c +
                             "' AND capacity IS NOT NULL AND (beyond_capacity <> max(0, households "
                             "- CAST(capacity AS INTEGER)) OR assigned > capacity + 1e-6)"),
              "0\n");
    // Isochrones: households within each threshold as the assignment table says.
    EXPECT_EQ(spatialite(store, "SELECT count(*) FROM road_isochrones i WHERE category = '" + c +
                                    "' AND households_within <> (SELECT count(*) FROM "
                                    "road_service_households h WHERE h.category = i.category AND "
                                    "h.minutes <= i.minutes)"),
              "0\n");
    EXPECT_EQ(spatialite(store, "SELECT count(*) FROM road_isochrones WHERE category = '" + c +
                                    "' AND NOT ST_IsValid(geom)"),
              "0\n");
  }
}

// Persons beside households: each summary's persons within reach equal SpatiaLite's sum of the
// persons of the households within the radius (straight line) or within the minutes the
// household assignment table gives (roads). Households without persons count 0 and are counted
// in a warning; with none at all, the persons fields are null.
TEST(CliReach, PersonsWithinEqualSpatiaLiteSums) {
  ScratchDir dir;
  const std::string store = run_sample_county(dir);
  ASSERT_FALSE(store.empty());
  const std::string persons = "coalesce(sum(coalesce(h.persons, 0)), 0)";
  auto check = [&] {
    for (const char* category : {"party_service_center", "village_service_station"}) {
      SCOPED_TRACE(category);
      const std::string c = category;
      EXPECT_EQ(spatialite(store,
                           "SELECT code, persons, persons_within FROM reach_villages WHERE "
                           "category = '" +
                               c + "' ORDER BY code"),
                spatialite(store, "SELECT v.code, (SELECT " + persons +
                                      " FROM households h WHERE h.village_code = v.code), "
                                      "(SELECT " +
                                      persons +
                                      " FROM households h WHERE h.village_code = v.code AND "
                                      "EXISTS (SELECT 1 FROM facilities f WHERE f.category = '" +
                                      c +
                                      "' AND ST_Distance(h.geom, f.geom) <= 2000)) FROM "
                                      "villages v ORDER BY v.code"));
      EXPECT_EQ(spatialite(store,
                           "SELECT sum(persons_within) FROM reach_townships WHERE "
                           "category = '" +
                               c + "'"),
                spatialite(store,
                           "SELECT persons_within FROM reach_county WHERE category = '" + c + "'"));
      // On roads, per village and threshold, and the unreached.
      const std::string in_villages =
          " FROM road_service_households s JOIN households h ON h.fid = s.household_fid WHERE "
          "s.category = '" +
          c + "' AND h.village_code IN (SELECT code FROM villages)";
      for (const char* minutes : {"5", "10", "15", "30"}) {
        SCOPED_TRACE(minutes);
        const std::string m = minutes;
        EXPECT_EQ(spatialite(store, "SELECT code, persons_within_" + m +
                                        "min FROM road_reach_villages WHERE category = '" + c +
                                        "' ORDER BY code"),
                  spatialite(store, "SELECT v.code, (SELECT " + persons + in_villages +
                                        " AND h.village_code = v.code AND s.minutes <= " + m +
                                        ") FROM villages v ORDER BY v.code"));
        EXPECT_EQ(spatialite(store,
                             "SELECT persons_within FROM road_isochrones WHERE category "
                             "= '" +
                                 c + "' AND minutes = " + m),
                  spatialite(store, "SELECT " + persons +
                                        " FROM road_service_households s JOIN households h ON "
                                        "h.fid = s.household_fid WHERE s.category = '" +
                                        c + "' AND s.minutes <= " + m));
      }
      EXPECT_EQ(
          spatialite(store,
                     "SELECT persons, persons_unreached FROM road_reach_county "
                     "WHERE category = '" +
                         c + "'"),
          spatialite(store, "SELECT (SELECT " + persons + in_villages + "), (SELECT " + persons +
                                " FROM road_reach_households r JOIN households h ON h.fid "
                                "= r.household_fid WHERE r.category = '" +
                                c +
                                "' AND r.unreached_reason IS NOT NULL AND h.village_code "
                                "IN (SELECT code FROM villages))"));
    }
  };
  // The sample county's households all have persons.
  ASSERT_EQ(spatialite(store, "SELECT count(*), count(persons) FROM households"), "40001|40001\n");
  EXPECT_NE(spatialite(store, "SELECT persons_within FROM reach_county LIMIT 1"), "0\n");
  check();

  // Some without persons: they count 0, and a warning per analysis says how many.
  spatialite(store, "UPDATE households SET persons = NULL WHERE fid % 7 = 0");
  const std::string without = spatialite(store,
                                         "SELECT count(*) FROM households WHERE persons "
                                         "IS NULL");
  auto some = run_ruralzone("reach out/project.sqlite -q", dir.path().string());
  ASSERT_EQ(some.exit_code, 0) << some.err;
  const std::string counted = without.substr(0, without.size() - 1) +
                              " of the 40001 households in layer «households» have no persons";
  EXPECT_NE(some.err.find(counted + " (人口): they count as 0 persons in reach_villages"),
            std::string::npos)
      << some.err;
  EXPECT_NE(some.err.find(counted + " (人口): they count as 0 persons in road_reach_villages"),
            std::string::npos)
      << some.err;
  check();

  // None with persons: the persons fields are null, said once per analysis.
  spatialite(store, "UPDATE households SET persons = NULL");
  auto none = run_ruralzone("reach out/project.sqlite -q", dir.path().string());
  ASSERT_EQ(none.exit_code, 0) << none.err;
  const std::string said = "no household in layer «households» has persons";
  const auto first = none.err.find(said);
  ASSERT_NE(first, std::string::npos) << none.err;
  const auto second = none.err.find(said, first + 1);
  ASSERT_NE(second, std::string::npos) << none.err;  // straight line, then roads
  EXPECT_EQ(none.err.find(said, second + 1), std::string::npos) << none.err;
  EXPECT_EQ(none.err.find("have no persons"), std::string::npos) << none.err;
  EXPECT_EQ(spatialite(store,
                       "SELECT (SELECT count(*) FROM reach_villages WHERE persons IS NOT NULL OR "
                       "persons_within IS NOT NULL) + (SELECT count(*) FROM reach_county WHERE "
                       "persons IS NOT NULL) + (SELECT count(*) FROM road_reach_townships WHERE "
                       "persons IS NOT NULL OR persons_unreached IS NOT NULL OR "
                       "persons_within_15min IS NOT NULL) + (SELECT count(*) FROM "
                       "road_isochrones WHERE persons_within IS NOT NULL)"),
            "0\n");
  EXPECT_NE(spatialite(store, "SELECT count(*) FROM reach_villages WHERE within > 0"), "0\n");
}
