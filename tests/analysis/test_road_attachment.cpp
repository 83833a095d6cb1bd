// How points join a directed road network (common/road_attachment.hpp), checked against an
// independent computation: Boost Graph Library's Dijkstra on a graph the test builds itself from
// the same roads, with every point's place on the road inserted as a vertex (edges split there)
// and the point joined to it on foot. Networks have one-way and closed edges; points lie exactly
// at nodes, within the snap tolerance of nodes, and inside edges. Both reach (road_reach) and
// the site costs of `site --minutes` (RoadCosts) must give every household the same minutes.
#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cmath>
#include <map>
#include <random>

#include <fmt/format.h>

#include "analysis/common/road_attachment.hpp"
#include "analysis/common/road_travel.hpp"
#include "analysis/common/site_costs.hpp"

using namespace rz::analysis;

namespace {

constexpr double kWalkKmh = 4.5;
constexpr double kWalkMPerMin = kWalkKmh * 1000 / 60;
constexpr double kInf = std::numeric_limits<double>::infinity();

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, double>>;

// A road edge of the test's grid: from node a to node b, minutes each way (<0 = closed).
struct TestRoad {
  size_t a, b;
  double cost, reverse_cost;
};

// Where the test put a point: at a node, or inside a road at a fraction, and how far off it.
struct TestPoint {
  double x, y;
  std::optional<size_t> node;  // joins this node
  size_t road = 0;             // else: inside this road ...
  double fraction = 0;         // ... at this fraction from a to b
  double walk_m = 0;           // straight-line metres from the point to its place
};

struct TestNetwork {
  std::vector<std::pair<double, double>> nodes;
  std::vector<TestRoad> roads;

  std::vector<RoadInput> inputs() const {
    std::vector<RoadInput> out;
    for (const auto& r : roads) {
      RoadInput in;
      in.parts = {{nodes[r.a], nodes[r.b]}};
      in.cost_min = r.cost;
      in.reverse_cost_min = r.reverse_cost;
      out.push_back(in);
    }
    return out;
  }

  // Minutes from each of `from` to each of `to` (row-major), by BGL on the split graph.
  std::vector<double> minutes(const std::vector<TestPoint>& from,
                              const std::vector<TestPoint>& to) const {
    std::vector<TestPoint> all = from;
    all.insert(all.end(), to.begin(), to.end());
    // Vertices: nodes, then one per point inside a road (its place), then one per point.
    size_t next = nodes.size();
    std::vector<size_t> place(all.size());
    std::map<size_t, std::vector<std::pair<double, size_t>>> cuts;  // road -> (fraction, vertex)
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].node) {
        place[i] = *all[i].node;
      } else {
        place[i] = next++;
        cuts[all[i].road].push_back({all[i].fraction, place[i]});
      }
    }
    const size_t first_point = next;
    Graph g(first_point + all.size());
    auto add = [&](size_t u, size_t v, double w) {
      if (w >= 0) boost::add_edge(u, v, w, g);
    };
    for (size_t r = 0; r < roads.size(); ++r) {
      std::vector<std::pair<double, size_t>> stops = {{0.0, roads[r].a}};
      if (auto it = cuts.find(r); it != cuts.end()) {
        auto inside = it->second;
        std::sort(inside.begin(), inside.end());
        stops.insert(stops.end(), inside.begin(), inside.end());
      }
      stops.push_back({1.0, roads[r].b});
      for (size_t s = 1; s < stops.size(); ++s) {
        const double share = stops[s].first - stops[s - 1].first;
        if (roads[r].cost >= 0) add(stops[s - 1].second, stops[s].second, share * roads[r].cost);
        if (roads[r].reverse_cost >= 0)
          add(stops[s].second, stops[s - 1].second, share * roads[r].reverse_cost);
      }
    }
    for (size_t i = 0; i < all.size(); ++i) {
      add(first_point + i, place[i], all[i].walk_m / kWalkMPerMin);
      add(place[i], first_point + i, all[i].walk_m / kWalkMPerMin);
    }
    std::vector<double> out;
    std::vector<double> dist(boost::num_vertices(g));
    for (size_t i = 0; i < from.size(); ++i) {
      boost::dijkstra_shortest_paths(g, first_point + i,
                                     boost::distance_map(boost::make_iterator_property_map(
                                         dist.begin(), boost::get(boost::vertex_index, g))));
      for (size_t j = 0; j < to.size(); ++j) {
        const double d = dist[first_point + from.size() + j];
        out.push_back(d >= std::numeric_limits<double>::max() / 2 ? kInf : d);
      }
    }
    return out;
  }
};

