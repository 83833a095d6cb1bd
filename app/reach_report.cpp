#include "app/reach_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace rz::app {

namespace {
std::string line(const analysis::ReachSummary& s) {
  auto share = s.share();
  return fmt::format("{:<24} {:>6.0f} m  {:<9} {:<10} households {:>7}  in reach {:>7}  {:>7}",
                     s.category, s.radius_m, s.code, s.name, s.households, s.within,
                     share ? fmt::format("{:.1f} %", *share * 100) : std::string("-"));
}
}  // namespace

void print_reach_report(const analysis::ReachReport& r, bool quiet) {
  for (const auto& w : r.warnings) fmt::print(stderr, "warning: {}\n", w);
  if (quiet) return;
  fmt::print("straight-line reach 服务半径覆盖:\n");
  for (const auto& s : r.counties) fmt::print("  county   {}\n", line(s));
  if (r.counties.size() + r.townships.size() <= 60)
    for (const auto& s : r.townships) fmt::print("  township {}\n", line(s));
  else
    fmt::print("  {} township rows: see layer reach_townships\n", r.townships.size());
  fmt::print("  layers: {}\n", fmt::join(r.layers_written, ", "));
}

}  // namespace rz::app
