#include "analysis/common/road_paths.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <queue>

namespace rz::analysis {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
using Vertex = std::pair<double, double>;

struct Label {
  double minutes = kInf, metres = kInf;
  bool operator<(const Label& o) const {
    return minutes < o.minutes || (minutes == o.minutes && metres < o.metres);
  }
};

Label plus(const Label& a, double minutes, double metres) {
  return {a.minutes + minutes, a.metres + metres};
}

// How a node was reached: from the origin's leave step, or along an edge in a direction.
struct Reached {
  int32_t edge = -1;    // -1: from the origin's leave step `step`
  bool forward = true;  // the edge from its `from` node to its `to` node
  uint8_t step = 0;
};

Vertex point_at(const Edge& e, double fraction) {
  const auto piece = edge_piece(e, fraction, fraction);
  return piece.front();
}

// The fraction of the edge where a leave step ends (or an enter step starts): fill_inside_steps
// puts the step against the edge's direction (to its start) first when that direction is open.
double step_end_fraction(const Edge& e, uint8_t step) {
  return e.backward_min < kClosed && step == 0 ? 0.0 : 1.0;
}
// An enter step comes from the edge's end (against its direction) first when that is open.
double enter_start_fraction(const Edge& e, uint8_t step) {
  return e.backward_min < kClosed && step == 0 ? 1.0 : 0.0;
}

void append(std::vector<Vertex>& line, const std::vector<Vertex>& more) {
  for (const auto& v : more)
    if (line.empty() || line.back() != v) line.push_back(v);
}

}  // namespace

std::vector<Vertex> edge_piece(const Edge& e, double from_fraction, double to_fraction) {
  const auto& v = e.vertices;
  if (v.size() < 2) return v;
  const bool reversed = from_fraction > to_fraction;
  const double lo = std::min(from_fraction, to_fraction), hi = std::max(from_fraction, to_fraction);
  std::vector<double> along{0};
  for (size_t i = 1; i < v.size(); ++i)
    along.push_back(along.back() +
                    std::hypot(v[i].first - v[i - 1].first, v[i].second - v[i - 1].second));
  const double total = along.back();
  auto at = [&](double metres) {
    for (size_t i = 1; i < v.size(); ++i)
      if (metres <= along[i] || i + 1 == v.size()) {
        const double span = along[i] - along[i - 1];
        const double t = span > 0 ? std::clamp((metres - along[i - 1]) / span, 0.0, 1.0) : 0.0;
        return Vertex{v[i - 1].first + t * (v[i].first - v[i - 1].first),
                      v[i - 1].second + t * (v[i].second - v[i - 1].second)};
      }
    return v.back();
  };
  const double lo_m = lo * total, hi_m = hi * total;
  std::vector<Vertex> out{at(lo_m)};
  for (size_t i = 1; i + 1 < v.size(); ++i)
    if (along[i] > lo_m && along[i] < hi_m) out.push_back(v[i]);
  out.push_back(at(hi_m));
  if (reversed) std::reverse(out.begin(), out.end());
  return out;
}

std::vector<RoadPath> road_paths(const RoadNetwork& network, const PathPoint& from,
                                 const std::vector<PathPoint>& to) {
  std::vector<RoadPath> out(to.size());
  if (!from.place) return out;
  const auto& edges = network.edges();
  const size_t n = network.node_count();
  // Out-edges of each node in their open directions.
  std::vector<std::vector<std::pair<uint32_t, bool>>> out_edges(n);
  for (uint32_t e = 0; e < edges.size(); ++e) {
    if (edges[e].forward_min < kClosed) out_edges[edges[e].from].push_back({e, true});
    if (edges[e].backward_min < kClosed) out_edges[edges[e].to].push_back({e, false});
  }
  std::vector<Label> label(n);
  std::vector<Reached> how(n);
  std::vector<bool> done(n, false);
  using Item = std::pair<Label, uint32_t>;
  auto later = [](const Item& a, const Item& b) { return b.first < a.first; };
  std::priority_queue<Item, std::vector<Item>, decltype(later)> heap(later);
  const Attachment& a = *from.place;
  for (uint8_t k = 0; k < a.leave_count; ++k) {
    const Label l{a.leave[k].minutes, a.leave[k].metres};
    if (l < label[a.leave[k].node]) {
      label[a.leave[k].node] = l;
      how[a.leave[k].node] = {-1, true, k};
      heap.push({l, a.leave[k].node});
    }
  }
  while (!heap.empty()) {
    const auto [l, node] = heap.top();
    heap.pop();
    if (done[node] || label[node] < l) continue;
    done[node] = true;
    for (const auto& [e, forward] : out_edges[node]) {
      const Edge& edge = edges[e];
      const uint32_t next = forward ? edge.to : edge.from;
      const Label via = plus(l, forward ? edge.forward_min : edge.backward_min, edge.length_m);
      if (via < label[next]) {
        label[next] = via;
        how[next] = {static_cast<int32_t>(e), forward, 0};
        heap.push({via, next});
      }
    }
  }
  const Edge& from_edge = edges[a.access.edge];
  const Vertex from_place = point_at(from_edge, a.access.fraction);
  for (size_t j = 0; j < to.size(); ++j) {
    if (!to[j].place) continue;
    const Attachment& b = *to[j].place;
    Label best;
    int enter = -1;  // -1: along the shared edge
    const AlongEdge along = along_shared_edge(network, a, b);
    if (along.minutes < kInf) best = {along.minutes, along.metres};
    for (uint8_t k = 0; k < b.enter_count; ++k) {
      const Label l = plus(label[b.enter[k].node], b.enter[k].minutes, b.enter[k].metres);
      if (l < best) best = l, enter = k;
    }
    if (!(best.minutes < kInf)) continue;
    RoadPath& path = out[j];
    path.minutes = a.walk_min + best.minutes + b.walk_min;
    path.metres = a.walk_m + best.metres + b.walk_m;
    const Edge& to_edge = edges[b.access.edge];
    const Vertex to_place = point_at(to_edge, b.access.fraction);
    std::vector<Vertex> line{{from.at.x, from.at.y}};
    append(line, {from_place});
    if (enter < 0) {
      append(line, edge_piece(from_edge, a.access.fraction, b.access.fraction));
    } else {
      const uint32_t end_node = b.enter[static_cast<size_t>(enter)].node;
      // The edges from the origin's leave step to end_node, collected backwards.
      std::vector<std::vector<Vertex>> pieces;
      uint32_t node = end_node;
      for (;;) {
        const Reached r = how[node];
        if (r.edge < 0) {
          std::vector<Vertex> first;
          if (a.node)
            first = {from_place, point_at(from_edge, *a.node == from_edge.from ? 0.0 : 1.0)};
          else
            first = edge_piece(from_edge, a.access.fraction, step_end_fraction(from_edge, r.step));
          pieces.push_back(first);
          break;
        }
        const Edge& edge = edges[static_cast<size_t>(r.edge)];
        std::vector<Vertex> piece = edge.vertices;
        if (!r.forward) std::reverse(piece.begin(), piece.end());
        pieces.push_back(piece);
        node = r.forward ? edge.from : edge.to;
      }
      for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) append(line, *it);
      if (b.node)
        append(line, {point_at(to_edge, *b.node == to_edge.from ? 0.0 : 1.0), to_place});
      else
        append(line, edge_piece(to_edge, enter_start_fraction(to_edge, static_cast<uint8_t>(enter)),
                                b.access.fraction));
    }
    append(line, {to_place, {to[j].at.x, to[j].at.y}});
    path.vertices = std::move(line);
  }
  return out;
}

}  // namespace rz::analysis
