#include "analysis/common/road_travel.hpp"

#include <algorithm>
#include <queue>
#include <unordered_map>

namespace rz::analysis {

const char* to_string(Unreached reason) {
  switch (reason) {
    case Unreached::reached:
      return "";
    case Unreached::no_road:
      return "no road within the access limit";
    case Unreached::disconnected:
      return "on a network part without such a facility";
    case Unreached::one_way:
      return "one-way or closed roads leave no route";
    case Unreached::no_facility:
      return "no facility of the category reaches a road";
  }
  return "";
}

CategoryRoadReach road_reach(const RoadNetwork& network, const std::vector<double>& x,
                             const std::vector<double>& y, const std::vector<Facility>& facilities,
                             const std::string& category, const RoadReachSettings& settings) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const double walk_m_per_min = settings.walk_kmh * 1000.0 / 60.0;
  const auto& edges = network.edges();

  // Destinations: every facility of the category, placed on its road. Searching backwards from
  // them gives every node's minutes *to* the nearest one.
  struct Placed {
    int32_t facility;
    Access access;
    double walk_min;
  };
  std::vector<Placed> placed;
  std::vector<int32_t> off_road;
  std::unordered_map<uint32_t, std::vector<size_t>> on_edge;  // edge -> indexes into placed
  for (size_t f = 0; f < facilities.size(); ++f) {
    if (facilities[f].category != category) continue;
    if (auto a = network.access(facilities[f].x, facilities[f].y, settings.access_limit_m)) {
      on_edge[a->edge].push_back(placed.size());
      placed.push_back({static_cast<int32_t>(f), *a, a->distance_m / walk_m_per_min});
    } else {
      off_road.push_back(static_cast<int32_t>(f));
    }
  }

  std::vector<bool> component_has_facility(network.component_count(), false);
  for (const Placed& p : placed)
    component_has_facility[network.component()[edges[p.access.edge].from]] = true;

  std::vector<double> dist(network.node_count(), kInf);
  std::vector<int32_t> label(network.node_count(), -1);
  using Item = std::pair<double, uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  auto offer = [&](uint32_t node, double minutes, int32_t facility) {
    if (minutes < dist[node]) {
      dist[node] = minutes;
      label[node] = facility;
      queue.push({minutes, node});
    }
  };
  for (const Placed& p : placed) {
    const Edge& e = edges[p.access.edge];
    // From the edge's start node forwards to the facility, from its end node backwards.
    if (e.forward_min < kClosed)
      offer(e.from, p.walk_min + p.access.fraction * e.forward_min, p.facility);
    if (e.backward_min < kClosed)
      offer(e.to, p.walk_min + (1 - p.access.fraction) * e.backward_min, p.facility);
  }
  const auto& in_start = network.in_arc_start();
  const auto& in_arcs = network.in_arcs();
  while (!queue.empty()) {
    auto [d, node] = queue.top();
    queue.pop();
    if (d > dist[node]) continue;
    for (uint32_t k = in_start[node]; k < in_start[node + 1]; ++k) {
      const auto& arc = in_arcs[k];  // arc.to is the node the arc comes from
      const double nd = d + arc.minutes;
      if (nd < dist[arc.to]) {
        dist[arc.to] = nd;
        label[arc.to] = label[node];
        queue.push({nd, arc.to});
      }
    }
  }

  CategoryRoadReach out;
  out.category = category;
  const size_t n = x.size();
  out.minutes.assign(n, kInf);
  out.facility.assign(n, -1);
  out.reason.assign(n, Unreached::reached);
  for (size_t h = 0; h < n; ++h) {
    auto a = network.access(x[h], y[h], settings.access_limit_m);
    if (!a) {
      out.reason[h] = Unreached::no_road;
      continue;
    }
    const Edge& e = edges[a->edge];
    const double walk = a->distance_m / walk_m_per_min;
    double best = kInf;
    int32_t best_facility = -1;
    auto consider = [&](double minutes, int32_t facility) {
      if (minutes < best) {
        best = minutes;
        best_facility = facility;
      }
    };
    // Leave the edge backwards to its start node or forwards to its end node.
    if (e.backward_min < kClosed && dist[e.from] < kInf)
      consider(walk + a->fraction * e.backward_min + dist[e.from], label[e.from]);
    if (e.forward_min < kClosed && dist[e.to] < kInf)
      consider(walk + (1 - a->fraction) * e.forward_min + dist[e.to], label[e.to]);
    // A facility on the same edge, reached along it.
    if (auto it = on_edge.find(a->edge); it != on_edge.end())
      for (size_t i : it->second) {
        const Placed& p = placed[i];
        const double df = p.access.fraction - a->fraction;
        if (df >= 0 && e.forward_min < kClosed)
          consider(walk + df * e.forward_min + p.walk_min, p.facility);
        if (df <= 0 && e.backward_min < kClosed)
          consider(walk - df * e.backward_min + p.walk_min, p.facility);
      }
    out.minutes[h] = best;
    out.facility[h] = best_facility;
    if (best == kInf)
      out.reason[h] = placed.empty() ? Unreached::no_facility
                      : component_has_facility[network.component()[e.from]]
                          ? Unreached::one_way
                          : Unreached::disconnected;
  }
  out.facilities_off_road = std::move(off_road);
  out.node_minutes = std::move(dist);
  out.node_facility = std::move(label);
  return out;
}

}  // namespace rz::analysis
