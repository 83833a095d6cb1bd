// CLI tests of the data that must never be destroyed (issue 16, items 1-3): a --store that is
// not a ruralzone store (a user's GeoPackage, another SQLite database, a file that is not SQLite)
// or that is an import's own source is refused and left byte-identical; an export replaces only
// earlier ruralzone outputs unless --overwrite; the temporaries of killed exports and runs are
// removed by the next one when their process is gone, and nothing else is.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "cli/import_fixture.hpp"
#include "export/staging.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using rz::test::file_sha256;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::ScratchDir;
using rz::test::write;

namespace {

// A PNG's first bytes: a file that is not SQLite.
const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(64, 'x');

struct Folder {
  ScratchDir dir;
  std::string at(const std::string& name) const { return dir / name; }
  rz::test::CommandResult rz(const std::string& args) const {
    return run_ruralzone(args, dir.path().string());
  }
  void villages() const { write(at("v.geojson"), rz::test::villages_geojson()); }
  // A user's own GeoPackage, made by GDAL from the villages.
  void user_geopackage(const std::string& name) const {
    villages();
    auto r = run_shell("cd '" + dir.path().string() + "' && ogr2ogr -f GPKG " + name +
                       " v.geojson -nln mine");
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  void store(const std::string& name = "p.sqlite") const {
    villages();
    auto r = rz("import v.geojson --kind villages -s " + name + " -q");
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::set<std::string> list(const std::string& sub = ".") const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir.path() / sub))
      out.insert(e.path().filename().string());
    return out;
  }
};

// The pid of a process that has ended (and was reaped).
long dead_pid() {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return static_cast<long>(pid);
}

void expect_names(const std::string& err, const std::string& file, const std::string& cause) {
  EXPECT_NE(err.find(file), std::string::npos) << "does not name " << file << ": " << err;
  EXPECT_NE(err.find(cause), std::string::npos) << "does not say «" << cause << "»: " << err;
}

}  // namespace

TEST(CliStoreSafety, ImportIntoAUserGeoPackageIsRefusedAndLeavesItByteIdentical) {
  Folder f;
  f.user_geopackage("mine.gpkg");
  const std::string before = file_sha256(f.at("mine.gpkg"));
  auto r = f.rz("import v.geojson --kind villages --store mine.gpkg");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  expect_names(r.err, "mine.gpkg", "not a ruralzone store");
  expect_names(r.err, "mine.gpkg", "GeoPackage");
  EXPECT_EQ(file_sha256(f.at("mine.gpkg")), before);
  // Readers and analyses say the same, and change nothing either.
  for (const char* command : {"info -s mine.gpkg", "export -s mine.gpkg -o out.gpkg",
                              "grids -s mine.gpkg", "reach -s mine.gpkg --no-roads"}) {
    SCOPED_TRACE(command);
    auto c = f.rz(command);
    EXPECT_EQ(c.exit_code, 1) << c.out << c.err;
    expect_names(c.err, "mine.gpkg", "not a ruralzone store");
    EXPECT_EQ(file_sha256(f.at("mine.gpkg")), before);
  }
  EXPECT_FALSE(fs::exists(f.at("out.gpkg")));
}

TEST(CliStoreSafety, StoresThatAreNoSQLiteOrAnotherDatabaseAreRefused) {
  Folder f;
  f.villages();
  write(f.at("picture.sqlite"), kPng);
  auto png = f.rz("import v.geojson --kind villages -s picture.sqlite");
  EXPECT_EQ(png.exit_code, 1) << png.err;
  expect_names(png.err, "picture.sqlite", "not an SQLite database");
  EXPECT_EQ(rz::test::read_file(f.at("picture.sqlite")), kPng);

  auto made = run_shell("sqlite3 '" + f.at("other.db") +
                        "' \"CREATE TABLE t(a); INSERT INTO t VALUES (1);\"");
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string before = file_sha256(f.at("other.db"));
  auto other = f.rz("import v.geojson --kind villages -s other.db");
  EXPECT_EQ(other.exit_code, 1) << other.err;
  expect_names(other.err, "other.db", "SQLite database without ruralzone's tables");
  EXPECT_EQ(file_sha256(f.at("other.db")), before);
  auto info = f.rz("info -s other.db");
  EXPECT_EQ(info.exit_code, 1);
  expect_names(info.err, "other.db", "not a ruralzone store");

  // An empty file is no store to read, but import may make one of it.
  write(f.at("empty.sqlite"), "");
  auto empty_info = f.rz("info -s empty.sqlite");
  EXPECT_EQ(empty_info.exit_code, 1) << empty_info.err;
  expect_names(empty_info.err, "empty.sqlite", "not a ruralzone store");
  auto into_empty = f.rz("import v.geojson --kind villages -s empty.sqlite -q");
  EXPECT_EQ(into_empty.exit_code, 0) << into_empty.err;
  EXPECT_EQ(f.rz("info -s empty.sqlite").exit_code, 0);
  // And a ruralzone store keeps taking imports.
  EXPECT_EQ(f.rz("import v.geojson --kind villages -l again -s empty.sqlite -q").exit_code, 0);
}

