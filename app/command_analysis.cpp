// The command of one or more analyses of the registry (`grids`, `reach`, `site`): its options are
// the analyses' declared settings plus the shared store, project-file and threads options.
// Settings come from their defaults, then the project file's tables, then the command line.
#include <fmt/format.h>

#include "analysis/registry.hpp"
#include "app/analysis_runner.hpp"
#include "app/command.hpp"
#include "app/project_file.hpp"
#include "app/setting_options.hpp"
#include "app/shared_options.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/store.hpp"

namespace rz::app {

namespace {

class AnalysisCommand : public Command {
 public:
  explicit AnalysisCommand(std::vector<const analysis::Analysis*> analyses)
      : analyses_(std::move(analyses)), alone_flags_(analyses_.size(), 0) {}

  void setup(CLI::App& sub) override {
    store_.add(sub);
    std::string tables;
    for (const auto* a : analyses_) tables += (tables.empty() ? "[" : ", [") + a->table + "]";
    add_project_option(
        sub, project_,
        fmt::format("Project file whose {} table{} set{} what the options below "
                    "set (options given here win)",
                    tables, analyses_.size() > 1 ? "s" : "", analyses_.size() > 1 ? "" : "s"));
    add_threads_option(sub, threads_);
    options_.add(sub, analyses_);
    if (analyses_.size() > 1)
      for (size_t i = 0; i < analyses_.size(); ++i)
        if (!analyses_[i]->alone_flag.empty())
          sub.add_flag("--" + analyses_[i]->alone_flag, alone_flags_[i], analyses_[i]->alone_help);
  }

  int run(const GlobalOptions& global) override {
    ProjectSettings settings = project_.empty() ? default_settings() : read_settings_file(project_);
    options_.apply(settings.values);
    std::vector<const analysis::Analysis*> chosen;
    std::string alone;
    for (size_t i = 0; i < analyses_.size(); ++i)
      if (alone_flags_[i] > 0) {
        if (!alone.empty())
          throw UsageError(fmt::format(fmt::runtime(tr("--{} and --{} exclude each other")), alone,
                                       analyses_[i]->alone_flag));
        alone = analyses_[i]->alone_flag;
        chosen = {analyses_[i]};
      }
    if (chosen.empty()) chosen = analyses_;
    for (const auto* a : chosen)
      if (a->check) a->check(settings.values.at(a->name));

    auto store = geo::Store::open(store_.path(), false);
    analysis::RunContext context;
    context.threads = threads_or_default(threads_);
    for (size_t i = 0; i < chosen.size(); ++i) {
      const auto& a = *chosen[i];
      const auto& values = settings.values.at(a.name);
      // The command's first analysis runs whatever it finds: its own error says what is
      // missing. The others of the command run when the store allows them.
      if (i > 0 || !alone.empty())
        if (auto why = why_not_runnable(a, values, store, context)) {
          if (!alone.empty()) throw UsageError(fmt::format("--{}: {}", alone, *why));
          report_skipped(a, *why, global.quiet);
          continue;
        }
      run_and_report(a, values, store, context, global.quiet);
    }
    return 0;
  }

 private:
  std::vector<const analysis::Analysis*> analyses_;
  std::vector<int> alone_flags_;  // per analysis: its alone flag given (a count, for CLI11)
  StoreOption store_;
  std::string project_;
  int threads_ = 0;
  SettingOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_analysis_command(const std::string& command) {
  return std::make_unique<AnalysisCommand>(analysis::analyses_of_command(command));
}

}  // namespace rz::app
