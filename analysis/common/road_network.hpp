#pragma once
// A routable road network built from the roads layer: nodes where line ends meet (within a snap
// tolerance), one edge per line part with travel minutes in each direction, and an index of the
// edges' segments to bring points (households, facilities) onto the nearest road.
//
// Minutes per edge: the `cost` / `reverse_cost` fields where the layer has them (pgRouting's
// convention: minutes, negative = closed in that direction); otherwise length at `speed` km/h
// (a default speed where a road has none), and `oneway` = 1 closes the reverse direction.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "geo/spatial_index.hpp"

namespace rz::analysis {

struct RoadInput {
  std::vector<std::vector<std::pair<double, double>>> parts;  // the line's parts, as vertices
  std::optional<double> speed_kmh, cost_min, reverse_cost_min;
  bool oneway = false;
};

struct RoadNetworkSettings {
  double snap_m = 1.0;            // line ends closer than this are one node
  double default_speed_kmh = 20;  // roads with no speed (and no cost)
};

constexpr double kClosed = std::numeric_limits<double>::infinity();

struct Edge {
  uint32_t from, to;
  double forward_min, backward_min;  // kClosed when closed in that direction
  double length_m;
  std::vector<std::pair<double, double>> vertices;
};

// Where a point meets the network: the edge, how far along it (0..1 of its length), and the
// straight-line distance from the point to that place.
struct Access {
  uint32_t edge;
  double fraction;
  double distance_m;
};

class RoadNetwork {
 public:
  RoadNetwork(const std::vector<RoadInput>& roads, const RoadNetworkSettings& settings);

  size_t node_count() const { return node_count_; }
  const std::vector<Edge>& edges() const { return edges_; }
  int64_t roads_without_speed() const { return roads_without_speed_; }
  // Line parts of no length (dropped) and edges whose ends are one node (kept: points on a loop
  // reach its node both ways), for the warnings.
  int64_t zero_length_parts() const { return zero_length_parts_; }
  int64_t self_loops() const { return self_loops_; }
  // Connected component of each node (undirected), and how many there are.
  const std::vector<uint32_t>& component() const { return component_; }
  uint32_t component_count() const { return component_count_; }

  // The nearest place within `limit_m` on a road open in at least one direction, or nullopt.
  std::optional<Access> access(double x, double y, double limit_m) const;
  // Line ends closer than this are one node; a place this near a node along its edge is at it.
  double snap_m() const { return snap_m_; }

  // Outgoing (edge index, to node, minutes) of each node, for shortest paths.
  struct Arc {
    uint32_t to;
    double minutes;
  };
  const std::vector<uint32_t>& arc_start() const { return arc_start_; }
  const std::vector<Arc>& arcs() const { return arcs_; }
  // Incoming arcs of each node (Arc::to is then the node the arc comes from), for searches that
  // run backwards from the destinations.
  const std::vector<uint32_t>& in_arc_start() const { return in_start_; }
  const std::vector<Arc>& in_arcs() const { return in_arcs_; }

 private:
  using Segment = boost::geometry::model::segment<geo::Point2>;
  size_t node_count_ = 0;
  double snap_m_ = 0;
  std::vector<Edge> edges_;
  std::vector<double> segment_offset_;  // metres along its edge where each segment starts
  boost::geometry::index::rtree<std::pair<Segment, uint32_t>, boost::geometry::index::rstar<16>>
      segments_;                        // segment -> index into segment_edge_
  std::vector<uint32_t> segment_edge_;  // segment index -> edge
  std::vector<uint32_t> arc_start_;
  std::vector<Arc> arcs_;
  std::vector<uint32_t> in_start_;
  std::vector<Arc> in_arcs_;
  std::vector<uint32_t> component_;
  uint32_t component_count_ = 0;
  int64_t roads_without_speed_ = 0, zero_length_parts_ = 0, self_loops_ = 0;
};

}  // namespace rz::analysis
