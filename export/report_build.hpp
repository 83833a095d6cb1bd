#pragma once
// The planner's report as a document (report_document.hpp): a section per analysis of the
// registry, in its order, each made from the analysis's declared report items
// (geo/report_spec.hpp) over its result layers in the store. An analysis whose layers the
// store lacks gets a section that says it has not run. Values are formatted by their fields'
// units (shares as %), headers are the fields' aliases, in the report's language.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "export/language.hpp"
#include "export/map_render.hpp"
#include "export/qgis_export.hpp"
#include "export/report_document.hpp"
#include "geo/report_spec.hpp"
#include "geo/store.hpp"

namespace rz::exporting {

struct ReportSectionSource {
  geo::Bilingual title;  // the analysis's
  geo::ReportSpec spec;
  bool ran = false;  // the store has some of its result layers
};

// The name of a stored value (a facility category's key), nullopt when it has none.
using ValueNamer = std::function<std::optional<geo::Bilingual>(const std::string& field,
                                                               const std::string& value)>;

struct ReportInput {
  std::vector<ReportSectionSource> sections;
  QgisExport presentations;
  ValueNamer value_name;
  std::vector<RenderedMap> maps;  // PNG maps, matched to a section by title
  // Rows a table shows when its item sets no limit (a province's townships run to thousands):
  // the report says how many more the workbook holds.
  int64_t max_table_rows = 200;
};

ReportDocument build_report(geo::Store& store, const ReportInput& input, Language language);

// The text of a stored value in a report: by the field's unit ("share": 97.4%, "m²", "m":
// whole numbers, "min": one decimal), yes/no fields as 是/否, empty values as "–". Public for
// the tests, which compare the report's numbers with the store's.
std::string report_value(const geo::Value& value, const std::string& unit, bool yes_no,
                         Language language);

}  // namespace rz::exporting
