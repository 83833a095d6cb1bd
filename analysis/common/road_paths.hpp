#pragma once
// Fastest routes on the roads with their geometry: what od_costs.hpp gives as minutes and metres,
// here also as the line a map draws (the observation tour's route layer, ruralzone zone tour).
// The same rule for how a point joins the roads (road_attachment.hpp): walk to its place on the
// road, leave the place along its edge towards an end the edge is open to (or along the edge
// directly to a place inside the same edge), drive, and walk from the road. Routes are compared
// by minutes, then by metres, as od_minutes compares them.
//
// One Dijkstra per origin over the network's edges in their open directions, keeping each node's
// incoming edge; the line is the walk, the piece of the origin's edge, whole edges, the piece of
// the destination's edge and the walk, without repeated vertices.
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "analysis/common/od_costs.hpp"
#include "analysis/common/road_attachment.hpp"
#include "analysis/common/road_network.hpp"

namespace rz::analysis {

struct RoadPath {
  double minutes = std::numeric_limits<double>::infinity();  // walks included
  double metres = std::numeric_limits<double>::infinity();   // walks included
  std::vector<std::pair<double, double>> vertices;           // from the origin to the destination
  bool reachable() const { return minutes < std::numeric_limits<double>::infinity(); }
};

struct PathPoint {
  OdPoint at;
  std::optional<Attachment> place;  // nullopt: off the roads (reaches nothing)
};

// The fastest route from `from` to each of `to` (unreachable: +inf and no vertices). A point to
// itself is, as in od_minutes, its walk to the road and back.
std::vector<RoadPath> road_paths(const RoadNetwork& network, const PathPoint& from,
                                 const std::vector<PathPoint>& to);

// The vertices of `edge` between two fractions of its length, in the order from -> to.
std::vector<std::pair<double, double>> edge_piece(const Edge& edge, double from_fraction,
                                                  double to_fraction);

}  // namespace rz::analysis
