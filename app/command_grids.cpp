// ruralzone grids: grid coverage (网格全覆盖、零遗漏) of a project store.
#include <optional>

#include "analysis/grid_coverage_job.hpp"
#include "app/command.hpp"
#include "app/grid_report.hpp"
#include "app/project_file.hpp"
#include "geo/error.hpp"
#include "geo/store.hpp"

namespace rz::app {

namespace {

class GridsCommand : public Command {
 public:
  void setup(CLI::App& sub) override {
    sub.add_option("store", store_, "Project store (SpatiaLite file)")->required();
    sub.add_option("-p,--project", project_,
                   "Project file whose [grids] table sets the load band and sliver tolerance");
    sub.add_option("--households-min", households_min_,
                   "Fewest households a grid should hold (default 100)");
    sub.add_option("--households-max", households_max_,
                   "Most households a grid should hold (default 300)");
    sub.add_option("--sliver", sliver_,
                   "Drop gap/overlap pieces smaller than this, m² (default 1)");
    sub.add_option("--threads", threads_, "Threads (default: the machine's cores, at most 2)");
  }

  int run(const GlobalOptions& global) override {
    analysis::GridSettings settings;
    if (!project_.empty()) read_grid_settings(project_, settings);
    if (households_min_) settings.band.min = *households_min_;
    if (households_max_) settings.band.max = *households_max_;
    if (settings.band.min > settings.band.max)
      throw UsageError("--households-min is above --households-max");
    if (sliver_) settings.sliver_m2 = *sliver_;
    settings.threads = threads_ > 0 ? threads_ : default_threads();
    auto store = geo::Store::open(store_, false);
    auto report = analysis::run_grid_coverage(store, settings);
    print_grid_report(report, global.quiet);
    return 0;
  }

 private:
  std::string store_, project_;
  std::optional<int64_t> households_min_, households_max_;
  std::optional<double> sliver_;
  int threads_ = 0;
};

}  // namespace

std::unique_ptr<Command> make_grids_command() {
  return std::make_unique<GridsCommand>();
}

}  // namespace rz::app
