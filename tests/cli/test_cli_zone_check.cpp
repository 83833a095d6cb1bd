// ruralzone zone check on the sample county: the zone's deliberate defects (data/sample-county/
// README.md: two villages without a 村级综合服务站, three short of the 十好) found; `ruralzone zone
// --help` lists check; bad zone layouts: exit 1, a message naming the file, zone and village
// code, and the store left byte-identical.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

using rz::test::file_sha256;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::sample_file;
using rz::test::ScratchDir;

namespace {

std::string sql(const std::string& store, const std::string& query) {
  auto q = run_shell("spatialite -silent " + store + " \"" + query + "\"");
  EXPECT_EQ(q.exit_code, 0) << q.err;
  return q.out;
}

class CliZoneCheck : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    auto r = run_ruralzone("run " + sample_file("project.toml") + " --out out -q",
                           dir_->path().string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    store_ = (dir_->path() / "out/project.sqlite").string();
  }
  static void TearDownTestSuite() { delete dir_; }
  static ScratchDir* dir_;
  static std::string store_;
};
ScratchDir* CliZoneCheck::dir_ = nullptr;
std::string CliZoneCheck::store_;

}  // namespace

TEST_F(CliZoneCheck, ZoneHelpListsCheck) {
  auto r = run_ruralzone("zone --help");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("check"), std::string::npos) << r.out;
  auto none = run_ruralzone("zone");
  EXPECT_EQ(none.exit_code, 2);
}

TEST_F(CliZoneCheck, SampleZoneShowsTheReadmeDefects) {
  auto r = run_ruralzone("zone check -s " + store_, dir_->path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("FAIL A village service station in every village: 11 of 13 (required: "
                       "every village (100 %)): "),
            std::string::npos)
      << r.out;
  EXPECT_EQ(
      sql(store_, "SELECT failing_codes FROM zone_checks WHERE \\\"check\\\" = 'service_station'"),
      "431024100244,431024110207\n");
  EXPECT_EQ(sql(store_, "SELECT failing_codes FROM zone_checks WHERE \\\"check\\\" = 'ten_good'"),
            "431024100244,431024108216,431024110206\n");
  // The members: the 13 villages of the CSV, the core first; stations equal the facilities.
  EXPECT_EQ(sql(store_, "SELECT count(*), sum(role = '核心村') FROM zone_members"), "13|1\n");
  EXPECT_EQ(sql(store_,
                "SELECT count(*) FROM zone_members m WHERE station != (SELECT count(*) > 0 FROM "
                "facilities f WHERE f.category = 'village_service_station' AND f.village_code = "
                "m.village_code)"),
            "0\n");
  EXPECT_EQ(sql(store_, "SELECT pass FROM zone_checks WHERE \\\"check\\\" = 'linked_in_series'"),
            "1\n");
}

TEST_F(CliZoneCheck, BadLayoutsAreErrorsAndWriteNothing) {
  struct Case {
    std::string rows, message;
  };
  const std::vector<Case> cases = {
      {"Z,431024103224,张家村,核心村\nZ,431024100226,爻山村,示范点\nZ,431024100226,爻山村,示范点\n",
       "431024100226 listed twice"},
      {"Z,431024103224,张家村,核心村\n", "no members"},
      {"Z,431024999999,无村,核心村\nZ,431024100226,爻山村,示范点\n",
       "the core 431024999999 (无村) is not a village of the project"},
      {"Z,431024103224,张家村,核心村\nZ,431024999998,甲,示范点\nZ,431024999997,乙,示范点\n",
       "2 unknown village codes: 431024999998 (row 2), 431024999997 (row 3)"},
  };
  int i = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.message);
    ScratchDir dir;
    std::filesystem::copy_file(store_, dir / "p.sqlite");
    const std::string csv = "zone" + std::to_string(++i) + ".csv";
    std::ofstream(dir / csv) << "示范区,村代码,村名,角色\n" << c.rows;
    auto imported =
        run_ruralzone("import " + csv + " --kind zones -s p.sqlite -q", dir.path().string());
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const auto before = file_sha256(dir / "p.sqlite");
    auto r = run_ruralzone("zone check -s p.sqlite", dir.path().string());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(csv), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("zone «Z»"), std::string::npos) << r.err;
    EXPECT_EQ(file_sha256(dir / "p.sqlite"), before);
  }
}
