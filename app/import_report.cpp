#include "app/import_report.hpp"

#include <fmt/format.h>

#include "geo/messages.hpp"

namespace rz::app {

void print_import_report(const import::ImportReport& r, bool quiet) {
  if (!quiet) {
    fmt::print(fmt::runtime(tr("{} <- {} ({}): {} features\n")), r.layer, r.source, r.driver,
               r.features);
    fmt::print(fmt::runtime(tr("  encoding: {}; CRS: {} -> EPSG:{}\n")), r.encoding,
               r.source_crs.empty() ? tr("none (table)") : r.source_crs.c_str(), r.project_srid);
    std::string mapped, unmapped;
    for (const auto& [canonical, source] : r.mapping) {
      if (source.empty())
        unmapped += (unmapped.empty() ? "" : ", ") + canonical;
      else
        mapped += fmt::format("\n    {:<20} <- {}", canonical, source);
    }
    fmt::print(fmt::runtime(tr("  fields:{}\n")), mapped.empty() ? tr(" (none)") : mapped.c_str());
    if (!unmapped.empty()) fmt::print(fmt::runtime(tr("  not in the source: {}\n")), unmapped);
    if (!r.kept_fields.empty())
      fmt::print(fmt::runtime(tr("  kept as attributes: {}\n")), fmt::join(r.kept_fields, ", "));
    if (r.repaired > 0) fmt::print(fmt::runtime(tr("  repaired polygons: {}\n")), r.repaired);
    for (const auto& n : r.notes) fmt::print("  {}\n", n);
  }
  for (const auto& w : r.warnings)
    fmt::print(stderr, fmt::runtime(tr("warning: {}: {}\n")), r.source, w);
}

}  // namespace rz::app
