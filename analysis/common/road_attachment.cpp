#include "analysis/common/road_attachment.hpp"

#include <cmath>
#include <limits>

namespace rz::analysis {

std::optional<Attachment> attach(const RoadNetwork& network, double x, double y,
                                 double access_limit_m, double walk_kmh) {
  const auto access = network.access(x, y, access_limit_m);
  if (!access) return std::nullopt;
  Attachment a;
  a.access = *access;
  a.walk_m = access->distance_m;
  a.walk_min = access->distance_m / (walk_kmh * 1000.0 / 60.0);
  const Edge& e = network.edges()[access->edge];
  const double from_start_m = access->fraction * e.length_m;
  const double to_end_m = e.length_m - from_start_m;
  // At a node (or within the snap tolerance of one along the edge): the node itself, whichever
  // way the edge runs. The nearer end wins when the edge is shorter than twice the tolerance.
  const double tolerance = network.snap_m();
  if (from_start_m <= tolerance || to_end_m <= tolerance) {
    a.node = from_start_m <= to_end_m ? e.from : e.to;
    a.leave[0] = a.enter[0] = {*a.node, 0.0, 0.0};
    a.leave_count = a.enter_count = 1;
    return a;
  }
  fill_inside_steps(e, access->fraction, a);
  return a;
}

void fill_inside_steps(const Edge& e, double f, Attachment& a) {
  a.access.fraction = f;
  a.node.reset();
  a.leave_count = a.enter_count = 0;
  const double from_start_m = f * e.length_m, to_end_m = e.length_m - from_start_m;
  if (e.backward_min < kClosed) {  // against the edge's direction to its start, and from there
    a.leave[a.leave_count++] = {e.from, f * e.backward_min, from_start_m};
    a.enter[a.enter_count++] = {e.to, (1 - f) * e.backward_min, to_end_m};
  }
  if (e.forward_min < kClosed) {  // along it to its end, and from its start
    a.leave[a.leave_count++] = {e.to, (1 - f) * e.forward_min, to_end_m};
    a.enter[a.enter_count++] = {e.from, f * e.forward_min, from_start_m};
  }
}

AlongEdge along_shared_edge(const RoadNetwork& network, const Attachment& from,
                            const Attachment& to) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (from.node || to.node || from.access.edge != to.access.edge) return {kInf, kInf};
  const Edge& e = network.edges()[from.access.edge];
  const double df = to.access.fraction - from.access.fraction;
  const double metres = std::abs(df) * e.length_m;
  if (df >= 0 && e.forward_min < kClosed) return {df * e.forward_min, metres};
  if (df <= 0 && e.backward_min < kClosed) return {-df * e.backward_min, metres};
  return {kInf, kInf};
}

}  // namespace rz::analysis
