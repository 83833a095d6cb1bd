// The project file's own tables ([project], [[layer]], [export]): values of the wrong type are
// refused, not read as absent (found while fuzzing the reader, tests/fuzz/fuzz_project_file.cpp).
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "app/project_file.hpp"
#include "geo/error.hpp"
#include "test_support.hpp"

namespace {

std::string usage_error(const std::string& text) {
  rz::test::ScratchDir dir;
  const std::string path = dir / "p.toml";
  std::ofstream(path) << text;
  try {
    rz::app::read_project_file(path);
  } catch (const rz::UsageError& e) {
    return e.what();
  }
  return "";
}

const std::string kLayer = "[[layer]]\nkind = \"villages\"\nsource = \"v.shp\"\n";

}  // namespace

TEST(ProjectFile, ValuesOfTheWrongTypeAreUsageErrors) {
  // Each of these was ignored: no repair, no --skip-invalid, no field overrides, GeoPackage only.
  auto e = usage_error(kLayer + "repair = \"yes\"\n");
  EXPECT_NE(e.find("[[layer]] #1: «repair» must be true or false"), std::string::npos) << e;
  e = usage_error(kLayer + "skip_invalid = 1\n");
  EXPECT_NE(e.find("[[layer]] #1: «skip_invalid» must be true or false"), std::string::npos) << e;
  e = usage_error(kLayer + "fields = \"code=BM\"\n");
  EXPECT_NE(e.find("[[layer]] #1: «fields» must be a table ([layer.fields])"), std::string::npos)
      << e;
  e = usage_error("[export]\nformats = \"csv\"\n" + kLayer);
  EXPECT_NE(e.find("[export]: formats must be a list of strings"), std::string::npos) << e;
  e = usage_error("project = \"x\"\n" + kLayer);
  EXPECT_NE(e.find("«project» must be a table ([project])"), std::string::npos) << e;
}

TEST(ProjectFile, TheSameValuesOfTheRightTypeAreRead) {
  rz::test::ScratchDir dir;
  const std::string path = dir / "p.toml";
  std::ofstream(path) << kLayer
                      << "repair = true\nskip_invalid = true\n[layer.fields]\ncode = \"BM\"\n"
                         "[export]\nformats = [\"csv\"]\n";
  const auto project = rz::app::read_project_file(path);
  ASSERT_EQ(project.layers.size(), 1u);
  EXPECT_TRUE(project.layers[0].repair);
  EXPECT_TRUE(project.layers[0].skip_invalid);
  EXPECT_EQ(project.layers[0].fields.at("code"), "BM");
  EXPECT_EQ(project.export_formats, std::vector<std::string>{"csv"});
}
