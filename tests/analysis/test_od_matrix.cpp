// Origin-destination costs on the roads (common/od_costs.hpp), checked against an independent
// computation: Boost Graph Library's Dijkstra on a graph the test builds itself from the same
// roads, with every point's place on the road inserted as a vertex (edges split there) and the
// point joined to it on foot. Its labels are (minutes, metres) pairs compared lexicographically,
// so it also gives the metres of the shortest of the fastest routes, which od_minutes must match.
// Networks have one-way and closed edges; points lie exactly at nodes, within the snap tolerance
// of nodes, inside edges (two inside the same edge), and off every road.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cmath>
#include <map>
#include <random>

#include <fmt/format.h>

#include "analysis/common/od_costs.hpp"

using namespace rz::analysis;

namespace {

constexpr double kWalkKmh = 4.5;
constexpr double kWalkMPerMin = kWalkKmh * 1000 / 60;
constexpr double kInf = std::numeric_limits<double>::infinity();

using Label = std::pair<double, double>;  // minutes, metres
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, Label>>;

// A road from node a to node b through `via` (extra vertices), minutes each way (<0 = closed).
struct TestRoad {
  size_t a, b;
  double cost, reverse_cost;
  std::vector<std::pair<double, double>> via = {};
};

// Where the test put a point: at a node, or inside a straight road at a fraction, or nowhere
// (off the roads), and how far off its place it is.
struct TestPoint {
  double x, y;
  std::optional<size_t> node;  // joins this node
  size_t road = 0;             // else: inside this road ...
  double fraction = 0;         // ... at this fraction from a to b
  double walk_m = 0;           // straight-line metres from the point to its place
  bool off_road = false;
};

struct TestNetwork {
  std::vector<std::pair<double, double>> nodes;
  std::vector<TestRoad> roads;

  std::vector<std::pair<double, double>> line(const TestRoad& r) const {
    std::vector<std::pair<double, double>> out = {nodes[r.a]};
    out.insert(out.end(), r.via.begin(), r.via.end());
    out.push_back(nodes[r.b]);
    return out;
  }
  double length(const TestRoad& r) const {
    const auto l = line(r);
    double m = 0;
    for (size_t i = 1; i < l.size(); ++i)
      m += std::hypot(l[i].first - l[i - 1].first, l[i].second - l[i - 1].second);
    return m;
  }
  std::vector<RoadInput> inputs() const {
    std::vector<RoadInput> out;
    for (const auto& r : roads) {
      RoadInput in;
      in.parts = {line(r)};
      in.cost_min = r.cost;
      in.reverse_cost_min = r.reverse_cost;
      out.push_back(in);
    }
    return out;
  }

