// The planner's workbook of the sample county, read back with GDAL's XLSX driver (a reader of
// its own): the sheets and their order, every value of the village grid summary and the tour
// schedule as the store has it, codes as text, Chinese and English headers, formula-like names
// as text, Excel's row and cell limits, and a user's own file never replaced silently. The
// cell writer alone is also read back by LibreOffice, when it is installed.
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <variant>

#include "app/presentations.hpp"
#include "export/staging.hpp"
#include "export/workbook.hpp"
#include "geo/error.hpp"
#include "geo/store.hpp"
#include "geo/xlsx_book.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace rz;
using rz::exporting::Language;
using rz::exporting::WorkbookOptions;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::sample_file;
using rz::test::ScratchDir;

namespace {

using Cell = std::variant<std::monostate, int64_t, double, std::string>;

struct SheetRead {
  std::string name;
  std::vector<std::string> headers;
  std::vector<OGRFieldType> types;
  std::vector<std::vector<Cell>> rows;
};

// Every sheet of an .xlsx as GDAL's XLSX driver reads it, the first row as the header.
std::vector<SheetRead> read_xlsx(const std::string& path) {
  const char* drivers[] = {"XLSX", nullptr};
  const char* open_options[] = {"HEADERS=FORCE", "FIELD_TYPES=AUTO", nullptr};
  GDALDatasetH ds =
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, open_options, nullptr);
  EXPECT_NE(ds, nullptr) << path;
  std::vector<SheetRead> out;
  if (!ds) return out;
  for (int l = 0; l < GDALDatasetGetLayerCount(ds); ++l) {
    OGRLayerH layer = GDALDatasetGetLayer(ds, l);
    SheetRead sheet;
    sheet.name = OGR_L_GetName(layer);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    for (int f = 0; f < OGR_FD_GetFieldCount(defn); ++f) {
      OGRFieldDefnH field = OGR_FD_GetFieldDefn(defn, f);
      sheet.headers.push_back(OGR_Fld_GetNameRef(field));
      sheet.types.push_back(OGR_Fld_GetType(field));
    }
    OGR_L_ResetReading(layer);
    while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
      std::vector<Cell> row;
      for (int f = 0; f < static_cast<int>(sheet.types.size()); ++f) {
        if (!OGR_F_IsFieldSetAndNotNull(feature, f))
          row.emplace_back();
        else if (sheet.types[f] == OFTString)
          row.emplace_back(std::string(OGR_F_GetFieldAsString(feature, f)));
        else if (sheet.types[f] == OFTReal)
          row.emplace_back(OGR_F_GetFieldAsDouble(feature, f));
        else
          row.emplace_back(static_cast<int64_t>(OGR_F_GetFieldAsInteger64(feature, f)));
      }
      sheet.rows.push_back(std::move(row));
      OGR_F_Destroy(feature);
    }
    out.push_back(std::move(sheet));
  }
  GDALClose(ds);
  return out;
}

const SheetRead* find_sheet(const std::vector<SheetRead>& sheets, const std::string& name) {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

const geo::LayerPresentation& presentation_of(const exporting::QgisExport& qgis,
                                              const std::string& layer) {
  for (const auto& p : qgis.presentations)
    if (p.layer == layer) return p;
  throw std::runtime_error("no presentation of " + layer);
}

std::optional<double> as_number(const Cell& cell) {
  if (const auto* i = std::get_if<int64_t>(&cell)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&cell)) return *d;
  return std::nullopt;
}

