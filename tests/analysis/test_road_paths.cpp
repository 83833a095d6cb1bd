// Fastest routes with their geometry (common/road_paths.hpp) against Boost Graph's Dijkstra on a
// graph the test builds from the same roads with every point's place inserted as a vertex, on
// random directed grids (one-way and closed roads), points inside roads (two inside one road)
// and exactly at nodes; the line starts and ends at the points, its length is the route's
// metres, and each of its vertices lies on a road or on a walk. Also: the minutes equal
// od_minutes' for the same points (a point to itself too: its walk to the road and back).
#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cmath>
#include <map>
#include <random>

#include <fmt/format.h>

#include "analysis/common/od_costs.hpp"
#include "analysis/common/road_paths.hpp"

using namespace rz::analysis;

namespace {

constexpr double kWalkKmh = 4.5;
constexpr double kWalkMPerMin = kWalkKmh * 1000 / 60;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kSpacing = 500;

using Label = std::pair<double, double>;  // minutes, metres
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, Label>>;

struct GridRoad {
  size_t a, b;                // node indexes (a grid of w x h nodes)
  double cost, reverse_cost;  // minutes, < 0 closed
};

struct GridPoint {
  double x, y;
  std::optional<size_t> node;  // exactly at this node
  size_t road = 0;             // else inside this road at `fraction` from a, `walk_m` off it
  double fraction = 0, walk_m = 0;
};

struct Grid {
  size_t w = 0, h = 0;
  std::vector<GridRoad> roads;
  std::pair<double, double> node(size_t i) const {
    return {static_cast<double>(i % w) * kSpacing, static_cast<double>(i / w) * kSpacing};
  }
  std::vector<RoadInput> inputs() const {
    std::vector<RoadInput> out;
    for (const auto& r : roads) {
      RoadInput in;
      in.parts = {{node(r.a), node(r.b)}};
      in.cost_min = r.cost;
      in.reverse_cost_min = r.reverse_cost;
      out.push_back(in);
    }
    return out;
  }
};

Grid random_grid(std::mt19937_64& rng, size_t w, size_t h) {
  Grid g;
  g.w = w;
  g.h = h;
  auto add = [&](size_t a, size_t b) {
    const double minutes = 1 + static_cast<double>(rng() % 8);
    const double back = 1 + static_cast<double>(rng() % 8);
    const auto kind = rng() % 10;
    g.roads.push_back({a, b, kind == 0 ? -1.0 : minutes, kind == 1 || kind == 2 ? -1.0 : back});
  };
  for (size_t i = 0; i < w * h; ++i) {
    if (i % w + 1 < w) add(i, i + 1);
    if (i + w < w * h) add(i, i + w);
  }
  return g;
}

std::vector<GridPoint> random_points(std::mt19937_64& rng, const Grid& g, size_t count) {
  std::vector<GridPoint> out;
  for (size_t k = 0; k < count; ++k) {
    GridPoint p{};
    if (rng() % 4 == 0) {
      p.node = rng() % (g.w * g.h);
      std::tie(p.x, p.y) = g.node(*p.node);
    } else {
      // Two points inside one road now and then: the same road as the previous point.
      p.road = !out.empty() && !out.back().node && rng() % 4 == 0 ? out.back().road
                                                                  : rng() % g.roads.size();
      p.fraction = 0.2 + static_cast<double>(rng() % 600) / 1000.0;
      p.walk_m = static_cast<double>(rng() % 30);
      const auto [ax, ay] = g.node(g.roads[p.road].a);
      const auto [bx, by] = g.node(g.roads[p.road].b);
      const bool horizontal = ay == by;
      p.x = ax + p.fraction * (bx - ax) + (horizontal ? 0 : p.walk_m);
      p.y = ay + p.fraction * (by - ay) + (horizontal ? p.walk_m : 0);
    }
    out.push_back(p);
  }
  return out;
}

// (minutes, metres) from points[i] to points[j] for every pair, by BGL on the split graph.
std::vector<Label> expected(const Grid& g, const std::vector<GridPoint>& points) {
  const size_t nodes = g.w * g.h;
  std::vector<size_t> place(points.size());
  std::map<size_t, std::vector<std::pair<double, size_t>>> cuts;
  size_t next = nodes;
  for (size_t i = 0; i < points.size(); ++i)
    if (points[i].node) {
      place[i] = *points[i].node;
    } else {
      place[i] = next++;
      cuts[points[i].road].push_back({points[i].fraction, place[i]});
    }
  const size_t first_point = next;
  Graph graph(first_point + points.size());
  auto add = [&](size_t u, size_t v, double minutes, double metres) {
    if (minutes >= 0) boost::add_edge(u, v, Label{minutes, metres}, graph);
  };
  for (size_t r = 0; r < g.roads.size(); ++r) {
    std::vector<std::pair<double, size_t>> stops = {{0.0, g.roads[r].a}};
    if (auto it = cuts.find(r); it != cuts.end()) {
      auto inside = it->second;
      std::sort(inside.begin(), inside.end());
      stops.insert(stops.end(), inside.begin(), inside.end());
    }
    stops.push_back({1.0, g.roads[r].b});
    for (size_t s = 1; s < stops.size(); ++s) {
      const double share = stops[s].first - stops[s - 1].first;
      if (g.roads[r].cost >= 0)
        add(stops[s - 1].second, stops[s].second, share * g.roads[r].cost, share * kSpacing);
      if (g.roads[r].reverse_cost >= 0)
        add(stops[s].second, stops[s - 1].second, share * g.roads[r].reverse_cost,
            share * kSpacing);
    }
  }
  for (size_t i = 0; i < points.size(); ++i) {
    add(first_point + i, place[i], points[i].walk_m / kWalkMPerMin, points[i].walk_m);
    add(place[i], first_point + i, points[i].walk_m / kWalkMPerMin, points[i].walk_m);
  }
  std::vector<Label> out;
  std::vector<Label> dist(boost::num_vertices(graph));
  const Label infinite{kInf, kInf};
  auto combine = [](const Label& a, const Label& b) {
    return Label{a.first + b.first, a.second + b.second};
  };
  for (size_t i = 0; i < points.size(); ++i) {
    boost::dijkstra_shortest_paths(
        graph, first_point + i,
        boost::distance_map(
            boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, graph)))
            .distance_compare(std::less<Label>())
            .distance_combine(combine)
            .distance_inf(infinite)
            .distance_zero(Label{0, 0}));
    for (size_t j = 0; j < points.size(); ++j) out.push_back(dist[first_point + j]);
  }
  return out;
}

