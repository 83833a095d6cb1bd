// ruralzone site: where the next service centers should go (MCLP, LSCP, p-median).

#include <fmt/format.h>

#include "analysis/siting_job.hpp"
#include "app/command.hpp"
#include "app/project_file.hpp"
#include "app/site_report.hpp"
#include "geo/error.hpp"
#include "geo/store.hpp"

namespace rz::app {

namespace {

class SiteCommand : public Command {
 public:
  void setup(CLI::App& sub) override {
    sub.add_option("store", store_, "Project store (SpatiaLite file)")->required();
    sub.add_option("-p,--project", project_,
                   "Project file: its [site] table and [reach.roads] settings (options here "
                   "override them)");
    sub.add_option("--objective", objective_,
                   "mclp (most households newly within reach of K new sites), lscp (fewest new "
                   "sites covering every household) or pmedian (least total travel with K new "
                   "sites); default mclp");
    sub.add_option("-k", k_, "Number of new sites (mclp, pmedian)");
    sub.add_option("--category", category_,
                   "Facility category, e.g. party_service_center (default) or "
                   "village_service_station");
    sub.add_option("--radius", radius_m_, "Within reach: metres by straight line (default 2000)");
    sub.add_option("--minutes", minutes_,
                   "Within reach: minutes on the roads (uses the roads layer)");
    sub.add_option("--candidates", candidates_,
                   "Store layer of candidate sites (default: the village seats)");
    sub.add_flag("--capacities", capacities_,
                 "LSCP / p-median respect capacities (facilities' capacity field)");
    sub.add_option("--candidate-capacity", candidate_capacity_,
                   "Capacity (households) of a new site where the candidate layer gives none");
    sub.add_option("--cutoff", cutoff_,
                   "p-median: sites farther than this (metres, or minutes with --minutes) do not "
                   "serve a household (default 10000 m / 60 min)");
    sub.add_option("--time-limit", time_limit_s_, "Solver time limit, seconds (default 60)");
    sub.add_option("--threads", threads_, "Threads (default: the machine's cores, at most 2)");
  }

  int run(const GlobalOptions& global) override {
    SiteProject site;
    if (!project_.empty())
      if (auto from_file = read_site_settings(project_)) site = *from_file;
    auto& s = site.settings;
    if (objective_) s.objective = parse_objective(*objective_, "--objective");
    if (k_) s.k = *k_;
    if (category_) s.category = *category_;
    check_category(s.category, "--category");
    if (radius_m_ && minutes_) throw UsageError("--radius and --minutes exclude each other");
    if (radius_m_) {
      if (*radius_m_ <= 0) throw UsageError("--radius must be > 0 metres");
      s.radius_m = *radius_m_;
      s.by_road = false;
    }
    if (minutes_) {
      if (*minutes_ <= 0) throw UsageError("--minutes must be > 0");
      s.minutes = *minutes_;
      s.by_road = true;
    }
    if (s.objective != analysis::SitingObjective::lscp && !k_ && project_.empty())
      throw UsageError(fmt::format("--objective {} needs -k (how many new sites)",
                                   analysis::to_string(s.objective)));
    if (candidates_) site.candidates = *candidates_;
    if (capacities_) s.capacities = true;
    if (candidate_capacity_) {
      if (*candidate_capacity_ <= 0) throw UsageError("--candidate-capacity must be > 0");
      s.candidate_capacity = *candidate_capacity_;
    }
    if (cutoff_) {
      if (*cutoff_ <= 0) throw UsageError("--cutoff must be > 0");
      (s.by_road ? s.cutoff_min : s.cutoff_m) = *cutoff_;
    }
    if (time_limit_s_) {
      if (*time_limit_s_ <= 0) throw UsageError("--time-limit must be > 0 seconds");
      s.time_limit_s = *time_limit_s_;
    }
    s.threads = threads_ > 0 ? threads_ : default_threads();
    auto store = geo::Store::open(store_, false);
    analysis::SitingLayers layers;
    layers.candidates = site.candidates;
    print_site_report(analysis::run_siting(store, s, layers), global.quiet);
    return 0;
  }

 private:
  std::string store_, project_;
  std::optional<std::string> objective_, category_, candidates_;
  std::optional<size_t> k_;
  std::optional<double> radius_m_, minutes_, candidate_capacity_, cutoff_, time_limit_s_;
  bool capacities_ = false;
  int threads_ = 0;
};

}  // namespace

std::unique_ptr<Command> make_site_command() {
  return std::make_unique<SiteCommand>();
}

}  // namespace rz::app
