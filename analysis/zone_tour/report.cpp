#include "analysis/zone_tour/report.hpp"

#include <iterator>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geo/messages.hpp"

namespace rz::analysis {

AnalysisReport zone_tour_report(const ZoneTourReport& r) {
  AnalysisReport out;
  out.layers_written = r.layers_written;
  out.warnings = r.warnings;
  auto text = std::back_inserter(out.summary);
  const auto& s = r.settings;
  const size_t stops = r.places.size() - 1;
  fmt::format_to(text,
                 fmt::runtime(tr("observation tour \"{}\": {} stops from {}, {:g} min at each, "
                                 "{:g} h a day{}\n")),
                 r.zone, stops, r.places[0].name, s.dwell_min, s.day_hours,
                 s.return_to_start ? tr(", back each evening") : "");
  double dwell = 0;
  for (const auto& d : r.days.days) dwell += d.dwell_min;
  fmt::format_to(text, fmt::runtime(tr("  {} day(s), {:.1f} min driving, {:.1f} min in all{}\n")),
                 r.days.days.size(), r.days.travel_min, r.days.travel_min + dwell,
                 r.days_proven ? tr(" (fewest days, then least driving: proven optimal)")
                               : tr(" (the best split of the tour's order into days; not proven)"));
  int day_number = 0;
  for (const auto& day : r.days.days) {
    double clock = s.day_start_min;
    std::vector<std::string> parts{fmt::format("{} {}", clock_text(clock), r.places[0].name)};
    for (size_t k = 0; k < day.stops.size(); ++k) {
      clock += day.legs[k];
      const auto& p = r.places[tour_place(day.stops[k])];
      parts.push_back(
          fmt::format("{}-{} {}", clock_text(clock), clock_text(clock + s.dwell_min), p.name));
      clock += s.dwell_min;
    }
    if (s.return_to_start)
      parts.push_back(fmt::format(fmt::runtime(tr("{} back")), clock_text(clock + day.back_min)));
    fmt::format_to(text, fmt::runtime(tr("  day {}: {}\n")), ++day_number, fmt::join(parts, " → "));
  }
  fmt::format_to(text,
                 fmt::runtime(tr("  nearest neighbour: {} day(s), {:.1f} min driving (the plan "
                                 "saves {:.1f} min)\n")),
                 r.nn_days.days.size(), r.nn_days.travel_min,
                 r.nn_days.travel_min - r.days.travel_min);
  fmt::format_to(text,
                 fmt::runtime(tr("  one trip through all stops: {:.1f} min driving{}; nearest "
                                 "neighbour {:.1f} min\n")),
                 r.tour.travel_min,
                 r.tour_proven ? std::string(tr(" (proven optimal)"))
                               : fmt::format(fmt::runtime(tr(" (bound {:.1f} min, not proven)")),
                                             r.tour_bound),
                 r.nn_tour.travel_min);
  fmt::format_to(text, fmt::runtime(tr("  layers: {}\n")), fmt::join(r.layers_written, ", "));
  return out;
}

}  // namespace rz::analysis