double line_length(const std::vector<std::pair<double, double>>& v) {
  double m = 0;
  for (size_t i = 1; i < v.size(); ++i)
    m += std::hypot(v[i].first - v[i - 1].first, v[i].second - v[i - 1].second);
  return m;
}

// On a grid line (x or y a multiple of the spacing, inside the grid) or within 30 m of a point
// (the walks).
bool on_road_or_walk(const Grid& g, const std::vector<GridPoint>& points, double x, double y) {
  auto on_line = [](double c) { return std::abs(c - std::round(c / kSpacing) * kSpacing) < 1e-6; };
  const double xmax = static_cast<double>(g.w - 1) * kSpacing;
  const double ymax = static_cast<double>(g.h - 1) * kSpacing;
  const bool inside = x > -1e-6 && y > -1e-6 && x < xmax + 1e-6 && y < ymax + 1e-6;
  if (inside && (on_line(x) || on_line(y))) return true;
  for (const auto& p : points)
    if (std::hypot(p.x - x, p.y - y) <= 30 + 1e-6) return true;
  return false;
}

}  // namespace

TEST(RoadPaths, EqualBoostDijkstraOnRandomDirectedGrids) {
  std::mt19937_64 rng(1818);
  size_t reached = 0, unreached = 0;
  for (int round = 0; round < 12; ++round) {
    const Grid g =
        random_grid(rng, 4 + static_cast<size_t>(round % 4), 3 + static_cast<size_t>(round % 3));
    const RoadNetwork network(g.inputs(), {});
    const auto points = random_points(rng, g, 8);
    std::vector<PathPoint> places;
    std::vector<OdPoint> od_points;
    for (const auto& p : points) {
      places.push_back({{p.x, p.y}, attach(network, p.x, p.y, 1000, kWalkKmh)});
      od_points.push_back({p.x, p.y});
    }
    OdSettings od;
    od.walk_kmh = kWalkKmh;
    const auto od_costs = od_minutes(network, od_points, od_points, od, 1);
    const auto want = expected(g, points);
    for (size_t i = 0; i < points.size(); ++i) {
      const auto paths = road_paths(network, places[i], places);
      for (size_t j = 0; j < points.size(); ++j) {
        const std::string what = fmt::format("round {} from {} to {}", round, i, j);
        Label e = want[i * points.size() + j];
        // A point to itself: the walk to the road and back, as od_minutes has it.
        if (i == j) e = {2 * places[i].place->walk_min, 2 * places[i].place->walk_m};
        const RoadPath& got = paths[j];
        if (std::isinf(e.first)) {
          EXPECT_FALSE(got.reachable()) << what;
          EXPECT_TRUE(got.vertices.empty()) << what;
          ++unreached;
          continue;
        }
        ++reached;
        ASSERT_TRUE(got.reachable()) << what;
        EXPECT_NEAR(got.minutes, e.first, 1e-9 * std::max(1.0, e.first)) << what;
        EXPECT_NEAR(got.metres, e.second, 1e-9 * std::max(1.0, e.second)) << what;
        EXPECT_NEAR(got.minutes, od_costs[i * points.size() + j].minutes, 1e-9) << what;
        ASSERT_FALSE(got.vertices.empty()) << what;
        EXPECT_NEAR(got.vertices.front().first, points[i].x, 1e-9) << what;
        EXPECT_NEAR(got.vertices.front().second, points[i].y, 1e-9) << what;
        EXPECT_NEAR(got.vertices.back().first, points[j].x, 1e-9) << what;
        EXPECT_NEAR(got.vertices.back().second, points[j].y, 1e-9) << what;
        EXPECT_NEAR(line_length(got.vertices), got.metres, 1e-6) << what;
        for (const auto& [x, y] : got.vertices)
          EXPECT_TRUE(on_road_or_walk(g, points, x, y)) << what << ": vertex " << x << " " << y;
      }
    }
  }
  EXPECT_GT(reached, 300u);
  EXPECT_GT(unreached, 0u);
}

TEST(RoadPaths, EdgePieceFollowsTheLineInEitherDirection) {
  Edge e{0, 1, 1, 1, 300, {{0, 0}, {100, 0}, {100, 200}}};
  EXPECT_EQ(edge_piece(e, 0, 1),
            (std::vector<std::pair<double, double>>{{0, 0}, {100, 0}, {100, 200}}));
  EXPECT_EQ(edge_piece(e, 0.5, 0),
            (std::vector<std::pair<double, double>>{{100, 50}, {100, 0}, {0, 0}}));
  EXPECT_EQ(edge_piece(e, 0.1, 0.2), (std::vector<std::pair<double, double>>{{30, 0}, {60, 0}}));
}
