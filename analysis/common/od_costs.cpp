#include "analysis/common/od_costs.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "geo/parallel.hpp"

namespace rz::analysis {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

// Minutes and metres of a way; +inf minutes when closed.
struct Cost {
  double minutes = kInf, metres = kInf;
};

// Route a is better than b: faster, or as fast and shorter.
bool better(double minutes, double metres, double best_minutes, double best_metres) {
  return minutes < best_minutes || (minutes == best_minutes && metres < best_metres);
}

Cost plus(const Cost& a, const Cost& b) {
  return {a.minutes + b.minutes, a.metres + b.metres};
}

// The network as the searches see it, in the direction they run (forward: the ways one may
// drive; backward: each reversed), with its chains contracted. A chain is a run of nodes that
// join exactly two roads (or one: a dead end) between two junctions (nodes of three or more
// roads, or with a loop): no route turns inside one, so the search runs on the junctions only
// ("core" nodes), joined by the chains' total minutes and metres, and a node inside a chain takes
// its cost from the chain's ends afterwards. Road networks are mostly such nodes (the generated
// province: 60 % of its nodes join one or two roads).
class SearchGraph {
 public:
  struct Arc {
    uint32_t to;
    double minutes, metres;
  };
  // Where a network node is in the search: a core node, or position 1..k of a chain.
  struct Ref {
    uint32_t core = kNone, chain = kNone, position = 0;
  };
  // A chain: core node u at position 0, its nodes at 1..k, and core node v at k + 1 (kNone for a
  // dead end). Its edge j joins positions j and j + 1.
  struct Chain {
    uint32_t u, v, k;
    uint32_t first_position, first_edge;  // offsets into the per-position and per-edge arrays
  };