// Every row and value of `layer` in the sheet as the store has them: text as the same text
// (and a String column), numbers as the same numbers.
void expect_sheet_equals_layer(geo::Store& store, const std::string& layer,
                               const SheetRead& sheet) {
  SCOPED_TRACE(layer);
  const auto info = store.layer(layer);
  ASSERT_TRUE(info);
  const auto& fields = info->schema.fields;
  ASSERT_EQ(sheet.headers.size(), fields.size());
  // The workbook lists a layer's rows in fid order: the store's rows sorted by fid, whatever
  // order a read gives them in, are the sheet's rows one by one.
  std::vector<std::pair<int64_t, std::vector<geo::Value>>> by_fid;
  store.read_attributes(
      layer, [&](const geo::FeatureRow& row) { by_fid.emplace_back(row.fid, row.values); });
  std::stable_sort(by_fid.begin(), by_fid.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::vector<geo::Value>> rows;
  for (auto& [fid, values] : by_fid) rows.push_back(std::move(values));
  ASSERT_EQ(rows.size(), sheet.rows.size());
  std::vector<bool> text_seen(fields.size(), false);
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t f = 0; f < fields.size(); ++f) {
      SCOPED_TRACE(fields[f].name + " row " + std::to_string(r + 1));
      const auto& value = rows[r][f];
      const Cell& cell = sheet.rows[r][f];
      // An empty text is a blank cell, as Excel has no empty string cell.
      if (std::holds_alternative<std::monostate>(value) ||
          (std::holds_alternative<std::string>(value) && std::get<std::string>(value).empty())) {
        EXPECT_TRUE(std::holds_alternative<std::monostate>(cell));
      } else if (fields[f].type == geo::FieldType::text) {
        ASSERT_TRUE(std::holds_alternative<std::string>(cell));
        EXPECT_EQ(std::get<std::string>(cell), std::get<std::string>(value));
        text_seen[f] = true;
      } else {
        const double expected = std::holds_alternative<int64_t>(value)
                                    ? static_cast<double>(std::get<int64_t>(value))
                                    : std::get<double>(value);
        auto got = as_number(cell);
        ASSERT_TRUE(got);
        EXPECT_NEAR(*got, expected, 1e-12 * std::max(1.0, std::fabs(expected)));
      }
    }
  }
  for (size_t f = 0; f < text_seen.size(); ++f) {
    if (text_seen[f]) {
      EXPECT_EQ(sheet.types[f], OFTString) << fields[f].name;
    }
  }
}

class Workbook : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    dir_ = new ScratchDir();
    auto run = run_ruralzone("run " + sample_file("project.toml") + " --out out -q",
                             dir_->path().string());
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto store = geo::Store::open(store_path(), false);
    qgis_ = new exporting::QgisExport(app::qgis_export_for(store, nullptr));
    WorkbookOptions options;
    options.path = (*dir_) / "out/tables.xlsx";
    const auto start = std::chrono::steady_clock::now();
    written_ = new exporting::WrittenWorkbook(exporting::write_workbook(store, *qgis_, options));
    std::printf("write_workbook on the sample county: %.0f ms\n",
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count());
    sheets_ = new std::vector<SheetRead>(read_xlsx(options.path.string()));
  }
  static void TearDownTestSuite() {
    delete sheets_;
    delete written_;
    delete qgis_;
    delete dir_;
  }
  static std::string store_path() { return (*dir_) / "out/project.sqlite"; }
  // A copy of the sample store, changed by `sql` through the sqlite3 shell.
  static std::string changed_store(const std::string& name, const std::string& sql) {
    const std::string path = (*dir_) / name;
    fs::copy_file(store_path(), path, fs::copy_options::overwrite_existing);
    { std::ofstream(path + ".sql") << sql; }
    auto r = run_shell("sqlite3 '" + path + "' < '" + path + ".sql'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return path;
  }
  static const exporting::WorkbookSheet& written(const std::string& layer) {
    for (const auto& s : written_->sheets)
      if (s.layer == layer) return s;
    throw std::runtime_error("no sheet of " + layer);
  }
  static ScratchDir* dir_;
  static exporting::QgisExport* qgis_;
  static exporting::WrittenWorkbook* written_;
  static std::vector<SheetRead>* sheets_;
};

ScratchDir* Workbook::dir_ = nullptr;
exporting::QgisExport* Workbook::qgis_ = nullptr;
exporting::WrittenWorkbook* Workbook::written_ = nullptr;
std::vector<SheetRead>* Workbook::sheets_ = nullptr;

}  // namespace

