#include "app/analysis_runner.hpp"

#include <cstdio>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace rz::app {

std::optional<std::string> why_not_runnable(const analysis::Analysis& analysis,
                                            const analysis::SettingValues& values,
                                            geo::Store& store,
                                            const analysis::RunContext& context) {
  std::vector<std::string> missing;
  for (const auto& kind : analysis.needs) {
    const std::string layer = context.layer(kind);
    if (!store.layer(layer))
      missing.push_back(layer == kind ? kind : fmt::format("{} («{}»)", kind, layer));
  }
  if (!missing.empty())
    return fmt::format("the store has no {} layer{}", fmt::join(missing, ", "),
                       missing.size() == 1 ? "" : "s");
  if (analysis.cannot_run) return analysis.cannot_run(values, store, context);
  return std::nullopt;
}

void run_and_report(const analysis::Analysis& analysis, const analysis::SettingValues& values,
                    geo::Store& store, const analysis::RunContext& context, bool quiet) {
  const auto report = analysis.run(store, values, context);
  for (const auto& w : report.warnings) fmt::print(stderr, "warning: {}\n", w);
  if (!quiet) fmt::print("{}", report.summary);
}

void report_skipped(const analysis::Analysis& analysis, const std::string& why, bool quiet) {
  if (!quiet) fmt::print("skipped {}: {}\n", analysis.name, why);
}

}  // namespace rz::app
