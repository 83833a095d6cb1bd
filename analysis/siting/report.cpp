#include "analysis/siting/report.hpp"

#include <cmath>
#include <iterator>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geo/messages.hpp"
#include "import/classify.hpp"

namespace rz::analysis {

namespace {

std::string percent(int64_t part, int64_t whole) {
  return whole > 0 ? fmt::format("{:5.1f} %",
                                 100.0 * static_cast<double>(part) / static_cast<double>(whole))
                   : std::string("    -");
}

std::string share_text(double part, double whole) {
  return whole > 0 ? fmt::format("{:.1f} %", 100.0 * part / whole) : std::string("-");
}

const char* objective_title(SitingObjective o) {
  switch (o) {
    case SitingObjective::mclp:
      return tr("MCLP, maximal covering: households newly within reach");
    case SitingObjective::lscp:
      return tr("LSCP, set covering: fewest new sites covering every household");
    case SitingObjective::pmedian:
      return tr("p-median, least total travel: total cost (households x distance or minutes)");
    case SitingObjective::pcenter:
      return tr(
          "p-center, least farthest travel: the farthest served household's distance or minutes");
  }
  return "";
}

}  // namespace

AnalysisReport site_report(const SitingReport& r) {
  AnalysisReport out;
  out.layers_written = r.layers_written;
  auto text = std::back_inserter(out.summary);
  out.warnings = r.warnings;
  const auto& s = r.result;
  fmt::format_to(text, fmt::runtime(tr("siting ({}): {}\n")), to_string(r.objective),
                 objective_title(r.objective));
  fmt::format_to(
      text,
      fmt::runtime(
          r.existing == 1
              ? tr("  category {}, reach {}, {} candidate(s), {} existing facility{}\n")
              : tr("  category {}, reach {}, {} candidate(s), {} existing facilities{}\n")),
      import::category_chinese(r.category), r.measure_text, r.candidates, r.existing,
      r.k > 0 ? fmt::format(fmt::runtime(tr(", K = {}")), r.k) : std::string());
  const char* status = s.proven_optimal    ? tr("proven optimal")
                       : s.stopped_on_time ? tr("time limit reached: best found, not proven")
                                           : tr("not proven optimal");
  fmt::format_to(text,
                 fmt::runtime(tr("  objective {:.6g}  bound {:.6g}  gap {}  {}  ({:.2f} s)\n")),
                 s.objective, s.bound,
                 std::isfinite(s.gap()) ? fmt::format("{:.4g} %", 100 * s.gap()) : std::string("-"),
                 status, r.solve_s);
  if (!std::isnan(s.greedy_objective))
    fmt::format_to(text, fmt::runtime(tr("  greedy start {:.6g}\n")), s.greedy_objective);
  fmt::format_to(text,
                 fmt::runtime(tr("  households within reach: before {} ({}), after {} ({})\n")),
                 r.within_before, percent(r.within_before, r.households), r.within_after,
                 percent(r.within_after, r.households));
  if (r.weight_name != "households")
    fmt::format_to(text,
                   fmt::runtime(tr("  demand ({}) within reach: before {:.6g} ({}), after {:.6g} "
                                   "({})\n")),
                   r.weight_name, r.demand_within_before,
                   share_text(r.demand_within_before, r.demand), r.demand_within_after,
                   share_text(r.demand_within_after, r.demand));
  if (r.objective == SitingObjective::pmedian || r.objective == SitingObjective::pcenter)
    fmt::format_to(
        text,
        fmt::runtime(tr("  demand served within the cutoff: {:.6g} ({}); the farthest {:.6g}\n")),
        r.demand_served, share_text(r.demand_served, r.demand), r.max_cost_after);
  if (r.not_coverable > 0)
    fmt::format_to(text,
                   fmt::runtime(tr("  {} household(s) no site can reach: layer site_uncovered\n")),
                   r.not_coverable);
  if (r.required > 0)
    fmt::format_to(text, fmt::runtime(tr("  {} required site(s) open and counted toward K\n")),
                   r.required);
  if (r.chosen.size() <= 30)
    fmt::format_to(text, fmt::runtime(tr("  new sites: {}\n")), fmt::join(r.chosen, ", "));
  else
    fmt::format_to(text, fmt::runtime(tr("  {} new sites: see layer site_new\n")), r.chosen.size());
  if (r.townships.size() <= 40)
    for (const auto& t : r.townships)
      fmt::format_to(
          text, fmt::runtime(tr("  township {:<9} {:<10} households {:>7}  before {}  after {}\n")),
          t.code, t.name, t.households, percent(t.within_before, t.households),
          percent(t.within_after, t.households));
  fmt::format_to(text, fmt::runtime(tr("  layers: {}\n")), fmt::join(r.layers_written, ", "));
  return out;
}

}  // namespace rz::analysis