TEST(CliStoreSafety, AStoreThatIsTheInputIsRefused) {
  Folder f;
  f.user_geopackage("mine.gpkg");
  const std::string before = file_sha256(f.at("mine.gpkg"));
  auto same = f.rz("import mine.gpkg --kind villages --store mine.gpkg");
  EXPECT_NE(same.exit_code, 0);
  expect_names(same.err, "mine.gpkg", "is the input");
  EXPECT_EQ(file_sha256(f.at("mine.gpkg")), before);
  // Through another spelling of the path, and through a symbolic link.
  fs::create_symlink(f.at("mine.gpkg"), f.at("link.gpkg"));
  for (const char* store : {"./mine.gpkg", "link.gpkg"}) {
    auto r = f.rz(std::string("import mine.gpkg --kind villages --store ") + store);
    EXPECT_NE(r.exit_code, 0) << store;
    expect_names(r.err, store, "is the input");
  }
  EXPECT_EQ(file_sha256(f.at("mine.gpkg")), before);

  // A part of the shapefile being imported.
  auto shp = run_shell("cd '" + f.dir.path().string() + "' && ogr2ogr v.shp v.geojson");
  ASSERT_EQ(shp.exit_code, 0) << shp.err;
  std::map<std::string, std::string> parts;
  for (const char* ext : {".shp", ".shx", ".dbf", ".prj"})
    parts[ext] = file_sha256(f.at("v") + ext);
  for (const char* store : {"v.dbf", "v.shx", "v.prj", "v.cpg", "v.DBF"}) {
    auto r = f.rz(std::string("import v.shp --kind villages --store ") + store);
    EXPECT_NE(r.exit_code, 0) << store;
    expect_names(r.err, store, "part of the shapefile");
  }
  for (const auto& [ext, sha] : parts) EXPECT_EQ(file_sha256(f.at("v") + ext), sha) << ext;
  EXPECT_FALSE(fs::exists(f.at("v.cpg")));

  // Inside an input that is a folder (a FileGDB .gdb, or a folder of shapefiles).
  fs::create_directory(f.at("data.gdb"));
  fs::copy_file(f.at("v.shp"), f.at("data.gdb/v.shp"));
  fs::copy_file(f.at("v.shx"), f.at("data.gdb/v.shx"));
  fs::copy_file(f.at("v.dbf"), f.at("data.gdb/v.dbf"));
  auto inside = f.rz("import data.gdb --kind villages --store data.gdb/p.sqlite");
  EXPECT_NE(inside.exit_code, 0);
  expect_names(inside.err, "data.gdb", "inside the input folder");
  EXPECT_FALSE(fs::exists(f.at("data.gdb/p.sqlite")));
}

TEST(CliStoreSafety, RunRefusesAProjectStoreThatIsNotOneAndASourceThatIsTheStore) {
  Folder f;
  f.villages();
  write(f.at("p.toml"),
        "[project]\nname = \"t\"\n[[layer]]\nkind = \"villages\"\n"
        "source = \"v.geojson\"\n");
  fs::create_directory(f.at("out"));
  write(f.at("out/project.sqlite"), kPng);
  auto r = f.rz("run p.toml --out out -q");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  expect_names(r.err, "out/project.sqlite", "not a ruralzone store");
  EXPECT_NE(r.err.find("--overwrite"), std::string::npos) << r.err;
  EXPECT_EQ(rz::test::read_file(f.at("out/project.sqlite")), kPng);
  EXPECT_EQ(f.list("out"), (std::set<std::string>{"project.sqlite"}));
  auto o = f.rz("run p.toml --out out -q --overwrite");
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(f.rz("info -s out/project.sqlite").exit_code, 0);
  // Runs again over its own outputs without --overwrite.
  auto again = f.rz("run p.toml --out out -q");
  EXPECT_EQ(again.exit_code, 0) << again.err;

  // A layer whose source is the store run would replace.
  write(f.at("self.toml"),
        "[project]\nname = \"t\"\n[[layer]]\nkind = \"villages\"\n"
        "source = \"out/project.sqlite\"\nsource_layer = \"villages\"\n");
  const std::string before = file_sha256(f.at("out/project.sqlite"));
  auto self = f.rz("run self.toml --out out -q");
  EXPECT_NE(self.exit_code, 0);
  expect_names(self.err, "out/project.sqlite", "is the input");
  EXPECT_EQ(file_sha256(f.at("out/project.sqlite")), before);
}

