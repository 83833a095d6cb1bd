#include "analysis/reach/report.hpp"

#include <iterator>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geo/messages.hpp"
#include "import/classify.hpp"

namespace rz::analysis {

namespace {
std::string line(const ReachSummary& s, bool persons_known) {
  auto share = s.share();
  return fmt::format(
      fmt::runtime(tr("{:<24} {:>6.0f} m  {:<9} {:<10} households {:>7}  in reach {:>7}  {:>7}{}")),
      import::category_chinese(s.category), s.radius_m, s.code, s.name, s.households, s.within,
      share ? fmt::format("{:.1f} %", *share * 100) : std::string("-"),
      persons_known ? fmt::format(fmt::runtime(tr("  persons {:>8}  in reach {:>8}")), s.persons,
                                  s.persons_within)
                    : std::string());
}
}  // namespace

AnalysisReport reach_report(const ReachReport& r) {
  AnalysisReport out;
  out.layers_written = r.layers_written;
  auto text = std::back_inserter(out.summary);
  out.warnings = r.warnings;
  fmt::format_to(text, "{}", tr("straight-line reach:\n"));
  for (const auto& s : r.counties)
    fmt::format_to(text, fmt::runtime(tr("  county   {}\n")), line(s, r.persons_known));
  if (r.counties.size() + r.townships.size() <= 60)
    for (const auto& s : r.townships)
      fmt::format_to(text, fmt::runtime(tr("  township {}\n")), line(s, r.persons_known));
  else
    fmt::format_to(text, fmt::runtime(tr("  {} township rows: see layer reach_townships\n")),
                   r.townships.size());
  fmt::format_to(text, fmt::runtime(tr("  layers: {}\n")), fmt::join(r.layers_written, ", "));
  return out;
}

}  // namespace rz::analysis