  // (minutes, metres) from each of `from` to each of `to` (row-major), by BGL on the split graph.
  std::vector<Label> expected(const std::vector<TestPoint>& from,
                              const std::vector<TestPoint>& to) const {
    std::vector<TestPoint> all = from;
    all.insert(all.end(), to.begin(), to.end());
    // Vertices: nodes, then one per point inside a road (its place), then one per point.
    size_t next = nodes.size();
    std::vector<size_t> place(all.size());
    // Points at the same place (the same point in both sets) share its vertex.
    std::map<size_t, std::vector<std::pair<double, size_t>>> cuts;  // road -> (fraction, vertex)
    std::map<std::pair<size_t, double>, size_t> vertex_at;          // (road, fraction) -> vertex
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].off_road) continue;
      if (all[i].node) {
        place[i] = *all[i].node;
      } else if (auto it = vertex_at.find({all[i].road, all[i].fraction}); it != vertex_at.end()) {
        place[i] = it->second;
      } else {
        place[i] = next++;
        vertex_at[{all[i].road, all[i].fraction}] = place[i];
        cuts[all[i].road].push_back({all[i].fraction, place[i]});
      }
    }
    const size_t first_point = next;
    Graph g(first_point + all.size());
    auto add = [&](size_t u, size_t v, double minutes, double metres) {
      if (minutes >= 0) boost::add_edge(u, v, Label{minutes, metres}, g);
    };
    for (size_t r = 0; r < roads.size(); ++r) {
      std::vector<std::pair<double, size_t>> stops = {{0.0, roads[r].a}};
      if (auto it = cuts.find(r); it != cuts.end()) {
        auto inside = it->second;
        std::sort(inside.begin(), inside.end());
        stops.insert(stops.end(), inside.begin(), inside.end());
      }
      stops.push_back({1.0, roads[r].b});
      const double metres = length(roads[r]);
      for (size_t s = 1; s < stops.size(); ++s) {
        const double share = stops[s].first - stops[s - 1].first;
        if (roads[r].cost >= 0)
          add(stops[s - 1].second, stops[s].second, share * roads[r].cost, share * metres);
        if (roads[r].reverse_cost >= 0)
          add(stops[s].second, stops[s - 1].second, share * roads[r].reverse_cost, share * metres);
      }
    }
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].off_road) continue;
      add(first_point + i, place[i], all[i].walk_m / kWalkMPerMin, all[i].walk_m);
      add(place[i], first_point + i, all[i].walk_m / kWalkMPerMin, all[i].walk_m);
    }
    std::vector<Label> out;
    std::vector<Label> dist(boost::num_vertices(g));
    const Label infinite{kInf, kInf};
    auto combine = [](const Label& a, const Label& b) {
      return Label{a.first + b.first, a.second + b.second};
    };
    for (size_t i = 0; i < from.size(); ++i) {
      if (from[i].off_road) {
        out.insert(out.end(), to.size(), infinite);
        continue;
      }
      boost::dijkstra_shortest_paths(
          g, first_point + i,
          boost::distance_map(
              boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, g)))
              .distance_compare(std::less<Label>())
              .distance_combine(combine)
              .distance_inf(infinite)
              .distance_zero(Label{0, 0}));
      for (size_t j = 0; j < to.size(); ++j)
        out.push_back(to[j].off_road ? infinite : dist[first_point + from.size() + j]);
    }
    return out;
  }
};

std::vector<OdPoint> coordinates(const std::vector<TestPoint>& points) {
  std::vector<OdPoint> out;
  for (const auto& p : points) out.push_back({p.x, p.y});
  return out;
}

OdSettings walk_settings(double cutoff_min = kInf) {
  OdSettings s;
  s.walk_kmh = kWalkKmh;
  s.access_limit_m = 1000;
  s.cutoff_min = cutoff_min;
  return s;
}

void expect_cost(const Label& expected, const OdCost& got, const std::string& what) {
  if (std::isinf(expected.first)) {
    EXPECT_FALSE(got.reachable()) << what << ": expected unreachable, got " << got.minutes;
    EXPECT_TRUE(std::isinf(got.metres)) << what;
    return;
  }
  EXPECT_NEAR(got.minutes, expected.first, 1e-9 * std::max(1.0, expected.first)) << what;
  EXPECT_NEAR(got.metres, expected.second, 1e-9 * std::max(1.0, expected.second)) << what;
}

void expect_matrix(const TestNetwork& net, const std::vector<TestPoint>& from,
                   const std::vector<TestPoint>& to, double cutoff_min, int threads,
                   const std::string& what) {
  const RoadNetwork network(net.inputs(), {});
  const auto expected = net.expected(from, to);
  const auto got =
      od_minutes(network, coordinates(from), coordinates(to), walk_settings(cutoff_min), threads);
  ASSERT_EQ(got.size(), from.size() * to.size());
  for (size_t i = 0; i < from.size(); ++i)
    for (size_t j = 0; j < to.size(); ++j) {
      Label e = expected[i * to.size() + j];
      if (e.first > cutoff_min) e = {kInf, kInf};
      expect_cost(e, got[i * to.size() + j], fmt::format("{} from {} to {}", what, i, j));
    }
}

// The hand-made network: one-way roads 0 -> 1, 4 -> 1 closed (1 -> 4 open), 4 -> 5, a one-way
// spur 2 -> 6 into a dead end, the road 5 - 2 closed both ways, and two routes from 0 to 4 equally
// fast (3 minutes), the one through 3 longer (its road 3 - 4 bends): 200 m, not 241 m.
TestNetwork hand_made() {
  TestNetwork net;
  net.nodes = {{0, 0}, {100, 0}, {200, 0}, {0, 100}, {100, 100}, {200, 100}, {300, 0}};
  net.roads = {{0, 1, 1, -1}, {1, 2, 2, 2},  {0, 3, 1.5, 1.5}, {3, 4, 1.5, 1.5, {{50, 150}}},
               {4, 1, -1, 2}, {4, 5, 2, -1}, {5, 2, -1, -1},   {2, 6, 1, -1}};
  return net;
}