  SearchGraph(const RoadNetwork& network, bool forward) {
    const auto& edges = network.edges();
    const size_t n = network.node_count();
    // The search's cost of edge e from node a to its other end.
    auto cost = [&](const Edge& e, uint32_t a) {
      const bool along = e.from == a;  // a -> b is the edge's own direction
      const double minutes = forward == along ? e.forward_min : e.backward_min;
      return minutes >= kClosed ? Cost{} : Cost{minutes, e.length_m};
    };
    // Edges of each node (a loop once), and whether it has a loop.
    std::vector<uint32_t> degree(n, 0), incident_start(n + 1, 0);
    std::vector<uint8_t> loop(n, 0);
    for (const Edge& e : edges) {
      ++degree[e.from];
      ++degree[e.to];
      if (e.from == e.to) loop[e.from] = 1;
      ++incident_start[e.from + 1];
      if (e.to != e.from) ++incident_start[e.to + 1];
    }
    for (size_t i = 0; i < n; ++i) incident_start[i + 1] += incident_start[i];
    std::vector<uint32_t> incident(incident_start.back()),
        fill(incident_start.begin(), incident_start.end() - 1);
    for (uint32_t i = 0; i < edges.size(); ++i) {
      incident[fill[edges[i].from]++] = i;
      if (edges[i].to != edges[i].from) incident[fill[edges[i].to]++] = i;
    }

    core_of_.assign(n, kNone);
    chain_of_.assign(n, kNone);
    position_of_.assign(n, 0);
    std::vector<uint8_t> edge_done(edges.size(), 0);
    std::vector<std::pair<uint32_t, Arc>> arcs;  // (from core, arc)
    auto make_core = [&](uint32_t node) {
      core_of_[node] = static_cast<uint32_t>(core_node_.size());
      core_node_.push_back(node);
    };
    auto assigned = [&](uint32_t node) {
      return core_of_[node] != kNone || chain_of_[node] != kNone;
    };
    // Walks every chain and direct edge from core node `node`.
    auto walk_from = [&](uint32_t node) {
      const uint32_t u = core_of_[node];
      for (uint32_t k = incident_start[node]; k < incident_start[node + 1]; ++k) {
        uint32_t e = incident[k];
        if (edge_done[e] || edges[e].from == edges[e].to) continue;
        edge_done[e] = 1;
        uint32_t prev = node, cur = edges[e].from == node ? edges[e].to : edges[e].from;
        if (core_of_[cur] != kNone || degree[cur] > 2 || loop[cur]) {
          if (core_of_[cur] == kNone) make_core(cur);
          add_arc(arcs, u, core_of_[cur], cost(edges[e], prev));
          add_arc(arcs, core_of_[cur], u, cost(edges[e], cur));
          continue;
        }
        Chain c{u, kNone, 0, static_cast<uint32_t>(from_u_.size()),
                static_cast<uint32_t>(down_.size())};
        const auto id = static_cast<uint32_t>(chains_.size());
        std::vector<Cost> down, up;
        while (true) {
          down.push_back(cost(edges[e], prev));
          up.push_back(cost(edges[e], cur));
          if (core_of_[cur] != kNone || degree[cur] > 2 || loop[cur]) {  // a junction: the end
            if (core_of_[cur] == kNone) make_core(cur);
            c.v = core_of_[cur];
            break;
          }
          chain_of_[cur] = id;
          position_of_[cur] = ++c.k;
          if (degree[cur] == 1) break;  // a dead end
          // The node's other edge (by index: both may lead to the same neighbour).
          const uint32_t a = incident[incident_start[cur]], b = incident[incident_start[cur] + 1];
          e = a == e ? b : a;
          edge_done[e] = 1;
          prev = cur;
          cur = edges[e].from == cur ? edges[e].to : edges[e].from;
        }
        // Costs between each position and the ends, each summed from the end outwards.
        const uint32_t last = c.v == kNone ? c.k : c.k + 1;
        from_u_.resize(c.first_position + last + 1);
        to_u_.resize(from_u_.size());
        from_v_.resize(from_u_.size());
        to_v_.resize(from_u_.size());
        Cost* fu = &from_u_[c.first_position];
        Cost* tu = &to_u_[c.first_position];
        fu[0] = tu[0] = {0, 0};
        for (uint32_t p = 0; p < down.size(); ++p) {
          fu[p + 1] = plus(fu[p], down[p]);
          tu[p + 1] = plus(tu[p], up[p]);
        }
        if (c.v != kNone) {
          Cost* fv = &from_v_[c.first_position];
          Cost* tv = &to_v_[c.first_position];
          fv[last] = tv[last] = {0, 0};
          for (uint32_t p = last; p-- > 0;) {
            fv[p] = plus(fv[p + 1], up[p]);
            tv[p] = plus(tv[p + 1], down[p]);
          }
          if (c.v != u) {
            add_arc(arcs, u, c.v, fu[last]);
            add_arc(arcs, c.v, u, tu[last]);
          }
        }
        down_.insert(down_.end(), down.begin(), down.end());
        up_.insert(up_.end(), up.begin(), up.end());
        chains_.push_back(c);
      }
    };
    for (uint32_t node = 0; node < n; ++node)
      if (degree[node] != 2 && degree[node] != 1)
        make_core(node);
      else if (loop[node])
        make_core(node);
    // Junctions found as chain ends are added as they are met: walk until every core node is.
    size_t walked = 0;
    auto walk_pending = [&] {
      while (walked < core_node_.size()) walk_from(core_node_[walked++]);
    };
    walk_pending();
    // Parts of the network without a junction (a path, a ring, a single road): one of their
    // nodes becomes a core node.
    for (uint32_t node = 0; node < n; ++node)
      if (!assigned(node)) {
        make_core(node);
        walk_pending();
      }

    // Core arcs in compressed rows.
    start_.assign(core_node_.size() + 1, 0);
    for (const auto& [from, arc] : arcs) ++start_[from + 1];
    for (size_t i = 0; i + 1 < start_.size(); ++i) start_[i + 1] += start_[i];
    arcs_.resize(arcs.size());
    std::vector<uint32_t> at(start_.begin(), start_.end() - 1);
    for (const auto& [from, arc] : arcs) arcs_[at[from]++] = arc;
  }

