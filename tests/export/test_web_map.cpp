// The offline web map of the sample county (export/web_map.hpp): one HTML file that loads nothing
// from the network, holds every result layer with all its features, escapes hostile text, and
// counts big point layers per cell. The page in a real browser: tests/web/check_web_map.mjs.
//
// RZ_KEEP_WEB_MAP=FOLDER copies the sample county's map there, for that browser check.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "app/presentations.hpp"
#include "export/web_map.hpp"
#include "geo/error.hpp"
#include "geo/store.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using rz::exporting::Language;
using rz::exporting::WebMapOptions;
using rz::exporting::write_web_map;
using rz::test::read_file;
using rz::test::run_ruralzone;
using rz::test::sample_file;
using rz::test::ScratchDir;

namespace {

constexpr const char* kHostile = "</script><script>alert(1)</script><!--";

class WebMap : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir();
    auto run = run_ruralzone("run " + sample_file("project.toml") + " --out out -q",
                             dir_->path().string());
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string store_path() { return (*dir_) / "out/project.sqlite"; }
  static ScratchDir* dir_;
};

ScratchDir* WebMap::dir_ = nullptr;

// The JSON of the page's <script id="rz-data">.
json page_data(const std::string& html) {
  const std::string open = R"(<script id="rz-data" type="application/json">)";
  const auto from = html.find(open);
  EXPECT_NE(from, std::string::npos);
  if (from == std::string::npos) return {};
  const auto to = html.find("</script>", from);
  return json::parse(html.substr(from + open.size(), to - from - open.size()));
}

// The result layers and the base that the map must hold: every presentation of a layer with
// geometry, but the input data other than the base.
std::set<std::string> expected_layers(rz::geo::Store& store,
                                      const rz::exporting::QgisExport& qgis) {
  std::set<std::string> out;
  for (const auto& p : qgis.presentations) {
    if (!p.base_map && p.group.zh == rz::geo::kInputDataGroup.zh) continue;
    bool geometry = false;
    store.read_features(
        p.layer, [&](const rz::geo::FeatureRow& row) { geometry = geometry || !row.wkb.empty(); });
    if (geometry) out.insert(p.layer);
  }
  return out;
}

}  // namespace

