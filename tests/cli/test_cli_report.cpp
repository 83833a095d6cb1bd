// ruralzone report, and the report run writes: the HTML is self-contained and its numbers and
// names are the store's; the PDF has a page per analysis with the Chinese font embedded
// (pdffonts) and pages that are not blank (pdftoppm); --lang en; analyses that have not run
// say so; a hostile village name is escaped; an unknown --lang is a usage error.
#include <gdal.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "export/language.hpp"
#include "export/report_build.hpp"
#include "geo/store.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using rz::test::read_file;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::sample_file;
using rz::test::ScratchDir;

namespace {

class CliReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = new ScratchDir();
    auto run = run_ruralzone("run " + sample_file("project.toml") + " --out out -q",
                             dir_->path().string());
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string out(const std::string& name) { return (*dir_) / ("out/" + name); }
  static ScratchDir* dir_;
};

ScratchDir* CliReport::dir_ = nullptr;

// The store's rows of a layer, by field name.
std::vector<std::map<std::string, rz::geo::Value>> rows_of(const std::string& store_path,
                                                           const std::string& layer) {
  auto store = rz::geo::Store::open(store_path, false);
  const auto info = store.layer(layer);
  std::vector<std::map<std::string, rz::geo::Value>> rows;
  if (!info) return rows;
  store.read_attributes(layer, [&](const rz::geo::FeatureRow& row) {
    std::map<std::string, rz::geo::Value> r;
    for (size_t i = 0; i < info->schema.fields.size(); ++i)
      r[info->schema.fields[i].name] = row.values[i];
    rows.push_back(std::move(r));
  });
  return rows;
}

std::string text(const rz::geo::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  return "";
}

}  // namespace

TEST_F(CliReport, HtmlIsSelfContainedAndItsNumbersAreTheStores) {
  const std::string html = read_file(out("ruralzone-report.html"));
  ASSERT_FALSE(html.empty());
  // Nothing is loaded: no script, stylesheet or image from anywhere.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"zh-CN\">"), std::string::npos);
  // A section per analysis of the registry, the OD matrix (no [od] table) not run.
  EXPECT_NE(html.find("网格覆盖"), std::string::npos);
  EXPECT_NE(html.find("观摩路线"), std::string::npos);
  EXPECT_NE(html.find("未运行"), std::string::npos);
  // The zone checks by their Chinese names, their values and requirements in Chinese.
  EXPECT_NE(html.find("十好达标"), std::string::npos);
  EXPECT_NE(html.find("每村十好全部达标"), std::string::npos);
  EXPECT_EQ(html.find("every village passes"), std::string::npos);
  EXPECT_EQ(html.find(">ten_good<"), std::string::npos);
  EXPECT_NE(html.find("<svg class=\"chart\""), std::string::npos);
  EXPECT_NE(html.find("data:image/png;base64,"), std::string::npos);

  // Every township's zero-omission rate as the report formats the store's value, in its row.
  const auto townships = rows_of(out("project.sqlite"), "grid_townships");
  ASSERT_EQ(townships.size(), 10u);
  for (const auto& t : townships) {
    const std::string rate = rz::exporting::report_value(t.at("zero_omission_rate"), "share", false,
                                                         rz::exporting::Language::zh);
    const std::string row =
        "<td>" + text(t.at("code")) + "</td><td>" + text(t.at("name")) + "</td>";
    const auto at = html.find(row);
    ASSERT_NE(at, std::string::npos) << row;
    const auto end = html.find("</tr>", at);
    EXPECT_NE(html.substr(at, end - at).find("<td class=\"n\">" + rate + "</td>"),
              std::string::npos)
        << text(t.at("name")) << " " << rate;
    EXPECT_NE(html.find("<td class=\"n\">" + text(t.at("in_no_grid")) + "</td>", at),
              std::string::npos);
  }
  // The villages with no grid at all, by name with their township, as the store has them.
  int without = 0;
  for (const auto& v : rows_of(out("project.sqlite"), "grid_villages"))
    if (std::get<int64_t>(v.at("grids")) == 0) {
      ++without;
      EXPECT_NE(html.find(text(v.at("name")) + "（" + text(v.at("township_name")) + "）"),
                std::string::npos)
          << text(v.at("name"));
    }
  EXPECT_GT(without, 0);
  EXPECT_NE(html.find("没有任何网格的村（" + std::to_string(without) + "）"), std::string::npos);
  // Each proposed site with its township (from the villages layer, by the site's village).
  std::map<std::string, std::string> township_of;
  for (const auto& v : rows_of(out("project.sqlite"), "villages"))
    township_of[text(v.at("code"))] = text(v.at("township_name"));
  for (const auto& s : rows_of(out("project.sqlite"), "site_new"))
    EXPECT_NE(html.find(text(s.at("name")) + "（" + township_of[text(s.at("village_code"))] + "）"),
              std::string::npos)
        << text(s.at("name"));
  // The tour's schedule, stop by stop.
  for (const auto& s : rows_of(out("project.sqlite"), "zone_tour_stops"))
    EXPECT_NE(html.find("<td>" + text(s.at("village_name")) + "</td>"), std::string::npos);
}