std::vector<TestPoint> hand_made_points() {
  return {
      {0, 0, 0u},                                  // exactly at node 0
      {99.5, 0.3, 1u, 0, 0, 0.3},                  // within the snap tolerance of node 1
      {130, 5, std::nullopt, 1, 0.3, 5},           // inside road 1 - 2 ...
      {170, -4, std::nullopt, 1, 0.7, 4},          // ... and another inside it
      {150, 104, std::nullopt, 5, 0.5, 4},         // inside the one-way road 4 -> 5
      {300, 0, 6u},                                // at the end of the one-way spur
      {203, 60, 5u, 0, 0, std::hypot(3.0, 40.0)},  // by the closed road: joins node 5
      {100, 0, 1u},                                // exactly at node 1
      {5000, 5000, std::nullopt, 0, 0, 0, true},   // off every road
  };
}

// A road's minutes each way: two-way, one-way either way, or (1 in 10) closed both ways.
TestRoad random_road(std::mt19937& rng, size_t a, size_t b) {
  std::uniform_real_distribution<double> minutes(0.5, 9.0);
  const int k = std::uniform_int_distribution<int>(0, 9)(rng);
  const double forward = minutes(rng), backward = minutes(rng);
  if (k == 0) return {a, b, -1, -1};
  if (k <= 3) return {a, b, forward, -1};
  if (k <= 5) return {a, b, -1, backward};
  return {a, b, forward, backward};
}

// A `side` x `side` grid, 100 m apart, each link one road (random_road).
TestNetwork random_grid(std::mt19937& rng, size_t side) {
  TestNetwork net;
  for (size_t i = 0; i < side; ++i)
    for (size_t j = 0; j < side; ++j)
      net.nodes.push_back({100.0 * static_cast<double>(j), 100.0 * static_cast<double>(i)});
  for (size_t i = 0; i < side; ++i)
    for (size_t j = 0; j < side; ++j) {
      if (j + 1 < side) net.roads.push_back(random_road(rng, i * side + j, i * side + j + 1));
      if (i + 1 < side) net.roads.push_back(random_road(rng, i * side + j, (i + 1) * side + j));
    }
  return net;
}

// A network that is mostly chains, as road networks are: a `side` x `side` grid, 100 m apart,
// whose every link is cut into 1-3 roads by nodes of two roads, each road with its own
// directions; a dead-end spur of 1-3 roads from most nodes (diagonally into the cell above and
// to the right); on the top row, a second, bent road beside some links (two roads between the
// same nodes); a loop road at node 0; and apart, a ring of four roads, a path of three and a
// single road.
TestNetwork random_chains(std::mt19937& rng, size_t side) {
  TestNetwork net;
  for (size_t i = 0; i < side; ++i)
    for (size_t j = 0; j < side; ++j)
      net.nodes.push_back({100.0 * static_cast<double>(j), 100.0 * static_cast<double>(i)});
  std::uniform_int_distribution<int> pieces(1, 3), coin(0, 1);
  auto add_node = [&](double x, double y) {
    net.nodes.push_back({x, y});
    return net.nodes.size() - 1;
  };
  // From a to b (straight), cut at `cuts` evenly spaced places.
  auto cut = [&](size_t a, size_t b, int cuts) {
    const auto [ax, ay] = net.nodes[a];
    const auto [bx, by] = net.nodes[b];
    size_t prev = a;
    for (int c = 1; c <= cuts; ++c) {
      const double f = static_cast<double>(c) / (cuts + 1);
      const size_t mid = add_node(ax + f * (bx - ax), ay + f * (by - ay));
      net.roads.push_back(random_road(rng, prev, mid));
      prev = mid;
    }
    net.roads.push_back(random_road(rng, prev, b));
  };
  for (size_t i = 0; i < side; ++i)
    for (size_t j = 0; j < side; ++j) {
      const size_t node = i * side + j;
      const auto [x, y] = net.nodes[node];
      if (j + 1 < side) {
        cut(node, node + 1, pieces(rng) - 1);
        if (i + 1 == side && coin(rng)) {
          TestRoad bent = random_road(rng, node, node + 1);
          bent.via = {{x + 50, y + 35}};
          net.roads.push_back(bent);
        }
      }
      if (i + 1 < side) {
        cut(node, node + side, pieces(rng) - 1);
        if (coin(rng) || coin(rng)) {  // a dead end of 1-3 roads, 15 m each along the diagonal
          size_t prev = node;
          for (int k = 1, n = pieces(rng); k <= n; ++k) {
            const size_t next = add_node(x + 15 * k / std::sqrt(2.0), y + 15 * k / std::sqrt(2.0));
            net.roads.push_back(random_road(rng, prev, next));
            prev = next;
          }
        }
      }
    }
  TestRoad loop = random_road(rng, 0, 0);
  loop.via = {{-30, -10}, {-10, -30}};
  net.roads.push_back(loop);
  const size_t r0 = add_node(5000, 5000), r1 = add_node(5100, 5000), r2 = add_node(5100, 5100),
               r3 = add_node(5000, 5100);
  for (auto [a, b] : {std::pair{r0, r1}, {r1, r2}, {r2, r3}, {r3, r0}})
    net.roads.push_back(random_road(rng, a, b));
  const size_t p0 = add_node(8000, 0), p3 = add_node(8300, 0);
  cut(p0, p3, 2);
  net.roads.push_back(random_road(rng, add_node(9000, 0), add_node(9100, 0)));
  return net;
}

