// ruralzone od on the sample county: the village seats to the Party-masses service centers, every
// pair present with its straight-line metres equal to SpatiaLite's; each household's nearest center
// equal to what reach on roads (a different search: one multi-source Dijkstra) gave it; the cutoff
// and --nearest equal to filtering the full matrix in SQL; a point with itself 0; Chinese names
// through the CSV export; the [od] table of a project file in the main job; and bad inputs: a
// message, a non-zero exit and the store left byte-identical.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_support.hpp"

using rz::test::file_sha256;
using rz::test::read_file;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::sample_file;
using rz::test::ScratchDir;
using rz::test::source_dir;

namespace {

std::string sql(const std::string& store, const std::string& query) {
  auto q = run_shell("spatialite -silent " + store + " \"" + query + "\"");
  EXPECT_EQ(q.exit_code, 0) << q.err;
  return q.out;
}

class CliOd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    auto r = run_ruralzone("run " + source_dir() + "/data/sample-county/project.toml --out out -q",
                           dir_->path().string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    store_ = (dir_->path() / "out/project.sqlite").string();
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string od(const std::string& args) {
    auto r = run_ruralzone("od -s " + store_ + " " + args, dir_->path().string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  static std::string q(const std::string& query) { return sql(store_, query); }
  static ScratchDir* dir_;
  static std::string store_;
};
ScratchDir* CliOd::dir_ = nullptr;
std::string CliOd::store_;

}  // namespace

TEST_F(CliOd, VillageSeatsToServiceCentersEveryPair) {
  const auto out = od("--from villages --to facilities --to-category party_service_center");
  const std::string pairs = q(
      "SELECT (SELECT count(*) FROM villages) * (SELECT count(*) FROM facilities WHERE category = "
      "'party_service_center')");
  // The sample county's seats and centers all reach one another on the roads.
  EXPECT_NE(out.find(pairs.substr(0, pairs.size() - 1) +
                     " pairs: " + pairs.substr(0, pairs.size() - 1) + " rows"),
            std::string::npos)
      << out;
  EXPECT_EQ(q("SELECT count(*) FROM od_matrix"), pairs);
  // Ids and names are the village's and the center's; straight-line metres are SpatiaLite's
  // distance from the village's PointOnSurface (the seat) to the center.
  EXPECT_EQ(q("SELECT count(*) FROM od_matrix o JOIN villages v ON v.fid = o.from_fid JOIN "
              "facilities f ON f.fid = o.to_fid WHERE o.from_id = v.code AND o.from_name = v.name "
              "AND o.to_name = f.name AND o.to_id IS NULL AND f.category = 'party_service_center' "
              "AND abs(o.straight_m - ST_Distance(ST_PointOnSurface(v.geom), f.geom)) < 1e-6"),
            pairs);
  // A route is never shorter than the straight line (up to the 1 m snap tolerance at each end),
  // nor faster than 0; every pair once.
  EXPECT_EQ(q("SELECT count(*) FROM od_matrix WHERE metres < straight_m - 2.000001 OR minutes <= 0 "
              "OR metres IS NULL"),
            "0\n");
  EXPECT_EQ(q("SELECT count(*) FROM (SELECT DISTINCT from_fid, to_fid FROM od_matrix)"), pairs);
}

TEST_F(CliOd, EachHouseholdsNearestCenterIsWhatReachOnRoadsFound) {
  od("--from households --to facilities --to-category party_service_center --nearest 1 -q");
  EXPECT_EQ(q("SELECT count(*) FROM od_matrix"),
            q("SELECT count(*) FROM road_service_households WHERE category = "
              "'party_service_center' AND minutes IS NOT NULL"));
  EXPECT_EQ(q("SELECT count(*) FROM od_matrix o JOIN road_service_households r ON r.household_fid "
              "= o.from_fid AND r.category = 'party_service_center' WHERE abs(o.minutes - "
              "r.minutes) <= 1e-9 * max(1, r.minutes)"),
            q("SELECT count(*) FROM od_matrix"));
  // The household id (户编号) is the from_id.
  EXPECT_EQ(q("SELECT count(*) FROM od_matrix o JOIN households h ON h.fid = o.from_fid WHERE "
              "o.from_id IS NOT h.id"),
            "0\n");
}

TEST_F(CliOd, CutoffAndNearestAreTheFullMatrixFiltered) {
  od("--from villages --to facilities --to-category village_service_station -q");
  q("DROP TABLE IF EXISTS full_od; CREATE TABLE full_od AS SELECT from_fid, to_fid, minutes, "
    "metres FROM od_matrix");
  od("--from villages --to facilities --to-category village_service_station --cutoff-min 12 -q");
  EXPECT_EQ(q("SELECT count(*) FROM od_matrix"),
            q("SELECT count(*) FROM full_od WHERE minutes <= 12"));
  EXPECT_EQ(q("SELECT count(*) FROM od_matrix o JOIN full_od f USING (from_fid, to_fid) WHERE "
              "o.minutes = f.minutes AND o.metres = f.metres"),
            q("SELECT count(*) FROM od_matrix"));
  od("--from villages --to facilities --to-category village_service_station --nearest 3 -q");
  const auto nearest3 =
      "SELECT from_fid, to_fid FROM (SELECT from_fid, to_fid, row_number() OVER (PARTITION BY "
      "from_fid ORDER BY minutes, metres, to_fid) AS rank FROM full_od) WHERE rank <= 3";
  EXPECT_EQ(q("SELECT count(*) FROM od_matrix"),
            q(std::string("SELECT count(*) FROM (") + nearest3 + ")"));
  EXPECT_EQ(q(std::string("SELECT count(*) FROM od_matrix JOIN (") + nearest3 +
              ") USING (from_fid, to_fid)"),
            q("SELECT count(*) FROM od_matrix"));
  // Both: the nearest 3 within 12 minutes.
  od("--from villages --to facilities --to-category village_service_station --nearest 3 "
     "--cutoff-min 12 -q");
  EXPECT_EQ(q("SELECT count(*) FROM od_matrix"),
            q(std::string("SELECT count(*) FROM (") + nearest3 +
              ") JOIN full_od USING (from_fid, to_fid) WHERE minutes <= 12"));
}

TEST_F(CliOd, VillagesToVillagesEachSeatWithItselfIsZero) {
  const auto out = od("--from villages --to villages --cutoff-min 15");
  const auto villages = q("SELECT count(*) FROM villages");
  EXPECT_EQ(q("SELECT count(*) FROM od_matrix WHERE from_fid = to_fid AND minutes = 0 AND metres "
              "= 0 AND straight_m = 0"),
            villages);
  EXPECT_EQ(q("SELECT count(*) FROM od_matrix WHERE from_fid <> to_fid AND minutes <= 0"), "0\n");
  EXPECT_EQ(q("SELECT max(minutes) <= 15 FROM od_matrix"), "1\n");
  EXPECT_NE(out.find("within 15 min"), std::string::npos) << out;
}

TEST_F(CliOd, ChineseNamesSurviveIntoTheCsvExport) {
  od("--from villages --to facilities --to-category party_service_center -q");
  ScratchDir dir;
  auto r =
      run_ruralzone("export -s " + store_ + " -o csv -f csv -l od_matrix -q", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = read_file(dir / "csv/od_matrix.csv");
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");  // UTF-8 BOM, for Excel
  EXPECT_NE(csv.find("from_fid,from_id,from_name,to_fid,to_id,to_name,minutes,metres,straight_m"),
            std::string::npos);
  // Every village name and every center name, as the store has them.
  for (const auto& query : {std::string("SELECT DISTINCT name FROM villages"),
                            std::string("SELECT DISTINCT name FROM facilities WHERE category = "
                                        "'party_service_center'")}) {
    std::istringstream names(q(query));
    std::string name;
    int checked = 0;
    while (std::getline(names, name)) {
      ++checked;
      EXPECT_NE(csv.find(name), std::string::npos) << name;
    }
    EXPECT_GT(checked, 10);
  }
  EXPECT_NE(csv.find("晋屏居委会"), std::string::npos);
  // One line per row, and the header.
  EXPECT_EQ(static_cast<int64_t>(std::count(csv.begin(), csv.end(), '\n')),
            std::stoll(q("SELECT count(*) FROM od_matrix")) + 1);
}

TEST_F(CliOd, BadInputsSayWhatIsWrongAndWriteNothing) {
  ScratchDir dir;
  std::filesystem::copy_file(store_, dir / "p.sqlite");
  const std::string store = dir / "p.sqlite";
  // An empty candidates layer: imported, then emptied by another tool.
  run_shell("cd " + dir.path().string() + " && printf 'name,lon,lat\\nA,112.37,25.58\\n' > c.csv");
  auto r = run_ruralzone("import c.csv --kind candidates --store p.sqlite -q", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  run_shell("sqlite3 " + store + " \"DELETE FROM candidates\"");
  r = run_ruralzone("od -s p.sqlite --to-category party_service_center -q", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string before = file_sha256(store);
  const std::string rows = sql(store, "SELECT count(*) FROM od_matrix");
  struct Case {
    std::string args;
    int exit_code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"--to nowhere", 1, "--to «nowhere»: the store has no such layer"},
      {"--to nowhere", 1, "facilities"},  // the layers it could be are listed
      {"--from grids", 1, "--from «grids»: a layer of polygons, not points"},
      {"--to roads", 1, "a layer of lines"},
      {"--from candidates", 1, "--from «candidates»: the layer has no points"},
      {"--to-category other", 1,
       "--to-category other: no point of layer «facilities» has that category"},
      {"--to-category post_office", 2, "unknown facility category «post_office»"},
      {"--from households --from-category clinic", 2, "layer «households» has no category field"},
      {"--from-category clinic", 2, "the village seats have no category"},
      {"--nearest 0", 2, "nearest"},
      {"--cutoff-min 0", 2, "cutoff"},
      {"--cutoff-min -5", 2, "cutoff"},
      {"--from ''", 2, "--from needs a layer"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args);
    r = run_ruralzone("od -s p.sqlite " + c.args, dir.path().string());
    EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(file_sha256(store), before);
  EXPECT_EQ(sql(store, "SELECT count(*) FROM od_matrix"), rows);
}

TEST_F(CliOd, ProjectFileOdTableRunsInTheMainJob) {
  ScratchDir dir;
  std::ofstream(dir / "p.toml") << "[[layer]]\nkind = \"villages\"\nsource = \""
                                << sample_file("villages.shp") << "\"\nencoding = \"gbk\"\n"
                                << "[[layer]]\nkind = \"facilities\"\nsource = \""
                                << sample_file("facilities.geojson") << "\"\n"
                                << "[[layer]]\nkind = \"roads\"\nsource = \""
                                << sample_file("sample.gpkg") << "\"\nsource_layer = \"roads\"\n"
                                << "[od]\nto_category = \"party_service_center\"\nnearest = 2\n";
  auto r = run_ruralzone("run p.toml --out out", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("OD matrix"), std::string::npos) << r.out;
  const std::string store = dir / "out/project.sqlite";
  EXPECT_EQ(sql(store, "SELECT count(*) FROM od_matrix"),
            sql(store, "SELECT 2 * count(*) FROM villages"));
  EXPECT_EQ(sql(store,
                "SELECT max(n) FROM (SELECT count(*) AS n FROM od_matrix GROUP BY "
                "from_fid)"),
            "2\n");
  auto gpkg = run_shell("ogrinfo -ro -so " + (dir / "out/ruralzone.gpkg") + " od_matrix");
  EXPECT_EQ(gpkg.exit_code, 0) << gpkg.err;
  // Without the table, the main job skips it and says why.
  std::ofstream(dir / "q.toml") << "[[layer]]\nkind = \"villages\"\nsource = \""
                                << sample_file("villages.shp") << "\"\nencoding = \"gbk\"\n";
  r = run_ruralzone("run q.toml --out out2", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("skipped od_matrix: the project file has no [od] table"), std::string::npos)
      << r.out;
}
