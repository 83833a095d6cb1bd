#include "analysis/road_reach/report.hpp"

#include <iterator>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geo/messages.hpp"
#include "import/classify.hpp"

namespace rz::analysis {

AnalysisReport road_reach_report(const RoadReachReport& r) {
  AnalysisReport out;
  out.layers_written = r.layers_written;
  auto text = std::back_inserter(out.summary);
  out.warnings = r.warnings;
  fmt::format_to(text,
                 fmt::runtime(tr("reach on roads: {} nodes, {} edges, {} connected part(s)\n")),
                 r.nodes, r.edges, r.components);
  auto line = [&](const RoadReachSummary& s) {
    std::string shares;
    for (size_t t = 0; t < r.thresholds.size(); ++t)
      shares += fmt::format(fmt::runtime(tr("  {}{:g} min {:5.1f} %")), "≤", r.thresholds[t],
                            s.households > 0 ? 100.0 * static_cast<double>(s.within[t]) /
                                                   static_cast<double>(s.households)
                                             : 0.0);
    // Persons within the largest threshold only: the line is long enough.
    std::string persons;
    if (r.persons_known && !r.thresholds.empty())
      persons = fmt::format(fmt::runtime(tr("  persons {} (within {:g} min: {})")), s.persons,
                            r.thresholds.back(), s.persons_within.back());
    return fmt::format(fmt::runtime(tr("{:<24} {:<9} {:<10} households {:>7}{}  unreached {}{}")),
                       import::category_chinese(s.category), s.code, s.name, s.households, shares,
                       s.unreached, persons);
  };
  for (const auto& s : r.counties)
    fmt::format_to(text, fmt::runtime(tr("  county   {}\n")), line(s));
  if (r.counties.size() + r.townships.size() <= 60)
    for (const auto& s : r.townships)
      fmt::format_to(text, fmt::runtime(tr("  township {}\n")), line(s));
  else
    fmt::format_to(text, fmt::runtime(tr("  {} township rows: see layer road_reach_townships\n")),
                   r.townships.size());
  if (!r.over_capacity.empty()) {
    int64_t beyond = 0;
    for (const auto& l : r.over_capacity) beyond += l.beyond_capacity;
    fmt::format_to(
        text,
        fmt::runtime(r.over_capacity.size() == 1
                         ? tr("  {} facility has more nearest households than capacity ({} "
                              "households beyond), e.g. {} {}: {} nearest, capacity {:g}; see "
                              "layer road_service_areas\n")
                         : tr("  {} facilities have more nearest households than capacity ({} "
                              "households beyond), e.g. {} {}: {} nearest, capacity {:g}; see "
                              "layer road_service_areas\n")),
        r.over_capacity.size(), beyond, r.over_capacity.front().category,
        r.over_capacity.front().facility, r.over_capacity.front().nearest,
        *r.over_capacity.front().capacity);
  }
  fmt::format_to(text, fmt::runtime(tr("  layers: {}\n")), fmt::join(r.layers_written, ", "));
  return out;
}

}  // namespace rz::analysis
