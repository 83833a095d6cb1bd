#include "analysis/common/road_network.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace rz::analysis {

namespace {

// Snaps points to nodes: a hash grid of cell `tolerance`; a new point joins an existing node
// within the tolerance (searching the 3x3 neighbouring cells), else makes a new node.
class NodeSnapper {
 public:
  explicit NodeSnapper(double tolerance) : tol_(std::max(tolerance, 1e-9)) {}
  uint32_t node(double x, double y) {
    const auto cx = static_cast<int64_t>(std::floor(x / tol_));
    const auto cy = static_cast<int64_t>(std::floor(y / tol_));
    for (int64_t dx = -1; dx <= 1; ++dx)
      for (int64_t dy = -1; dy <= 1; ++dy) {
        auto it = cells_.find(key(cx + dx, cy + dy));
        if (it == cells_.end()) continue;
        for (uint32_t n : it->second)
          if (std::hypot(xs_[n] - x, ys_[n] - y) <= tol_) return n;
      }
    const auto n = static_cast<uint32_t>(xs_.size());
    xs_.push_back(x);
    ys_.push_back(y);
    cells_[key(cx, cy)].push_back(n);
    return n;
  }
  size_t size() const { return xs_.size(); }

 private:
  static uint64_t key(int64_t cx, int64_t cy) {
    return (static_cast<uint64_t>(cx) << 32) ^ static_cast<uint64_t>(cy & 0xffffffff);
  }
  double tol_;
  std::vector<double> xs_, ys_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> cells_;
};

}  // namespace

RoadNetwork::RoadNetwork(const std::vector<RoadInput>& roads, const RoadNetworkSettings& settings)
    : snap_m_(settings.snap_m) {
  NodeSnapper snapper(settings.snap_m);
  std::vector<std::pair<Segment, uint32_t>> segment_entries;
  for (const RoadInput& road : roads) {
    const bool has_speed = road.speed_kmh && *road.speed_kmh > 0;
    if (!has_speed && !road.cost_min) ++roads_without_speed_;
    const double metres_per_minute =
        (has_speed ? *road.speed_kmh : settings.default_speed_kmh) * 1000.0 / 60.0;
    for (const auto& part : road.parts) {
      if (part.size() < 2) continue;
      double length = 0;
      for (size_t i = 1; i < part.size(); ++i)
        length +=
            std::hypot(part[i].first - part[i - 1].first, part[i].second - part[i - 1].second);
      if (length <= 0) {  // zero-length: nothing to travel
        ++zero_length_parts_;
        continue;
      }
      Edge e;
      e.from = snapper.node(part.front().first, part.front().second);
      e.to = snapper.node(part.back().first, part.back().second);
      e.length_m = length;
      e.vertices = part;
      // A loop (from == to) is kept: points on it reach its node both ways.
      self_loops_ += e.from == e.to;
      e.forward_min = road.cost_min ? (*road.cost_min < 0 ? kClosed : *road.cost_min)
                                    : length / metres_per_minute;
      if (road.reverse_cost_min)
        e.backward_min = *road.reverse_cost_min < 0 ? kClosed : *road.reverse_cost_min;
      else
        e.backward_min = road.oneway ? kClosed : e.forward_min;
      // With only `cost` given, the part's share of it follows its length.
      const auto edge_index = static_cast<uint32_t>(edges_.size());
      double along = 0;
      for (size_t i = 1; i < part.size(); ++i) {
        Segment s(geo::Point2(part[i - 1].first, part[i - 1].second),
                  geo::Point2(part[i].first, part[i].second));
        segment_entries.push_back({s, static_cast<uint32_t>(segment_edge_.size())});
        segment_edge_.push_back(edge_index);
        segment_offset_.push_back(along);
        along += std::hypot(part[i].first - part[i - 1].first, part[i].second - part[i - 1].second);
      }
      edges_.push_back(std::move(e));
    }
  }
  node_count_ = snapper.size();
  segments_ = decltype(segments_)(segment_entries.begin(), segment_entries.end());

  // Arcs in compressed rows by node.
  std::vector<uint32_t> out_degree(node_count_ + 1, 0);
  for (const Edge& e : edges_) {
    if (e.forward_min < kClosed) ++out_degree[e.from];
    if (e.backward_min < kClosed) ++out_degree[e.to];
  }
  arc_start_.assign(node_count_ + 1, 0);
  for (size_t n = 0; n < node_count_; ++n) arc_start_[n + 1] = arc_start_[n] + out_degree[n];
  arcs_.resize(arc_start_.back());
  std::vector<uint32_t> fill(arc_start_.begin(), arc_start_.end() - 1);
  for (const Edge& e : edges_) {
    if (e.forward_min < kClosed) arcs_[fill[e.from]++] = {e.to, e.forward_min};
    if (e.backward_min < kClosed) arcs_[fill[e.to]++] = {e.from, e.backward_min};
  }

  std::vector<uint32_t> in_degree(node_count_ + 1, 0);
  for (const Edge& e : edges_) {
    if (e.forward_min < kClosed) ++in_degree[e.to];
    if (e.backward_min < kClosed) ++in_degree[e.from];
  }
  in_start_.assign(node_count_ + 1, 0);
  for (size_t n = 0; n < node_count_; ++n) in_start_[n + 1] = in_start_[n] + in_degree[n];
  in_arcs_.resize(in_start_.back());
  std::vector<uint32_t> in_fill(in_start_.begin(), in_start_.end() - 1);
  for (const Edge& e : edges_) {
    if (e.forward_min < kClosed) in_arcs_[in_fill[e.to]++] = {e.from, e.forward_min};
    if (e.backward_min < kClosed) in_arcs_[in_fill[e.from]++] = {e.to, e.backward_min};
  }

  // Components, ignoring direction (union-find).
  std::vector<uint32_t> parent(node_count_);
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](uint32_t a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  };
  for (const Edge& e : edges_) parent[find(e.from)] = find(e.to);
  component_.resize(node_count_);
  std::unordered_map<uint32_t, uint32_t> label;
  for (uint32_t n = 0; n < node_count_; ++n) {
    auto [it, added] = label.emplace(find(n), static_cast<uint32_t>(label.size()));
    component_[n] = it->second;
  }
  component_count_ = static_cast<uint32_t>(label.size());
}

