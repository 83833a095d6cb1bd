#include "analysis/zone_check/report.hpp"

#include <iterator>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geo/messages.hpp"

namespace rz::analysis {

namespace {

constexpr size_t kVillagesShown = 10;

std::string villages_text(const std::vector<uint32_t>& villages,
                          const std::vector<ZoneVillageFacts>& facts) {
  std::vector<std::string> names;
  for (size_t i = 0; i < villages.size() && i < kVillagesShown; ++i)
    names.push_back(village_label(facts[villages[i]]));
  std::string text = fmt::format("{}", fmt::join(names, "、"));
  if (villages.size() > kVillagesShown)
    text += fmt::format(fmt::runtime(tr(" and {} more")), villages.size() - kVillagesShown);
  return text;
}

}  // namespace

std::string zone_check_text(const ZoneCheck& zone, const std::vector<ZoneVillageFacts>& facts) {
  std::string out;
  auto text = std::back_inserter(out);
  size_t passed = 0;
  for (const auto& c : zone.checks) passed += c.pass ? 1 : 0;
  fmt::format_to(text, fmt::runtime(tr("zone check \"{}\": {} of {} checks pass{}\n")), zone.zone,
                 passed, zone.checks.size(), zone.pass() ? tr(", all of them") : "");
  for (const auto& c : zone.checks) {
    fmt::format_to(text, fmt::runtime(tr("  {} {}: {} (required: {})")),
                   c.pass ? tr("pass") : tr("FAIL"), zone_check_name(c.check),
                   in_messages_language(c.value), in_messages_language(c.threshold));
    if (!c.failing.empty())
      fmt::format_to(text, "{}{}", in_messages_language({"：", ": "}),
                     villages_text(c.failing, facts));
    fmt::format_to(text, "\n");
  }
  if (!zone.series.connected()) {
    for (size_t i = 0; i < zone.series.components.size(); ++i)
      fmt::format_to(text, fmt::runtime(tr("    component {}{}: {}\n")), i + 1,
                     i == 0 ? tr(" (the core's)") : "",
                     villages_text(zone.series.components[i], facts));
    for (const auto& m : zone.series.missing)
      fmt::format_to(text,
                     fmt::runtime(tr("    cheapest missing link: {} ({}) - {} ({}), {:.1f} min\n")),
                     facts[m.a].name, facts[m.a].code, facts[m.b].name, facts[m.b].code, m.minutes);
    if (zone.series.apart > 1)
      fmt::format_to(text, fmt::runtime(tr("    {} groups of components no road joins\n")),
                     zone.series.apart);
  }
  for (const auto& s : zone.skipped)
    fmt::format_to(text, fmt::runtime(tr("  not checked: {}\n")), s);
  return out;
}

AnalysisReport zone_check_report(const ZoneCheckReport& r) {
  AnalysisReport out;
  out.layers_written = r.layers_written;
  out.warnings = r.warnings;
  for (const auto& z : r.zones) out.summary += zone_check_text(z, r.facts);
  out.summary += fmt::format(fmt::runtime(tr("  layers: {}\n")), fmt::join(r.layers_written, ", "));
  return out;
}

}  // namespace rz::analysis
