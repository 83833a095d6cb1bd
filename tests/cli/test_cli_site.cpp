// ruralzone site on the sample county: the chosen sites checked against SpatiaLite SQL on the
// same store (households newly within 2 km of them; for K = 1 the best single site found by
// exhaustive SQL), LSCP reaching everyone reachable, p-median and road minutes, and bad inputs.
#include <gtest/gtest.h>

#include <filesystem>

#include "test_support.hpp"

using rz::test::file_sha256;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::ScratchDir;
using rz::test::source_dir;

namespace {

std::string sql(const std::string& store, const std::string& query) {
  auto q = run_shell("spatialite -silent " + store + " \"" + query + "\"");
  EXPECT_EQ(q.exit_code, 0) << q.err;
  return q.out;
}

class CliSite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    auto r = run_ruralzone("run " + source_dir() + "/data/sample-county/project.toml --out out -q",
                           dir_->path().string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    store_ = (dir_->path() / "out/project.sqlite").string();
    // Households beyond 2 km of every existing service center, with their coordinates.
    sql(store_,
        "CREATE TABLE beyond AS SELECT h.fid AS fid, ST_X(h.geom) AS x, ST_Y(h.geom) AS y FROM "
        "households h WHERE NOT EXISTS (SELECT 1 FROM facilities f WHERE f.category = "
        "'party_service_center' AND ST_Distance(h.geom, f.geom) <= 2000)");
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string site(const std::string& args) {
    auto r = run_ruralzone("site " + store_ + " " + args, dir_->path().string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  static std::string summary(const std::string& column) {
    return sql(store_, "SELECT " + column + " FROM site_summary");
  }
  // Households of `beyond` within 2 km of a new site, by SQL.
  static std::string newly_within_sql() {
    return sql(store_,
               "SELECT count(*) FROM beyond b WHERE EXISTS (SELECT 1 FROM site_new s WHERE "
               "(b.x - ST_X(s.geom)) * (b.x - ST_X(s.geom)) + (b.y - ST_Y(s.geom)) * "
               "(b.y - ST_Y(s.geom)) <= 4000000)");
  }
  static ScratchDir* dir_;
  static std::string store_;
};
ScratchDir* CliSite::dir_ = nullptr;
std::string CliSite::store_;

}  // namespace

TEST_F(CliSite, MclpSingleSiteIsTheBestBySql) {
  site("--objective mclp -k 1 --category party_service_center --radius 2000 -q");
  // Every village seat tried by SQL: the most households beyond reach it brings within 2 km.
  const auto best = sql(store_,
                        "CREATE TEMP TABLE seats AS SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT "
                        "ST_PointOnSurface(geom) AS p FROM villages); SELECT max(n) FROM (SELECT "
                        "(SELECT count(*) FROM beyond b WHERE (b.x - s.x) * (b.x - s.x) + "
                        "(b.y - s.y) * (b.y - s.y) <= 4000000) AS n FROM seats s)");
  EXPECT_EQ(summary("CAST(objective_value AS INTEGER)"), best);
  EXPECT_EQ(newly_within_sql(), best);
  EXPECT_EQ(summary("proven_optimal"), "1\n");
}

TEST_F(CliSite, MclpTenSitesAgreeWithSqlAndAreNeverBelowGreedy) {
  auto out = site("--objective mclp -k 10 --radius 2000");
  EXPECT_NE(out.find("proven optimal"), std::string::npos) << out;
  const auto objective = summary("CAST(objective_value AS INTEGER)");
  EXPECT_EQ(newly_within_sql(), objective);
  EXPECT_EQ(sql(store_, "SELECT count(*) FROM site_households"), objective);
  EXPECT_EQ(sql(store_, "SELECT CAST(sum(households_added) AS INTEGER) FROM site_new"), objective);
  EXPECT_EQ(sql(store_, "SELECT count(*) FROM site_new"), "10\n");
  EXPECT_EQ(summary("objective_value >= greedy_value AND within_after - within_before = "
                    "objective_value AND bound = objective_value AND gap = 0"),
            "1\n");
  // Before/after per township add up to the county.
  EXPECT_EQ(sql(store_, "SELECT sum(within_after) - sum(within_before) FROM site_townships"),
            objective);
}

TEST_F(CliSite, LscpReachesEveryReachableHousehold) {
  // Some households are 2 km from every village seat: an error naming how many, unless told to
  // cover the rest.
  auto r = run_ruralzone("site " + store_ + " --objective lscp --radius 2000");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no choice of sites covers everyone"), std::string::npos) << r.err;
  site("--objective lscp --radius 2000 --allow-uncovered -q");
  EXPECT_EQ(sql(store_, "SELECT count(*) FROM site_uncovered"), summary("not_coverable"));
  // Households beyond 2 km of every existing center and every new one: only those no village
  // seat reaches.
  const auto left = sql(store_,
                        "SELECT count(*) FROM beyond b WHERE NOT EXISTS (SELECT 1 FROM site_new s "
                        "WHERE (b.x - ST_X(s.geom)) * (b.x - ST_X(s.geom)) + (b.y - ST_Y(s.geom)) "
                        "* (b.y - ST_Y(s.geom)) <= 4000000)");
  EXPECT_EQ(left, summary("not_coverable"));
  EXPECT_EQ(summary("proven_optimal AND objective_value <= greedy_value AND objective_value = "
                    "chosen"),
            "1\n");
  // Capacities: still everyone covered, never fewer sites than without them.
  const auto plain = summary("chosen");
  site("--objective lscp --radius 2000 --capacities --candidate-capacity 400 --allow-uncovered -q");
  EXPECT_GE(std::stoi(summary("chosen")), std::stoi(plain));
  EXPECT_EQ(summary("within_after + not_coverable = households"), "1\n");
}

TEST_F(CliSite, PmedianAndRoadMinutes) {
  site("--objective pmedian -k 5 --radius 2000 -q");
  EXPECT_EQ(sql(store_, "SELECT count(*) FROM site_new"), "5\n");
  EXPECT_EQ(summary("proven_optimal AND objective_value <= greedy_value + 1e-6"), "1\n");
  // Total cost falls in every township, or stays.
  EXPECT_EQ(sql(store_, "SELECT count(*) FROM site_townships WHERE cost_after > cost_before"),
            "0\n");
  auto out = site("--objective mclp -k 3 --minutes 15");
  EXPECT_NE(out.find("15 min by road"), std::string::npos) << out;
  EXPECT_EQ(summary("within_after - within_before = objective_value AND proven_optimal"), "1\n");
  // Households brought within 15 minutes were beyond them before, by road reach's own numbers.
  EXPECT_EQ(sql(store_, "SELECT count(*) FROM site_households WHERE cost_before <= 15"), "0\n");
}

TEST_F(CliSite, BadInputs) {
  const std::string before = file_sha256(store_);
  auto r = run_ruralzone("site " + store_ + " --objective mclp -k 500");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("K = 500 is more than the 201 candidate sites"), std::string::npos) << r.err;
  r = run_ruralzone("site " + store_ + " -k 2 --category post_office");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown facility category «post_office» (known: party_service_center"),
            std::string::npos)
      << r.err;
  r = run_ruralzone("site " + store_ + " --objective maximal -k 2");
  EXPECT_EQ(r.exit_code, 2);
  r = run_ruralzone("site " + store_ + " --objective mclp");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("needs -k"), std::string::npos) << r.err;
  r = run_ruralzone("site " + store_ + " -k 2 --candidates nowhere");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nowhere"), std::string::npos) << r.err;
  EXPECT_EQ(file_sha256(store_), before);

  // A candidate layer in another CRS than the project's (written by a foreign tool).
  ScratchDir dir;
  std::filesystem::copy_file(store_, dir / "p.sqlite");
  run_shell("cd " + dir.path().string() +
            " && printf 'name,lon,lat\\nA,112.37,25.58\\nB,112.40,25.60\\n' > c.csv");
  r = run_ruralzone("import c.csv --kind candidates --store p.sqlite -q", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_ruralzone("site p.sqlite -k 1 --candidates candidates -q", dir.path().string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  run_shell("sqlite3 " + (dir / "p.sqlite") +
            " \"UPDATE rz_layers SET srid=4490 WHERE name='candidates'\"");
  const std::string foreign = file_sha256(dir / "p.sqlite");
  r = run_ruralzone("site p.sqlite -k 1 --candidates candidates", dir.path().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("EPSG:4490"), std::string::npos) << r.err;
  EXPECT_EQ(file_sha256(dir / "p.sqlite"), foreign);
}
