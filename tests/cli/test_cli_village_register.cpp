// CLI tests of the village register (kind village_register, import/register_join.hpp): a table
// keyed by village code, without geometry, joined into the store's villages. Values are read
// back with the sqlite3 shell, apart from ruralzone.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <vector>

#include "cli/import_fixture.hpp"
#include "import/encoding.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using rz::test::fingerprint;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::sample_file;
using rz::test::ScratchDir;
using rz::test::write;

namespace {

constexpr const char* kA = "431024100201";
constexpr const char* kB = "431024100202";
constexpr const char* kC = "431024100203";
constexpr const char* kUnknown = "431024100299";

// Three villages side by side (EPSG:4546, 1 km squares): 晋屏村 (A), 丙穴村 (B), 石丘村 (C),
// each with its own population and households.
std::string three_villages(int population_a = 1200) {
  auto feature = [](const std::string& code, const std::string& name, int population,
                    int households, int x0) {
    const std::string x1 = std::to_string(x0 + 1000), x = std::to_string(x0);
    return R"({"type":"Feature","properties":{"村代码":")" + code + R"(","村名":")" + name +
           R"(","户籍人口":)" + std::to_string(population) + R"(,"户数":)" +
           std::to_string(households) + R"(},"geometry":{"type":"Polygon","coordinates":[[[)" + x +
           ",2830000],[" + x1 + ",2830000],[" + x1 + ",2831000],[" + x + ",2831000],[" + x +
           ",2830000]]]}}";
  };
  return R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4546"}},"features":[)" +
         feature(kA, "晋屏村", population_a, 300, 540000) + "," +
         feature(kB, "丙穴村", 800, 200, 541000) + "," + feature(kC, "石丘村", 500, 150, 542000) +
         "]}";
}

// A's and B's rows (C missing) and a row for a code that is no village; B's population blank.
const char* kRegister =
    "村代码,村名,户籍人口,户数,到外村务工,示范点,党建视频监管平台,软弱涣散党组织,越级上访,"
    "重大安全事故,违法建设,刑事案件,领导班子,备注\n"
    "431024100201,晋屏村,1300,400,350,是,是,0,0,0,0,0,95,好\n"
    "431024100202,丙穴村,,180,20,否,1,1,2,0,1,0,60.5,\n"
    "431024100299,新合村,100,30,0,否,否,0,0,0,0,0,0,撤并\n";