// Points of four sorts on straight roads open in at least one direction: exactly at a node; half
// a metre along a road from a node (within the 1 m snap tolerance), 0.2 m off it (to its right,
// away from the bent roads); inside a road,
// off it by less than 0.3 of the way to its nearer end (so that this road is the nearest); and,
// rarely, off every road.
std::vector<TestPoint> random_points(std::mt19937& rng, const TestNetwork& net, size_t count) {
  std::vector<size_t> usable;
  for (size_t r = 0; r < net.roads.size(); ++r)
    if ((net.roads[r].cost >= 0 || net.roads[r].reverse_cost >= 0) && net.roads[r].via.empty() &&
        net.roads[r].a != net.roads[r].b)
      usable.push_back(r);
  std::uniform_int_distribution<size_t> pick(0, usable.size() - 1);
  std::uniform_int_distribution<int> sort(0, 20);
  std::uniform_real_distribution<double> fraction(0.1, 0.9), offset(-1, 1);
  std::vector<TestPoint> out;
  for (size_t i = 0; i < count; ++i) {
    const size_t r = usable[pick(rng)];
    const auto& [ax, ay] = net.nodes[net.roads[r].a];
    const auto& [bx, by] = net.nodes[net.roads[r].b];
    const double length = std::hypot(bx - ax, by - ay);
    const double ux = (bx - ax) / length, uy = (by - ay) / length;  // along; (-uy, ux) across
    TestPoint p{};
    const int s = sort(rng);
    if (s == 0) {
      p = {-5000, -5000, std::nullopt, 0, 0, 0, true};
    } else if (s <= 6) {
      p = {ax, ay, net.roads[r].a};
    } else if (s <= 12) {
      p = {bx - 0.5 * ux + 0.2 * uy, by - 0.5 * uy - 0.2 * ux, net.roads[r].b};
      p.walk_m = 0.2;
    } else {
      const double f = fraction(rng);
      const double off = offset(rng) * std::min(8.0, 0.3 * std::min(f, 1 - f) * length);
      p = {ax + length * f * ux - off * uy, ay + length * f * uy + off * ux, std::nullopt, r, f};
      p.walk_m = std::abs(off);
    }
    out.push_back(p);
  }
  return out;
}

}  // namespace

