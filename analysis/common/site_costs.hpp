#pragma once
// How far households are from sites (candidate sites or existing facilities), up to a cutoff:
// by straight line (metres) or on the roads (minutes: walk to the nearest road, drive, walk to
// the site, as in road_reach.hpp). Per site, the households within the cutoff and their cost;
// the sites are spread over threads. Siting builds its coverage sets and assignment costs from
// these lists.
#include <cstdint>
#include <vector>

#include "analysis/common/inputs.hpp"
#include "analysis/common/location_models.hpp"
#include "analysis/common/road_network.hpp"
#include "analysis/common/road_travel.hpp"
#include "geo/spatial_index.hpp"

namespace rz::analysis {

struct SitePoint {
  double x = 0, y = 0;
};

struct HouseholdCost {
  uint32_t household;
  double cost;  // metres or minutes
};
using SiteCosts = std::vector<std::vector<HouseholdCost>>;  // per site, by household index

SiteCosts straight_line_costs(const std::vector<double>& x, const std::vector<double>& y,
                              const std::vector<SitePoint>& sites, double cutoff_m, int threads);
// The same with the households' index built once, for costs computed a batch of sites at a time.
SiteCosts straight_line_costs(const geo::PointIndex& households,
                              const std::vector<SitePoint>& sites, double cutoff_m, int threads);

// What a household no open site reaches within the cutoff costs in an assignment.
inline double unserved_cost(double cutoff) {
  return 2 * cutoff;
}

// The assignment problem with villages as demand units (a village's points are served together,
// split between sites only where capacities force it); a point in no village is a unit of its
// own `with_villageless`, else takes no part. A unit weighs what its points weigh (`weight`: per
// point, empty = 1 each); its cost at a site is its points' weighted total cost there, those the
// site does not reach within `cutoff` paying the unserved cost (twice the cutoff per unit of
// weight). `capacity`: per site, or empty for none.
AssignmentProblem village_assignment(const Households& households, size_t village_count,
                                     const std::vector<double>& weight, const SiteCosts& costs,
                                     size_t candidates, std::vector<double> capacity, double cutoff,
                                     bool with_villageless = false);

// Road minutes from households to sites. The households' way onto the network is found once;
// each site is then one backward shortest-path search bounded by the cutoff.
class RoadCosts {
 public:
  RoadCosts(const RoadNetwork& network, const std::vector<double>& x, const std::vector<double>& y,
            const RoadReachSettings& settings);
  SiteCosts costs(const std::vector<SitePoint>& sites, double cutoff_min, int threads) const;
  // Sites with no road within the access limit (they reach nobody).
  std::vector<size_t> sites_off_road(const std::vector<SitePoint>& sites) const;
  size_t households_off_road() const { return households_off_road_; }

 private:
  // A household inside an edge (its steps off the edge follow from the fraction:
  // road_attachment.hpp's fill_inside_steps), kept compact for a province's millions.
  struct HouseholdAccess {
    uint32_t household;
    double fraction, walk_min;
  };
  std::vector<HouseholdCost> search(double x, double y, double cutoff_min,
                                    std::vector<double>& dist, std::vector<double>& best) const;
  const RoadNetwork& network_;
  RoadReachSettings settings_;
  size_t households_ = 0, households_off_road_ = 0;
  std::vector<uint32_t> edge_start_;       // per edge: households inside it (CSR)
  std::vector<HouseholdAccess> on_edge_;   // by edge
  std::vector<uint32_t> node_start_;       // per node: households at it (CSR)
  std::vector<HouseholdCost> at_node_;     // by node: household, walk minutes
  std::vector<uint32_t> node_edge_start_;  // per node: edges touching it (CSR)
  std::vector<uint32_t> node_edges_;
};

}  // namespace rz::analysis
