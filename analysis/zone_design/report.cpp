#include "analysis/zone_design/report.hpp"

#include <cmath>
#include <iterator>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/zone_check/report.hpp"

#include "geo/messages.hpp"

namespace rz::analysis {

namespace {

std::string minutes_text(double m) {
  return std::isfinite(m) ? fmt::format("{:.1f}", m) : "-";
}

}  // namespace

AnalysisReport zone_design_report(const ZoneDesignReport& r) {
  AnalysisReport out;
  out.layers_written = r.layers_written;
  out.warnings = r.warnings;
  auto text = std::back_inserter(out.summary);
  const auto& result = r.result;
  const auto& best = *result.best;
  const auto& core = r.facts[best.core];
  fmt::format_to(
      text, fmt::runtime(tr("zone design \"{}\": core {}{}, {} members within {:g} min\n")),
      r.check.zone, village_label(core), r.core_chosen ? tr(" (chosen by the design)") : "",
      best.members.size(), r.max_minutes);
  fmt::format_to(text, fmt::runtime(tr("  candidates: {} of {} villages")), r.candidates,
                 r.villages);
  if (!r.left_out.empty()) {
    std::vector<std::string> parts;
    for (const auto& [check, k] : r.left_out)
      parts.push_back(fmt::format("{} {}", zone_check_name(check), k));
    fmt::format_to(text, fmt::runtime(tr(" (left out, failing a per-village check: {})")),
                   fmt::join(parts, in_messages_language({"、", ", "})));
  }
  fmt::format_to(text, "\n");
  if (result.proven_optimal)
    fmt::format_to(text, fmt::runtime(tr("  objective {:.4f}, proven optimal ({:.2f} s)\n")),
                   best.objective, r.seconds);
  else
    fmt::format_to(
        text, fmt::runtime(tr("  objective {:.4f}, bound {:.4f}, gap {:.2f} %{} ({:.2f} s)\n")),
        best.objective, result.bound, 100 * result.gap(),
        result.stopped_on_time ? tr(", stopped at the time limit") : "", r.seconds);
  if (result.greedy) {
    const double g = result.greedy->objective;
    fmt::format_to(
        text, fmt::runtime(tr("  greedy design: objective {:.4f} ({:+.1f} % for the exact one)\n")),
        g, g > 0 ? 100 * (best.objective - g) / g : 0.0);
  } else {
    fmt::format_to(text, "{}", tr("  greedy design: none found (it got stuck)\n"));
  }
  fmt::format_to(text, "  {:<4} {:<28} {:<8} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}\n", "rank",
                 "village", "type", "score", "十好", "pop.", "income", "from", "to");
  int rank = 0;
  for (const auto& d : r.zone) {
    const auto& f = r.facts[d.village];
    fmt::format_to(text, "  {:<4} {:<28} {:<8} {:>7.3f} {:>7.3f} {:>7.3f} {:>7.3f} {:>7} {:>7}{}\n",
                   d.core ? "core" : std::to_string(rank), village_label(f),
                   f.type_zh.empty() ? "-" : f.type_zh, d.score, d.ten_good_part, d.population_part,
                   d.income_part, minutes_text(d.minutes_from_core),
                   minutes_text(d.minutes_to_core), d.in_greedy ? "" : "  (not greedy's)");
    ++rank;
  }
  out.summary += zone_check_text(r.check, r.facts);
  fmt::format_to(std::back_inserter(out.summary), fmt::runtime(tr("  layers: {}\n")),
                 fmt::join(r.layers_written, ", "));
  return out;
}

}  // namespace rz::analysis