TEST_F(Workbook, AboutFirstThenTheLayersInOrderNamedByTheirChineseTitles) {
  auto store = geo::Store::open(store_path(), false);
  std::vector<std::string> expected;
  for (const auto& layer : exporting::sheet_layers())
    if (store.layer(layer)) expected.push_back(layer);
  // The sample county runs every analysis: every table is there, the households out of reach
  // by road included.
  EXPECT_EQ(expected.size(), exporting::sheet_layers().size());
  EXPECT_TRUE(written_->notes.empty()) << written_->notes.front();

  ASSERT_EQ(sheets_->size(), expected.size() + 1);
  EXPECT_EQ((*sheets_)[0].name, "说明");
  ASSERT_EQ(written_->sheets.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i]);
    EXPECT_EQ(written_->sheets[i].layer, expected[i]);
    EXPECT_EQ((*sheets_)[i + 1].name, written_->sheets[i].sheet);
    EXPECT_FALSE(written_->sheets[i].cut);
    EXPECT_EQ(written_->sheets[i].rows, store.layer(expected[i])->feature_count);
    EXPECT_EQ(static_cast<int64_t>((*sheets_)[i + 1].rows.size()), written_->sheets[i].rows);
    const std::string title = presentation_of(*qgis_, expected[i]).title.zh;
    if (title.size() <= 31) {  // a title of at most 31 bytes is the sheet name as it is
      EXPECT_EQ(written_->sheets[i].sheet, title);
    }
  }
  // The About sheet lists each sheet with its layer and row count, then the store and CRS.
  const auto& about = (*sheets_)[0];
  ASSERT_EQ(about.headers, (std::vector<std::string>{"工作表", "图层", "行数", "备注"}));
  ASSERT_GE(about.rows.size(), expected.size() + 3);
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(std::get<std::string>(about.rows[i][0]), written_->sheets[i].sheet);
    EXPECT_EQ(std::get<std::string>(about.rows[i][1]), expected[i]);
    EXPECT_EQ(as_number(about.rows[i][2]), static_cast<double>(written_->sheets[i].rows));
  }
  bool store_listed = false, crs_listed = false;
  for (const auto& row : about.rows) {
    if (!std::holds_alternative<std::string>(row[1])) continue;
    const auto& text = std::get<std::string>(row[1]);
    store_listed = store_listed || text == store_path();
    crs_listed = crs_listed || text.starts_with("EPSG:4546 ");
  }
  EXPECT_TRUE(store_listed);
  EXPECT_TRUE(crs_listed);
}

TEST_F(Workbook, EveryValueOfTheVillageGridsAndTheTourAsTheStoreHasThem) {
  auto store = geo::Store::open(store_path(), false);
  for (const char* layer : {"grid_villages", "zone_tour_stops", "village_townships",
                            "road_reach_households", "site_summary"}) {
    const auto* sheet = find_sheet(*sheets_, written(layer).sheet);
    ASSERT_NE(sheet, nullptr) << layer;
    expect_sheet_equals_layer(store, layer, *sheet);
  }
}

TEST_F(Workbook, CodesAreTwelveDigitTextAndHeadersTheChineseAliases) {
  const auto* sheet = find_sheet(*sheets_, written("grid_villages").sheet);
  ASSERT_NE(sheet, nullptr);
  const auto& p = presentation_of(*qgis_, "grid_villages");
  auto store = geo::Store::open(store_path(), false);
  const auto info = store.layer("grid_villages");
  for (size_t f = 0; f < info->schema.fields.size(); ++f) {
    auto alias = geo::field_alias(p, info->schema.fields[f].name);
    EXPECT_EQ(sheet->headers[f], alias ? alias->zh : info->schema.fields[f].name);
  }
  const auto code =
      std::find(sheet->headers.begin(), sheet->headers.end(), geo::field_alias(p, "code")->zh) -
      sheet->headers.begin();
  ASSERT_LT(static_cast<size_t>(code), sheet->headers.size());
  EXPECT_EQ(sheet->types[code], OFTString);
  ASSERT_FALSE(sheet->rows.empty());
  for (const auto& row : sheet->rows) {
    ASSERT_TRUE(std::holds_alternative<std::string>(row[code]));
    const auto& text = std::get<std::string>(row[code]);
    EXPECT_EQ(text.size(), 12u) << text;
    EXPECT_EQ(text.find_first_not_of("0123456789"), std::string::npos) << text;
  }
}

TEST_F(Workbook, EnglishSheetNamesAndHeaders) {
  auto store = geo::Store::open(store_path(), false);
  WorkbookOptions options;
  options.path = (*dir_) / "out/tables-en.xlsx";
  options.language = Language::en;
  auto en = exporting::write_workbook(store, *qgis_, options);
  auto sheets = read_xlsx(options.path.string());
  ASSERT_EQ(sheets.size(), en.sheets.size() + 1);
  EXPECT_EQ(sheets[0].name, "About");
  EXPECT_EQ(sheets[0].headers[0], "Sheet");
  const auto& p = presentation_of(*qgis_, "grid_villages");
  const auto* sheet = find_sheet(sheets, p.title.en.substr(0, 31));
  ASSERT_NE(sheet, nullptr) << p.title.en;
  EXPECT_EQ(sheet->headers[0], geo::field_alias(p, "code")->en);

  options.path = (*dir_) / "out/tables-both.xlsx";
  options.language = Language::both;
  auto both = exporting::write_workbook(store, *qgis_, options);
  EXPECT_EQ(read_xlsx(options.path.string())[0].name, "说明 (About)");
  for (const auto& s : both.sheets) EXPECT_LE(s.sheet.size(), 31u * 3) << s.sheet;
}