TEST(CliStoreSafety, ExportReplacesOnlyEarlierOutputsUnlessOverwrite) {
  Folder f;
  f.store();
  // A PNG named .gpkg.
  write(f.at("out.gpkg"), kPng);
  auto r = f.rz("export -s p.sqlite -o out.gpkg -q");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  expect_names(r.err, "out.gpkg", "not a previous ruralzone output");
  EXPECT_NE(r.err.find("--overwrite"), std::string::npos) << r.err;
  EXPECT_EQ(rz::test::read_file(f.at("out.gpkg")), kPng);
  auto o = f.rz("export -s p.sqlite -o out.gpkg -q --overwrite");
  ASSERT_EQ(o.exit_code, 0) << o.err;
  EXPECT_NE(rz::test::read_file(f.at("out.gpkg")), kPng);
  // Its own earlier output is replaced without --overwrite, again and again.
  for (int i = 0; i < 2; ++i) {
    auto again = f.rz("export -s p.sqlite -o out.gpkg -q");
    EXPECT_EQ(again.exit_code, 0) << again.err;
  }
  // Once changed since (edited, or replaced by another file of the name), it is the user's.
  fs::last_write_time(f.at("out.gpkg"),
                      fs::last_write_time(f.at("out.gpkg")) - std::chrono::hours(1));
  auto changed = f.rz("export -s p.sqlite -o out.gpkg -q");
  EXPECT_EQ(changed.exit_code, 1) << changed.err;
  expect_names(changed.err, "out.gpkg", "not a previous ruralzone output");

  // A user's own GeoPackage.
  f.user_geopackage("mine.gpkg");
  const std::string mine = file_sha256(f.at("mine.gpkg"));
  auto user = f.rz("export -s p.sqlite -o mine.gpkg -q");
  EXPECT_EQ(user.exit_code, 1) << user.err;
  EXPECT_EQ(file_sha256(f.at("mine.gpkg")), mine);

  // One file per layer: a user's villages.geojson in the folder is kept, then replaced on request.
  fs::create_directory(f.at("gj"));
  write(f.at("gj/villages.geojson"), "{\"mine\": true}");
  auto gj = f.rz("export -s p.sqlite -f geojson -o gj -q");
  EXPECT_EQ(gj.exit_code, 1) << gj.err;
  expect_names(gj.err, "villages.geojson", "not a previous ruralzone output");
  EXPECT_EQ(rz::test::read_file(f.at("gj/villages.geojson")), "{\"mine\": true}");
  EXPECT_EQ(f.list("gj"), (std::set<std::string>{"villages.geojson"}));
  EXPECT_EQ(f.rz("export -s p.sqlite -f geojson -o gj -q --overwrite").exit_code, 0);
  EXPECT_EQ(f.rz("export -s p.sqlite -f geojson -o gj -q").exit_code, 0);
  // Shapefiles: each part counts.
  EXPECT_EQ(f.rz("export -s p.sqlite -f shp -o shp -q").exit_code, 0);
  EXPECT_EQ(f.rz("export -s p.sqlite -f shp -o shp -q").exit_code, 0);
  write(f.at("shp/villages.prj"), "my own projection");
  auto shp = f.rz("export -s p.sqlite -f shp -o shp -q");
  EXPECT_EQ(shp.exit_code, 1) << shp.err;
  expect_names(shp.err, "villages.prj", "not a previous ruralzone output");

  // The store itself is never an output.
  const std::string store = file_sha256(f.at("p.sqlite"));
  for (const char* flags : {"", " --overwrite"}) {
    auto self = f.rz(std::string("export -s p.sqlite -o p.sqlite -q") + flags);
    EXPECT_EQ(self.exit_code, 2) << self.err;
    expect_names(self.err, "p.sqlite", "is the store being exported");
  }
  EXPECT_EQ(file_sha256(f.at("p.sqlite")), store);
}