// A `side` x `side` grid, 100 m apart; each road two-way, one-way either way, or (1 in 10)
// closed both ways, with random minutes.
TestNetwork random_grid(std::mt19937& rng, size_t side) {
  TestNetwork net;
  for (size_t i = 0; i < side; ++i)
    for (size_t j = 0; j < side; ++j)
      net.nodes.push_back({100.0 * static_cast<double>(j), 100.0 * static_cast<double>(i)});
  std::uniform_real_distribution<double> minutes(0.5, 9.0);
  std::uniform_int_distribution<int> kind(0, 9);
  auto link = [&](size_t a, size_t b) {
    const int k = kind(rng);
    const double forward = minutes(rng), backward = minutes(rng);
    if (k == 0)
      net.roads.push_back({a, b, -1, -1});
    else if (k <= 3)
      net.roads.push_back({a, b, forward, -1});
    else if (k <= 5)
      net.roads.push_back({a, b, -1, backward});
    else
      net.roads.push_back({a, b, forward, backward});
  };
  for (size_t i = 0; i < side; ++i)
    for (size_t j = 0; j < side; ++j) {
      if (j + 1 < side) link(i * side + j, i * side + j + 1);
      if (i + 1 < side) link(i * side + j, (i + 1) * side + j);
    }
  return net;
}

bool open(const TestRoad& r) {
  return r.cost >= 0 || r.reverse_cost >= 0;
}

// Points of three sorts on roads open in at least one direction: exactly at a node; half a metre
// along a road from a node (within the 1 m snap tolerance), 0.2 m off it; inside a road.
std::vector<TestPoint> random_points(std::mt19937& rng, const TestNetwork& net, size_t count) {
  std::vector<size_t> usable;
  for (size_t r = 0; r < net.roads.size(); ++r)
    if (open(net.roads[r])) usable.push_back(r);
  std::uniform_int_distribution<size_t> pick(0, usable.size() - 1);
  std::uniform_int_distribution<int> sort(0, 2);
  std::uniform_real_distribution<double> fraction(0.1, 0.9), offset(-8, 8);
  std::vector<TestPoint> out;
  for (size_t i = 0; i < count; ++i) {
    const size_t r = usable[pick(rng)];
    const auto& [ax, ay] = net.nodes[net.roads[r].a];
    const auto& [bx, by] = net.nodes[net.roads[r].b];
    const double ux = (bx - ax) / 100, uy = (by - ay) / 100;  // unit along, (-uy, ux) across
    TestPoint p{};
    switch (sort(rng)) {
      case 0:
        p = {ax, ay, net.roads[r].a};
        break;
      case 1:
        p = {bx - 0.5 * ux - 0.2 * uy, by - 0.5 * uy + 0.2 * ux, net.roads[r].b};
        p.walk_m = 0.2;
        break;
      default: {
        const double f = fraction(rng), off = offset(rng);
        p = {ax + 100 * f * ux - off * uy, ay + 100 * f * uy + off * ux, std::nullopt, r, f};
        p.walk_m = std::abs(off);
      }
    }
    out.push_back(p);
  }
  return out;
}

RoadReachSettings walk_settings() {
  RoadReachSettings s;
  s.walk_kmh = kWalkKmh;
  s.access_limit_m = 1000;
  return s;
}

void expect_minutes(double expected, double actual, const std::string& what) {
  if (std::isinf(expected))
    EXPECT_TRUE(std::isinf(actual)) << what << ": expected unreachable, got " << actual;
  else
    EXPECT_NEAR(actual, expected, 1e-9 * std::max(1.0, expected)) << what;
}

}  // namespace

TEST(RoadAttachment, PointAtTheFarEndOfAOneWayEdgeJoinsTheNode) {
  // A one-way road 0 -> 1 (1 minute) and a slow two-way road 1 - 2 - 0 (3 + 3 minutes). A
  // household exactly at node 1 going to node 0 cannot go back along the one-way road, but it is
  // at node 1 and so on road 1-2 too: 6 minutes. One exactly at node 0 going to node 1: 1 minute.
  TestNetwork net;
  net.nodes = {{0, 0}, {100, 0}, {50, 80}};
  net.roads = {{0, 1, 1, -1}, {1, 2, 3, 3}, {2, 0, 3, 3}};
  const RoadNetwork network(net.inputs(), {});
  const std::vector<Facility> at0 = {{1, "f", "c", 0, 0}}, at1 = {{2, "f", "c", 100, 0}};
  EXPECT_NEAR(road_reach(network, {100}, {0}, at0, "c", walk_settings()).minutes[0], 6, 1e-12);
  EXPECT_NEAR(road_reach(network, {0}, {0}, at1, "c", walk_settings()).minutes[0], 1, 1e-12);
  // Within the snap tolerance (1 m) of node 1 along the one-way road: the same.
  EXPECT_NEAR(road_reach(network, {99.5}, {0}, at0, "c", walk_settings()).minutes[0], 6, 1e-12);
  const auto a = attach(network, 99.5, 0, 1000, kWalkKmh);
  ASSERT_TRUE(a && a->node);
  EXPECT_EQ(*a->node, 1u);
}