TEST_F(WebMap, OneSelfContainedPageWithEveryLayer) {
  auto store = rz::geo::Store::open(store_path(), false);
  const auto qgis = rz::app::qgis_export_for(store, nullptr);
  const fs::path html_path = dir_->path() / "ruralzone-map.html";
  const auto written = write_web_map(store, qgis, {html_path, Language::zh, 20000, false});
  EXPECT_EQ(written.path, html_path.string());
  ASSERT_TRUE(fs::exists(html_path));
  if (const char* keep = std::getenv("RZ_KEEP_WEB_MAP"))
    fs::copy_file(html_path, fs::path(keep) / "ruralzone-map.html",
                  fs::copy_options::overwrite_existing);
  const std::string html = read_file(html_path.string());

  // Nothing the page would fetch: no external script, stylesheet, frame or image, and no CSS
  // url() but data: and #fragments in its stylesheets (Leaflet's script has identifiers such as
  // getTileUrl( that are code, not fetches: the browser check watches the requests themselves).
  for (const char* pattern : {R"(<(script|img|iframe|embed|source|audio|video)\b[^>]*\ssrc\s*=)",
                              R"(<link\b)", R"(@import)"}) {
    SCOPED_TRACE(pattern);
    EXPECT_FALSE(std::regex_search(html, std::regex(pattern, std::regex::icase)));
  }
  int styles = 0;
  for (auto at = html.find("<style>"); at != std::string::npos; at = html.find("<style>", at)) {
    const auto end = html.find("</style>", at);
    ASSERT_NE(end, std::string::npos);
    const std::string css = html.substr(at, end - at);
    EXPECT_FALSE(
        std::regex_search(css, std::regex(R"(url\(\s*['"]?(?!data:|#))", std::regex::icase)))
        << "style " << styles;
    ++styles;
    at = end;
  }
  EXPECT_EQ(styles, 2);  // Leaflet's and the page's
  // Our own script, the one after the data: no tile layer, no default marker (whose icon is an
  // image file Leaflet would fetch).
  const auto data_at = html.find(R"(<script id="rz-data")");
  ASSERT_NE(data_at, std::string::npos);
  const auto own_at = html.find("<script>", html.find("</script>", data_at));
  ASSERT_NE(own_at, std::string::npos);
  const std::string own = html.substr(own_at);
  EXPECT_NE(own.find("L.map("), std::string::npos);
  for (const char* call : {"tileLayer(", "TileLayer", "L.marker(", "L.Icon"}) {
    EXPECT_EQ(own.find(call), std::string::npos) << call;
  }
  // Leaflet inline: its stylesheet and script.
  EXPECT_NE(html.find(".leaflet-container"), std::string::npos);
  EXPECT_NE(html.find("Leaflet 1.9.4"), std::string::npos);

  const json data = page_data(html);
  ASSERT_TRUE(data.contains("layers"));
  EXPECT_NE(data["title"].get<std::string>().find("ruralzone"), std::string::npos);
  std::set<std::string> found;
  int64_t features = 0;
  int cell_layers = 0;
  bool first_group_on = false, later_group_on = false;
  std::string first_result_group;
  for (const auto& layer : data["layers"]) {
    const auto& meta = layer["meta"];
    const std::string name = meta["layer"];
    SCOPED_TRACE(name);
    found.insert(name);
    const auto info = store.layer(name);
    ASSERT_TRUE(info);
    EXPECT_EQ(meta["count"].get<int64_t>(), info->feature_count);
    // Exactly the point layers of more than 20000 points are counted per cell (in the sample
    // county the households beyond the radius and those by road), each cell its count.
    const bool big =
        info->schema.geometry == rz::geo::GeometryKind::point && info->feature_count > 20000;
    ASSERT_EQ(meta["geometry"] == "cells", big);
    if (big) {
      ++cell_layers;
      int64_t points = 0;
      for (const auto& cell : layer["features"]) points += cell[2][0].get<int64_t>();
      EXPECT_EQ(points, info->feature_count);
      EXPECT_EQ(meta["cells"].get<size_t>(), layer["features"].size());
    } else {
      EXPECT_EQ(static_cast<int64_t>(layer["features"].size()), info->feature_count);
    }
    features += info->feature_count;
    if (meta["base"].get<bool>()) {
      EXPECT_TRUE(meta["on"].get<bool>());
      continue;
    }
    if (first_result_group.empty()) first_result_group = meta["group"];
    (meta["group"] == first_result_group ? first_group_on : later_group_on) |=
        meta["on"].get<bool>();
    // Every coordinate is an integer of micro-degrees, the first of a point in China.
    const auto& first = layer["features"].front();
    EXPECT_TRUE(first[0].is_number_integer());
    if (meta["geometry"] == "point") {
      EXPECT_GT(first[1][0].get<int64_t>(), 73'000'000);
      EXPECT_LT(first[1][0].get<int64_t>(), 136'000'000);
    }
  }
  EXPECT_EQ(found, expected_layers(store, qgis));
  EXPECT_TRUE(found.count("villages"));
  EXPECT_TRUE(found.count("reach_households_beyond"));
  EXPECT_EQ(cell_layers, 2);
  EXPECT_TRUE(first_group_on);
  EXPECT_FALSE(later_group_on);
  EXPECT_EQ(written.features, features);

  // Popups name the fields by their Chinese aliases, the village's name first.
  const auto villages = store.layer("villages");
  ASSERT_TRUE(villages);
  for (const auto& layer : data["layers"]) {
    if (layer["meta"]["layer"] == "villages") {
      const auto& fields = layer["meta"]["fields"];
      ASSERT_FALSE(fields.empty());
      const auto& schema = villages->schema.fields;
      EXPECT_EQ(schema[fields[0][1].get<size_t>()].name, "name");
      EXPECT_NE(fields[0][0].get<std::string>(), "name");
    }
  }

  // Written again over its own earlier output without --overwrite, and no temporary left.
  EXPECT_NO_THROW(write_web_map(store, qgis, {html_path, Language::en, 20000, false}));
  const json english = page_data(read_file(html_path.string()));
  for (const auto& layer : english["layers"]) {
    if (layer["meta"]["layer"] == "villages") {
      EXPECT_EQ(layer["meta"]["title"], "Villages");
    }
  }
  for (const auto& entry : fs::directory_iterator(dir_->path()))
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
}

TEST_F(WebMap, HostileTextIsEscaped) {
  const std::string copy = (*dir_) / "hostile.sqlite";
  fs::copy_file(store_path(), copy, fs::copy_options::overwrite_existing);
  auto store = rz::geo::Store::open(copy, false);
  auto update = store.db().prepare(
      "UPDATE villages SET name = ? WHERE fid = (SELECT min(fid) FROM villages)");
  update.bind(1, std::string(kHostile));
  update.step();
  const auto qgis = rz::app::qgis_export_for(store, nullptr);
  const fs::path html_path = dir_->path() / "hostile.html";
  write_web_map(store, qgis, {html_path, Language::zh, 20000, false});
  const std::string html = read_file(html_path.string());
  EXPECT_EQ(html.find("alert(1)</script>"), std::string::npos);
  EXPECT_EQ(html.find("<!--"), std::string::npos);
  // Every "<" of the data is \u003c: no "<script" nor "</script" in it.
  EXPECT_NE(html.find(R"(\u003c/script>\u003cscript>alert(1)\u003c/script>\u003c!--)"),
            std::string::npos);
  // The three scripts (Leaflet, the data, the drawing) and no fourth.
  size_t scripts = 0;
  for (auto at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1))
    ++scripts;
  EXPECT_EQ(scripts, 3u);
  // The name comes back whole from the page's JSON.
  bool seen = false;
  const json data = page_data(html);  // held: a range over a temporary's member would dangle
  for (const auto& layer : data["layers"])
    if (layer["meta"]["layer"] == "villages")
      for (const auto& f : layer["features"])
        for (const auto& v : f[2]) seen = seen || v == kHostile;
  EXPECT_TRUE(seen);
}

TEST_F(WebMap, BigPointLayersAreCountedPerCell) {
  auto store = rz::geo::Store::open(store_path(), false);
  const auto qgis = rz::app::qgis_export_for(store, nullptr);
  const fs::path html_path = dir_->path() / "cells.html";
  const int64_t max_points = 50;
  const auto written = write_web_map(store, qgis, {html_path, Language::zh, max_points, false});
  const json data = page_data(read_file(html_path.string()));
  int cell_layers = 0;
  for (const auto& layer : data["layers"]) {
    const auto& meta = layer["meta"];
    SCOPED_TRACE(meta["layer"].get<std::string>());
    const auto info = store.layer(meta["layer"]);
    const bool big =
        info->schema.geometry == rz::geo::GeometryKind::point && info->feature_count > max_points;
    EXPECT_EQ(meta["geometry"] == "cells", big);
    if (!big) continue;
    ++cell_layers;
    int64_t points = 0;
    for (const auto& cell : layer["features"]) points += cell[2][0].get<int64_t>();
    EXPECT_EQ(points, info->feature_count);
    EXPECT_LT(static_cast<int64_t>(layer["features"].size()), info->feature_count);
    EXPECT_EQ(meta["cells"].get<size_t>(), layer["features"].size());
    const std::string note = meta["title"].get<std::string>() + "：" +
                             std::to_string(info->feature_count) + " 个点汇总为 " +
                             std::to_string(layer["features"].size()) + " 个格";
    bool said = false;
    for (const auto& n : data["notes"]) said = said || n.get<std::string>().starts_with(note);
    EXPECT_TRUE(said) << note;
    bool noted = false;
    for (const auto& n : written.notes) noted = noted || n.starts_with(note);
    EXPECT_TRUE(noted);
  }
  EXPECT_GT(cell_layers, 0);
}

TEST_F(WebMap, RefusesToReplaceAFileItDidNotWrite) {
  auto store = rz::geo::Store::open(store_path(), false);
  const auto qgis = rz::app::qgis_export_for(store, nullptr);
  const fs::path mine = dir_->path() / "mine.html";
  std::ofstream(mine) << "my own page";
  try {
    write_web_map(store, qgis, {mine, Language::zh, 20000, false});
    ADD_FAILURE() << "replaced a file that is no earlier output";
  } catch (const rz::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("mine.html"), std::string::npos) << e.what();
  }
  EXPECT_EQ(read_file(mine.string()), "my own page");
  EXPECT_NO_THROW(write_web_map(store, qgis, {mine, Language::zh, 20000, true}));
  EXPECT_NE(read_file(mine.string()), "my own page");

  try {
    write_web_map(store, qgis, {dir_->path() / "nosuch/map.html", Language::zh, 20000, false});
    ADD_FAILURE() << "wrote into a missing folder";
  } catch (const rz::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("nosuch"), std::string::npos) << e.what();
  }
}
