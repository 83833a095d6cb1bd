#include "analysis/villages/report.hpp"

#include <iterator>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geo/messages.hpp"

namespace rz::analysis {

namespace {

constexpr size_t kNamesShown = 10;

// pass / fail / undecided counts of a three-valued result over the villages.
template <typename Get>
std::string pass_counts(const VillageAssessmentReport& r, Get&& get) {
  int64_t pass = 0, fail = 0, undecided = 0;
  for (const auto& a : r.assessed) {
    const std::optional<bool> x = get(a);
    (!x ? undecided : *x ? pass : fail) += 1;
  }
  return fmt::format(fmt::runtime(tr("{} pass, {} fail, {} undecided")), pass, fail, undecided);
}

std::string village_name(const VillageValues& v) {
  return fmt::format("{}（{}）", v.name, v.code);
}

}  // namespace

AnalysisReport village_report(const VillageAssessmentReport& r) {
  AnalysisReport out;
  out.layers_written = r.layers_written;
  out.warnings = r.warnings;
  auto text = std::back_inserter(out.summary);
  fmt::format_to(text,
                 fmt::runtime(tr("village assessment: {} villages of \"{}\", {} township(s)\n")),
                 r.villages.size(), r.layer, r.townships.size());

  std::array<int64_t, 5> types{};
  std::map<std::string, int64_t> missing_for_type;
  for (const auto& a : r.assessed) {
    ++types[static_cast<size_t>(a.type.type)];
    for (const auto& f : a.type.missing) ++missing_for_type[f];
  }
  std::vector<std::string> type_counts;
  for (auto t : {VillageType::hub, VillageType::tidal, VillageType::basic, VillageType::hollow,
                 VillageType::unknown})
    type_counts.push_back(
        fmt::format("{} {} {}", chinese_name(t), to_string(t), types[static_cast<size_t>(t)]));
  fmt::format_to(text, fmt::runtime(tr("  types: {}\n")), fmt::join(type_counts, ", "));
  if (!missing_for_type.empty()) {
    std::vector<std::string> lacking;
    for (const auto& [field, n] : missing_for_type)
      lacking.push_back(fmt::format("{} {}", field, n));
    fmt::format_to(text, fmt::runtime(tr("    unknown for lack of: {}\n")),
                   fmt::join(lacking, ", "));
  }
  fmt::format_to(text, fmt::runtime(tr("  ten good standards: {}\n")),
                 pass_counts(r, [](const VillageAssessment& a) { return a.ten_good.pass; }));
  std::vector<std::string> conditions;
  for (const auto& c : r.settings.six_none)
    conditions.push_back(fmt::format("{} {} {}", c.name, c.field, c.rule()));
  fmt::format_to(text, fmt::runtime(tr("  six conditions: {} ({})\n")),
                 pass_counts(r, [](const VillageAssessment& a) { return a.six_none.pass; }),
                 fmt::join(conditions, "; "));

  int64_t met = 0, unknown_income = 0;
  std::vector<std::string> shells;
  size_t shell_count = 0;
  for (size_t i = 0; i < r.assessed.size(); ++i) {
    const auto& c = r.assessed[i].collective;
    if (!c.target_met) ++unknown_income;
    met += c.target_met.value_or(false);
    if (c.shell.value_or(false) && ++shell_count <= kNamesShown)
      shells.push_back(village_name(r.villages[i]));
  }
  fmt::format_to(
      text,
      fmt::runtime(tr("  collective economy: {} at or above {:g} (10k yuan), {} shell villages{}")),
      met, r.settings.collective_target, shell_count,
      shell_count == 0 ? std::string() : fmt::format(": {}", fmt::join(shells, "、")));
  if (shell_count > kNamesShown)
    fmt::format_to(text, fmt::runtime(tr(" and {} more")), shell_count - kNamesShown);
  if (unknown_income > 0)
    fmt::format_to(text, fmt::runtime(tr("; {} without income")), unknown_income);
  fmt::format_to(text, "\n");

  int64_t short_of = 0, undecided = 0, covered = 0;
  for (const auto& t : r.townships) {
    short_of += t.ratio_met == false;
    undecided += !t.ratio_met.has_value();
    covered += t.full_coverage == true;
  }
  fmt::format_to(
      text,
      fmt::runtime(tr("  demonstration points: {} township(s) short of their ratio, {} undecided "
                      "(required {:g} % unless a township sets its own); the ten good standards "
                      "and six conditions cover {} township(s)\n")),
      short_of, undecided, 100 * r.settings.required_ratio, covered);
  for (const auto& t : r.townships) {
    if (t.ratio_met != false) continue;
    std::vector<std::string> names;
    for (size_t i : t.candidates) names.push_back(village_name(r.villages[i]));
    fmt::format_to(
        text,
        fmt::runtime(tr("    {} {}: {} of {} villages are points ({:.1f} %, required {:g} %), {} "
                        "more needed{}\n")),
        t.code, t.name, t.points, t.villages, 100 * t.ratio(), 100 * t.required_ratio,
        t.points_needed.value_or(0),
        names.empty() ? std::string()
                      : fmt::format(fmt::runtime(tr("; candidates {}")), fmt::join(names, "、")));
  }
  fmt::format_to(text, fmt::runtime(tr("  layers: {}\n")), fmt::join(r.layers_written, ", "));
  return out;
}

}  // namespace rz::analysis