std::optional<Access> RoadNetwork::access(double x, double y, double limit_m) const {
  const geo::Point2 p(x, y);
  // Nearest first; segments of edges closed in both directions are passed over (they carry
  // nobody). The rtree's k-nearest query sorts all k, so k grows only when the nearest ones are
  // all closed, which is rare.
  for (size_t k = 1, seen = 0;; seen = k, k *= 8) {
    k = std::min(k, segments_.size());
    size_t rank = 0;
    for (auto it = segments_.qbegin(boost::geometry::index::nearest(p, static_cast<unsigned>(k)));
         it != segments_.qend(); ++it, ++rank) {
      if (rank < seen) continue;  // looked at in the smaller query
      const Segment& s = it->first;
      const double ax = s.first.get<0>(), ay = s.first.get<1>();
      const double bx = s.second.get<0>(), by = s.second.get<1>();
      const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
      double t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0.0;
      t = std::clamp(t, 0.0, 1.0);
      const double px = ax + t * dx, py = ay + t * dy;
      const double d = std::hypot(x - px, y - py);
      if (d > limit_m) return std::nullopt;
      const uint32_t seg = it->second;
      const Edge& e = edges_[segment_edge_[seg]];
      if (e.forward_min == kClosed && e.backward_min == kClosed) continue;
      const double along = segment_offset_[seg] + t * std::sqrt(len2);
      return Access{segment_edge_[seg], std::clamp(along / e.length_m, 0.0, 1.0), d};
    }
    if (k >= segments_.size()) return std::nullopt;
  }
}

}  // namespace rz::analysis
