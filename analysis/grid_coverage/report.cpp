#include "analysis/grid_coverage/report.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geo/messages.hpp"

namespace rz::analysis {

namespace {
std::string percent(std::optional<double> share) {
  return share ? fmt::format("{:.1f} %", *share * 100) : std::string("-");
}
std::string line(const AreaSummary& s) {
  auto share = [&](double part) {
    return s.area > 0 ? std::optional(part / s.area) : std::nullopt;
  };
  return fmt::format(
      fmt::runtime(tr("{:<9} {:<10} households {:>7}  zero omission {:>7}  none {:>5}  "
                      "several {:>5}  gaps {:>6}  overlaps {:>6}  villages with problems {}/{}  "
                      "grids under/over band {}/{}")),
      s.code, s.name, s.households, percent(s.zero_omission_rate()), s.none, s.several,
      percent(share(s.gap_area)), percent(share(s.overlap_area)), s.villages_with_problems,
      s.villages, s.grids_under, s.grids_over);
}
}  // namespace

AnalysisReport grid_report(const GridCoverageReport& r) {
  AnalysisReport out;
  out.layers_written = r.layers_written;
  auto text = std::back_inserter(out.summary);
  {
    fmt::format_to(text,
                   fmt::runtime(tr("grid coverage: {} households, {} gap / {} overlap / {} outside "
                                   "pieces\n")),
                   r.households, r.gaps, r.overlaps, r.outside);
    // A province has hundreds of counties and thousands of townships: past a screenful the
    // layers grid_county and grid_townships are the place to read them.
    constexpr size_t kScreen = 40;
    for (size_t i = 0; i < std::min(r.counties.size(), kScreen); ++i)
      fmt::format_to(text, fmt::runtime(tr("  county   {}\n")), line(r.counties[i]));
    if (r.counties.size() > kScreen)
      fmt::format_to(text, fmt::runtime(tr("  ... {} counties in all: see layer grid_county\n")),
                     r.counties.size());
    if (r.counties.size() + r.townships.size() <= kScreen)
      for (const auto& s : r.townships)
        fmt::format_to(text, fmt::runtime(tr("  township {}\n")), line(s));
    else
      fmt::format_to(text, fmt::runtime(tr("  {} townships: see layer grid_townships\n")),
                     r.townships.size());
    fmt::format_to(text, fmt::runtime(tr("  layers: {}\n")), fmt::join(r.layers_written, ", "));
  }
  if (r.households_without_village > 0)
    out.warnings.push_back(
        fmt::format(fmt::runtime(tr("{} household(s) have no village code matching a village: "
                                    "counted in no village, township or county")),
                    r.households_without_village));
  if (r.snapped_overlays > 0)
    fmt::format_to(text,
                   fmt::runtime(tr("  {} overlay(s) failed GEOS's first answer check and were "
                                   "redone with snap-rounding\n")),
                   r.snapped_overlays);
  return out;
}

}  // namespace rz::analysis