TEST_F(Workbook, FormulaLikeNamesStayTextAndLongTextIsCut) {
  const std::string store_file = changed_store(
      "formulas.sqlite",
      "UPDATE grid_villages SET name = CASE fid WHEN 1 THEN '=HYPERLINK(\"x\")' WHEN 2 THEN "
      "'+1' WHEN 3 THEN '@x' WHEN 4 THEN '-1' WHEN 5 THEN '=1+1' ELSE name END; "
      "UPDATE grid_villages SET name = replace(hex(zeroblob(40000)), '00', '村') WHERE fid = 6; "
      "DELETE FROM zone_tour_stops;");
  auto store = geo::Store::open(store_file, false);
  WorkbookOptions options;
  options.path = (*dir_) / "formulas.xlsx";
  auto book = exporting::write_workbook(store, *qgis_, options);
  auto sheets = read_xlsx(options.path.string());
  const auto* sheet = find_sheet(sheets, written("grid_villages").sheet);
  ASSERT_NE(sheet, nullptr);
  const auto name =
      std::find(sheet->headers.begin(), sheet->headers.end(),
                geo::field_alias(presentation_of(*qgis_, "grid_villages"), "name")->zh) -
      sheet->headers.begin();
  ASSERT_LT(static_cast<size_t>(name), sheet->headers.size());
  ASSERT_GE(sheet->rows.size(), 6u);
  const std::vector<std::string> names = {"=HYPERLINK(\"x\")", "+1", "@x", "-1", "=1+1"};
  for (size_t i = 0; i < names.size(); ++i)
    EXPECT_EQ(std::get<std::string>(sheet->rows[i][name]), names[i]);
  // 32,767 characters: 32,766 of the name and the ellipsis.
  const auto& cut = std::get<std::string>(sheet->rows[5][name]);
  EXPECT_EQ(cut.size(), 32766u * 3 + 3);
  EXPECT_TRUE(cut.ends_with("村…"));
  bool noted = false;
  for (const auto& note : book.notes)
    noted = noted || (note.find("grid_villages") != std::string::npos &&
                      note.find("32767") != std::string::npos);
  EXPECT_TRUE(noted);
  // An empty table: its header only (which GDAL, seeing a single row, reads as a data row).
  const auto& tour = std::find_if(book.sheets.begin(), book.sheets.end(),
                                  [](const auto& s) { return s.layer == "zone_tour_stops"; });
  ASSERT_NE(tour, book.sheets.end());
  EXPECT_EQ(tour->rows, 0);
  const auto* empty = find_sheet(sheets, tour->sheet);
  ASSERT_NE(empty, nullptr);
  ASSERT_EQ(empty->rows.size(), 1u);
  const auto& p = presentation_of(*qgis_, "zone_tour_stops");
  EXPECT_EQ(std::get<std::string>(empty->rows[0][0]), geo::field_alias(p, "zone")->zh);
}

TEST_F(Workbook, RowsBeyondTheSheetAreCutAndNoted) {
  auto store = geo::Store::open(store_path(), false);
  WorkbookOptions options;
  options.path = (*dir_) / "cut.xlsx";
  options.max_rows = 5;
  auto book = exporting::write_workbook(store, *qgis_, options);
  auto sheets = read_xlsx(options.path.string());
  const auto& villages = written("grid_villages");
  const auto* sheet = find_sheet(sheets, villages.sheet);
  ASSERT_NE(sheet, nullptr);
  EXPECT_EQ(sheet->rows.size(), 5u);
  for (const auto& s : book.sheets) {
    SCOPED_TRACE(s.layer);
    EXPECT_EQ(s.cut, store.layer(s.layer)->feature_count > 5);
    EXPECT_EQ(s.rows, std::min<int64_t>(5, store.layer(s.layer)->feature_count));
  }
  bool noted = false;
  for (const auto& note : book.notes)
    noted = noted || note.starts_with("layer «grid_villages»: 201 rows");
  EXPECT_TRUE(noted);
}

