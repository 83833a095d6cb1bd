#pragma once
// The Excel workbook of the tables a planner works in (issue 21): the village, township and
// county summaries, the households without a grid or out of reach, the new sites, the zone
// checks and the tour, one sheet each, after a first sheet "说明 / About" that lists them, the
// store and its CRS, and the analyses that have not run.
//
// Sheets are named by the layer's title and headed by its fields' aliases, in the language
// asked for (the field's name when it has no alias). Attributes only: no geometry column, and
// none of the `attrs` JSON (the result layers keep their fields typed). Cells: integers and reals
// as numbers (shares as 0.0%, metres and areas as #,##0, other reals as 0.00); every text field
// as text, so that a 12-digit village code stays 431024100201 and a name such as "=1+1" is never
// a formula. Each sheet's header row is frozen, bold and filtered; column widths follow the
// content (a CJK character counts as two, at most 50).
//
// Excel's limits: a sheet holds at most 1,048,575 data rows (the first ones are kept, the sheet
// is flagged `cut` and a note says so), a cell 32,767 characters (cut, ending in «…», noted).
// A sheet of households (one row a household) keeps the first 100,000 unless asked for more: a
// township's or a county's list fits, while a province's 2.6 million households out of reach
// took 45 s to write and compress into 92 MB that Excel opens slowly, cut at Excel's limit all
// the same; the GeoPackage and CSV exports hold every one.
//
// The file is written under a temporary name beside it and renamed into place (staging.hpp);
// an existing file is replaced only when it is an earlier ruralzone output or with `overwrite`.
// Errors are DataError naming the file and the cause; an earlier file is then left as it was.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "export/language.hpp"
#include "export/qgis_export.hpp"
#include "geo/store.hpp"

namespace rz::exporting {

// The most data rows an Excel sheet holds: 1,048,576 rows, less the header.
inline constexpr int64_t kExcelMaxDataRows = 1'048'575;

// Rows kept by default in a sheet of households (is_household_sheet).
inline constexpr int64_t kHouseholdSheetRows = 100'000;

struct WorkbookOptions {
  std::filesystem::path path;        // the .xlsx to write
  Language language = Language::zh;  // headers and sheet names
  bool overwrite = false;            // replace a file that is not an earlier ruralzone output
  // Rows kept per sheet: Excel's limit; smaller only in tests of the cut.
  int64_t max_rows = kExcelMaxDataRows;
  // Rows kept in a sheet of households, at most max_rows.
  int64_t household_rows = kHouseholdSheetRows;
};

struct WorkbookSheet {
  std::string layer, sheet;
  int64_t rows = 0;  // data rows written
  bool cut = false;  // the layer has more rows than the sheet holds
};

struct WrittenWorkbook {
  std::string path;
  std::vector<WorkbookSheet> sheets;  // the data sheets in order, without the About sheet
  std::vector<std::string> notes;     // layers not in the store, rows and cells cut
};

// The store layers that become sheets, in sheet order (those the store has).
const std::vector<std::string>& sheet_layers();
// Whether the layer has a row per household (households without a grid, out of reach).
bool is_household_sheet(const std::string& layer);

// `presentations` as app::qgis_export_for gives them.
WrittenWorkbook write_workbook(geo::Store& store, const QgisExport& presentations,
                               const WorkbookOptions& options);

}  // namespace rz::exporting