TEST_F(CliReport, PdfPagesAreDrawnWithTheChineseFontEmbedded) {
  const std::string pdf = out("ruralzone-report.pdf");
  ASSERT_TRUE(fs::exists(pdf));
  auto fonts = run_shell("pdffonts " + pdf);
  ASSERT_EQ(fonts.exit_code, 0) << fonts.err;
  EXPECT_NE(fonts.out.find("NotoSansCJK"), std::string::npos) << fonts.out;
  // Every font embedded: the "emb" column of each font line says yes.
  std::istringstream lines(fonts.out);
  std::string line;
  int listed = 0;
  while (std::getline(lines, line))
    if (line.find("NotoSans") != std::string::npos) {
      ++listed;
      EXPECT_NE(line.find(" yes "), std::string::npos) << line;
    }
  EXPECT_GT(listed, 0);
  auto words = run_shell("pdftotext " + pdf + " -");
  ASSERT_EQ(words.exit_code, 0);
  EXPECT_NE(words.out.find("网格覆盖"), std::string::npos);
  EXPECT_NE(words.out.find("丙穴居委会"), std::string::npos);

  const fs::path pages = (*dir_) / "pdf-pages";
  fs::create_directories(pages);
  auto raster = run_shell("pdftoppm -r 30 -png " + pdf + " " + (pages / "p").string());
  ASSERT_EQ(raster.exit_code, 0) << raster.err;
  int count = 0;
  for (const auto& entry : fs::directory_iterator(pages)) {
    ++count;
    GDALDatasetH ds = GDALOpen(entry.path().c_str(), GA_ReadOnly);
    ASSERT_NE(ds, nullptr);
    const int w = GDALGetRasterXSize(ds), h = GDALGetRasterYSize(ds);
    std::vector<unsigned char> grey(static_cast<size_t>(w) * h);
    ASSERT_EQ(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Read, 0, 0, w, h, grey.data(), w, h,
                           GDT_Byte, 0, 0),
              CE_None);
    GDALClose(ds);
    size_t ink = 0;
    for (auto v : grey) ink += v < 200;
    EXPECT_GT(ink, grey.size() / 500) << entry.path() << ": a blank page";
  }
  // At least a page per analysis that ran (8 of the registry's 9 on the sample county).
  EXPECT_GE(count, 8);
}

TEST_F(CliReport, EnglishReport) {
  auto r = run_ruralzone("report -s " + out("project.sqlite") + " -o en --lang en",
                         dir_->path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_file(*dir_ / "en/ruralzone-report.html");
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("Grid coverage"), std::string::npos);
  EXPECT_NE(html.find("Villages with no grid at all"), std::string::npos);
  EXPECT_EQ(html.find("没有任何网格的村"), std::string::npos);
  // The zone checks by their English names and texts (the store keeps both languages).
  EXPECT_NE(html.find("The ten good standards"), std::string::npos);
  EXPECT_NE(html.find("every village passes the ten good standards"), std::string::npos);
  EXPECT_EQ(html.find("每村十好全部达标"), std::string::npos);
  EXPECT_TRUE(fs::exists(*dir_ / "en/ruralzone-report.pdf"));
}

