#pragma once
// What a planner reads without QGIS, from the store: the report (HTML and PDF), the workbook
// and the web map, written by `ruralzone report` and at the end of `ruralzone run`.
#include <filesystem>
#include <string>
#include <vector>

#include "app/command.hpp"
#include "export/language.hpp"
#include "export/report_build.hpp"
#include "export/workbook.hpp"
#include "geo/store.hpp"

namespace rz::app {

// The report's sections from the registry (each analysis's declared report items), its
// presentations, and the facility categories' Chinese names.
exporting::ReportInput report_input_for(geo::Store& store);

// --lang, else the environment's: English when LC_ALL, LC_MESSAGES or LANG (the first set) is
// English, else Chinese.
exporting::Language output_language(const GlobalOptions& global);

struct ReportOutputsOptions {
  std::filesystem::path folder;
  exporting::Language language = exporting::Language::zh;
  bool overwrite = false;
  int64_t household_rows = exporting::kHouseholdSheetRows;  // in a workbook sheet of households
};

// --household-rows N, on the commands that write the workbook.
void add_household_rows_option(CLI::App& sub, int64_t& rows);

// Writes ruralzone-report.html, ruralzone-report.pdf, ruralzone-tables.xlsx and
// ruralzone-map.html into the folder; prints what it wrote unless quiet.
void write_report_outputs(geo::Store& store, const ReportOutputsOptions& options,
                          const GlobalOptions& global);

}  // namespace rz::app
