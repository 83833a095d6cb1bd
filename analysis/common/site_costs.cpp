#include "analysis/common/site_costs.hpp"

#include "analysis/common/road_attachment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

#include "geo/parallel.hpp"
#include "geo/spatial_index.hpp"

namespace rz::analysis {

namespace {

// Runs fn(worker, site) for every site on `threads` threads, fn.init(worker) first on each.
template <typename Fn>
void for_each_site(size_t sites, int threads, Fn&& fn) {
  std::vector<char> ready(geo::worker_count(threads), 0);
  geo::parallel_for(sites, threads, [&](size_t worker, size_t s) {
    if (!ready[worker]) {  // on the worker's own thread: its buffers are first touched there
      fn.init(worker);
      ready[worker] = 1;
    }
    fn(worker, s);
  });
}

}  // namespace

SiteCosts straight_line_costs(const std::vector<double>& x, const std::vector<double>& y,
                              const std::vector<SitePoint>& sites, double cutoff_m, int threads) {
  const geo::PointIndex index(x.data(), y.data(), 0, static_cast<uint32_t>(x.size()));
  return straight_line_costs(index, sites, cutoff_m, threads);
}

SiteCosts straight_line_costs(const geo::PointIndex& index, const std::vector<SitePoint>& sites,
                              double cutoff_m, int threads) {
  SiteCosts out(sites.size());
  struct Work {
    const geo::PointIndex& index;
    const std::vector<SitePoint>& sites;
    double cutoff;
    SiteCosts& out;
    void init(size_t) {}
    void operator()(size_t, size_t s) {
      const SitePoint& p = sites[s];
      const geo::Box2 box({p.x - cutoff, p.y - cutoff}, {p.x + cutoff, p.y + cutoff});
      auto& list = out[s];
      index.query_box(box, [&](uint32_t h, const geo::Point2& q) {
        const double d = std::hypot(q.get<0>() - p.x, q.get<1>() - p.y);
        if (d <= cutoff) list.push_back({h, d});
      });
      std::sort(list.begin(), list.end(), [](const HouseholdCost& a, const HouseholdCost& b) {
        return a.household < b.household;
      });
    }
  } work{index, sites, cutoff_m, out};
  for_each_site(sites.size(), threads, work);
  return out;
}

RoadCosts::RoadCosts(const RoadNetwork& network, const std::vector<double>& x,
                     const std::vector<double>& y, const RoadReachSettings& settings)
    : network_(network), settings_(settings), households_(x.size()) {
  const auto& edges = network.edges();
  std::vector<std::pair<uint32_t, HouseholdAccess>> inside;  // (edge, household)
  std::vector<std::pair<uint32_t, HouseholdCost>> at;        // (node, household)
  for (size_t h = 0; h < x.size(); ++h) {
    const auto a = attach(network, x[h], y[h], settings.access_limit_m, settings.walk_kmh);
    if (!a) {
      ++households_off_road_;
      continue;
    }
    const auto household = static_cast<uint32_t>(h);
    if (a->node)
      at.push_back({*a->node, {household, a->walk_min}});
    else
      inside.push_back({a->access.edge, {household, a->access.fraction, a->walk_min}});
  }
  // Rows by edge and by node (counting sort keeps households in index order within a row).
  auto rows = [](size_t count, const auto& pairs, std::vector<uint32_t>& start, auto& values) {
    start.assign(count + 1, 0);
    for (const auto& [row, value] : pairs) ++start[row + 1];
    for (size_t r = 0; r < count; ++r) start[r + 1] += start[r];
    values.resize(pairs.size());
    auto fill = start;
    for (const auto& [row, value] : pairs) values[fill[row]++] = value;
  };
  rows(edges.size(), inside, edge_start_, on_edge_);
  rows(network.node_count(), at, node_start_, at_node_);

  node_edge_start_.assign(network.node_count() + 1, 0);
  for (const Edge& e : edges) {
    ++node_edge_start_[e.from + 1];
    if (e.to != e.from) ++node_edge_start_[e.to + 1];
  }
  for (size_t n = 0; n < network.node_count(); ++n) node_edge_start_[n + 1] += node_edge_start_[n];
  node_edges_.resize(node_edge_start_.back());
  auto fill = node_edge_start_;
  for (uint32_t i = 0; i < edges.size(); ++i) {
    node_edges_[fill[edges[i].from]++] = i;
    if (edges[i].to != edges[i].from) node_edges_[fill[edges[i].to]++] = i;
  }
}

std::vector<size_t> RoadCosts::sites_off_road(const std::vector<SitePoint>& sites) const {
  std::vector<size_t> off;
  for (size_t s = 0; s < sites.size(); ++s)
    if (!network_.access(sites[s].x, sites[s].y, settings_.access_limit_m)) off.push_back(s);
  return off;
}

std::vector<HouseholdCost> RoadCosts::search(double x, double y, double cutoff,
                                             std::vector<double>& dist,
                                             std::vector<double>& best) const {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const auto& edges = network_.edges();
  std::vector<HouseholdCost> out;
  const auto site = attach(network_, x, y, settings_.access_limit_m, settings_.walk_kmh);
  if (!site) return out;
  std::vector<uint32_t> touched_nodes;
  std::vector<uint32_t> touched_households;
  auto improve = [&](uint32_t h, double minutes) {
    if (minutes > cutoff) return;
    if (best[h] == kInf) touched_households.push_back(h);
    best[h] = std::min(best[h], minutes);
  };

  // Backward search from the site: every node's minutes *to* it.
  using Item = std::pair<double, uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  auto offer = [&](uint32_t node, double minutes) {
    if (minutes > cutoff || minutes >= dist[node]) return;
    if (dist[node] == kInf) touched_nodes.push_back(node);
    dist[node] = minutes;
    queue.push({minutes, node});
  };
  for (uint8_t i = 0; i < site->enter_count; ++i)
    offer(site->enter[i].node, site->walk_min + site->enter[i].minutes);
  const auto& in_start = network_.in_arc_start();
  const auto& in_arcs = network_.in_arcs();
  while (!queue.empty()) {
    auto [d, node] = queue.top();
    queue.pop();
    if (d > dist[node]) continue;
    for (uint32_t k = in_start[node]; k < in_start[node + 1]; ++k)
      offer(in_arcs[k].to, d + in_arcs[k].minutes);
  }
  // Households at the reached nodes, and those inside the edges there that can leave their edge
  // towards that node.
  Attachment place;
  for (uint32_t node : touched_nodes) {
    const double d = dist[node];
    for (uint32_t i = node_start_[node]; i < node_start_[node + 1]; ++i)
      improve(at_node_[i].household, at_node_[i].cost + d);
    for (uint32_t k = node_edge_start_[node]; k < node_edge_start_[node + 1]; ++k) {
      const uint32_t ei = node_edges_[k];
      for (uint32_t i = edge_start_[ei]; i < edge_start_[ei + 1]; ++i) {
        const HouseholdAccess& a = on_edge_[i];
        fill_inside_steps(edges[ei], a.fraction, place);
        for (uint8_t j = 0; j < place.leave_count; ++j)
          if (place.leave[j].node == node)
            improve(a.household, a.walk_min + place.leave[j].minutes + d);
      }
    }
  }
  // Households inside the site's own edge, along it.
  if (!site->node) {
    const uint32_t se = site->access.edge;
    place.access = site->access;
    for (uint32_t i = edge_start_[se]; i < edge_start_[se + 1]; ++i) {
      const HouseholdAccess& a = on_edge_[i];
      fill_inside_steps(edges[se], a.fraction, place);
      improve(a.household,
              a.walk_min + along_shared_edge(network_, place, *site).minutes + site->walk_min);
    }
  }
  for (uint32_t node : touched_nodes) dist[node] = kInf;
  std::sort(touched_households.begin(), touched_households.end());
  out.reserve(touched_households.size());
  for (uint32_t h : touched_households) {
    out.push_back({h, best[h]});
    best[h] = kInf;
  }
  return out;
}

SiteCosts RoadCosts::costs(const std::vector<SitePoint>& sites, double cutoff_min,
                           int threads) const {
  SiteCosts out(sites.size());
  struct Work {
    const RoadCosts& self;
    const std::vector<SitePoint>& sites;
    double cutoff;
    SiteCosts& out;
    std::vector<std::vector<double>> dist;
    std::vector<std::vector<double>> best;
    void init(size_t t) {
      dist[t].assign(self.network_.node_count(), std::numeric_limits<double>::infinity());
      best[t].assign(self.households_, std::numeric_limits<double>::infinity());
    }
    void operator()(size_t t, size_t s) {
      out[s] = self.search(sites[s].x, sites[s].y, cutoff, dist[t], best[t]);
    }
  };
  const size_t n = geo::worker_count(threads);
  Work work{*this,
            sites,
            cutoff_min,
            out,
            std::vector<std::vector<double>>(n),
            std::vector<std::vector<double>>(n)};
  for_each_site(sites.size(), threads, work);
  return out;
}

AssignmentProblem village_assignment(const Households& households, size_t village_count,
                                     const std::vector<double>& weight, const SiteCosts& costs,
                                     size_t candidates, std::vector<double> capacity, double cutoff,
                                     bool with_villageless) {
  AssignmentProblem problem;
  problem.candidates = candidates;
  problem.sites = costs.size();
  problem.unserved_cost = unserved_cost(cutoff);
  problem.capacity = std::move(capacity);
  const size_t n = households.size();
  auto weight_of = [&](size_t h) { return weight.empty() ? 1.0 : weight[h]; };
  // Units: the villages with points, then each point in no village.
  std::vector<int64_t> unit_of_village(village_count, -1);
  constexpr uint32_t kNoUnit = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> unit_of(n, kNoUnit);
  for (size_t h = 0; h < n; ++h) {
    const int32_t v = households.village[h];
    if (v < 0 && !with_villageless) continue;
    int64_t own_unit = -1;
    int64_t& unit = v >= 0 ? unit_of_village[static_cast<size_t>(v)] : own_unit;
    if (unit < 0) {
      unit = static_cast<int64_t>(problem.weight.size());
      problem.weight.push_back(0.0);
    }
    unit_of[h] = static_cast<uint32_t>(unit);
    problem.weight[static_cast<size_t>(unit)] += weight_of(h);
  }
  problem.options.resize(problem.weight.size());
  std::vector<double> sum(problem.weight.size(), 0), reached(problem.weight.size(), 0);
  std::vector<char> seen(problem.weight.size(), 0);
  std::vector<uint32_t> touched;
  for (size_t s = 0; s < costs.size(); ++s) {
    for (const auto& [h, c] : costs[s]) {
      const uint32_t u = unit_of[h];
      if (u == kNoUnit) continue;
      if (!seen[u]) touched.push_back(u), seen[u] = 1;
      sum[u] += weight_of(h) * c;
      reached[u] += weight_of(h);
    }
    for (uint32_t u : touched) {
      const double missing = std::max(0.0, problem.weight[u] - reached[u]);
      problem.options[u].push_back(
          {static_cast<uint32_t>(s), sum[u] + missing * problem.unserved_cost});
      sum[u] = reached[u] = 0;
      seen[u] = 0;
    }
    touched.clear();
  }
  return problem;
}

}  // namespace rz::analysis
