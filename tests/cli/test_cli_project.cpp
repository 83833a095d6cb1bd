// CLI tests of the project file: field mapping overrides, and mistakes in the file itself, which
// are bad usage (exit 2) naming the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace fs = std::filesystem;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::ScratchDir;

namespace {

// Villages whose fields no synonym knows: BM (bianma, code) and XM (xingming/name, here the name).
constexpr const char* kOddVillages = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"BM":"431024100201","XM":"晋屏村","RK":1200},"geometry":{"type":"Polygon","coordinates":[[[112.40,25.60],[112.41,25.60],[112.41,25.61],[112.40,25.61],[112.40,25.60]]]}}]})";

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

}  // namespace

TEST(CliProject, FieldOverridesFromTheProjectFile) {
  ScratchDir dir;
  write(dir.path() / "v.geojson", kOddVillages);
  write(dir.path() / "p.toml",
        "[project]\nname = \"覆盖\"\n[[layer]]\nkind = \"villages\"\nsource = \"v.geojson\"\n"
        "[layer.fields]\ncode = \"BM\"\nname = \"XM\"\n");
  auto r = run_ruralzone("run p.toml --out out", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("BM"), std::string::npos) << r.out;  // the mapping is printed
  auto q = run_shell("sqlite3 " + (dir / "out/project.sqlite") +
                     " \"SELECT code, name, population FROM villages; SELECT json_extract("
                     "field_mapping, '$.code') FROM rz_imports\"");
  EXPECT_EQ(q.out, "431024100201|晋屏村|1200\nBM\n");

  // Without the overrides the required code is missing: exit 1, listing what was found.
  write(dir.path() / "bare.toml", "[[layer]]\nkind = \"villages\"\nsource = \"v.geojson\"\n");
  auto bare = run_ruralzone("run bare.toml --out out2 -q", dir.path().string());
  EXPECT_EQ(bare.exit_code, 1) << bare.err;
  EXPECT_NE(bare.err.find("BM, XM, RK"), std::string::npos) << bare.err;
}

TEST(CliProject, MistakesInTheProjectFileAreUsageErrors) {
  ScratchDir dir;
  write(dir.path() / "v.geojson", kOddVillages);
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {
           Case{"[[layer]]\nkind = \"villages\"\nsorce = \"v.geojson\"\n", "sorce"},
           Case{"[[layer]]\nkind = \"hamlets\"\nsource = \"v.geojson\"\n", "hamlets"},
           Case{"[project]\nname = \"x\"\n", "no [[layer]]"},
           Case{"[export]\nformats = [\"kml\"]\n[[layer]]\nkind = \"villages\"\nsource = "
                "\"v.geojson\"\n",
                "kml"},
           Case{"[[layer]]\nkind = \"villages\"\nsource = \"v.geojson\"\ncoords = \"mars\"\n",
                "mars"},
           Case{"[[layer]]\nkind = \"villages\"\nsource = \"v.geojson\"\n[layer.fields]\n"
                "cod = \"BM\"\n",
                "cod"},
       }) {
    SCOPED_TRACE(c.text);
    write(dir.path() / "p.toml", c.text);
    auto r = run_ruralzone("run p.toml --out out -q", dir.path().string());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("p.toml"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.path() / "out/project.sqlite"));
  }
}