  size_t core_count() const { return core_node_.size(); }
  const std::vector<uint32_t>& start() const { return start_; }
  const std::vector<Arc>& arcs() const { return arcs_; }
  const Chain& chain(uint32_t c) const { return chains_[c]; }
  Ref ref(uint32_t node) const {
    if (core_of_[node] != kNone) return {core_of_[node], kNone, 0};
    return {kNone, chain_of_[node], position_of_[node]};
  }
  // Between a chain's position and its ends, in the search's direction.
  const Cost& from_u(const Ref& r) const {
    return from_u_[chains_[r.chain].first_position + r.position];
  }
  const Cost& to_u(const Ref& r) const {
    return to_u_[chains_[r.chain].first_position + r.position];
  }
  const Cost& from_v(const Ref& r) const {
    return from_v_[chains_[r.chain].first_position + r.position];
  }
  const Cost& to_v(const Ref& r) const {
    return to_v_[chains_[r.chain].first_position + r.position];
  }
  // Along one chain from position `from` to position `to`, edge by edge.
  Cost along(uint32_t c, uint32_t from, uint32_t to) const {
    Cost sum{0, 0};
    const Chain& ch = chains_[c];
    if (from <= to)
      for (uint32_t j = from; j < to; ++j) sum = plus(sum, down_[ch.first_edge + j]);
    else
      for (uint32_t j = from; j-- > to;) sum = plus(sum, up_[ch.first_edge + j]);
    return sum;
  }

 private:
  static void add_arc(std::vector<std::pair<uint32_t, Arc>>& arcs, uint32_t from, uint32_t to,
                      const Cost& c) {
    if (c.minutes < kInf) arcs.push_back({from, {to, c.minutes, c.metres}});
  }
  std::vector<uint32_t> core_node_;                         // core id -> network node
  std::vector<uint32_t> core_of_, chain_of_, position_of_;  // per network node
  std::vector<uint32_t> start_;
  std::vector<Arc> arcs_;
  std::vector<Chain> chains_;
  std::vector<Cost> from_u_, to_u_, from_v_, to_v_;  // per chain position
  std::vector<Cost> down_, up_;                      // per chain edge
};

// One thread's shortest-path search on the core nodes, reused from search to search: the labels
// are reset through the nodes the last search touched. A 4-ary heap of (minutes, node), stale
// entries skipped. Labels are (minutes, metres) compared as `better` does; a node reached again
// as fast but by a shorter way is queued again, so metres are those of the shortest of the
// fastest routes.
class Search {
 public:
  explicit Search(size_t nodes) : label_(nodes), settled_(nodes, 0) {}

  void reset(double limit) {
    for (uint32_t n : touched_) label_[n] = {};
    touched_.clear();
    heap_.clear();
    limit_ = limit;
    if (++serial_ == 0) {  // wrapped: forget every stamp
      std::fill(settled_.begin(), settled_.end(), 0);
      serial_ = 1;
    }
  }
  void offer(uint32_t node, double minutes, double metres) {
    Cost& l = label_[node];
    if (minutes > limit_ || !better(minutes, metres, l.minutes, l.metres)) return;
    if (l.minutes == kInf) touched_.push_back(node);
    l = {minutes, metres};
    push({minutes, node});
  }
  // Runs to the limit, or until every node `wanted` marks (`wanted_count` of them) is settled
  // and the nodes as fast as the last of them too.
  void run(const SearchGraph& g, const std::vector<uint8_t>& wanted, size_t wanted_count) {
    size_t missing = wanted_count;
    const auto& start = g.start();
    const auto& arcs = g.arcs();
    while (!heap_.empty()) {
      const Item top = pop();
      const Cost here = label_[top.node];
      if (top.minutes > here.minutes) continue;  // stale
      if (top.minutes > limit_) break;
      if (wanted[top.node] && settled_[top.node] != serial_) {
        settled_[top.node] = serial_;
        if (--missing == 0) limit_ = top.minutes;  // ties at this minute still run
      }
      for (uint32_t k = start[top.node], end = start[top.node + 1]; k < end; ++k)
        offer(arcs[k].to, top.minutes + arcs[k].minutes, here.metres + arcs[k].metres);
    }
  }
  const Cost& label(uint32_t node) const { return label_[node]; }

