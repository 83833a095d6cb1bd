#pragma once
// Straight-line reach as a step of a project: reads villages, households and facilities (and
// townships, for their outlines) from the store, computes (reach.hpp), and writes, in one
// transaction replacing those of an earlier run:
//   reach_households_beyond  households farther than the radius from every facility of a target
//   reach_villages           per village and target: households, in reach, share, their persons,
//                            seat distance
//   reach_townships          the same per township (township outlines when that layer exists)
//   reach_county             the same per county (a table)
//   reach_service_areas      per target: the dissolved circles of radius around its facilities
#include <optional>
#include <string>
#include <vector>

#include "analysis/reach/reach.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

struct ReachLayers {
  std::string villages = "villages", households = "households", facilities = "facilities",
              townships = "townships";
};

struct ReachSummary {
  std::string category, code, name;
  double radius_m = 0;
  int64_t households = 0, within = 0;
  int64_t persons = 0, persons_within = 0;  // meaningful only when ReachReport::persons_known
  std::optional<double> share() const {
    if (households == 0) return std::nullopt;
    return static_cast<double>(within) / static_cast<double>(households);
  }
};

struct ReachReport {
  std::vector<ReachSummary> counties, townships;
  bool persons_known = false;  // some household has persons (else the persons fields are null)
  std::vector<std::string> warnings;
  std::vector<std::string> layers_written;
};

const std::vector<std::string>& reach_result_layers();

ReachReport run_reach(geo::Store& store, const ReachSettings& settings,
                      const ReachLayers& layers = {});

}  // namespace rz::analysis