TEST_F(CliReport, UnknownLanguageIsAUsageError) {
  auto r = run_ruralzone("report -s " + out("project.sqlite") + " -o fr --lang fr",
                         dir_->path().string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("zh"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("both"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(*dir_ / "fr/ruralzone-report.html"));
}

TEST_F(CliReport, TerminalInChineseNamesTheVillages) {
  auto r = run_ruralzone("--lang zh grids -s " + out("project.sqlite"), dir_->path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("网格覆盖："), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("零遗漏率"), std::string::npos);
  EXPECT_NE(r.out.find("没有任何网格的村（2）: 丙穴居委会（珠泉镇）"), std::string::npos) << r.out;
  auto en = run_ruralzone("--lang en reach -s " + out("project.sqlite") + " --no-roads",
                          dir_->path().string());
  ASSERT_EQ(en.exit_code, 0) << en.err;
  EXPECT_NE(en.out.find("straight-line reach:"), std::string::npos) << en.out;
  // Categories by their Chinese names, in either language.
  EXPECT_NE(en.out.find("党群服务中心"), std::string::npos);
  EXPECT_EQ(en.out.find("party_service_center "), std::string::npos);
}

TEST(CliReportChinese, TheMainJobSpeaksChineseThroughout) {
  // Every translated line with its arguments: a translation whose placeholders do not fit its
  // arguments would fail here (fmt refuses it), not in a planner's hands.
  ScratchDir dir;
  auto r = run_ruralzone("--lang zh run " + sample_file("project.toml") + " --out out",
                         dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* line :
       {"网格覆盖：", "服务半径覆盖（直线距离）：", "路网可达：", "选址（mclp）：", "村庄评估：",
        "示范区检查「", "示范区设计「", "观摩拉练「", "第 1 天：", "工程存储：", "报告：",
        "工作簿：", "网页地图："})
    EXPECT_NE(r.out.find(line), std::string::npos) << line << "\n" << r.out;
  EXPECT_EQ(r.out.find("village assessment:"), std::string::npos);
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  // The zone checks by their Chinese names, with values and requirements said in Chinese, on
  // stdout and in the designed zone's warnings alike.
  EXPECT_NE(r.out.find("十好达标："), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("要求：每村十好全部达标"), std::string::npos) << r.out;
  for (const char* english :
       {"ten_good", "linked_in_series", " of 13", "every village", "min each"})
    EXPECT_EQ((r.out + r.err).find(english), std::string::npos) << english << "\n"
                                                                << r.out << r.err;
}

TEST(CliReportPartial, AnalysesNotRunAreSaidAndHostileNamesEscaped) {
  ScratchDir dir;
  // One village whose name would break HTML and spreadsheets.
  std::ofstream(dir / "v.geojson")
      << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4546"}},"features":[
{"type":"Feature","properties":{"村代码":"431024100201","村名":"<script>alert(1)</script>&\"村'","乡镇代码":"431024100","乡镇名称":"=1+1","户籍人口":1200,"常住人口":900},"geometry":{"type":"Polygon","coordinates":[[[540000,2830000],[541000,2830000],[541000,2831000],[540000,2831000],[540000,2830000]]]}}]})";
  auto imported =
      run_ruralzone("import v.geojson --kind villages --store p.sqlite -q", dir.path().string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  auto assessed = run_ruralzone("villages -s p.sqlite -q", dir.path().string());
  ASSERT_EQ(assessed.exit_code, 0) << assessed.err;
  auto r = run_ruralzone("report -s p.sqlite -o rep", dir.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_file(dir / "rep/ruralzone-report.html");
  EXPECT_EQ(html.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;村&#39;"),
            std::string::npos);
  // Grid coverage, reach, siting and the zone did not run: their sections say so.
  size_t not_run = 0;
  for (auto at = html.find("未运行"); at != std::string::npos; at = html.find("未运行", at + 1))
    ++not_run;
  EXPECT_EQ(not_run, 8u);
  EXPECT_TRUE(fs::exists(dir / "rep/ruralzone-report.pdf"));
}
