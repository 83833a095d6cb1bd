#include "app/analysis_runner.hpp"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/report_outputs.hpp"
#include "export/report_build.hpp"
#include "geo/messages.hpp"

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
    return fmt::format(fmt::runtime(missing.size() == 1 ? tr("the store has no {} layer")
                                                        : tr("the store has no {} layers")),
                       fmt::join(missing, ", "));
  if (analysis.cannot_run) return analysis.cannot_run(values, store, context);
  return std::nullopt;
}

void run_and_report(const analysis::Analysis& analysis, const analysis::SettingValues& values,
                    geo::Store& store, const analysis::RunContext& context, bool quiet) {
  const auto report = analysis.run(store, values, context);
  for (const auto& w : report.warnings) fmt::print(stderr, fmt::runtime(tr("warning: {}\n")), w);
  if (!quiet) {
    fmt::print("{}", report.summary);
    print_named(analysis, store);
  }
}

void print_named(const analysis::Analysis& analysis, geo::Store& store) {
  // The report's lists of names (the villages with no grid, those nobody reaches), from the
  // layers just written: where a count alone does not say what to do.
  exporting::ReportInput input = report_input_for(store);
  input.sections.erase(
      std::remove_if(input.sections.begin(), input.sections.end(),
                     [&](const auto& s) { return s.title.en != analysis.title.en; }),
      input.sections.end());
  if (input.sections.empty()) return;
  const auto language = messages_in_chinese() ? exporting::Language::zh : exporting::Language::en;
  const auto document = exporting::build_report(store, input, language);
  constexpr size_t kNames = 12;
  for (const auto& section : document.sections)
    for (const auto& block : section.blocks) {
      if (block.kind != exporting::ReportBlock::Kind::names) continue;
      // The first names; the report and the layers have them all.
      const std::string comma = language == exporting::Language::en ? ", " : "、";
      std::string text = block.text;
      size_t at = 0;
      for (size_t n = 0; n < kNames && at != std::string::npos; ++n) {
        at = text.find(comma, at);
        if (at != std::string::npos) at += comma.size();
      }
      if (at != std::string::npos) text = text.substr(0, at - comma.size()) + " …";
      fmt::print("  {}: {}\n", block.title, text);
    }
}

void report_skipped(const analysis::Analysis& analysis, const std::string& why, bool quiet) {
  if (!quiet) fmt::print(fmt::runtime(tr("skipped {}: {}\n")), analysis.name, why);
}

}  // namespace rz::app