TEST_F(Workbook, MissingAnalysesAreNotedAndTheirSheetsSkipped) {
  const std::string store_file = changed_store(
      "no-tour.sqlite",
      "DROP TABLE zone_tour_stops; DROP TABLE zone_tour_summary; DELETE FROM rz_layers WHERE "
      "name IN ('zone_tour_stops', 'zone_tour_summary');");
  auto store = geo::Store::open(store_file, false);
  auto qgis = app::qgis_export_for(store, nullptr);
  WorkbookOptions options;
  options.path = (*dir_) / "no-tour.xlsx";
  auto book = exporting::write_workbook(store, qgis, options);
  EXPECT_EQ(book.sheets.size(), exporting::sheet_layers().size() - 2);
  ASSERT_FALSE(book.notes.empty());
  EXPECT_NE(book.notes.back().find("zone_tour_stops, zone_tour_summary"), std::string::npos)
      << book.notes.back();
}

TEST_F(Workbook, AUsersOwnFileIsReplacedOnlyWithOverwrite) {
  auto store = geo::Store::open(store_path(), false);
  const fs::path mine = dir_->path() / "mine.xlsx";
  { std::ofstream(mine) << "my own table"; }
  WorkbookOptions options;
  options.path = mine;
  EXPECT_THROW(exporting::write_workbook(store, *qgis_, options), DataError);
  EXPECT_EQ(rz::test::read_file(mine.string()), "my own table");
  options.overwrite = true;
  exporting::write_workbook(store, *qgis_, options);
  EXPECT_EQ(read_xlsx(mine.string()).size(), written_->sheets.size() + 1);
  // Now an earlier output: replaced without being asked.
  options.overwrite = false;
  EXPECT_NO_THROW(exporting::write_workbook(store, *qgis_, options));
  // No temporary is left beside it.
  for (const auto& entry : fs::directory_iterator(dir_->path()))
    EXPECT_FALSE(exporting::export_temporary_pid(entry.path().filename().string())) << entry.path();
  // Never over the store.
  options.path = store_path();
  options.overwrite = true;
  EXPECT_THROW(exporting::write_workbook(store, *qgis_, options), DataError);
}

// The cell writer alone, read back by LibreOffice: text that looks like a formula, a number or
// an Excel escape is the text, never evaluated.
TEST(XlsxBook, LibreOfficeReadsFormulaLikeTextAsText) {
  if (run_shell("command -v soffice").exit_code != 0) GTEST_SKIP() << "no LibreOffice";
  ScratchDir dir;
  const std::vector<std::string> texts = {"=1+1", "=HYPERLINK(\"x\")", "+1",      "@x",
                                          "-1",   "431024100201",      "_x0041_", "村名"};
  {
    geo::XlsxBook book(dir.path() / "cells.xlsx");
    const size_t sheet = book.add_sheet("cells");
    book.write_text(sheet, 0, 0, "text", geo::CellStyle::header);
    for (size_t i = 0; i < texts.size(); ++i)
      book.write_text(sheet, static_cast<uint32_t>(i + 1), 0, texts[i]);
    book.set_header_row(sheet, static_cast<uint32_t>(texts.size()), 0);
    book.close();
  }
  auto r = run_shell("cd '" + dir.path().string() + "' && soffice -env:UserInstallation=file://" +
                     dir.path().string() +
                     "/profile --headless --convert-to "
                     "'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,"
                     "false' --outdir csv cells.xlsx");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines;
  std::istringstream csv(rz::test::read_file(dir / "csv/cells.csv"));
  for (std::string line; std::getline(csv, line);) lines.push_back(line);
  std::vector<std::string> expected = {"text"};
  for (const auto& text : texts)
    expected.push_back(text.find('"') == std::string::npos
                           ? text
                           : "\"=HYPERLINK(\"\"x\"\")\"");  // CSV quotes a quote
  EXPECT_EQ(lines, expected);
}

TEST(XlsxBook, BadSheetNamesAndNumbersAreDataErrors) {
  ScratchDir dir;
  {
    geo::XlsxBook book(dir.path() / "bad.xlsx");
    EXPECT_THROW(book.add_sheet("a/b"), DataError);
    EXPECT_THROW(book.add_sheet(std::string(32, 'x')), DataError);
    const size_t sheet = book.add_sheet("ok");
    EXPECT_THROW(book.add_sheet("OK"), DataError);
    EXPECT_THROW(book.write_number(sheet, 1, 0, std::nan("")), DataError);
  }
  // Destroyed without close(): no file.
  EXPECT_FALSE(fs::exists(dir.path() / "bad.xlsx"));
}
