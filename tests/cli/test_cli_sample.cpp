// CLI tests on the committed sample county: the files planners really bring (a GBK shapefile with
// no .cpg, a GCJ-02 household CSV, GeoJSON, GeoPackage), the main job, and Chinese names that
// must come back byte-identical from every export format. Village names are checked against the
// real county's list in data/reference, which the sample was built from.
#include <gtest/gtest.h>

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

// Splits "a|b\n" lines (sqlite3's default output, or a two-column CSV) into a map.
std::map<std::string, std::string> pairs(const std::string& text, char sep) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto cut = line.find(sep);
    if (cut == std::string::npos) continue;
    std::string key = line.substr(0, cut);
    if (key.size() >= 2 && key.front() == '"' && key.back() == '"')
      key = key.substr(1, key.size() - 2);
    out[key] = line.substr(cut + 1);
  }
  return out;
}

// code -> name of every village of the real county (UTF-8 CSV with a header).
std::map<std::string, std::string> reference_villages() {
  std::ifstream in(source_dir() + "/data/reference/jiahe-431024/villages.csv");
  std::map<std::string, std::string> out;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::string code, name;
    std::getline(row, code, ',');
    std::getline(row, name, ',');
    out[code] = name;
  }
  return out;
}

// code -> name of the villages in the store.
std::map<std::string, std::string> store_villages(const std::string& store) {
  auto q = run_shell("sqlite3 " + store + " \"SELECT code, name FROM villages\"");
  EXPECT_EQ(q.exit_code, 0) << q.err;
  return pairs(q.out, '|');
}

// code -> name as GDAL reads them from an exported file (any format it reads).
std::map<std::string, std::string> exported_villages(const std::string& path,
                                                     const std::string& layer = "villages") {
  auto q =
      run_shell("ogr2ogr -f CSV /vsistdout/ '" + path + "' " + layer + " -select code,name 2>&1");
  EXPECT_EQ(q.exit_code, 0) << q.out;
  auto out = pairs(q.out, ',');
  out.erase("code");  // the header
  return out;
}

void copy_villages_shapefile(const ScratchDir& dir) {
  for (const char* ext : {"shp", "shx", "dbf", "prj"})
    fs::copy_file(sample_file(std::string("villages.") + ext),
                  dir.path() / (std::string("villages.") + ext));
}

void set_dbf_code_page_byte(const std::string& dbf, unsigned char ldid) {
  std::fstream f(dbf, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(29);
  f.put(static_cast<char>(ldid));
}

}  // namespace

// GDAL 3.6 passes GBK bytes through when the .dbf code-page byte is 0 and decodes them as Latin-1
// when it is 87 (0x57, what GDAL and QGIS write): both look like text. 77 (0x4D) is the honest
// CP936 mark. The import must give the right names in all three cases, without a .cpg.
TEST(CliSample, GbkShapefileWithoutCpgWhateverTheCodePageByteSays) {
  const auto reference = reference_villages();
  for (int ldid : {0x00, 0x57, 0x4D}) {
    SCOPED_TRACE("code-page byte " + std::to_string(ldid));
    ScratchDir dir;
    copy_villages_shapefile(dir);
    set_dbf_code_page_byte(dir / "villages.dbf", static_cast<unsigned char>(ldid));
    ASSERT_FALSE(fs::exists(dir / "villages.cpg"));
    std::string before = file_sha256(dir / "villages.dbf");
    auto r =
        run_ruralzone("import villages.shp --kind villages --store p.sqlite", dir.path().string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("encoding: GB18030 (detected)"), std::string::npos) << r.out;
    EXPECT_EQ(file_sha256(dir / "villages.dbf"), before);
    auto got = store_villages(dir / "p.sqlite");
    ASSERT_EQ(got.size(), 201u);
    for (const auto& [code, name] : got) {
      ASSERT_TRUE(reference.count(code)) << code;
      EXPECT_EQ(name, reference.at(code)) << code;
    }
  }
}

