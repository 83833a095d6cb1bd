#pragma once
// How the villages of a demonstration zone are "linked in series" (有机串联): two villages are
// linked when their polygons share a boundary (an edge of positive length, not a corner point)
// or when their seats lie within T road minutes of each other. The zone check (analysis/
// zone_check) asks whether the core and its members form one connected graph of such links, and
// which links are missing when not; the zone design (analysis/zone_design) uses the same links
// as the edges of its connectivity constraint.
//
// Road minutes are those of `ruralzone od --from villages --to villages`: between the village
// seats (the points import keeps inside each polygon), by common/od_costs.hpp (walk to the road,
// drive, walk from the road), and they differ by direction on one-way roads. Two villages are
// within T minutes when the faster direction takes at most T (LinkDirections::either, the
// default: "lie within T minutes of each other" holds as soon as one can get there in T), or,
// with LinkDirections::both, when both directions do.
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "analysis/common/od_costs.hpp"
#include "analysis/common/road_network.hpp"

namespace rz::analysis {

enum class LinkDirections { either, both };
// "either" | "both"; std::invalid_argument for anything else.
LinkDirections link_directions_of(const std::string& text);
const char* to_string(LinkDirections directions);

struct ZoneLinkSettings {
  double link_minutes = 15;  // T: seats at most this many road minutes apart are linked
  LinkDirections directions = LinkDirections::either;
  OdSettings od;  // walking speed and access limit to the roads
};

// The pairs (i < j, sorted) of `polygons` (WKB, polygons or multipolygons) whose boundaries share
// a piece at least 1 mm long: their intersection (GEOS) has that much length. A shared corner
// point is no shared boundary; overlapping polygons share one (their intersection's perimeter).
// Only pairs whose envelopes touch are intersected. DataError when a polygon's WKB is unreadable.
std::vector<std::pair<uint32_t, uint32_t>> shared_boundary_pairs(
    const std::vector<std::span<const unsigned char>>& polygons, int threads);

// Road minutes between every pair of seats, row-major: [i * n + j] from i to j; 0 on the
// diagonal; +inf when no route exists (a seat off the roads, network parts apart, one-way or
// closed roads).
std::vector<double> seat_minutes(const RoadNetwork& network, const std::vector<OdPoint>& seats,
                                 const OdSettings& settings, int threads);

// A link of the graph: villages a < b (indexes), by a shared boundary, by road, or both.
struct ZoneLink {
  uint32_t a = 0, b = 0;
  bool boundary = false;  // they share a boundary
  bool road = false;      // within T road minutes (by the directions rule)
  double minutes_ab = std::numeric_limits<double>::infinity();
  double minutes_ba = std::numeric_limits<double>::infinity();
};

// The links among a set of villages (for a check, the zone's; for a design, the candidates').
class ZoneLinks {
 public:
  // From the villages' polygons (WKB) and seats, in one order, and the road network.
  ZoneLinks(const std::vector<std::span<const unsigned char>>& polygons,
            const std::vector<OdPoint>& seats, const RoadNetwork& network,
            const ZoneLinkSettings& settings, int threads);
  // From the boundary pairs and the minutes matrix (seat_minutes' layout) already computed.
  ZoneLinks(size_t villages, std::vector<std::pair<uint32_t, uint32_t>> boundary_pairs,
            std::vector<double> minutes, const ZoneLinkSettings& settings);

  size_t size() const { return n_; }
  const ZoneLinkSettings& settings() const { return settings_; }
  // Road minutes from seat i to seat j (0 for i == j, +inf unreachable).
  double minutes(size_t i, size_t j) const { return minutes_[i * n_ + j]; }
  bool share_boundary(size_t i, size_t j) const;
  // The minutes the directions rule compares with T: the faster direction's (either) or the
  // slower's (both). The cost of adding the link between i and j, for the missing links.
  double link_minutes(size_t i, size_t j) const;
  bool linked_by_road(size_t i, size_t j) const;
  bool linked(size_t i, size_t j) const;
  // Every linked pair, a < b, sorted.
  const std::vector<ZoneLink>& links() const { return links_; }
  // The villages linked to i, ascending.
  const std::vector<uint32_t>& neighbours(size_t i) const { return neighbours_[i]; }

 private:
  void build();
  size_t n_ = 0;
  ZoneLinkSettings settings_;
  std::vector<std::pair<uint32_t, uint32_t>> boundary_;  // sorted
  std::vector<double> minutes_;
  std::vector<ZoneLink> links_;
  std::vector<std::vector<uint32_t>> neighbours_;
};

// A link the zone lacks: the cheapest pair of villages between two of its components, by
// ZoneLinks::link_minutes (a, b are indexes into the ZoneLinks' villages).
struct MissingLink {
  uint32_t a = 0, b = 0;
  double minutes = std::numeric_limits<double>::infinity();
  int component_a = 0, component_b = 0;
};

// Whether `members` (indexes into `links`, the core among them) are linked in series.
struct SeriesLinks {
  // Per member (in the order of `members`), its component: 0 for the first member's (the core's
  // when it comes first), then numbered in the order their first member comes.
  std::vector<int> component;
  std::vector<std::vector<uint32_t>> components;  // the villages (indexes) of each component
  // The cheapest links that would join the components: a minimum spanning forest of the graph
  // whose vertices are the components and whose edges are the cheapest pair between each two
  // (Kruskal; ties to the smaller village indexes). components - 1 links when roads reach
  // between all of them; fewer otherwise (`apart` says how many groups no road joins).
  std::vector<MissingLink> missing;
  int apart = 1;  // groups of components that no road joins (1: the missing links join all)
  bool connected() const { return components.size() <= 1; }
};
SeriesLinks linked_in_series(const ZoneLinks& links, const std::vector<uint32_t>& members);

}  // namespace rz::analysis