struct RegisterStore {
  ScratchDir dir;
  std::string store = dir / "p.sqlite";
  rz::test::CommandResult import(const std::string& file, const std::string& kind,
                                 const std::string& extra = "") {
    return run_ruralzone("import " + file + " --kind " + kind + " --store p.sqlite " + extra,
                         dir.path().string());
  }
  void villages(int population_a = 1200) {
    write(dir / "villages.geojson", three_villages(population_a));
    auto r = import("villages.geojson", "villages", "-q");
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // "a|b|c" rows of a query, by the sqlite3 shell.
  std::string sql(const std::string& query) const {
    auto r = run_shell("sqlite3 " + store + " \"" + query + "\"");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  std::string village(const std::string& code, const std::string& columns) const {
    return sql("SELECT " + columns + " FROM villages WHERE code='" + code + "'");
  }
  // Runs an import that must fail with exit 1 and leave the store byte-identical; its stderr.
  std::string refused(const std::string& file, const std::string& kind = "village_register") {
    const std::string before = fingerprint(store);
    auto r = import(file, kind);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_EQ(fingerprint(store), before) << "the store changed";
    EXPECT_NE(r.err.find(file), std::string::npos) << r.err;
    return r.err;
  }
};

}  // namespace

TEST(CliVillageRegister, JoinsValuesIntoTheVillagesAndListsUnknownAndMissingCodes) {
  RegisterStore s;
  s.villages();
  write(s.dir / "register.csv", kRegister);
  auto r = s.import("register.csv", "village_register");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The register's values on the villages; a blank cell leaves the village's own value.
  const std::string cols =
      "population, households, out_commuters, demonstration_point, video_platform, "
      "weak_organization, petitions, safety_incidents, illegal_buildings, criminal_cases, "
      "good_leadership";
  EXPECT_EQ(s.village(kA, cols), "1300|400|350|1|1|0|0|0|0|0|95.0\n");
  EXPECT_EQ(s.village(kB, cols), "800|180|20|0|1|1|2|0|1|0|60.5\n");
  EXPECT_EQ(s.village(kC, cols), "500|150|||||||||\n");
  // Kept as its own table without geometry, recorded in rz_imports with its mapping.
  EXPECT_EQ(s.sql("SELECT count(*), count(geom) FROM village_register"), "3|0\n");
  EXPECT_EQ(s.sql("SELECT kind, feature_count, json_extract(field_mapping, '$.video_platform') "
                  "FROM rz_imports WHERE layer='village_register'"),
            "village_register|3|党建视频监管平台\n");
  EXPECT_EQ(s.sql("SELECT json_extract(attrs, '$.备注') FROM village_register WHERE code='" +
                  std::string(kUnknown) + "'"),
            "撤并\n");
  // The terminal lists the unknown code (with its line) and the village the register lacks.
  EXPECT_NE(r.err.find(std::string(kUnknown) + " 新合村 (line 4)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown codes"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(std::string("missing from the register (they keep their own values): ") +
                       kC + " 石丘村"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("2 of 3 village(s)"), std::string::npos) << r.out;
  // Warnings are the layer's problems, as for every import.
  auto info = run_ruralzone("info p.sqlite", s.dir.path().string());
  EXPECT_NE(info.out.find(kUnknown), std::string::npos) << info.out;
}

TEST(CliVillageRegister, DuplicateCodesAreRefusedNamingCodesAndRowsNothingWritten) {
  RegisterStore s;
  s.villages();
  write(s.dir / "dup.csv",
        "村代码,到外村务工\n431024100201,5\n431024100202,6\n431024100201,7\n431024100202,8\n");
  const std::string err = s.refused("dup.csv");
  EXPECT_NE(err.find("duplicate village codes"), std::string::npos) << err;
  EXPECT_NE(err.find("«431024100201» in line 2, line 4"), std::string::npos) << err;
  EXPECT_NE(err.find("«431024100202» in line 3, line 5"), std::string::npos) << err;
  EXPECT_EQ(s.sql("SELECT count(*) FROM rz_layers WHERE name='village_register'"), "0\n");
}

TEST(CliVillageRegister, ALaterRegisterReplacesTheEarlierOnesValues) {
  RegisterStore s;
  s.villages();
  write(s.dir / "first.csv", kRegister);
  ASSERT_EQ(s.import("first.csv", "village_register", "-q").exit_code, 0);
  // The second has no population column and other out-commuters; B blank there.
  write(s.dir / "second.csv",
        "村代码,户数,到外村务工\n431024100201,310,90\n431024100202,,\n431024100203,140,12\n");
  auto r = s.import("second.csv", "village_register");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("taken back"), std::string::npos) << r.out;
  const std::string cols = "population, households, out_commuters, demonstration_point, petitions";
  EXPECT_EQ(s.village(kA, cols), "1200|310|90||\n");  // population: the villages' own again
  EXPECT_EQ(s.village(kB, cols), "800|200|||\n");
  EXPECT_EQ(s.village(kC, cols), "500|140|12||\n");
  EXPECT_EQ(s.sql("SELECT count(*) FROM village_register"), "3\n");
  EXPECT_EQ(s.sql("SELECT count(*) FROM rz_imports WHERE kind='village_register'"), "2\n");
  EXPECT_EQ(r.err.find("missing from the register"), std::string::npos) << r.err;
}

TEST(CliVillageRegister, VillagesImportedAgainGetTheRegisterAgain) {
  RegisterStore s;
  s.villages();
  write(s.dir / "register.csv", kRegister);
  ASSERT_EQ(s.import("register.csv", "village_register", "-q").exit_code, 0);
  write(s.dir / "villages2.geojson", three_villages(1250));
  auto r = s.import("villages2.geojson", "villages");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("was applied to the villages again"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find(kUnknown), std::string::npos) << r.err;  // listed again
  EXPECT_EQ(s.village(kA, "population, households, out_commuters"), "1300|400|350\n");
  EXPECT_EQ(s.village(kB, "population, households, petitions"), "800|180|2\n");
  // A register after that starts from the new villages' own values.
  write(s.dir / "third.csv", "村代码,到外村务工\n431024100201,1\n");
  ASSERT_EQ(s.import("third.csv", "village_register", "-q").exit_code, 0);
  EXPECT_EQ(s.village(kA, "population, households, out_commuters"), "1250|300|1\n");
}

TEST(CliVillageRegister, ReadsGbkCsvAndXlsx) {
  RegisterStore s;
  s.villages();
  write(s.dir / "gbk.csv", rz::import::from_utf8(kRegister, rz::import::Encoding::gb18030));
  auto g = s.import("gbk.csv", "village_register");
  ASSERT_EQ(g.exit_code, 0) << g.err;
  EXPECT_NE(g.out.find("GB18030"), std::string::npos) << g.out;
  EXPECT_EQ(s.village(kA, "out_commuters, demonstration_point"), "350|1\n");
  EXPECT_EQ(s.sql("SELECT name FROM village_register WHERE code='431024100299'"), "新合村\n");

  // XLSX with typed cells (numbers, and the code a number too), as Excel saves it.
  write(s.dir / "utf8.csv", kRegister);
  auto x =
      run_shell("cd " + s.dir.path().string() +
                " && ogr2ogr -f XLSX register.xlsx utf8.csv -oo AUTODETECT_TYPE=YES -nln 台账");
  ASSERT_EQ(x.exit_code, 0) << x.err;
  auto r = s.import("register.xlsx", "village_register");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(s.village(kA, "population, out_commuters, video_platform, good_leadership"),
            "1300|350|1|95.0\n");
  EXPECT_EQ(s.village(kB, "population, petitions, good_leadership"), "800|2|60.5\n");
  EXPECT_NE(r.err.find(std::string(kUnknown) + " 新合村 (row 4)"), std::string::npos) << r.err;
}

TEST(CliVillageRegister, OutOfRangeValuesAreRefusedNamingFileCodeAndField) {
  RegisterStore s;
  s.villages();
  struct Case {
    const char* name;
    std::string text;
    std::vector<std::string> said;
  };
  const std::vector<Case> cases = {
      {"negative.csv",
       "村代码,户籍人口\n431024100201,-5\n",
       {"431024100201", "«户籍人口» (population)", "negative"}},
      {"score.csv",
       "村代码,群众评价\n431024100202,101\n",
       {"431024100202", "«群众评价» (good_evaluation)", "above 100"}},
      {"flag.csv", "村代码,示范点\n431024100202,2\n", {"431024100202", "above 1"}},
      {"word.csv", "村代码,视频监管\n431024100202,也许\n", {"431024100202", "not a number"}},
      {"households.csv",
       "村代码,户籍人口,户数\n431024100201,100,120\n",
       {"431024100201", "more households than people"}},
      // Households from the register, population from the villages layer (丙穴村: 800).
      {"joined.csv",
       "村代码,户数\n431024100202,900\n",
       {"431024100202", "households is 900 (from the register)",
        "population is 800 (from the villages layer)"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    write(s.dir / c.name, c.text);
    const std::string err = s.refused(c.name);
    for (const auto& said : c.said) EXPECT_NE(err.find(said), std::string::npos) << err;
  }
  EXPECT_EQ(s.sql("SELECT count(*) FROM rz_layers WHERE name='village_register'"), "0\n");
  EXPECT_EQ(s.village(kA, "population, households"), "1200|300\n");
}

TEST(CliVillageRegister, ARegisterBeforeAnyVillagesIsRefused) {
  RegisterStore s;
  write(s.dir / "register.csv", kRegister);
  // No store yet: none is left behind.
  auto r = s.import("register.csv", "village_register");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("import the villages first"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(s.store));
  // A store with townships only: left as it was.
  write(
      s.dir / "townships.geojson",
      R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4546"}},"features":[{"type":"Feature","properties":{"乡镇代码":"431024100","乡镇名称":"珠泉镇"},"geometry":{"type":"Polygon","coordinates":[[[540000,2830000],[543000,2830000],[543000,2831000],[540000,2831000],[540000,2830000]]]}}]})");
  ASSERT_EQ(s.import("townships.geojson", "townships", "-q").exit_code, 0);
  const std::string err = s.refused("register.csv");
  EXPECT_NE(err.find("import the villages first"), std::string::npos) << err;
  // Another table name is bad usage: a register is always village_register.
  s.villages();
  auto named = s.import("register.csv", "village_register", "--layer other");
  EXPECT_EQ(named.exit_code, 2) << named.err;
}

// The same table imported as villages: refused, naming the register kind that takes it.
TEST(CliVillageRegister, ATableImportedAsVillagesPointsToTheRegisterKind) {
  RegisterStore s;
  write(s.dir / "register.csv", kRegister);
  auto r = s.import("register.csv", "villages");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("register.csv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--kind village_register"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(s.store));
}

// The sample county's register (data/sample-county/village_register.xlsx): every value the
// sheet has, as GDAL reads it, is on its village after import; its defects are warnings.
TEST(CliVillageRegister, SampleCountyRegisterLandsOnItsVillages) {
  ScratchDir dir;
  auto v =
      run_ruralzone("import " + sample_file("villages.shp") + " --kind villages -s p.sqlite -q",
                    dir.path().string());
  ASSERT_EQ(v.exit_code, 0) << v.err;
  auto r = run_ruralzone(
      "import " + sample_file("village_register.xlsx") + " --kind village_register -s p.sqlite",
      dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("unknown codes"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 village(s) of villages are missing from the register"), std::string::npos)
      << r.err;
  // The sheet as GDAL reads it, apart from ruralzone: code -> its cells.
  auto sheet = run_shell("OGR_XLSX_HEADERS=FORCE ogr2ogr -f CSV /vsistdout/ " +
                         sample_file("village_register.xlsx"));
  ASSERT_EQ(sheet.exit_code, 0) << sheet.err;
  std::istringstream lines(sheet.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_NE(line.find("到外村务工"), std::string::npos) << line;
  const std::string store = dir / "p.sqlite";
  auto stored = run_shell(
      "sqlite3 -separator , " + store +
      " \"SELECT code, name, out_commuters, demonstration_point, video_platform, "
      "weak_organization, petitions, safety_incidents, illegal_buildings, criminal_cases FROM "
      "villages\"");
  std::map<std::string, std::string> by_code;
  {
    std::istringstream in(stored.out);
    while (std::getline(in, line)) by_code[line.substr(0, 12)] = line;
  }
  int joined = 0, demonstration = 0;
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::istringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');)
      cells.push_back(cell.size() >= 2 && cell.front() == '"' ? cell.substr(1, cell.size() - 2)
                                                              : cell);
    ASSERT_EQ(cells.size(), 11u) << line;
    auto it = by_code.find(cells[0]);
    if (it == by_code.end()) continue;  // the unknown code
    auto yes = [](const std::string& w) { return w == "是" ? "1" : "0"; };
    const std::string expected = cells[0] + "," + cells[1] + "," + cells[3] + "," + yes(cells[4]) +
                                 "," + yes(cells[5]) + "," + cells[6] + "," + cells[7] + "," +
                                 cells[8] + "," + cells[9] + "," + cells[10];
    EXPECT_EQ(it->second, expected);
    ++joined;
    demonstration += cells[4] == "是";
  }
  EXPECT_EQ(joined, 200);
  // About 15 % are demonstration points, the zone's 13 among them.
  EXPECT_GE(demonstration, 24);
  EXPECT_LE(demonstration, 40);
  auto zone_points =
      run_shell("sqlite3 " + store +
                " \"SELECT count(*) FROM villages WHERE demonstration_point=1\" && cut -d, -f2 " +
                sample_file("zone_1plus12.csv"));
  ASSERT_EQ(zone_points.exit_code, 0);
  std::istringstream zone(zone_points.out);
  std::getline(zone, line);
  std::getline(zone, line);  // the header
  int members = 0;
  while (std::getline(zone, line)) {
    ++members;
    EXPECT_EQ(run_shell("sqlite3 " + store +
                        " \"SELECT demonstration_point FROM villages WHERE code='" + line + "'\"")
                  .out,
              "1\n")
        << line;
  }
  EXPECT_EQ(members, 13);
}
