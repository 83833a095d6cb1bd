#include "analysis/common/road_travel.hpp"

#include "analysis/common/road_attachment.hpp"

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
  const auto& edges = network.edges();

  // Destinations: every facility of the category, placed on its road. Searching backwards from
  // them gives every node's minutes *to* the nearest one.
  struct Placed {
    int32_t facility;
    Attachment at;
  };
  std::vector<Placed> placed;
  std::vector<int32_t> off_road;
  std::unordered_map<uint32_t, std::vector<size_t>> on_edge;  // edge -> placed inside it
  for (size_t f = 0; f < facilities.size(); ++f) {
    if (facilities[f].category != category) continue;
    if (auto a = attach(network, facilities[f].x, facilities[f].y, settings.access_limit_m,
                        settings.walk_kmh)) {
      if (!a->node) on_edge[a->access.edge].push_back(placed.size());
      placed.push_back({static_cast<int32_t>(f), *a});
    } else {
      off_road.push_back(static_cast<int32_t>(f));
    }
  }

  std::vector<bool> component_has_facility(network.component_count(), false);
  for (const Placed& p : placed)
    component_has_facility[network.component()[edges[p.at.access.edge].from]] = true;

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
  for (const Placed& p : placed)
    for (uint8_t i = 0; i < p.at.enter_count; ++i)
      offer(p.at.enter[i].node, p.at.walk_min + p.at.enter[i].minutes, p.facility);
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
    const auto a = attach(network, x[h], y[h], settings.access_limit_m, settings.walk_kmh);
    if (!a) {
      out.reason[h] = Unreached::no_road;
      continue;
    }
    double best = kInf;
    int32_t best_facility = -1;
    auto consider = [&](double minutes, int32_t facility) {
      if (minutes < best) {
        best = minutes;
        best_facility = facility;
      }
    };
    for (uint8_t i = 0; i < a->leave_count; ++i) {
      const auto& step = a->leave[i];
      if (dist[step.node] < kInf)
        consider(a->walk_min + step.minutes + dist[step.node], label[step.node]);
    }
    // A facility inside the same edge, reached along it.
    if (auto it = on_edge.find(a->access.edge); !a->node && it != on_edge.end())
      for (size_t i : it->second) {
        const Placed& p = placed[i];
        consider(a->walk_min + along_shared_edge(network, *a, p.at).minutes + p.at.walk_min,
                 p.facility);
      }
    out.minutes[h] = best;
    out.facility[h] = best_facility;
    if (best == kInf)
      out.reason[h] = placed.empty() ? Unreached::no_facility
                      : component_has_facility[network.component()[edges[a->access.edge].from]]
                          ? Unreached::one_way
                          : Unreached::disconnected;
  }
  out.facilities_off_road = std::move(off_road);
  out.node_minutes = std::move(dist);
  out.node_facility = std::move(label);
  return out;
}

}  // namespace rz::analysis