TEST(CliSample, EncodingOptionOverridesDetection) {
  ScratchDir dir;
  copy_villages_shapefile(dir);
  // Read as UTF-8, GBK bytes are not valid: a clear error naming the file, nothing stored.
  auto bad = run_ruralzone("import villages.shp --kind villages --store p.sqlite --encoding utf-8",
                           dir.path().string());
  EXPECT_EQ(bad.exit_code, 1) << bad.err;
  EXPECT_NE(bad.err.find("villages.shp"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("UTF-8"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(dir / "p.sqlite"));
  auto ok = run_ruralzone("import villages.shp --kind villages --store p.sqlite --encoding gbk -q",
                          dir.path().string());
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(store_villages(dir / "p.sqlite").at("431024100001"), "晋屏居委会");
}

// The households are inside their own village in WGS84 (sample README); their CSV holds GCJ-02.
// Checked with SpatiaLite SQL, independently of ruralzone's own point-in-polygon.
TEST(CliSample, Gcj02HouseholdsLandInTheirVillagesOnlyWhenConverted) {
  ScratchDir dir;
  auto v = run_ruralzone(
      "import " + sample_file("villages.shp") + " --kind villages --store p.sqlite -q",
      dir.path().string());
  ASSERT_EQ(v.exit_code, 0) << v.err;
  auto outside_own_village = [&](const std::string& store) {
    auto q = run_shell("spatialite -silent " + store +
                       " \"SELECT count(*) FROM households h JOIN villages v ON v.code = "
                       "h.village_code WHERE NOT ST_Within(h.geom, v.geom)\"");
    EXPECT_EQ(q.exit_code, 0) << q.err;
    return std::stol(q.out);
  };
  fs::copy_file(dir / "p.sqlite", dir / "raw.sqlite");
  auto h = run_ruralzone("import " + sample_file("households.csv") +
                             " --kind households --store p.sqlite --coords gcj02",
                         dir.path().string());
  ASSERT_EQ(h.exit_code, 0) << h.err;
  EXPECT_EQ(h.err.find("outside every village"), std::string::npos) << h.err;
  EXPECT_EQ(outside_own_village(dir / "p.sqlite"), 0);
  auto count = run_shell("sqlite3 " + (dir / "p.sqlite") + " \"SELECT count(*) FROM households\"");
  EXPECT_EQ(count.out, "40001\n");

  // Taken as plain WGS84 the same points sit ~500 m off: many fall outside their village.
  auto raw = run_ruralzone(
      "import " + sample_file("households.csv") + " --kind households --store raw.sqlite -q",
      dir.path().string());
  ASSERT_EQ(raw.exit_code, 0) << raw.err;
  EXPECT_GT(outside_own_village(dir / "raw.sqlite"), 2000);
}

// The main job, then every export format: village names byte-identical to the reference list.
TEST(CliSample, MainJobAndEveryExportKeepChineseNames) {
  ScratchDir dir;
  auto run =
      run_ruralzone("run " + sample_file("project.toml") + " --out out -q", dir.path().string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string store = dir / "out/project.sqlite";
  ASSERT_TRUE(fs::exists(store));
  ASSERT_TRUE(fs::exists(dir / "out/ruralzone.gpkg"));
  for (const auto& entry : fs::directory_iterator(dir / "out"))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();

  auto info = run_ruralzone("info " + store + " --json");
  ASSERT_EQ(info.exit_code, 0) << info.err;
  for (const char* kind :
       {"townships", "villages", "grids", "households", "facilities", "roads", "zones"})
    EXPECT_NE(info.out.find(std::string("\"") + kind + "\""), std::string::npos) << kind;

  const auto reference = reference_villages();
  auto expect_reference_names = [&](const std::map<std::string, std::string>& got) {
    ASSERT_EQ(got.size(), 201u);
    for (const auto& [code, name] : got) {
      ASSERT_TRUE(reference.count(code)) << code;
      EXPECT_EQ(name, reference.at(code)) << code;
    }
  };
  expect_reference_names(store_villages(store));
  expect_reference_names(exported_villages(dir / "out/ruralzone.gpkg"));

  struct Case {
    const char* format;
    const char* output;
    const char* read;
    const char* extra;
  };
  for (const Case& c :
       {Case{"geojson", "gj", "gj/villages.geojson", ""},
        Case{"shp", "shp", "shp/villages.shp", ""},
        Case{"shp", "shpgbk", "shpgbk/villages.shp", "--shp-encoding GBK"},
        Case{"csv", "csv", "csv/villages.csv", ""}, Case{"xlsx", "all.xlsx", "all.xlsx", ""}}) {
    SCOPED_TRACE(std::string(c.format) + " " + c.extra);
    auto r = run_ruralzone(std::string("export ") + store + " -l villages -q -f " + c.format +
                               " -o " + c.output + " " + c.extra,
                           dir.path().string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_reference_names(exported_villages(dir / c.read));
  }
  EXPECT_EQ(rz::test::read_file(dir / "shpgbk/villages.cpg"), "936");
}

// A project file whose layer cannot be read: exit 1 naming the file, and no store left behind.
TEST(CliSample, RunWithABrokenLayerLeavesNoStore) {
  ScratchDir dir;
  std::ofstream(dir / "project.toml")
      << "[project]\nname = \"坏\"\n"
      << "[[layer]]\nkind = \"villages\"\nsource = \"" + sample_file("villages.shp") + "\"\n"
      << "[[layer]]\nkind = \"households\"\nsource = \"nope.csv\"\n";
  auto r = run_ruralzone("run project.toml --out out -q", dir.path().string());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("nope.csv"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out/project.sqlite"));
  // And a project file that is not TOML is bad usage.
  std::ofstream(dir / "bad.toml") << "[[layer]\nkind=";
  auto u = run_ruralzone("run bad.toml --out out -q", dir.path().string());
  EXPECT_EQ(u.exit_code, 2) << u.err;
  EXPECT_NE(u.err.find("bad.toml"), std::string::npos) << u.err;
}
