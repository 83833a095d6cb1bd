#include "app/report_outputs.hpp"

#include <chrono>
#include <cstdlib>

#include <fmt/format.h>

#include "analysis/registry.hpp"
#include "app/presentations.hpp"
#include "export/report.hpp"
#include "export/web_map.hpp"
#include "export/workbook.hpp"
#include "geo/messages.hpp"
#include "geo/phase_timer.hpp"
#include "import/classify.hpp"

namespace rz::app {

exporting::ReportInput report_input_for(geo::Store& store) {
  exporting::ReportInput input;
  input.presentations = qgis_export_for(store, nullptr);
  for (const auto& a : analysis::analyses()) {
    exporting::ReportSectionSource s;
    s.title = a.title;
    s.spec = a.report;
    for (const auto& layer : a.layers)
      if (store.layer(layer.name)) s.ran = true;
    input.sections.push_back(std::move(s));
  }
  input.value_name = [](const std::string& field,
                        const std::string& value) -> std::optional<geo::Bilingual> {
    if (field != "category") return std::nullopt;
    for (const auto& c : import::facility_categories())
      if (c.key == value) {
        std::string english(c.key);
        for (char& ch : english)
          if (ch == '_') ch = ' ';
        return geo::Bilingual{std::string(c.chinese), english};
      }
    return std::nullopt;
  };
  return input;
}

exporting::Language output_language(const GlobalOptions& global) {
  if (auto chosen = exporting::parse_language(global.language)) return *chosen;
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (!value || !*value) continue;
    return std::string_view(value).starts_with("en") ? exporting::Language::en
                                                     : exporting::Language::zh;
  }
  return exporting::Language::zh;
}

void add_household_rows_option(CLI::App& sub, int64_t& rows) {
  sub.add_option("--household-rows", rows,
                 fmt::format("Rows kept in a workbook sheet of households (households without a "
                             "grid, out of reach; default {}, Excel holds {}); the GeoPackage "
                             "has them all",
                             exporting::kHouseholdSheetRows, exporting::kExcelMaxDataRows))
      ->check(CLI::Range(int64_t{0}, exporting::kExcelMaxDataRows));
}

void write_report_outputs(geo::Store& store, const ReportOutputsOptions& options,
                          const GlobalOptions& global) {
  geo::PhaseTimer phases("report outputs");
  phases.phase("report (HTML, PDF)");
  auto input = report_input_for(store);
  exporting::ReportOptions report;
  report.folder = options.folder;
  report.language = options.language;
  report.overwrite = options.overwrite;
  const auto presentations = input.presentations;
  const auto written = exporting::write_report(store, std::move(input), report);
  for (const auto& n : written.notes) fmt::print(stderr, fmt::runtime(tr("warning: {}\n")), n);
  if (!global.quiet)
    for (const auto& path : written.paths)
      fmt::print(fmt::runtime(tr("report: {} of {} analyses -> {}\n")), written.sections_run,
                 written.sections, path);

  phases.phase("workbook");
  exporting::WorkbookOptions workbook;
  workbook.path = options.folder / "ruralzone-tables.xlsx";
  workbook.language = options.language;
  workbook.overwrite = options.overwrite;
  workbook.household_rows = options.household_rows;
  const auto book = exporting::write_workbook(store, presentations, workbook);
  if (!global.quiet)
    fmt::print(fmt::runtime(tr("workbook: {} sheets -> {}\n")), book.sheets.size(), book.path);

  phases.phase("web map");
  exporting::WebMapOptions web;
  web.path = options.folder / "ruralzone-map.html";
  web.language = options.language;
  web.overwrite = options.overwrite;
  const auto map = exporting::write_web_map(store, presentations, web);
  for (const auto& n : map.notes)
    if (!global.quiet) fmt::print(fmt::runtime(tr("note: {}\n")), n);
  if (!global.quiet)
    fmt::print(fmt::runtime(tr("web map: {} features -> {}\n")), map.features, map.path);
}

}  // namespace rz::app
