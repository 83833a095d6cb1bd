// ruralzone map on the sample county: one map per analysis that has run, in PNG (checked for
// size, content and the declared style colours), PDF (rasterised with pdftoppm, fonts embedded
// per pdffonts) and SVG; bad options are usage errors.
#include <gdal.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace fs = std::filesystem;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::sample_file;
using rz::test::ScratchDir;

namespace {

struct PngStats {
  int width = 0, height = 0;
  double non_white = 0;     // share of pixels that are not white
  int64_t near_colour = 0;  // pixels within a few levels of the colour asked for
};

PngStats png_stats(const std::string& path, std::array<int, 3> colour) {
  PngStats s;
  GDALDatasetH ds = GDALOpen(path.c_str(), GA_ReadOnly);
  EXPECT_NE(ds, nullptr) << path;
  if (!ds) return s;
  s.width = GDALGetRasterXSize(ds);
  s.height = GDALGetRasterYSize(ds);
  std::vector<std::vector<unsigned char>> bands(
      3, std::vector<unsigned char>(static_cast<size_t>(s.width) * s.height));
  for (int b = 0; b < 3; ++b)
    EXPECT_EQ(GDALRasterIO(GDALGetRasterBand(ds, b + 1), GF_Read, 0, 0, s.width, s.height,
                           bands[b].data(), s.width, s.height, GDT_Byte, 0, 0),
              CE_None);
  GDALClose(ds);
  int64_t non_white = 0;
  for (size_t i = 0; i < bands[0].size(); ++i) {
    const int r = bands[0][i], g = bands[1][i], b = bands[2][i];
    if (r < 245 || g < 245 || b < 245) ++non_white;
    if (std::abs(r - colour[0]) < 6 && std::abs(g - colour[1]) < 6 && std::abs(b - colour[2]) < 6)
      ++s.near_colour;
  }
  s.non_white = static_cast<double>(non_white) / static_cast<double>(bands[0].size());
  return s;
}

class CliMap : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = new ScratchDir();
    auto run = run_ruralzone("run " + sample_file("project.toml") + " --out out -q",
                             dir_->path().string());
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string store() { return (*dir_) / "out/project.sqlite"; }
  static ScratchDir* dir_;
};

ScratchDir* CliMap::dir_ = nullptr;

}  // namespace

TEST_F(CliMap, PngPerAnalysisWithTheDeclaredColours) {
  fs::create_directories(dir_->path() / "png");
  auto r = run_ruralzone("map -s " + store() + " -o png --dpi 100", dir_->path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name :
       {"grid-coverage", "service-reach-straight-line", "service-reach-by-road", "new-sites",
        "village-assessment", "zone-check", "zone-design", "observation-tour"}) {
    SCOPED_TRACE(name);
    const std::string path = (*dir_) / (std::string("png/map-") + name + ".png");
    ASSERT_TRUE(fs::exists(path));
    // A3 landscape at 100 dpi.
    const auto s = png_stats(path, {0xf4, 0xf1, 0xe6});  // the villages' fill
    EXPECT_EQ(s.width, 1654);
    EXPECT_EQ(s.height, 1169);
    EXPECT_GT(s.non_white, 0.15);  // a page of text alone is about 0.02
    EXPECT_GT(s.near_colour, 100);
  }
  // Households in no grid are red points; gaps red hatching (#e31a1c).
  EXPECT_GT(png_stats((*dir_) / "png/map-grid-coverage.png", {0xe3, 0x1a, 0x1c}).near_colour, 200);
  // The tour in red with arrows.
  EXPECT_GT(png_stats((*dir_) / "png/map-observation-tour.png", {0xd7, 0x19, 0x1c}).near_colour,
            200);
  for (const auto& entry : fs::directory_iterator(dir_->path() / "png"))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
}

TEST_F(CliMap, PdfIsVectorWithTheCjkFontEmbedded) {
  fs::create_directories(dir_->path() / "pdf");
  auto r = run_ruralzone("map -s " + store() + " -o pdf -f pdf --paper A4", dir_->path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string pdf = (*dir_) / "pdf/map-zone-check.pdf";
  ASSERT_TRUE(fs::exists(pdf));
  auto fonts = run_shell("pdffonts '" + pdf + "'");
  ASSERT_EQ(fonts.exit_code, 0) << fonts.err;
  EXPECT_NE(fonts.out.find("NotoSansCJK"), std::string::npos) << fonts.out;
  EXPECT_EQ(fonts.out.find(" no "), std::string::npos) << "a font is not embedded:\n" << fonts.out;
  // Vector: no page-sized image inside.
  auto images = run_shell("pdfimages -list '" + pdf + "'");
  EXPECT_EQ(images.out.find("image"), images.out.rfind("image")) << images.out;
  auto png =
      run_shell("pdftoppm -r 50 -png -singlefile '" + pdf + "' '" + (*dir_) / "pdf/page" + "'");
  ASSERT_EQ(png.exit_code, 0) << png.err;
  const auto s = png_stats((*dir_) / "pdf/page.png", {0xd7, 0x19, 0x1c});
  EXPECT_EQ(s.width, 585);  // A4 landscape, 297 mm at 50 dpi
  EXPECT_GT(s.non_white, 0.25);
  EXPECT_GT(s.near_colour, 20);  // the zone's red outline
}

TEST_F(CliMap, SvgHasShapedText) {
  fs::create_directories(dir_->path() / "svg");
  auto r = run_ruralzone("map -s " + store() + " -o svg -f svg", dir_->path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string svg = rz::test::read_file((*dir_) / "svg/map-village-assessment.svg");
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("<path"), std::string::npos);
  EXPECT_NE(svg.find("glyph"), std::string::npos);  // text as glyphs, not a bitmap
}

TEST_F(CliMap, BadOptionsAreUsageErrors) {
  EXPECT_EQ(run_ruralzone("map -s " + store() + " -o . -f jpeg", dir_->path().string()).exit_code,
            2);
  EXPECT_EQ(
      run_ruralzone("map -s " + store() + " -o . --paper A0", dir_->path().string()).exit_code, 2);
  EXPECT_EQ(run_ruralzone("map -s " + store() + " -o . --dpi 5", dir_->path().string()).exit_code,
            2);
  auto missing = run_ruralzone("map -s " + store() + " -o nosuch", dir_->path().string());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("nosuch"), std::string::npos) << missing.err;
}
