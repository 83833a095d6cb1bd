// Routing, spanning trees and loops, the noding of the roads, and the network's components.
#include "data/generator/roads.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "data/generator/constants.hpp"
#include "data/generator/rng.hpp"
#include "data/generator/text.hpp"

namespace rz::gen {

namespace {

// A wiggly polyline from a to b by midpoint displacement; endpoints are kept bit-exact.
std::vector<Pt> wiggle(Pt a, Pt b, double roughness, Rng& rng) {
  std::vector<Pt> pts{a, b};
  bool refined = true;
  while (refined) {
    refined = false;
    std::vector<Pt> out{pts.front()};
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
      const Pt p = pts[i];
      const Pt q = pts[i + 1];
      const double len = dist(p, q);
      if (len > 220.0) {
        const Pt dir = (q - p) * (1.0 / len);
        const Pt nrm{-dir.y, dir.x};
        const double off = std::clamp(rng.normal(0, roughness * len), -0.3 * len, 0.3 * len);
        out.push_back(snap((p + q) * 0.5 + nrm * off));
        refined = true;
      }
      out.push_back(q);
    }
    pts = std::move(out);
  }
  return pts;
}

// The first crossing of the ray from `from` in direction `dir` with the county outline.
Pt ray_to_outline(const County& c, Pt from, Pt dir) {
  const Pt far = from + dir * (100000.0 / norm(dir));
  geo::Geometry ray = make_line({from, far});
  const auto& ctx = geos();
  geo::Geometry boundary = geo::boundary(ctx, c.outline.get());
  geo::Geometry hits = geo::intersection(ctx, ray.get(), boundary.get());
  Pt best = from;
  double best_d = 1e300;
  for (int i = 0; i < std::max(1, geo::part_count(ctx, hits.get())); ++i) {
    const GEOSGeometry* h =
        geo::part_count(ctx, hits.get()) > 0 ? geo::part(ctx, hits.get(), i) : hits.get();
    if (geo::type_id(ctx, h) != GEOS_POINT || geo::is_empty(ctx, h)) continue;
    const Pt p = point_xy(h);
    const double d = dist(p, from);
    if (d > 1.0 && d < best_d) {
      best_d = d;
      best = p;
    }
  }
  return snap(best);
}

// A route through waypoints (endpoints and all waypoints bit-exact vertices).
std::vector<Pt> route(const std::vector<Pt>& waypoints, double roughness, Rng& rng) {
  std::vector<Pt> pts;
  for (std::size_t i = 0; i + 1 < waypoints.size(); ++i) {
    std::vector<Pt> leg = wiggle(waypoints[i], waypoints[i + 1], roughness, rng);
    if (!pts.empty()) leg.erase(leg.begin());
    pts.insert(pts.end(), leg.begin(), leg.end());
  }
  return pts;
}

// Waypoints: `a`, the seats near the segment a-b (in order along it), `b`.
std::vector<Pt> via_seats(const County& c, Pt a, Pt b, const std::vector<Pt>& must, double near) {
  std::vector<std::pair<double, Pt>> on;
  const Pt ab = b - a;
  const double len2 = dot(ab, ab);
  auto consider = [&](Pt s) {
    const double t = dot(s - a, ab) / len2;
    if (t <= 0.02 || t >= 0.98) return;
    if (segment_distance(s, a, b) > near) return;
    for (const auto& o : on)
      if (o.second == s) return;
    on.emplace_back(t, s);
  };
  for (const Pt& s : must) consider(s);
  for (const Township& t : c.townships) consider(t.seat);
  std::sort(on.begin(), on.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<Pt> w{a};
  for (const auto& o : on) w.push_back(o.second);
  w.push_back(b);
  return w;
}

struct Dsu {
  std::vector<int> p;
  explicit Dsu(std::size_t n) : p(n) { std::iota(p.begin(), p.end(), 0); }
  int find(int x) {
    while (p[static_cast<std::size_t>(x)] != x)
      x = p[static_cast<std::size_t>(x)] =
          p[static_cast<std::size_t>(p[static_cast<std::size_t>(x)])];
    return x;
  }
  bool unite(int a, int b) {
    a = find(a);
    b = find(b);
    if (a == b) return false;
    p[static_cast<std::size_t>(std::max(a, b))] = std::min(a, b);
    return true;
  }
};

// Prim's minimum spanning tree over points; returns (parent, child) edges rooted at 0.
std::vector<std::pair<int, int>> mst(const std::vector<Pt>& pts) {
  const std::size_t n = pts.size();
  std::vector<std::pair<int, int>> edges;
  if (n < 2) return edges;
  std::vector<double> best(n, 1e300);
  std::vector<int> from(n, -1);
  std::vector<bool> in(n, false);
  in[0] = true;
  for (std::size_t j = 1; j < n; ++j) {
    best[j] = dist(pts[0], pts[j]);
    from[j] = 0;
  }
  for (std::size_t step = 1; step < n; ++step) {
    std::size_t pick = 0;
    double m = 1e300;
    for (std::size_t j = 0; j < n; ++j)
      if (!in[j] && best[j] < m) {
        m = best[j];
        pick = j;
      }
    in[pick] = true;
    edges.emplace_back(from[pick], static_cast<int>(pick));
    for (std::size_t j = 0; j < n; ++j) {
      const double d = dist(pts[pick], pts[j]);
      if (!in[j] && d < best[j]) {
        best[j] = d;
        from[j] = static_cast<int>(pick);
      }
    }
  }
  return edges;
}

// Splits every road at every node (road endpoints, crossings, touching vertices) so that roads
// meet only at endpoints with bit-identical coordinates.
std::vector<Road> node_roads(const std::vector<Road>& roads) {
  struct Seg {
    int road;
    int k;
  };
  struct Insert {
    int k;
    double t;
    Pt p;
  };
  std::vector<std::vector<Insert>> inserts(roads.size());
  std::set<Pt> nodes;
  for (const Road& r : roads) {
    nodes.insert(r.pts.front());
    nodes.insert(r.pts.back());
  }
  constexpr double kCell = 500.0;
  std::map<std::pair<long, long>, std::vector<Seg>> cells;
  for (std::size_t ri = 0; ri < roads.size(); ++ri) {
    const auto& pts = roads[ri].pts;
    for (std::size_t k = 0; k + 1 < pts.size(); ++k) {
      const long x0 = std::lround(std::floor(std::min(pts[k].x, pts[k + 1].x) / kCell));
      const long x1 = std::lround(std::floor(std::max(pts[k].x, pts[k + 1].x) / kCell));
      const long y0 = std::lround(std::floor(std::min(pts[k].y, pts[k + 1].y) / kCell));
      const long y1 = std::lround(std::floor(std::max(pts[k].y, pts[k + 1].y) / kCell));
      for (long x = x0; x <= x1; ++x)
        for (long y = y0; y <= y1; ++y)
          cells[{x, y}].push_back({static_cast<int>(ri), static_cast<int>(k)});
    }
  }
  std::set<std::pair<std::pair<int, int>, std::pair<int, int>>> done;
  for (const auto& [key, segs] : cells) {
    for (std::size_t i = 0; i < segs.size(); ++i) {
      for (std::size_t j = i + 1; j < segs.size(); ++j) {
        Seg s1 = segs[i];
        Seg s2 = segs[j];
        if (s1.road == s2.road && std::abs(s1.k - s2.k) <= 1) continue;
        auto id = std::make_pair(std::make_pair(s1.road, s1.k), std::make_pair(s2.road, s2.k));
        if (!done.insert(id).second) continue;
        const auto& r1 = roads[static_cast<std::size_t>(s1.road)].pts;
        const auto& r2 = roads[static_cast<std::size_t>(s2.road)].pts;
        const Pt a = r1[static_cast<std::size_t>(s1.k)];
        const Pt b = r1[static_cast<std::size_t>(s1.k) + 1];
        const Pt p = r2[static_cast<std::size_t>(s2.k)];
        const Pt q = r2[static_cast<std::size_t>(s2.k) + 1];
        const Pt rr = b - a;
        const Pt ss = q - p;
        const double den = cross(rr, ss);
        if (std::abs(den) < 1e-9 * norm(rr) * norm(ss)) continue;  // parallel
        const double t = cross(p - a, ss) / den;
        const double u = cross(p - a, rr) / den;
        const double l1 = norm(rr);
        const double l2 = norm(ss);
        const double e1 = 0.02 / l1;  // 2 cm
        const double e2 = 0.02 / l2;
        if (t < -e1 || t > 1 + e1 || u < -e2 || u > 1 + e2) continue;
        const bool end1 = t <= e1 || t >= 1 - e1;
        const bool end2 = u <= e2 || u >= 1 - e2;
        if (end1 && end2) continue;  // meeting at vertices: already shared (or 2 cm apart)
        if (end1) {                  // a vertex of road 1 touches the inside of segment 2
          const Pt v = t <= e1 ? a : b;
          nodes.insert(v);
          inserts[static_cast<std::size_t>(s2.road)].push_back({s2.k, u, v});
        } else if (end2) {
          const Pt v = u <= e2 ? p : q;
          nodes.insert(v);
          inserts[static_cast<std::size_t>(s1.road)].push_back({s1.k, t, v});
        } else {
          const Pt x = snap(a + rr * t);
          nodes.insert(x);
          inserts[static_cast<std::size_t>(s1.road)].push_back({s1.k, t, x});
          inserts[static_cast<std::size_t>(s2.road)].push_back({s2.k, u, x});
        }
      }
    }
  }
  std::vector<Road> out;
  for (std::size_t ri = 0; ri < roads.size(); ++ri) {
    const Road& r = roads[ri];
    auto& ins = inserts[ri];
    std::sort(ins.begin(), ins.end(), [](const Insert& x, const Insert& y) {
      return x.k < y.k || (x.k == y.k && x.t < y.t);
    });
    std::vector<Pt> pts;
    std::size_t next = 0;
    for (std::size_t k = 0; k < r.pts.size(); ++k) {
      if (pts.empty() || !(pts.back() == r.pts[k])) pts.push_back(r.pts[k]);
      while (next < ins.size() && ins[next].k == static_cast<int>(k)) {
        if (!(pts.back() == ins[next].p)) pts.push_back(ins[next].p);
        ++next;
      }
    }
    Road piece = r;
    piece.pts.clear();
    for (std::size_t k = 0; k < pts.size(); ++k) {
      piece.pts.push_back(pts[k]);
      if (k > 0 && (k + 1 == pts.size() || nodes.count(pts[k]) > 0)) {
        if (piece.pts.size() >= 2) out.push_back(piece);
        piece.pts = {pts[k]};
      }
    }
  }
  return out;
}

}  // namespace

void make_roads(County& c) {
  Rng rng = stream("roads");
  std::vector<Road> roads;
  std::size_t zq = 0;
  for (std::size_t i = 0; i < c.townships.size(); ++i)
    if (c.townships[i].name == "珠泉镇") zq = i;
  const Pt cs = c.county_seat;

  // National road: roughly north-south through the county seat.
  const double ang = kPi / 2 + rng.uniform(-0.35, 0.35);
  const Pt dir{std::cos(ang), std::sin(ang)};
  const Pt g_n = ray_to_outline(c, cs, dir);
  const Pt g_s = ray_to_outline(c, cs, dir * -1.0);
  std::vector<Pt> g_way = via_seats(c, g_s, g_n, {cs}, 2500.0);
  roads.push_back({route(g_way, 0.05, rng), Grade::national, "G107", "107国道", 0});

  // Provincial road: west-east through the westernmost and easternmost township seats.
  std::size_t w = 0;
  std::size_t e = 0;
  for (std::size_t i = 0; i < c.townships.size(); ++i) {
    if (i == zq) continue;
    if (c.townships[w].seat.x > c.townships[i].seat.x || w == zq) w = i;
    if (c.townships[e].seat.x < c.townships[i].seat.x || e == zq) e = i;
  }
  const Pt a = c.townships[w].seat;
  const Pt b = c.townships[e].seat;
  const Pt s_w = ray_to_outline(c, a, a - b);
  const Pt s_e = ray_to_outline(c, b, b - a);
  std::vector<Pt> s_way = via_seats(c, a, b, {}, 2500.0);
  s_way.insert(s_way.begin(), s_w);
  s_way.push_back(s_e);
  roads.push_back({route(s_way, 0.06, rng), Grade::provincial, "S214", "214省道", 0});

  // County roads: connect the township seats (Kruskal; seats on G or S already linked), plus two
  // extra links for loops.
  const std::size_t nt = c.townships.size();
  Dsu dsu(nt + 2);  // nt = on G, nt+1 = on S
  for (std::size_t i = 0; i < nt; ++i) {
    for (const Pt& p : g_way)
      if (p == c.townships[i].seat) dsu.unite(static_cast<int>(i), static_cast<int>(nt));
    for (const Pt& p : s_way)
      if (p == c.townships[i].seat) dsu.unite(static_cast<int>(i), static_cast<int>(nt + 1));
  }
  std::vector<std::tuple<double, int, int>> pairs;
  for (std::size_t i = 0; i < nt; ++i)
    for (std::size_t j = i + 1; j < nt; ++j)
      pairs.emplace_back(dist(c.townships[i].seat, c.townships[j].seat), static_cast<int>(i),
                         static_cast<int>(j));
  std::sort(pairs.begin(), pairs.end());
  int x_no = 0;
  int extra = 0;
  auto county_road = [&](int i, int j) {
    const Township& ti = c.townships[static_cast<std::size_t>(i)];
    const Township& tj = c.townships[static_cast<std::size_t>(j)];
    roads.push_back({route({ti.seat, tj.seat}, 0.08, rng), Grade::county, fmt_code('X', ++x_no),
                     first_char(ti.name) + first_char(tj.name) + "线", 0});
  };
  std::set<std::pair<int, int>> linked;
  for (const auto& [d, i, j] : pairs) {
    if (dsu.unite(i, j)) {
      county_road(i, j);
      linked.insert({i, j});
    }
  }
  for (const auto& [d, i, j] : pairs) {
    if (extra == 2) break;
    if (linked.count({i, j}) || d > 14000.0) continue;
    // Skip pairs already consecutive on G or S.
    bool consecutive = false;
    for (const auto* way : {&g_way, &s_way})
      for (std::size_t k = 0; k + 1 < way->size(); ++k) {
        const Pt p = (*way)[k];
        const Pt q = (*way)[k + 1];
        const Pt si = c.townships[static_cast<std::size_t>(i)].seat;
        const Pt sj = c.townships[static_cast<std::size_t>(j)].seat;
        if ((p == si && q == sj) || (p == sj && q == si)) consecutive = true;
      }
    if (consecutive) continue;
    county_road(i, j);
    linked.insert({i, j});
    ++extra;
  }

  // Township and village roads: per township, a spanning tree over the village seats rooted at
  // the township seat; trunk edges (carrying 3+ villages) are 乡道, the rest 村道.
  int y_no = 0;
  int c_no = 0;
  for (Township& t : c.townships) {
    std::vector<int> members{t.seat_village};
    for (int vi : t.villages)
      if (vi != t.seat_village) members.push_back(vi);
    std::vector<Pt> seats;
    for (int vi : members) seats.push_back(c.villages[static_cast<std::size_t>(vi)].seat);
    const auto edges = mst(seats);
    std::vector<int> subtree(seats.size(), 1);
    for (auto it = edges.rbegin(); it != edges.rend(); ++it)
      subtree[static_cast<std::size_t>(it->first)] += subtree[static_cast<std::size_t>(it->second)];
    for (const auto& [p, ch] : edges) {
      const Village& vp =
          c.villages[static_cast<std::size_t>(members[static_cast<std::size_t>(p)])];
      const Village& vc =
          c.villages[static_cast<std::size_t>(members[static_cast<std::size_t>(ch)])];
      if (subtree[static_cast<std::size_t>(ch)] >= 3) {
        roads.push_back({route({vp.seat, vc.seat}, 0.1, rng), Grade::township,
                         fmt_code('Y', ++y_no), stem(vp.name) + "—" + stem(vc.name) + "公路", 0});
      } else {
        roads.push_back({route({vp.seat, vc.seat}, 0.12, rng), Grade::village,
                         fmt_code('C', ++c_no), vc.name + "通村公路", 0});
      }
    }
    // Up to two loops per township: near pairs of villages that are far apart along the tree.
    const std::size_t m = seats.size();
    std::vector<std::vector<std::pair<int, double>>> adj(m);
    for (const auto& [p, ch] : edges) {
      const double d =
          dist(seats[static_cast<std::size_t>(p)], seats[static_cast<std::size_t>(ch)]);
      adj[static_cast<std::size_t>(p)].emplace_back(ch, d);
      adj[static_cast<std::size_t>(ch)].emplace_back(p, d);
    }
    std::vector<std::tuple<double, int, int>> loops;
    for (std::size_t i = 0; i < m; ++i) {
      std::vector<double> along(m, -1.0);  // tree distance from i
      std::vector<int> stack{static_cast<int>(i)};
      along[i] = 0;
      while (!stack.empty()) {
        const int u = stack.back();
        stack.pop_back();
        for (const auto& [nb, d] : adj[static_cast<std::size_t>(u)]) {
          if (along[static_cast<std::size_t>(nb)] >= 0) continue;
          along[static_cast<std::size_t>(nb)] = along[static_cast<std::size_t>(u)] + d;
          stack.push_back(nb);
        }
      }
      for (std::size_t j = i + 1; j < m; ++j) {
        const double d = dist(seats[i], seats[j]);
        if (d < 2500.0 && along[j] > 2.5 * d)
          loops.emplace_back(d, static_cast<int>(i), static_cast<int>(j));
      }
    }
    std::sort(loops.begin(), loops.end());
    std::set<int> used;
    int added = 0;
    for (const auto& [d, i, j] : loops) {
      if (added == 2 || used.count(i) || used.count(j)) continue;
      used.insert(i);
      used.insert(j);
      const Village& vi =
          c.villages[static_cast<std::size_t>(members[static_cast<std::size_t>(i)])];
      const Village& vj =
          c.villages[static_cast<std::size_t>(members[static_cast<std::size_t>(j)])];
      roads.push_back({route({vi.seat, vj.seat}, 0.12, rng), Grade::village, fmt_code('C', ++c_no),
                       stem(vi.name) + stem(vj.name) + "连村路", 0});
      ++added;
    }
  }
  // A few extra village links between neighbouring townships (loops in the network).
  {
    std::vector<std::tuple<double, int, int>> cand;
    for (std::size_t i = 0; i < c.villages.size(); ++i)
      for (std::size_t j = i + 1; j < c.villages.size(); ++j) {
        const Village& vi = c.villages[i];
        const Village& vj = c.villages[j];
        if (vi.tw == vj.tw || vi.community || vj.community) continue;
        const double d = dist(vi.seat, vj.seat);
        if (d < 2600.0) cand.emplace_back(d, static_cast<int>(i), static_cast<int>(j));
      }
    std::sort(cand.begin(), cand.end());
    std::set<int> used;
    int added = 0;
    for (const auto& [d, i, j] : cand) {
      if (added == 10) break;
      if (used.count(i) || used.count(j)) continue;
      used.insert(i);
      used.insert(j);
      const Village& vi = c.villages[static_cast<std::size_t>(i)];
      const Village& vj = c.villages[static_cast<std::size_t>(j)];
      roads.push_back({route({vi.seat, vj.seat}, 0.12, rng), Grade::village, fmt_code('C', ++c_no),
                       stem(vi.name) + stem(vj.name) + "连村路", 0});
      ++added;
    }
  }
  // Roads to the hamlets (a tree inside each village rooted at the seat) and spurs to the small
  // scattered groups. In the county seat's communities some short streets are one-way.
  int oneway_left = 5;
  for (Village& v : c.villages) {
    std::vector<Pt> hp;
    for (const Hamlet& h : v.hamlets) hp.push_back(h.c);
    const auto edges = mst(hp);
    int group = 0;
    for (const auto& [p, ch] : edges) {
      Road r{route({hp[static_cast<std::size_t>(p)], hp[static_cast<std::size_t>(ch)]}, 0.15, rng),
             Grade::village, fmt_code('C', ++c_no), v.name + std::to_string(++group) + "组通组公路",
             0};
      if (group == 1 && v.community && oneway_left > 0 &&
          c.townships[static_cast<std::size_t>(v.tw)].name == "珠泉镇") {
        r.name = stem(v.name) + "街";  // a one-way town street
        // Digitised (and open) towards the seat: the hamlet behind it is a branch of the road
        // tree, so traffic must at least be able to leave it.
        std::reverse(r.pts.begin(), r.pts.end());
        r.oneway = 1;
        --oneway_left;
      }
      roads.push_back(std::move(r));
    }
    for (const Pt& cl : v.clusters) {
      std::size_t near = 0;
      for (std::size_t k = 1; k < hp.size(); ++k)
        if (dist(hp[k], cl) < dist(hp[near], cl)) near = k;
      roads.push_back({route({hp[near], cl}, 0.15, rng), Grade::village, fmt_code('C', ++c_no),
                       v.name + "入户路", 0});
    }
  }

  c.roads = node_roads(roads);

  // The deliberate flaw: one short stretch digitised without a connection.
  {
    Rng frng = stream("road fragment");
    std::vector<Pt> all;
    for (const Road& r : c.roads) all.insert(all.end(), r.pts.begin(), r.pts.end());
    auto min_road_distance = [&](Pt p) {
      double d = 1e300;
      for (const Road& r : c.roads)
        for (std::size_t k = 0; k + 1 < r.pts.size(); ++k)
          d = std::min(d, segment_distance(p, r.pts[k], r.pts[k + 1]));
      return d;
    };
    for (int attempt = 0; attempt < 500; ++attempt) {
      const int vi = frng.integer(0, static_cast<int>(c.villages.size()) - 1);
      Village& v = c.villages[static_cast<std::size_t>(vi)];
      if (v.community) continue;
      const Pt p0 = snap(random_point_in(v.inner_poly, frng, 100.0));
      const double ang2 = frng.uniform(0, 2 * kPi);
      const Pt p2 = snap(p0 + Pt{160.0 * std::cos(ang2), 160.0 * std::sin(ang2)});
      const Pt p1 = snap((p0 + p2) * 0.5 + Pt{-std::sin(ang2), std::cos(ang2)} * 12.0);
      if (!v.inner_poly.contains(p2)) continue;
      if (min_road_distance(p0) < 250.0 || min_road_distance(p1) < 250.0 ||
          min_road_distance(p2) < 250.0)
        continue;
      c.roads.push_back(
          {{p0, p1, p2}, Grade::village, fmt_code('C', ++c_no), v.name + "机耕道", 0});
      c.fragment_village = v.name + "（" + v.code + "）";
      break;
    }
  }

  // Nodes and connected components.
  std::map<Pt, int> node_id;
  for (const Road& r : c.roads)
    for (const Pt& p : {r.pts.front(), r.pts.back()})
      node_id.emplace(p, static_cast<int>(node_id.size()));
  Dsu comp(node_id.size());
  for (const Road& r : c.roads) comp.unite(node_id[r.pts.front()], node_id[r.pts.back()]);
  std::set<int> roots;
  for (const auto& [p, id] : node_id) roots.insert(comp.find(id));
  c.road_nodes = static_cast<int>(node_id.size());
  c.road_components = static_cast<int>(roots.size());
}

}  // namespace rz::gen
