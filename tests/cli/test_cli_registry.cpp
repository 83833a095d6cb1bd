// The commands as users meet them, looped over the command list and the analysis registry (not
// listed by hand): --help and a man page for every command, each declared setting in both with
// its default; the result layers each analysis declares are the layers it writes; the main job
// names what it skips; the executable links the libraries it uses.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "analysis/registry.hpp"
#include "app/command.hpp"
#include "app/setting_options.hpp"
#include "geo/spatialite_metadata.hpp"
#include "geo/sqlite.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::sample_file;
using rz::test::ScratchDir;

namespace {

// The command-line spellings of a setting, as its help shows them.
std::string option_of(const rz::analysis::Setting& s) {
  const std::string name =
      s.type == rz::analysis::SettingType::boolean ? s.flag_name() : s.option_name();
  if (name.empty()) return "";
  return (name.size() == 1 ? "-" : "--") + name;
}

// The man page as man(1) renders it, in plain text, without hyphenation, each run of blanks
// one space (justified lines are padded) but line ends kept.
std::string rendered_man_page(const std::string& page) {
  const std::string path = std::string(RZ_BINARY_DIR) + "/man/" + page + ".1";
  EXPECT_TRUE(fs::exists(path)) << path;
  auto r = run_shell("MANWIDTH=2000 MANROFFOPT=-rHY=0 man -l '" + path + "' | col -b");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string out;
  for (char c : r.out)
    if (c != ' ' || out.empty() || out.back() != ' ') out += c;
  return out;
}

}  // namespace

TEST(CliRegistry, HelpAndManPageForEveryCommandShowEverySetting) {
  ASSERT_GE(rz::app::command_registry().size(), 7u);
  for (const auto& command : rz::app::command_registry()) {
    SCOPED_TRACE(command.name);
    auto help = run_ruralzone(command.name + " --help");
    ASSERT_EQ(help.exit_code, 0) << help.err;
    EXPECT_NE(help.out.find("Usage"), std::string::npos);
    EXPECT_NE(help.out.find("-q,--quiet"), std::string::npos);
    const std::string man = rendered_man_page(rz::app::man_page_of(command.name));
    for (const char* section :
         {"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES", "SEE ALSO"})
      EXPECT_NE(man.find(std::string("\n") + section + "\n"), std::string::npos) << section;
    // Every option with its help on one line: the option lines, as --help has them.
    EXPECT_NE(man.find("--quiet"), std::string::npos);
    for (const auto* a : rz::analysis::analyses_of_command(command.name)) {
      EXPECT_NE(help.out.find("--store"), std::string::npos);
      EXPECT_NE(help.out.find("--threads"), std::string::npos);
      for (const auto& s : a->settings) {
        const std::string option = option_of(s);
        if (option.empty()) continue;
        SCOPED_TRACE(option);
        EXPECT_NE(help.out.find(option), std::string::npos);
        EXPECT_NE(man.find(option), std::string::npos);
        const std::string fallback = s.default_text();
        if (!fallback.empty() && s.type != rz::analysis::SettingType::boolean) {
          EXPECT_NE(help.out.find("(default: " + fallback), std::string::npos) << fallback;
          EXPECT_NE(man.find("(default: " + fallback), std::string::npos) << fallback;
        }
        EXPECT_NE(help.out.find("[" + rz::app::table_of(*a, s) + "] " + s.key), std::string::npos)
            << help.out;
      }
    }
  }
  const std::string main_page = rendered_man_page("ruralzone");
  for (const auto& command : rz::app::command_registry())
    EXPECT_NE(main_page.find(rz::app::man_page_of(command.name) + "(1)"), std::string::npos)
        << command.name;
}

