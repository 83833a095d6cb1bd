// ruralzone reach: straight-line reach of service centers and stations (最后一公里).

#include <fmt/format.h>

#include "analysis/reach_job.hpp"
#include "app/command.hpp"
#include "app/project_file.hpp"
#include "app/reach_report.hpp"
#include "geo/error.hpp"
#include "geo/store.hpp"

namespace rz::app {

namespace {

class ReachCommand : public Command {
 public:
  void setup(CLI::App& sub) override {
    sub.add_option("store", store_, "Project store (SpatiaLite file)")->required();
    sub.add_option("-p,--project", project_,
                   "Project file whose [[reach.target]] entries name categories and radii");
    sub.add_option("-t,--target", targets_,
                   "CATEGORY=RADIUS_M, e.g. party_service_center=2000 (repeatable; replaces the "
                   "project's targets)");
    sub.add_option("--threads", threads_, "Threads (default: the machine's cores, at most 2)");
    sub.add_flag("--no-roads", no_roads_,
                 "Straight-line reach only, even when the store has a roads layer");
    sub.add_flag("--roads-only", roads_only_, "Reach on roads only (no straight-line layers)");
    sub.add_flag("--no-households", no_households_,
                 "No layer of the households beyond the radius (villages, townships, county and "
                 "service areas only; at province scale that layer is most of the time)");
    sub.add_flag("--no-areas", no_areas_,
                 "No service-area and isochrone polygons, in a straight line or on roads (reach "
                 "on roads still assigns every household)");
  }

  int run(const GlobalOptions& global) override {
    analysis::ReachSettings settings;
    analysis::RoadReachJobSettings roads;
    if (!project_.empty()) read_reach_settings(project_, settings, roads);
    if (!targets_.empty()) {
      settings.targets.clear();
      for (const auto& t : targets_) {
        auto eq = t.find('=');
        double radius = 0;
        try {
          radius = eq == std::string::npos ? 0 : std::stod(t.substr(eq + 1));
        } catch (const std::exception&) {
        }
        if (eq == std::string::npos || radius <= 0)
          throw UsageError(fmt::format("--target «{}»: expected CATEGORY=RADIUS_M", t));
        settings.targets.push_back({t.substr(0, eq), radius});
      }
      check_reach_targets(settings, "--target");
    }
    settings.threads = threads_ > 0 ? threads_ : default_threads();
    if (no_households_) settings.households_layer = false;
    if (no_areas_) settings.service_areas = false;
    // SpatiaLite is loaded only if a job writes geometry of its own making (each says so): the
    // summaries alone are plain values and copied geometry.
    auto store = geo::Store::open(store_, false, false);
    if (no_roads_ && roads_only_)
      throw UsageError("--no-roads and --roads-only exclude each other");
    if (roads_only_ && !store.layer("roads"))
      throw UsageError(fmt::format("--roads-only: {} has no roads layer", store_));
    if (!roads_only_) print_reach_report(analysis::run_reach(store, settings), global.quiet);
    if (no_areas_) roads.areas = false;
    if (!no_roads_ && store.layer("roads"))
      print_road_reach_report(
          analysis::run_road_reach(store, analysis::for_reach_targets(roads, settings)),
          global.quiet);
    return 0;
  }

 private:
  std::string store_, project_;
  std::vector<std::string> targets_;
  int threads_ = 0;
  bool no_roads_ = false, roads_only_ = false, no_areas_ = false, no_households_ = false;
};

}  // namespace

std::unique_ptr<Command> make_reach_command() {
  return std::make_unique<ReachCommand>();
}

}  // namespace rz::app