 private:
  struct Item {
    double minutes;
    uint32_t node;
  };
  void push(Item item) {
    size_t i = heap_.size();
    heap_.push_back(item);
    while (i > 0) {
      const size_t parent = (i - 1) / 4;
      if (heap_[parent].minutes <= item.minutes) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = item;
  }
  Item pop() {
    const Item top = heap_.front();
    const Item last = heap_.back();
    heap_.pop_back();
    const size_t n = heap_.size();
    if (n == 0) return top;
    size_t i = 0;
    while (true) {
      const size_t first = 4 * i + 1;
      if (first >= n) break;
      size_t best = first;
      for (size_t c = first + 1, end = std::min(first + 4, n); c < end; ++c)
        if (heap_[c].minutes < heap_[best].minutes) best = c;
      if (heap_[best].minutes >= last.minutes) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = last;
    return top;
  }
  std::vector<Cost> label_;
  std::vector<uint32_t> settled_;  // == serial_: settled in this search (wanted nodes only)
  uint32_t serial_ = 0;
  double limit_ = kInf;
  std::vector<uint32_t> touched_;
  std::vector<Item> heap_;
};

// A step between a point's place and a network node, with the node as the search sees it.
struct Step {
  SearchGraph::Ref at;
  double minutes, metres;
};

// A way by which a search reaches a point of the other side: through a core node, then along a
// chain (when the step's node is inside one) and the step.
struct Way {
  uint32_t core;
  double minutes, metres;
};

// A point of the side that is read (not searched from), kept compact: its walk and its ways (up
// to two steps, each through one core node or the two ends of its chain).
struct Reader {
  double walk_min, walk_m;
  std::array<Way, 4> ways;
  uint8_t count = 0;
};

// A point's step at a node inside a chain, for routes from a source's step inside the same chain.
struct ChainStep {
  uint32_t target, position;
  double minutes, metres;
};

// Sources searched one after another by a worker, their results kept together and then written
// to the matrix: searching backward a source is a column, and the tile's columns go to each row
// in one stretch instead of one cell (and one page) per row and search.
constexpr size_t kTile = 16;

}  // namespace

OdPlaces od_places(const RoadNetwork& network, const std::vector<OdPoint>& points,
                   const OdSettings& settings) {
  OdPlaces out;
  out.reserve(points.size());
  for (const auto& p : points)
    out.push_back(attach(network, p.x, p.y, settings.access_limit_m, settings.walk_kmh));
  return out;
}

std::vector<OdCost> od_minutes(const RoadNetwork& network, const std::vector<OdPoint>& from,
                               const std::vector<OdPoint>& to, const OdSettings& settings,
                               int threads) {
  return od_minutes(network, od_places(network, from, settings), od_places(network, to, settings),
                    settings, threads);
}

std::vector<OdCost> od_minutes(const RoadNetwork& network, const OdPlaces& from, const OdPlaces& to,
                               const OdSettings& settings, int threads) {
  const size_t columns = to.size();
  std::vector<OdCost> out(from.size() * columns);
  auto on_road = [](const OdPlaces& places) {
    std::vector<uint32_t> list;
    for (size_t i = 0; i < places.size(); ++i)
      if (places[i]) list.push_back(static_cast<uint32_t>(i));
    return list;
  };
  const std::vector<uint32_t> from_on = on_road(from), to_on = on_road(to);
  if (from_on.empty() || to_on.empty()) return out;

  // Search from the smaller side: forward from each origin, or backward from each destination.
  const bool forward = from_on.size() <= to_on.size();
  const OdPlaces& sources = forward ? from : to;
  const OdPlaces& targets = forward ? to : from;
  const std::vector<uint32_t>& source_list = forward ? from_on : to_on;
  const std::vector<uint32_t>& target_list = forward ? to_on : from_on;
  const SearchGraph graph(network, forward);

  // The targets' ways, and the core nodes a search must settle for them: their own, or the ends
  // of the chains they are in.
  std::vector<Reader> readers(target_list.size());
  std::vector<uint8_t> wanted(graph.core_count(), 0);
  size_t wanted_count = 0;
  std::unordered_map<uint32_t, std::vector<ChainStep>> in_chain;  // chain -> target steps in it
  std::unordered_map<uint32_t, std::vector<uint32_t>> inside;     // edge -> targets inside it
  for (size_t k = 0; k < target_list.size(); ++k) {
    const Attachment& b = *targets[target_list[k]];
    Reader& r = readers[k];
    r.walk_min = b.walk_min;
    r.walk_m = b.walk_m;
    auto add = [&](uint32_t core, const Cost& between, const Attachment::Step& step) {
      if (core == kNone || between.minutes == kInf) return;
      r.ways[r.count++] = {core, between.minutes + step.minutes, between.metres + step.metres};
      if (!wanted[core]) {
        wanted[core] = 1;
        ++wanted_count;
      }
    };
    const auto& steps = forward ? b.enter : b.leave;
    for (uint8_t i = 0, n = forward ? b.enter_count : b.leave_count; i < n; ++i) {
      const auto at = graph.ref(steps[i].node);
      if (at.core != kNone) {
        add(at.core, {0, 0}, steps[i]);
        continue;
      }
      const auto& c = graph.chain(at.chain);
      add(c.u, graph.from_u(at), steps[i]);
      if (c.v != kNone) add(c.v, graph.from_v(at), steps[i]);
      in_chain[at.chain].push_back(
          {static_cast<uint32_t>(k), at.position, steps[i].minutes, steps[i].metres});
    }
    if (!b.node) inside[b.access.edge].push_back(static_cast<uint32_t>(k));
  }

  // Each worker's on cache lines of its own: the searches' heap and lists grow with every step,
  // and two workers' vectors side by side would make the cores fight over one line.
  struct alignas(64) Worker {
    Search search;
    std::vector<OdCost> tile;  // per source of the tile, per target
  };
  std::vector<Worker> workers;
  const size_t tile = forward ? 1 : kTile;
  const size_t tiles = (source_list.size() + tile - 1) / tile;
  workers.reserve(std::min(geo::worker_count(threads), tiles));
  for (size_t w = 0; w < std::min(geo::worker_count(threads), tiles); ++w)
    workers.push_back({Search(graph.core_count()), std::vector<OdCost>(tile * target_list.size())});
  const size_t nt = target_list.size();

  // One source: its search, then every target's cost into `costs` (by target index).
  auto search_from = [&](Search& search, uint32_t s, OdCost* costs) {
    const Attachment& a = *sources[s];
    std::fill(costs, costs + nt, OdCost{});
    // Walks are added at the end; the search may stop where the cutoff would be passed.
    search.reset(settings.cutoff_min - a.walk_min);
    // The seeds: onto core nodes directly, or through the ends of their chains.
    std::array<Step, 2> seeds{};
    const auto& steps = forward ? a.leave : a.enter;
    const uint8_t seed_count = forward ? a.leave_count : a.enter_count;
    for (uint8_t i = 0; i < seed_count; ++i) {
      seeds[i] = {graph.ref(steps[i].node), steps[i].minutes, steps[i].metres};
      const Step& seed = seeds[i];
      if (seed.at.core != kNone) {
        search.offer(seed.at.core, seed.minutes, seed.metres);
        continue;
      }
      const auto& c = graph.chain(seed.at.chain);
      const Cost to_u = plus({seed.minutes, seed.metres}, graph.to_u(seed.at));
      search.offer(c.u, to_u.minutes, to_u.metres);
      if (c.v != kNone) {
        const Cost to_v = plus({seed.minutes, seed.metres}, graph.to_v(seed.at));
        search.offer(c.v, to_v.minutes, to_v.metres);
      }
    }
    search.run(graph, wanted, wanted_count);
    // Walk of the origin, then the drive, then the walk of the destination, whichever side was
    // searched from.
    auto keep = [&](uint32_t t, double target_walk_min, double target_walk_m, double drive_min,
                    double drive_m) {
      const double minutes = forward ? a.walk_min + drive_min + target_walk_min
                                     : target_walk_min + drive_min + a.walk_min;
      const double metres =
          forward ? a.walk_m + drive_m + target_walk_m : target_walk_m + drive_m + a.walk_m;
      if (minutes > settings.cutoff_min) return;
      OdCost& c = costs[t];
      if (better(minutes, metres, c.minutes, c.metres)) c = {minutes, metres};
    };
    for (size_t t = 0; t < nt; ++t) {
      const Reader& r = readers[t];
      double best_min = kInf, best_m = kInf;
      for (uint8_t i = 0; i < r.count; ++i) {
        const Way& way = r.ways[i];
        const Cost& node = search.label(way.core);
        if (node.minutes == kInf) continue;
        const double minutes = node.minutes + way.minutes, metres = node.metres + way.metres;
        if (better(minutes, metres, best_min, best_m)) best_min = minutes, best_m = metres;
      }
      if (best_min < kInf) keep(static_cast<uint32_t>(t), r.walk_min, r.walk_m, best_min, best_m);
    }
    // Targets in the chain of a seed: also along the chain, without reaching its ends.
    for (uint8_t i = 0; i < seed_count; ++i) {
      if (seeds[i].at.core != kNone) continue;
      const auto it = in_chain.find(seeds[i].at.chain);
      if (it == in_chain.end()) continue;
      for (const ChainStep& step : it->second) {
        const Cost drive =
            plus(plus({seeds[i].minutes, seeds[i].metres},
                      graph.along(seeds[i].at.chain, seeds[i].at.position, step.position)),
                 {step.minutes, step.metres});
        if (drive.minutes < kInf)
          keep(step.target, readers[step.target].walk_min, readers[step.target].walk_m,
               drive.minutes, drive.metres);
      }
    }
    // Targets inside the same edge: also along it, without passing a node.
    if (a.node) return;
    const auto it = inside.find(a.access.edge);
    if (it == inside.end()) return;
    for (uint32_t t : it->second) {
      const Attachment& b = *targets[target_list[t]];
      const AlongEdge along =
          forward ? along_shared_edge(network, a, b) : along_shared_edge(network, b, a);
      if (along.minutes < kInf) keep(t, b.walk_min, b.walk_m, along.minutes, along.metres);
    }
  };
  geo::parallel_for(tiles, threads, [&](size_t w, size_t k) {
    Worker& worker = workers[w];
    const size_t first = k * tile, count = std::min(tile, source_list.size() - first);
    for (size_t b = 0; b < count; ++b)
      search_from(worker.search, source_list[first + b], &worker.tile[b * nt]);
    if (forward) {  // a row
      OdCost* row = &out[size_t{source_list[first]} * columns];
      for (size_t t = 0; t < nt; ++t) row[target_list[t]] = worker.tile[t];
      return;
    }
    for (size_t t = 0; t < nt; ++t) {  // the tile's columns, row by row
      OdCost* row = &out[size_t{target_list[t]} * columns];
      for (size_t b = 0; b < count; ++b) row[source_list[first + b]] = worker.tile[b * nt + t];
    }
  });
  return out;
}

}  // namespace rz::analysis