// Every analysis declares exactly the layers it writes, with their fields, types and geometry:
// checked on the store of the sample county's main job, where every analysis runs.
TEST(CliRegistry, DeclaredResultLayersAreTheLayersWritten) {
  ScratchDir dir;
  auto run =
      run_ruralzone("run " + sample_file("project.toml") + " --out out -q", dir.path().string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // The main job has no [od] table, so the OD matrix is asked for on its store.
  run = run_ruralzone("od out/project.sqlite -q", dir.path().string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  rz::geo::Database db(dir / "out/project.sqlite", false);
  auto type_name = [](rz::geo::FieldType t) {
    return t == rz::geo::FieldType::integer ? "INTEGER"
           : t == rz::geo::FieldType::real  ? "REAL"
                                            : "TEXT";
  };
  const std::vector<std::string> thresholds = {"5", "10", "15", "30"};  // the default
  std::set<std::string> declared;
  for (const auto& a : rz::analysis::analyses()) {
    for (const auto& layer : a.layers) {
      SCOPED_TRACE(a.name + " " + layer.name);
      declared.insert(layer.name);
      ASSERT_TRUE(db.table_exists(layer.name) || rz::geo::view_exists(db, layer.name));
      std::vector<std::string> expected, got;
      for (const auto& f : layer.fields) {
        const auto at = f.name.find("{threshold}");
        if (at == std::string::npos) {
          expected.push_back(f.name + " " + type_name(f.type));
          continue;
        }
        for (const auto& t : thresholds)
          expected.push_back(std::string(f.name).replace(at, 11, t) + " " + type_name(f.type));
      }
      auto info = db.prepare(
          "SELECT name, type FROM pragma_table_info(?) WHERE name NOT IN "
          "('fid', 'src_fid', 'attrs', 'geom')");
      info.bind(1, layer.name);
      while (info.step()) got.push_back(info.get_text(0) + " " + info.get_text(1));
      // Per-threshold fields come in pairs per threshold, not grouped by name: compare as sets.
      EXPECT_EQ(std::multiset<std::string>(got.begin(), got.end()),
                std::multiset<std::string>(expected.begin(), expected.end()));
      // A table's geometry, or a spatial view's: the geometry of the layer it shows.
      auto geometry = db.prepare(
          "SELECT geometry_type FROM geometry_columns WHERE f_table_name = lower(?1) UNION ALL "
          "SELECT g.geometry_type FROM views_geometry_columns v JOIN geometry_columns g ON "
          "g.f_table_name = v.f_table_name WHERE v.view_name = lower(?1)");
      geometry.bind(1, layer.name);
      ASSERT_TRUE(geometry.step());
      auto with_geometry = db.prepare("SELECT count(geom) FROM \"" + layer.name + "\"");
      ASSERT_TRUE(with_geometry.step());
      if (!layer.geometry) {
        EXPECT_EQ(with_geometry.get_int(0), 0) << "a table has no geometries";
        continue;
      }
      const int64_t expected_type = *layer.geometry == rz::geo::GeometryKind::point  ? 1
                                    : *layer.geometry == rz::geo::GeometryKind::line ? 5
                                                                                     : 6;
      EXPECT_EQ(geometry.get_int(0), expected_type);
    }
  }
  // And no result layer of the store is left undeclared: every layer that was not imported is
  // some analysis's.
  auto layers =
      db.prepare("SELECT name FROM rz_layers WHERE name NOT IN (SELECT layer FROM rz_imports)");
  int results = 0;
  while (layers.step()) {
    ++results;
    EXPECT_TRUE(declared.count(layers.get_text(0))) << layers.get_text(0) << " is undeclared";
  }
  EXPECT_EQ(results, static_cast<int>(declared.size()));
}

// The main job names each analysis it skips and why; the analyses it can run, it runs.
TEST(CliRegistry, RunNamesEverySkippedAnalysisAndWhy) {
  ScratchDir dir;
  std::ofstream(dir / "p.toml") << "[[layer]]\nkind = \"villages\"\nsource = \""
                                << sample_file("villages.shp") << "\"\n[[layer]]\nkind = "
                                << "\"households\"\nsource = \"" << sample_file("households.csv")
                                << "\"\ncrs = \"EPSG:4326\"\ncoords = \"gcj02\"\n";
  auto r = run_ruralzone("run p.toml --out out", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("skipped grid_coverage: the store has no grids layer"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("skipped reach: the store has no facilities layer"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("skipped road_reach: the store has no facilities, roads layers"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("skipped siting: the project file has no [site] table"), std::string::npos)
      << r.out;
  // Quiet, it says nothing of them.
  auto quiet = run_ruralzone("run p.toml --out out2 -q", dir.path().string());
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.out, "");
}

// One convention for the store (-s/--store) on every command that takes one; the positional
// STORE of earlier releases is still accepted, and two different stores are bad usage.
TEST(CliRegistry, StoreOptionOnEveryCommandWithThePositionalAlias) {
  ScratchDir dir;
  auto imported =
      run_ruralzone("import " + sample_file("villages.shp") + " --kind villages -s p.sqlite -q",
                    dir.path().string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  auto flag = run_ruralzone("info -s p.sqlite --json", dir.path().string());
  auto positional = run_ruralzone("info p.sqlite --json", dir.path().string());
  ASSERT_EQ(flag.exit_code, 0) << flag.err;
  EXPECT_EQ(flag.out, positional.out);
  auto both = run_ruralzone("info -s p.sqlite q.sqlite", dir.path().string());
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("two different stores"), std::string::npos) << both.err;
  auto none = run_ruralzone("grids", dir.path().string());
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("--store"), std::string::npos) << none.err;
}

// Ordinary linking: the executable names the libraries it calls (no library loaded by hand).
TEST(CliRegistry, ExecutableLinksGeosSpatiaLiteCbcAndGdal) {
  auto r = run_shell("ldd '" + std::string(RZ_BINARY) + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* library : {"libgeos_c", "libspatialite", "libCbc", "libgdal", "libsqlite3"})
    EXPECT_NE(r.out.find(library), std::string::npos) << library << "\n" << r.out;
  EXPECT_FALSE(fs::exists(fs::path(RZ_BINARY).parent_path() / "ruralzone-gdal.so"));
}