TEST(OdCosts, HandMadeDirectedNetworkKnownRoutes) {
  const TestNetwork net = hand_made();
  const auto points = hand_made_points();
  const RoadNetwork network(net.inputs(), {});
  const auto got =
      od_minutes(network, coordinates(points), coordinates(points), walk_settings(), 1);
  const size_t n = points.size();
  auto at = [&](size_t i, size_t j) { return got[i * n + j]; };
  // Node 0 to node 1: the one-way road, 1 minute, 100 m; back: through 4 and 3 (2 + 1.5 + 1.5).
  EXPECT_NEAR(at(0, 7).minutes, 1, 1e-12);
  EXPECT_NEAR(at(0, 7).metres, 100, 1e-9);
  EXPECT_NEAR(at(7, 0).minutes, 5, 1e-12);
  // Within the snap tolerance of node 1, on the one-way road into it: it is at node 1 and leaves
  // by every road node 1 has, so it is not stuck against the one-way direction.
  EXPECT_NEAR(at(1, 0).minutes, 0.3 / kWalkMPerMin + 5, 1e-12);
  // Two points inside road 1 - 2 (2 min each way): along it, 0.4 of it.
  EXPECT_NEAR(at(2, 3).minutes, 5 / kWalkMPerMin + 0.8 + 4 / kWalkMPerMin, 1e-12);
  EXPECT_NEAR(at(2, 3).metres, 5 + 40 + 4, 1e-9);
  EXPECT_NEAR(at(3, 2).minutes, at(2, 3).minutes, 1e-12);
  // The dead end of the one-way spur is reached, and leads nowhere.
  EXPECT_NEAR(at(7, 5).minutes, 2 + 1, 1e-12);
  EXPECT_FALSE(at(5, 0).reachable());
  EXPECT_NEAR(at(5, 5).minutes, 0, 1e-12);
  // Node 5 is the far end of the one-way road 4 -> 5, the road 5 - 2 closed: reached, a sink.
  EXPECT_TRUE(at(0, 6).reachable());
  EXPECT_FALSE(at(6, 0).reachable());
  // Equally fast routes from 0 to inside road 4 - 5: the shorter one, through node 1.
  EXPECT_NEAR(at(0, 4).minutes, 3 + 1 + 4 / kWalkMPerMin, 1e-12);
  EXPECT_NEAR(at(0, 4).metres, 200 + 50 + 4, 1e-9);
  // Off every road: nothing, either way.
  for (size_t j = 0; j < n; ++j) EXPECT_FALSE(at(8, j).reachable() || at(j, 8).reachable()) << j;
}

TEST(OdCosts, HandMadeDirectedNetworkEqualsBoostDijkstra) {
  const TestNetwork net = hand_made();
  const auto points = hand_made_points();
  // Every pair, searched from each side (the smaller side is searched from): all points both
  // ways, then a few origins to all, then all to a few destinations.
  expect_matrix(net, points, points, kInf, 1, "all to all");
  const std::vector<TestPoint> few = {points[2], points[4], points[6]};
  expect_matrix(net, few, points, kInf, 2, "few to all");
  expect_matrix(net, points, few, kInf, 2, "all to few");
  expect_matrix(net, points, points, 3.5, 2, "all to all within 3.5 min");
}

TEST(OdCosts, RandomDirectedGridsEqualBoostDijkstra) {
  std::mt19937 rng(20261217);
  for (int round = 0; round < 12; ++round) {
    const TestNetwork net = random_grid(rng, 7);
    const auto many = random_points(rng, net, 45);
    const auto some = random_points(rng, net, 7);
    const std::string what = fmt::format("round {}", round);
    expect_matrix(net, many, some, kInf, 2, what + " many to some");  // searched backward
    expect_matrix(net, some, many, kInf, 2, what + " some to many");  // searched forward
    expect_matrix(net, many, many, 15, 1, what + " many to many within 15 min");
  }
}

TEST(OdCosts, RandomNetworksOfChainsDeadEndsAndLoopsEqualBoostDijkstra) {
  // The searches run on the junctions only, joined through the chains between them: points at
  // and inside chains, on dead ends, rings, paths and single roads must not notice.
  std::mt19937 rng(20261218);
  for (int round = 0; round < 12; ++round) {
    const TestNetwork net = random_chains(rng, 5);
    const auto many = random_points(rng, net, 50);
    const auto some = random_points(rng, net, 8);
    const std::string what = fmt::format("round {}", round);
    expect_matrix(net, many, some, kInf, 2, what + " many to some");
    expect_matrix(net, some, many, kInf, 2, what + " some to many");
    expect_matrix(net, many, many, 12, 1, what + " many to many within 12 min");
  }
}

TEST(OdCosts, EmptySidesAndEveryPointOffTheRoads) {
  const TestNetwork net = hand_made();
  const RoadNetwork network(net.inputs(), {});
  EXPECT_TRUE(od_minutes(network, std::vector<OdPoint>{}, {{0, 0}}, walk_settings(), 2).empty());
  const auto off = od_minutes(network, {{0, 0}, {100, 0}}, {{9000, 9000}}, walk_settings(), 2);
  ASSERT_EQ(off.size(), 2u);
  EXPECT_FALSE(off[0].reachable() || off[1].reachable());
}
