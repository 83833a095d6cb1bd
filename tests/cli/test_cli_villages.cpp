// ruralzone villages on the sample county's villages (the real binary): every village's type equal
// to the rules recomputed in SQL (whose NULL logic is the three-valued logic the rules are
// documented with), before and after the store is given out-commuters; the defaults sort the
// generated hub and hollow villages as the generator made them; 十好, 六无, shell villages and the
// per-township demonstration-point ratio against SQL; the [villages] table of a project file in
// the main job; and bad input: a message naming the village code and field, exit 1 (or 2 for bad
// settings), the store left byte-identical.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_support.hpp"

using rz::test::file_sha256;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::sample_file;
using rz::test::ScratchDir;

namespace {

std::string sql(const std::string& store, const std::string& query) {
  auto q = run_shell("spatialite -silent " + store + " \"" + query + "\"");
  EXPECT_EQ(q.exit_code, 0) << q.err << query;
  return q.out;
}

// The type rules in SQL with the default thresholds: a ratio over a missing value or over 0 is
// NULL, and a rule whose condition is NULL makes the village unknown (first match wins).
const char* kTypeSql =
    "SELECT code, CASE"
    " WHEN (r < 0.6 OR m >= 0.3) THEN 'hollow'"
    " WHEN (r < 0.6 OR m >= 0.3) IS NULL THEN 'unknown'"
    " WHEN (r >= 1.0 AND e >= 3) THEN 'hub'"
    " WHEN (r >= 1.0 AND e >= 3) IS NULL THEN 'unknown'"
    " WHEN c >= 0.2 THEN 'tidal'"
    " WHEN c IS NULL THEN 'unknown'"
    " ELSE 'basic' END AS type FROM (SELECT code,"
    " 1.0 * resident_population / nullif(population, 0) AS r,"
    " 1.0 * migrant_workers / nullif(population, 0) AS m,"
    " 1.0 * out_commuters / nullif(resident_population, 0) AS c,"
    " 1000.0 * enterprises / nullif(resident_population, 0) AS e FROM villages)";

class CliVillages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    store_ = (*dir_) / "p.sqlite";
    auto r = run_ruralzone("import " + sample_file("villages.shp") +
                           " --kind villages --encoding gbk -q -s " + store_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static rz::test::CommandResult villages(const std::string& args = "") {
    auto r = run_ruralzone("villages -s " + store_ + " " + args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r;
  }
  static std::string q(const std::string& query) { return sql(store_, query); }
  // Rows of `a` not in `b` plus rows of `b` not in `a`.
  static std::string differences(const std::string& a, const std::string& b) {
    return q("SELECT (SELECT count(*) FROM (" + a + " EXCEPT " + b +
             ")) + (SELECT count(*) FROM (" + b + " EXCEPT " + a + "))");
  }
  static ScratchDir* dir_;
  static std::string store_;
};
ScratchDir* CliVillages::dir_ = nullptr;
std::string CliVillages::store_;

}  // namespace

TEST_F(CliVillages, TypesEqualTheRulesInSql) {
  q("UPDATE villages SET out_commuters = NULL");
  auto r = villages();
  const std::string computed = "SELECT village_code, type FROM village_assessment";
  EXPECT_EQ(q("SELECT count(*) FROM village_assessment"), "201\n");
  EXPECT_EQ(differences(computed, kTypeSql), "0\n");
  // The generator's hub and hollow villages (data/sample-county/README.md: 枢纽型 34, 空心型 39)
  // come out as such; without out-commuters the tidal and basic ones are unknown, lacking them.
  EXPECT_EQ(q("SELECT count(*) FROM village_assessment WHERE type = 'hub'"), "34\n");
  EXPECT_EQ(q("SELECT count(*) FROM village_assessment WHERE type = 'hollow'"), "39\n");
  EXPECT_EQ(q("SELECT count(*) FROM village_assessment WHERE type = 'unknown' AND missing_fields "
              "LIKE '%out_commuters%' AND type_zh = '未知' AND type_rule LIKE 'unknown: the tidal "
              "rule is undecided%'"),
            "128\n");
  EXPECT_NE(
      r.out.find(
          "枢纽型 hub 34, 潮汐型 tidal 0, 基本型 basic 0, 空心型 hollow 39, 未知 unknown 128"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("unknown for lack of: out_commuters 128"), std::string::npos) << r.out;

  // Out-commuters for every village (a share from 0 to 0.4 of the residents by fid, some exactly
  // at the 0.2 threshold), one village without a migrant count and one with a registered
  // population of 0 and no residents.
  q("UPDATE villages SET out_commuters = resident_population * (fid % 5) / 10");
  q("UPDATE villages SET migrant_workers = NULL WHERE fid = 7");
  q("UPDATE villages SET population = 0, resident_population = 0, households = 0, party_members "
    "= 0, migrant_workers = 0, out_commuters = 0 WHERE fid = 11");
  r = villages();
  EXPECT_EQ(differences(computed, kTypeSql), "0\n");
  for (const char* type : {"hub", "tidal", "basic", "hollow", "unknown"})
    EXPECT_NE(q(std::string("SELECT count(*) FROM village_assessment WHERE type = '") + type + "'"),
              "0\n")
        << type;
  // Registered population 0: the hollow rule is undecided, so the later rules' resident ratios
  // are not needed (and not named).
  EXPECT_EQ(q("SELECT type, substr(missing_fields, 1, 15) FROM village_assessment a JOIN villages "
              "v ON v.code = a.village_code WHERE v.fid = 11"),
            "unknown|population (0),\n");
  // The values used, and the Chinese names, are the village's.
  EXPECT_EQ(
      q("SELECT count(*) FROM village_assessment a JOIN villages v ON v.code = "
        "a.village_code WHERE a.village_name = v.name AND a.township_name = v.township_name "
        "AND abs(a.resident_ratio - 1.0 * v.resident_population / v.population) < 1e-12 "
        "AND abs(a.enterprises_per_1000 - 1000.0 * v.enterprises / v.resident_population) < "
        "1e-9 AND a.type_zh = CASE a.type WHEN 'hub' THEN '枢纽型' WHEN 'tidal' THEN '潮汐型' "
        "WHEN 'basic' THEN '基本型' WHEN 'hollow' THEN '空心型' END"),
      q("SELECT count(*) FROM village_assessment WHERE type != 'unknown' AND resident_ratio "
        "IS NOT NULL"));
  // The polygons are the villages'.
  EXPECT_EQ(q("SELECT count(*) FROM village_assessment a JOIN villages v ON v.code = "
              "a.village_code WHERE ST_Equals(a.geom, v.geom)"),
            "201\n");
}

TEST_F(CliVillages, TenGoodSixNoneAndShellVillagesEqualSql) {
  // Some villages get values for the 六无 fields, some a petition; the rest have none.
  q("UPDATE villages SET weak_organization = NULL, petitions = NULL, safety_incidents = NULL, "
    "illegal_buildings = NULL, criminal_cases = NULL");
  q("UPDATE villages SET weak_organization = 0, petitions = (fid % 11 = 0), safety_incidents = 0, "
    "illegal_buildings = 0, criminal_cases = 0 WHERE fid % 3 = 0");
  villages("-q");
  std::string any_below, all_at_least;
  for (const char* g :
       {"good_leadership", "good_members", "good_mechanism", "good_venue", "good_appearance",
        "good_guarantee", "good_industry", "good_customs", "good_talent", "good_evaluation"}) {
    any_below += std::string(any_below.empty() ? "" : " OR ") + g + " < 1";
    all_at_least += std::string(all_at_least.empty() ? "" : " AND ") + g + " >= 1";
  }
  const std::string expected =
      "SELECT code, CASE WHEN " + any_below + " THEN 0 WHEN " + all_at_least +
      " THEN 1 END, CASE WHEN weak_organization != 0 OR petitions != 0 OR safety_incidents != 0 OR "
      "illegal_buildings != 0 OR criminal_cases != 0 OR collective_income <= 0 THEN 0 WHEN "
      "weak_organization = 0 AND petitions = 0 AND safety_incidents = 0 AND illegal_buildings = 0 "
      "AND criminal_cases = 0 AND collective_income > 0 THEN 1 END, collective_income = 0, "
      "collective_income >= 3 FROM villages";
  EXPECT_EQ(differences("SELECT village_code, ten_good_pass, six_none_pass, shell_village, "
                        "collective_target_met FROM village_assessment",
                        expected),
            "0\n");
  // Every kind of answer occurs.
  for (const char* where : {"ten_good_pass = 1", "ten_good_pass = 0", "six_none_pass = 1",
                            "six_none_pass = 0", "six_none_pass IS NULL", "shell_village = 1"})
    EXPECT_NE(q(std::string("SELECT count(*) FROM village_assessment WHERE ") + where), "0\n")
        << where;
  // The sample's 43 units without collective income are its shell villages.
  EXPECT_EQ(q("SELECT count(*) FROM village_assessment WHERE shell_village = 1"), "43\n");
  // The failed standards are named: the zone's 托山村 lacks 工作机制 and 基本保障 (sample README).
  EXPECT_EQ(q("SELECT ten_good_failed, ten_good_passed, ten_good_score FROM village_assessment "
              "WHERE village_code = '431024108216'"),
            "工作机制、基本保障|8|0.8\n");
  EXPECT_EQ(q("SELECT count(*) FROM village_assessment WHERE six_none_failed LIKE '%无越级上访%'"),
            q("SELECT count(*) FROM villages WHERE petitions = 1"));
}

TEST_F(CliVillages, TownshipRatiosEqualSql) {
  // Points for every fourth village, no flag for every seventh (not a point).
  q("UPDATE villages SET demonstration_point = CASE WHEN fid % 4 = 0 THEN 1 WHEN fid % 7 = 0 THEN "
    "NULL ELSE 0 END");
  auto r = villages("--required-ratio 0.4 --candidates 2");
  const std::string counts =
      "SELECT township_code, count(*) AS n, sum(demonstration_point = 1) AS pts, "
      "sum(demonstration_point IS NULL) AS unk, (count(*) * 2 + 4) / 5 AS req FROM villages GROUP "
      "BY "
      "township_code";
  const std::string expected =
      "SELECT township_code, n, pts, unk, req, CASE WHEN pts >= req THEN 1 WHEN pts + unk < req "
      "THEN 0 END, CASE WHEN pts >= req THEN 0 WHEN pts + unk < req THEN req - pts END, 1.0 * pts "
      "/ n FROM (" +
      counts + ")";
  EXPECT_EQ(q("SELECT count(*) FROM village_townships"),
            q("SELECT count(DISTINCT township_code) FROM villages"));
  EXPECT_EQ(differences("SELECT township_code, villages, demonstration_points, points_unknown, "
                        "required_points, ratio_met, points_needed, point_ratio FROM "
                        "village_townships",
                        expected),
            "0\n");
  EXPECT_NE(q("SELECT count(*) FROM village_townships WHERE ratio_met = 0"), "0\n");
  // Type counts per township add up to the villages, and equal the per-village layer's.
  EXPECT_EQ(differences("SELECT township_code, hub, tidal, basic, hollow, unknown FROM "
                        "village_townships",
                        "SELECT township_code, sum(type = 'hub'), sum(type = 'tidal'), sum(type = "
                        "'basic'), sum(type = 'hollow'), sum(type = 'unknown') FROM "
                        "village_assessment GROUP BY township_code"),
            "0\n");
  // Candidates: at most 2, none a point, all of the township.
  EXPECT_EQ(q("SELECT count(*) FROM village_townships t JOIN village_assessment a ON instr(',' || "
              "t.candidate_codes || ',', ',' || a.village_code || ',') > 0 WHERE a.township_code "
              "!= t.township_code OR a.demonstration_point = 1"),
            "0\n");
  EXPECT_EQ(q("SELECT max(length(candidate_codes)) FROM village_townships"), "25\n");
  // The county row: its townships' needs summed.
  EXPECT_EQ(q("SELECT villages, townships, townships_short FROM village_county"),
            q("SELECT (SELECT count(*) FROM villages), count(*), sum(ratio_met = 0) FROM "
              "village_townships"));
  EXPECT_NE(r.out.find("township(s) short of their ratio"), std::string::npos) << r.out;
}

TEST_F(CliVillages, ProjectFileTableInTheMainJob) {
  ScratchDir dir;
  std::ofstream(dir / "p.toml")
      << "[[layer]]\nkind = \"villages\"\nsource = \"" << sample_file("villages.shp")
      << "\"\nencoding = \"gbk\"\n"
      << "[villages]\nrequired_ratio = 0.5\nhollow_resident_ratio = 0.7\n"
      << "[villages.townships.431024100]\nrequired_ratio = 0.1\n"
      << "[villages.ten_good.good_industry]\nmin = 2\n"
      << "[[villages.six_none]]\nname = \"党员不少于30名\"\nfield = \"party_members\"\nrule = \">= "
         "30\"\n";
  auto r = run_ruralzone("run p.toml --out out", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("village assessment: 201 villages"), std::string::npos) << r.out;
  const std::string store = dir / "out/project.sqlite";
  EXPECT_EQ(sql(store,
                "SELECT count(*) FROM village_townships WHERE required_ratio = CASE "
                "township_code WHEN '431024100' THEN 0.1 ELSE 0.5 END"),
            sql(store, "SELECT count(*) FROM village_townships"));
  // good_industry passes at 2 only: no 0/1 village passes 十好.
  EXPECT_EQ(sql(store, "SELECT count(*) FROM village_assessment WHERE ten_good_pass = 1"), "0\n");
  EXPECT_EQ(sql(store,
                "SELECT count(*) FROM village_assessment WHERE ten_good_failed LIKE "
                "'%产业发展%'"),
            "201\n");
  // The one 六无 condition replaces the defaults.
  EXPECT_EQ(sql(store,
                "SELECT count(*) FROM village_assessment a JOIN villages v ON v.code = "
                "a.village_code WHERE a.six_none_pass IS NOT (v.party_members >= 30)"),
            "0\n");
  EXPECT_EQ(sql(store, "SELECT count(*) FROM village_assessment WHERE type = 'hollow'"),
            sql(store,
                "SELECT count(*) FROM villages WHERE 1.0 * resident_population / population "
                "< 0.7 OR 1.0 * migrant_workers / population >= 0.3"));
  auto gpkg = run_shell("ogrinfo -ro -so " + (dir / "out/ruralzone.gpkg") + " village_assessment");
  EXPECT_EQ(gpkg.exit_code, 0) << gpkg.err;
}

TEST_F(CliVillages, BadInputSaysWhichVillageAndFieldAndWritesNothing) {
  ScratchDir dir;
  std::filesystem::copy_file(store_, dir / "p.sqlite");
  const std::string store = dir / "p.sqlite";
  auto r = run_ruralzone("villages -q -s " + store);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string rows = sql(store, "SELECT count(*) FROM village_assessment");
  struct Case {
    std::string update;  // SQL making the store bad, or "" for a usage case
    std::string args;
    int exit_code;
    std::vector<std::string> message;
  };
  const std::vector<Case> cases = {
      {"UPDATE villages SET households = population + 1 WHERE code = '431024100204'",
       "",
       1,
       {"431024100204 石丘村: households", "is above population"}},
      {"UPDATE villages SET population = -5 WHERE code = '431024107226'",
       "",
       1,
       {"431024107226 岐峰村: population -5 is negative"}},
      {"UPDATE villages SET good_industry = 150 WHERE code = '431024103214'",
       "",
       1,
       {"431024103214", "good_industry (产业发展) 150 is outside 0 to 100"}},
      {"UPDATE villages SET resident_population = 4 * population WHERE code = '431024110229'",
       "",
       1,
       {"431024110229", "resident_population", "above 3 × population"}},
      {"UPDATE villages SET collective_income = -1 WHERE code = '431024106201'",
       "",
       1,
       {"431024106201", "collective_income -1 is negative"}},
      {"", "--hollow-resident-ratio -1", 2, {"hollow_resident_ratio"}},
      {"", "--required-ratio 1.5", 2, {"required_ratio"}},
      {"", "--ten-good-min 200", 2, {"above ten_good_max"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.update + c.args);
    ScratchDir work;
    std::filesystem::copy_file(store, work / "p.sqlite");
    const std::string bad = work / "p.sqlite";
    if (!c.update.empty()) sql(bad, c.update);
    const std::string before = file_sha256(bad);
    r = run_ruralzone("villages -s " + bad + " " + c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
    for (const auto& m : c.message) EXPECT_NE(r.err.find(m), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(file_sha256(bad), before);
    EXPECT_EQ(sql(bad, "SELECT count(*) FROM village_assessment"), rows);
  }
  // A bad 六无 rule or an unknown 十好 field in a project file: exit 2.
  for (const std::string& table :
       {std::string("[[villages.six_none]]\nname = \"x\"\nfield = \"petitions\"\nrule = \"≈ 0\"\n"),
        std::string("[villages.ten_good.good_luck]\nmin = 1\n")}) {
    std::ofstream(dir / "bad.toml") << table;
    const std::string before = file_sha256(store);
    r = run_ruralzone("villages -s " + store + " -p " + (dir / "bad.toml"));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("bad.toml"), std::string::npos) << r.err;
    EXPECT_EQ(file_sha256(store), before);
  }
}
