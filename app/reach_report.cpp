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

void print_road_reach_report(const analysis::RoadReachReport& r, bool quiet) {
  for (const auto& w : r.warnings) fmt::print(stderr, "warning: {}\n", w);
  if (quiet) return;
  fmt::print("reach on roads 路网可达: {} nodes, {} edges, {} connected part(s)\n", r.nodes,
             r.edges, r.components);
  auto line = [&](const analysis::RoadReachSummary& s) {
    std::string shares;
    for (size_t t = 0; t < r.thresholds.size(); ++t)
      shares += fmt::format("  ≤{:g} min {:5.1f} %", r.thresholds[t],
                            s.households > 0 ? 100.0 * static_cast<double>(s.within[t]) /
                                                   static_cast<double>(s.households)
                                             : 0.0);
    return fmt::format("{:<24} {:<9} {:<10} households {:>7}{}  unreached {}", s.category, s.code,
                       s.name, s.households, shares, s.unreached);
  };
  for (const auto& s : r.counties) fmt::print("  county   {}\n", line(s));
  if (r.counties.size() + r.townships.size() <= 60)
    for (const auto& s : r.townships) fmt::print("  township {}\n", line(s));
  else
    fmt::print("  {} township rows: see layer road_reach_townships\n", r.townships.size());
  if (!r.over_capacity.empty()) {
    int64_t beyond = 0;
    for (const auto& l : r.over_capacity) beyond += l.beyond_capacity;
    fmt::print(
        "  {} facilit{} have more nearest households than capacity ({} households beyond), "
        "e.g. {} {}: {} nearest, capacity {:g}; see layer road_service_areas\n",
        r.over_capacity.size(), r.over_capacity.size() == 1 ? "y" : "ies", beyond,
        r.over_capacity.front().category, r.over_capacity.front().facility,
        r.over_capacity.front().nearest, *r.over_capacity.front().capacity);
  }
  fmt::print("  layers: {}\n", fmt::join(r.layers_written, ", "));
}

}  // namespace rz::app
