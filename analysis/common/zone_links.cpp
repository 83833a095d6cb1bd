#include "analysis/common/zone_links.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/geos_ops.hpp"
#include "geo/messages.hpp"
#include "geo/parallel.hpp"

namespace rz::analysis {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// A shared boundary at least this long (m): a corner two polygons touch at is none, and neither
// are the specks an overlay of two polygons sharing an edge can leave.
constexpr double kSharedLengthM = 1e-3;

// Union-find over n items, for the components and Kruskal's forest.
class Components {
 public:
  explicit Components(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }
  uint32_t find(uint32_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  bool join(uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return false;
    parent_[std::max(a, b)] = std::min(a, b);
    return true;
  }

 private:
  std::vector<uint32_t> parent_;
};

}  // namespace

LinkDirections link_directions_of(const std::string& text) {
  if (text == "either") return LinkDirections::either;
  if (text == "both") return LinkDirections::both;
  throw std::invalid_argument("link directions must be either or both, not " + text);
}

const char* to_string(LinkDirections directions) {
  return directions == LinkDirections::either ? "either" : "both";
}

std::vector<std::pair<uint32_t, uint32_t>> shared_boundary_pairs(
    const std::vector<std::span<const unsigned char>>& polygons, int threads) {
  const size_t n = polygons.size();
  std::vector<std::array<double, 4>> box(n);
  {
    geo::GeosContext ctx;
    for (size_t i = 0; i < n; ++i) {
      auto g = geo::from_wkb(ctx, polygons[i]);
      if (!g)
        throw DataError(
            fmt::format(fmt::runtime(tr("polygon {}: unreadable WKB ({})")), i, ctx.last_error()));
      box[i] = geo::envelope(ctx, g.get());
    }
  }
  // Candidates: pairs whose envelopes meet, by a sweep over the smallest x.
  std::vector<uint32_t> by_x(n);
  std::iota(by_x.begin(), by_x.end(), 0u);
  std::sort(by_x.begin(), by_x.end(), [&](uint32_t a, uint32_t b) {
    return std::tie(box[a][0], a) < std::tie(box[b][0], b);
  });
  std::vector<std::pair<uint32_t, uint32_t>> candidates;
  for (size_t s = 0; s < n; ++s) {
    const uint32_t i = by_x[s];
    for (size_t t = s + 1; t < n && box[by_x[t]][0] <= box[i][2]; ++t) {
      const uint32_t j = by_x[t];
      if (box[j][1] > box[i][3] || box[i][1] > box[j][3]) continue;
      candidates.emplace_back(std::min(i, j), std::max(i, j));
    }
  }
  std::sort(candidates.begin(), candidates.end());

  // Each worker its own GEOS context and its own copies of the geometries it reads.
  const size_t workers = geo::worker_count(threads);
  std::vector<geo::GeosContext> contexts(workers);
  std::vector<std::vector<geo::Geometry>> parsed(workers);
  for (auto& p : parsed) p.resize(n);
  auto geometry = [&](size_t worker, uint32_t i) -> const GEOSGeometry* {
    auto& g = parsed[worker][i];
    if (!g) g = geo::from_wkb(contexts[worker], polygons[i]);
    return g.get();
  };
  std::vector<char> shared(candidates.size(), 0);
  geo::parallel_for(
      candidates.size(), threads,
      [&](size_t worker, size_t c) {
        const auto& ctx = contexts[worker];
        const auto [i, j] = candidates[c];
        const GEOSGeometry* a = geometry(worker, i);
        const GEOSGeometry* b = geometry(worker, j);
        auto common = geo::try_intersection(ctx, a, b);
        // GEOS's overlay can fail on nearly coincident edges: snap-rounded to 1 mm it does not.
        if (!common) common = geo::intersection(ctx, a, b, kSharedLengthM);
        shared[c] = geo::length(ctx, common.get()) >= kSharedLengthM;
      },
      8);
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (size_t c = 0; c < candidates.size(); ++c)
    if (shared[c]) out.push_back(candidates[c]);
  return out;
}

std::vector<double> seat_minutes(const RoadNetwork& network, const std::vector<OdPoint>& seats,
                                 const OdSettings& settings, int threads) {
  const size_t n = seats.size();
  std::vector<double> minutes(n * n, kInf);
  if (n == 0) return minutes;
  const OdPlaces places = od_places(network, seats, settings);
  const auto costs = od_minutes(network, places, places, settings, threads);
  for (size_t k = 0; k < n * n; ++k) minutes[k] = costs[k].minutes;
  for (size_t i = 0; i < n; ++i) minutes[i * n + i] = 0;
  return minutes;
}

ZoneLinks::ZoneLinks(const std::vector<std::span<const unsigned char>>& polygons,
                     const std::vector<OdPoint>& seats, const RoadNetwork& network,
                     const ZoneLinkSettings& settings, int threads)
    : n_(polygons.size()), settings_(settings) {
  if (seats.size() != polygons.size())
    throw std::invalid_argument("ZoneLinks: one seat per polygon");
  boundary_ = shared_boundary_pairs(polygons, threads);
  minutes_ = seat_minutes(network, seats, settings.od, threads);
  build();
}

ZoneLinks::ZoneLinks(size_t villages, std::vector<std::pair<uint32_t, uint32_t>> boundary_pairs,
                     std::vector<double> minutes, const ZoneLinkSettings& settings)
    : n_(villages),
      settings_(settings),
      boundary_(std::move(boundary_pairs)),
      minutes_(std::move(minutes)) {
  if (minutes_.size() != n_ * n_) throw std::invalid_argument("ZoneLinks: an n x n matrix");
  for (auto& [a, b] : boundary_) {
    if (a >= n_ || b >= n_ || a == b) throw std::invalid_argument("ZoneLinks: a bad pair");
    if (a > b) std::swap(a, b);
  }
  std::sort(boundary_.begin(), boundary_.end());
  boundary_.erase(std::unique(boundary_.begin(), boundary_.end()), boundary_.end());
  build();
}

void ZoneLinks::build() {
  links_.clear();
  neighbours_.assign(n_, {});
  for (uint32_t a = 0; a < n_; ++a)
    for (uint32_t b = a + 1; b < n_; ++b) {
      const bool boundary = share_boundary(a, b), road = linked_by_road(a, b);
      if (!boundary && !road) continue;
      links_.push_back({a, b, boundary, road, minutes(a, b), minutes(b, a)});
      neighbours_[a].push_back(b);
      neighbours_[b].push_back(a);
    }
}

bool ZoneLinks::share_boundary(size_t i, size_t j) const {
  const auto pair =
      std::make_pair(static_cast<uint32_t>(std::min(i, j)), static_cast<uint32_t>(std::max(i, j)));
  return std::binary_search(boundary_.begin(), boundary_.end(), pair);
}

double ZoneLinks::link_minutes(size_t i, size_t j) const {
  return settings_.directions == LinkDirections::either ? std::min(minutes(i, j), minutes(j, i))
                                                        : std::max(minutes(i, j), minutes(j, i));
}

bool ZoneLinks::linked_by_road(size_t i, size_t j) const {
  return i != j && link_minutes(i, j) <= settings_.link_minutes;
}

bool ZoneLinks::linked(size_t i, size_t j) const {
  return i != j && (share_boundary(i, j) || linked_by_road(i, j));
}

SeriesLinks linked_in_series(const ZoneLinks& links, const std::vector<uint32_t>& members) {
  const size_t m = members.size();
  for (uint32_t v : members)
    if (v >= links.size()) throw std::invalid_argument("linked_in_series: no such village");
  Components joined(m);
  for (size_t p = 0; p < m; ++p)
    for (size_t q = p + 1; q < m; ++q)
      if (links.linked(members[p], members[q]))
        joined.join(static_cast<uint32_t>(p), static_cast<uint32_t>(q));
  SeriesLinks out;
  out.component.assign(m, -1);
  std::vector<int> of_root(m, -1);
  for (size_t p = 0; p < m; ++p) {
    const uint32_t root = joined.find(static_cast<uint32_t>(p));
    if (of_root[root] < 0) {
      of_root[root] = static_cast<int>(out.components.size());
      out.components.emplace_back();
    }
    out.component[p] = of_root[root];
    out.components[static_cast<size_t>(of_root[root])].push_back(members[p]);
  }
  const size_t k = out.components.size();
  out.apart = k == 0 ? 0 : 1;
  if (k <= 1) return out;

  // The cheapest pair between each two components, then Kruskal over them.
  std::vector<MissingLink> cheapest;
  for (size_t c = 0; c < k; ++c)
    for (size_t d = c + 1; d < k; ++d) {
      MissingLink best;
      best.component_a = static_cast<int>(c);
      best.component_b = static_cast<int>(d);
      bool found = false;
      for (uint32_t a : out.components[c])
        for (uint32_t b : out.components[d]) {
          const double cost = links.link_minutes(a, b);
          if (cost == kInf) continue;
          const auto lo = std::min(a, b), hi = std::max(a, b);
          if (!found || cost < best.minutes ||
              (cost == best.minutes && std::tie(lo, hi) < std::tie(best.a, best.b))) {
            best.minutes = cost;
            best.a = lo;
            best.b = hi;
            found = true;
          }
        }
      if (found) cheapest.push_back(best);
    }
  std::sort(cheapest.begin(), cheapest.end(), [](const MissingLink& x, const MissingLink& y) {
    return std::tie(x.minutes, x.a, x.b) < std::tie(y.minutes, y.a, y.b);
  });
  Components forest(k);
  size_t groups = k;
  for (const auto& link : cheapest)
    if (forest.join(static_cast<uint32_t>(link.component_a),
                    static_cast<uint32_t>(link.component_b))) {
      out.missing.push_back(link);
      --groups;
    }
  out.apart = static_cast<int>(groups);
  return out;
}

}  // namespace rz::analysis
