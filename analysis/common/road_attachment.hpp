#pragma once
// How a point (a household, a facility, a candidate site, a village seat) joins the road network,
// the one rule every road analysis uses:
// - the point walks, at walking speed, to the nearest place on a road that is open in at least
//   one direction (an edge closed both ways carries nobody and is passed over);
// - a place at a node, or within the network's snap tolerance of one along its edge, is that
//   node itself: the point then joins every edge the node has, each in the directions it is open
//   (a point placed on a one-way edge's far end is not stuck there);
// - a place inside an edge leaves it towards each end the edge is open to, and is reached from
//   each end whose direction leads to it; two points inside the same edge may also travel along
//   it directly, in the edge's open directions.
// Travel minutes from A to B are then
//   A.walk_min + min(along_shared_edge(A, B),
//                    min over a in A.leave, b in B.enter of a.minutes + path(a.node, b.node)
//                    + b.minutes) + B.walk_min.
#include <array>
#include <cstdint>
#include <optional>

#include "analysis/common/road_network.hpp"

namespace rz::analysis {

struct Attachment {
  Access access;                 // the place on the road: edge, fraction, straight-line metres
  double walk_min = 0;           // from the point to that place, on foot
  double walk_m = 0;             // the same in metres (= access.distance_m)
  std::optional<uint32_t> node;  // the place is (within the snap tolerance of) this node
  struct Step {
    uint32_t node;
    double minutes;  // along the edge between the place and the node (0 at a node)
    double metres;
  };
  // Onto the network: the nodes the place can drive to along its edge. Off the network: the
  // nodes from which its edge leads to the place. At a node both are that node at 0 minutes.
  std::array<Step, 2> leave{}, enter{};
  uint8_t leave_count = 0, enter_count = 0;
};

// The point's attachment within `access_limit_m`, or nullopt when no open road is that near.
std::optional<Attachment> attach(const RoadNetwork& network, double x, double y,
                                 double access_limit_m, double walk_kmh);

// The steps of a place inside `edge` (not at a node) at `fraction` of its length: what attach()
// fills in for such a place, for callers that keep millions of places more compactly.
void fill_inside_steps(const Edge& edge, double fraction, Attachment& a);

// Driving minutes (and metres) from `from` to `to` along the one edge both lie inside, without
// passing a node; +inf when they are not inside the same edge or its direction forbids it.
// Walks are not included.
struct AlongEdge {
  double minutes, metres;
};
AlongEdge along_shared_edge(const RoadNetwork& network, const Attachment& from,
                            const Attachment& to);

}  // namespace rz::analysis