TEST(RoadAttachment, DeadEndsAndEdgesClosedBothWays) {
  // The diagonal road 0 - 4 is closed both ways and is the nearest road to a household at
  // (40, 45), 3.5 m off it; the household walks to road 0 - 2 (40 m) instead. Node 5 is a dead
  // end of a two-way road; node 6 the end of a one-way spur into it, which nobody leaves.
  TestNetwork net;
  net.nodes = {{0, 0}, {100, 0}, {0, 100}, {100, 100}, {50, 50}, {200, 0}, {100, -100}};
  net.roads = {{0, 1, 2, 2}, {1, 3, 4, -1}, {0, 4, -1, -1}, {2, 3, 5, 5},
               {0, 2, 7, 7}, {1, 5, 1, 1},  {1, 6, 1, -1}};
  const RoadNetwork network(net.inputs(), {});
  const auto a = attach(network, 40, 45, 1000, kWalkKmh);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->access.edge, 4u);
  EXPECT_NEAR(a->walk_m, 40, 1e-9);
  const std::vector<Facility> at0 = {{1, "f", "c", 0, 0}};
  const auto s = walk_settings();
  EXPECT_NEAR(road_reach(network, {100}, {100}, at0, "c", s).minutes[0], 12, 1e-12);
  EXPECT_NEAR(road_reach(network, {200}, {0}, at0, "c", s).minutes[0], 3, 1e-12);
  const auto stuck = road_reach(network, {100}, {-100}, at0, "c", s);
  EXPECT_TRUE(std::isinf(stuck.minutes[0]));
  EXPECT_EQ(stuck.reason[0], Unreached::one_way);
  // Every road near a point closed both ways: no road.
  TestNetwork closed;
  closed.nodes = {{0, 0}, {100, 0}};
  closed.roads = {{0, 1, -1, -1}};
  EXPECT_FALSE(attach(RoadNetwork(closed.inputs(), {}), 50, 1, 1000, kWalkKmh));
}

TEST(RoadAttachment, ReachAndSiteMinutesEqualBoostDijkstraOnDirectedGrids) {
  std::mt19937 rng(20261202);
  for (int round = 0; round < 15; ++round) {
    const TestNetwork net = random_grid(rng, 6);
    const auto households = random_points(rng, net, 40);
    const auto facilities = random_points(rng, net, 6);
    const RoadNetwork network(net.inputs(), {});
    const auto expected = net.minutes(households, facilities);

    std::vector<double> hx, hy;
    for (const auto& p : households) hx.push_back(p.x), hy.push_back(p.y);
    std::vector<Facility> placed;
    std::vector<SitePoint> sites;
    for (const auto& p : facilities) {
      placed.push_back({static_cast<int64_t>(placed.size()), "f", "c", p.x, p.y});
      sites.push_back({p.x, p.y});
    }
    const auto reach = road_reach(network, hx, hy, placed, "c", walk_settings());
    const RoadCosts road_costs(network, hx, hy, walk_settings());
    const SiteCosts costs = road_costs.costs(sites, 1e9, 1);
    for (size_t h = 0; h < households.size(); ++h) {
      double nearest = kInf;
      for (size_t f = 0; f < facilities.size(); ++f)
        nearest = std::min(nearest, expected[h * facilities.size() + f]);
      expect_minutes(nearest, reach.minutes[h], fmt::format("round {} household {}", round, h));
    }
    for (size_t f = 0; f < facilities.size(); ++f) {
      std::vector<double> got(households.size(), kInf);
      for (const auto& [h, minutes] : costs[f]) got[h] = minutes;
      for (size_t h = 0; h < households.size(); ++h)
        expect_minutes(expected[h * facilities.size() + f], got[h],
                       fmt::format("round {} site {} household {}", round, f, h));
    }
  }
}
