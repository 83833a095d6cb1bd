// The GDAL module (ruralzone-gdal.so, app/gdal_io.hpp): analyses run without it, import and export
// say clearly that it is missing.
#include <gtest/gtest.h>

#include <filesystem>

#include "test_support.hpp"

using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::ScratchDir;
using rz::test::source_dir;

TEST(CliGdalModule, AnalysesRunWithoutItAndImportNamesItWhenMissing) {
  ScratchDir dir;
  auto r = run_ruralzone("run " + source_dir() + "/data/sample-county/project.toml --out out -q",
                         dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The executable alone, in a folder of its own.
  std::filesystem::create_directory(dir / "bin");
  std::filesystem::copy_file(RZ_BINARY, dir / "bin/ruralzone");
  const std::string alone = dir / "bin/ruralzone";
  auto reach = run_shell("cd " + dir.path().string() + " && " + alone +
                         " reach out/project.sqlite --no-roads -q");
  EXPECT_EQ(reach.exit_code, 0) << reach.err;
  auto import =
      run_shell("cd " + dir.path().string() + " && " + alone + " import -s out/project.sqlite " +
                source_dir() + "/data/sample-county/villages.shp --kind villages --layer again");
  EXPECT_EQ(import.exit_code, 1);
  EXPECT_NE(import.err.find("ruralzone-gdal.so, which import and export need"), std::string::npos)
      << import.err;
  auto exported = run_shell("cd " + dir.path().string() + " && " + alone +
                            " export out/project.sqlite --format gpkg -o x.gpkg");
  EXPECT_EQ(exported.exit_code, 1) << exported.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "x.gpkg"));
}

// SpatiaLite and PROJ are loaded when a store needs them (geo/spatialite_library.hpp), not when
// the program starts: the executable names neither, and a command that only reads tables never
// maps them.
TEST(CliStartup, ExecutableLinksNeitherSpatiaLiteNorProj) {
#ifdef RZ_SANITIZED
  // The sanitizer runtimes' link keeps libraries the shipped build drops (GDAL, PROJ).
  GTEST_SKIP() << "start-up libraries are checked on the normal build";
#endif
  auto needed = run_shell(std::string("objdump -p ") + RZ_BINARY + " | grep NEEDED");
  ASSERT_EQ(needed.exit_code, 0) << needed.err;
  EXPECT_NE(needed.out.find("libsqlite3"), std::string::npos) << needed.out;
  EXPECT_EQ(needed.out.find("libspatialite"), std::string::npos) << needed.out;
  EXPECT_EQ(needed.out.find("libproj"), std::string::npos) << needed.out;
  auto version = run_ruralzone("--version");
  EXPECT_EQ(version.exit_code, 0) << version.err;
}
