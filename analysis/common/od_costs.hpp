#pragma once
// Origin-destination costs on the roads: for every (from, to) pair of two point sets, the minutes
// of the fastest route and the metres of that route, by road_attachment.hpp's rule (walk to the
// road, drive, walk from the road; walks included in both minutes and metres). The OD matrix
// analysis (analysis/od_matrix) writes them as a table; zone and tour analyses read them directly.
//
// How: one shortest-path search per point of the smaller side (forward over the network's open
// directions from each origin, or backward from each destination), over the whole network or up
// to the cutoff, and stopped once every node the other side needs is settled; every point of the
// other side then reads its cost from its attachment's leave/enter steps, and pairs inside the
// same edge also travel along it directly (along_shared_edge). The searches run on the network's
// junctions only: runs of nodes that join one or two roads (chains, dead ends) are contracted
// into the junctions' arcs, and a node inside one takes its cost from the chain's ends. They run
// in parallel (geo::parallel_for), each thread reusing its label arrays (reset through the nodes
// a search touched), with a 4-ary heap. Routes are compared by minutes, then by metres: of two
// routes equally fast, the shorter is taken, so minutes and metres are those of one route and do
// not depend on the direction searched (up to rounding: sums are made in another order).
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "analysis/common/road_attachment.hpp"
#include "analysis/common/road_network.hpp"

namespace rz::analysis {

struct OdPoint {
  double x = 0, y = 0;
};

struct OdSettings {
  double walk_kmh = 4.5;         // to the road and from it
  double access_limit_m = 1000;  // a point farther than this from every open road reaches nothing
  // Pairs slower than this (walks included) are not searched for and come out unreachable.
  double cutoff_min = std::numeric_limits<double>::infinity();
};

struct OdCost {
  double minutes = std::numeric_limits<double>::infinity();
  double metres = std::numeric_limits<double>::infinity();  // of that route, walks included
  bool reachable() const { return minutes < std::numeric_limits<double>::infinity(); }
};

// Each point's attachment to the roads (nullopt: no open road within the access limit).
using OdPlaces = std::vector<std::optional<Attachment>>;
OdPlaces od_places(const RoadNetwork& network, const std::vector<OdPoint>& points,
                   const OdSettings& settings);

// The dense matrix, row-major: the cost from from[i] to to[j] at [i * to.size() + j]; both +inf
// where no route exists (a point off the roads, a network part apart, one-way or closed roads) or
// the route is slower than the cutoff. A point paired with itself (the same set passed twice) is
// like any other pair: its walk to the road and back; a caller that wants 0 there sets it.
// Memory: 16 bytes per pair (20,000 x 2,500 pairs: 800 MB) besides 2 doubles per node per thread.
std::vector<OdCost> od_minutes(const RoadNetwork& network, const std::vector<OdPoint>& from,
                               const std::vector<OdPoint>& to, const OdSettings& settings,
                               int threads);
// The same from attachments already made (od_places; walk_kmh and access_limit_m are then theirs).
std::vector<OdCost> od_minutes(const RoadNetwork& network, const OdPlaces& from, const OdPlaces& to,
                               const OdSettings& settings, int threads);

}  // namespace rz::analysis