TEST(CliStoreSafety, StaleTemporariesOfDeadProcessesAreRemovedAndNothingElse) {
  Folder f;
  f.store();
  fs::create_directory(f.at("out"));
  const long dead = dead_pid(), live = static_cast<long>(::getpid());
  const std::string d = std::to_string(dead), l = std::to_string(live);
  const std::vector<std::string> stale = {
      ".ruralzone.tmp-" + d + ".gpkg", ".ruralzone.tmp-" + d + ".gpkg-journal",
      ".villages.tmp-" + d + ".shp",   ".villages.tmp-" + d + ".fields.csv",
      ".project.sqlite.tmp-" + d,      ".project.sqlite.tmp-" + d + "-journal"};
  const std::vector<std::string> kept = {".ruralzone.tmp-" + l + ".gpkg",      // a live process's
                                         ".project.sqlite.tmp-" + l,           // a live process's
                                         ".notes.tmp-" + d + ".txt",           // no suffix of ours
                                         "ruralzone.tmp-" + d + ".gpkg",       // not hidden
                                         ".ruralzone.tmp-" + d + "x.gpkg",     // not a pid
                                         ".project.sqlite.tmp-" + d + ".bak",  // not a journal
                                         ".ruralzone.tmp-.gpkg",               // no pid
                                         "villages.geojson"};
  for (const auto& name : stale) write(f.at("out/" + name), "left by a killed export");
  for (const auto& name : kept) write(f.at("out/" + name), "not stale");
  fs::create_directory(f.at("out/.sub.tmp-" + d + ".gpkg"));  // a folder: never removed

  auto r = f.rz("export -s p.sqlite -o out/ruralzone.gpkg");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("note: removed 4 temporary files"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(".ruralzone.tmp-" + d + ".gpkg-journal"), std::string::npos) << r.out;
  auto names = f.list("out");
  for (const auto& name : kept) EXPECT_TRUE(names.count(name)) << name;
  EXPECT_TRUE(names.count(".sub.tmp-" + d + ".gpkg"));
  EXPECT_TRUE(names.count("ruralzone.gpkg"));
  for (const auto& name : {stale[0], stale[1], stale[2], stale[3]})
    EXPECT_FALSE(names.count(name)) << name;
  EXPECT_TRUE(names.count(stale[4])) << "export must leave run's temporaries to run";

  // run removes its own kind.
  write(f.at("p.toml"),
        "[project]\nname = \"t\"\n[[layer]]\nkind = \"villages\"\n"
        "source = \"v.geojson\"\n");
  auto run = f.rz("run p.toml --out out");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("note: removed 2 temporary files that an interrupted run left"),
            std::string::npos)
      << run.out;
  names = f.list("out");
  for (const auto& name : kept) EXPECT_TRUE(names.count(name)) << name;
  EXPECT_FALSE(names.count(stale[4]));
  EXPECT_FALSE(names.count(stale[5]));
}

TEST(CliStoreSafety, ExportTemporaryPattern) {
  using rz::exporting::export_temporary_pid;
  EXPECT_EQ(export_temporary_pid(".villages.tmp-123.shp"), 123);
  EXPECT_EQ(export_temporary_pid(".my.out.tmp-9.gpkg-wal"), 9);
  EXPECT_EQ(export_temporary_pid(".roads.tmp-77.fields.csv"), 77);
  EXPECT_EQ(export_temporary_pid(".ruralzone-outputs.tmp-5.json"), 5);
  // The report's, the web map's and the printed maps' files.
  EXPECT_EQ(export_temporary_pid(".ruralzone-report.tmp-42.html"), 42);
  EXPECT_EQ(export_temporary_pid(".ruralzone-report-pdf.tmp-42.pdf"), 42);
  EXPECT_EQ(export_temporary_pid(".map-grid-coverage.tmp-8.png"), 8);
  for (const char* other : {"villages.tmp-123.shp", ".villages.tmp-123.tif", ".villages.tmp-.shp",
                            ".villages.tmp-12a.shp", ".villages.tmp-123", ".tmp-123.shp",
                            ".v.tmp-1234567890.shp", ".villages.shp"})
    EXPECT_EQ(export_temporary_pid(other), std::nullopt) << other;
}
