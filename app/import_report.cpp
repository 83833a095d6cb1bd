#include "app/import_report.hpp"

#include <fmt/format.h>

namespace rz::app {

void print_import_report(const import::ImportReport& r, bool quiet) {
  if (!quiet) {
    fmt::print("{} <- {} ({}): {} features\n", r.layer, r.source, r.driver, r.features);
    fmt::print("  encoding: {}; CRS: {} -> EPSG:{}\n", r.encoding,
               r.source_crs.empty() ? "none (table)" : r.source_crs, r.project_srid);
    std::string mapped, unmapped;
    for (const auto& [canonical, source] : r.mapping) {
      if (source.empty())
        unmapped += (unmapped.empty() ? "" : ", ") + canonical;
      else
        mapped += fmt::format("\n    {:<20} <- {}", canonical, source);
    }
    fmt::print("  fields:{}\n", mapped.empty() ? " (none)" : mapped);
    if (!unmapped.empty()) fmt::print("  not in the source: {}\n", unmapped);
    if (!r.kept_fields.empty())
      fmt::print("  kept as attributes: {}\n", fmt::join(r.kept_fields, ", "));
    if (r.repaired > 0) fmt::print("  repaired polygons: {}\n", r.repaired);
    for (const auto& n : r.notes) fmt::print("  {}\n", n);
  }
  for (const auto& w : r.warnings) fmt::print(stderr, "warning: {}: {}\n", r.source, w);
}

}  // namespace rz::app
