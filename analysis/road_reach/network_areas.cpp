#include "analysis/road_reach/network_areas.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <set>
#include <tuple>

#include "analysis/common/robust_overlay.hpp"
#include "geo/geos_build.hpp"
#include "geo/geos_ops.hpp"
#include "geo/geos_read.hpp"
#include "geo/phase_timer.hpp"

namespace rz::analysis {

namespace {

constexpr int64_t kNoGroup = geo::kNoCellGroup;

// The point `fraction` of the way along a polyline.
std::pair<double, double> point_along(const std::vector<std::pair<double, double>>& v,
                                      double length, double fraction) {
  double target = fraction * length, walked = 0;
  for (size_t i = 1; i < v.size(); ++i) {
    const double seg = std::hypot(v[i].first - v[i - 1].first, v[i].second - v[i - 1].second);
    if (walked + seg >= target && seg > 0) {
      const double t = (target - walked) / seg;
      return {v[i - 1].first + t * (v[i].first - v[i - 1].first),
              v[i - 1].second + t * (v[i].second - v[i - 1].second)};
    }
    walked += seg;
  }
  return v.back();
}

// Interior samples of an edge: its length cut in pieces of at least `spacing`.
size_t interior_samples(double length, double spacing) {
  const double pieces = std::floor(length / spacing);
  return pieces > 1 ? static_cast<size_t>(pieces) - 1 : 0;
}

// Each group's cells unioned by GEOS: the fallback when the walk cannot be trusted.
std::map<int64_t, geo::Geometry> union_cells(const geo::GeosContext& ctx,
                                             const geo::VoronoiCells& cells,
                                             const std::vector<int64_t>& group,
                                             const std::string& what) {
  std::map<int64_t, std::vector<geo::Geometry>> members;
  for (uint32_t c = 0; c < group.size(); ++c)
    if (group[c] != kNoGroup) members[group[c]].push_back(geo::cell_polygon(ctx, cells, c));
  std::map<int64_t, geo::Geometry> out;
  for (auto& [g, polygons] : members) {
    std::vector<const GEOSGeometry*> parts;
    for (const auto& p : polygons) parts.push_back(p.get());
    out.emplace(g, checked_union(ctx, parts, what));
  }
  return out;
}

}  // namespace

double area_sample_spacing(const RoadNetwork& network, double spacing, size_t limit) {
  const size_t nodes = network.node_count();
  if (nodes >= limit) return INFINITY;
  auto count = [&](double s) {
    size_t n = nodes;
    for (const Edge& e : network.edges()) n += interior_samples(e.length_m, s);
    return n;
  };
  // Interior samples fall about in proportion to the spacing's growth; the count is monotone, so
  // a few rounds of slightly more than that growth settle it.
  for (size_t n = count(spacing); n > limit; n = count(spacing))
    spacing *= 1.01 * static_cast<double>(n - nodes) / static_cast<double>(limit - nodes);
  return spacing;
}

NetworkAreas::NetworkAreas(const geo::GeosContext& ctx, const RoadNetwork& network,
                           double spacing_m, const GEOSGeometry* outline)
    : ctx_(ctx),
      network_(network),
      outline_(outline),
      spacing_m_(area_sample_spacing(network, spacing_m, kMaxSamples)) {
  geo::PhaseTimer timer("road reach areas");
  timer.phase("samples");
  sample_network();
  // Unique positions: Voronoi merges coincident sites, so samples at one place share a cell.
  std::vector<double> px, py;
  const auto& edges = network.edges();
  for (const Sample& s : samples_) {
    const auto [x, y] = point_along(edges[s.edge].vertices, edges[s.edge].length_m, s.fraction);
    px.push_back(x), py.push_back(y);
  }
  std::vector<uint32_t> order(samples_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return std::tie(px[a], py[a]) < std::tie(px[b], py[b]);
  });
  std::vector<double> sx, sy;
  sample_site_.resize(samples_.size());
  for (uint32_t k : order) {
    if (sx.empty() || px[k] != sx.back() || py[k] != sy.back())
      sx.push_back(px[k]), sy.push_back(py[k]);
    sample_site_[k] = static_cast<uint32_t>(sx.size() - 1);
  }
  sites_ = sx.size();
  timer.phase("diagram");
  cells_ = geo::voronoi_cells(ctx, std::move(sx), std::move(sy), outline, &timer);
  prepared_outline_ = geo::prepare(ctx, outline);
}

void NetworkAreas::sample_network() {
  const auto& edges = network_.edges();
  // Each node once (at the first edge end seen), then interior points of long edges.
  std::vector<bool> node_seen(network_.node_count(), false);
  for (uint32_t e = 0; e < edges.size(); ++e) {
    if (!node_seen[edges[e].from]) node_seen[edges[e].from] = true, samples_.push_back({e, 0.0});
    if (!node_seen[edges[e].to]) node_seen[edges[e].to] = true, samples_.push_back({e, 1.0});
    const size_t pieces = interior_samples(edges[e].length_m, spacing_m_) + 1;
    for (size_t i = 1; i < pieces; ++i)
      samples_.push_back({e, static_cast<double>(i) / static_cast<double>(pieces)});
  }
}

void NetworkAreas::label(const CategoryRoadReach& reach, std::vector<double>& minutes,
                         std::vector<int32_t>& facility) const {
  const auto& edges = network_.edges();
  minutes.assign(samples_.size(), kClosed);
  facility.assign(samples_.size(), -1);
  for (size_t i = 0; i < samples_.size(); ++i) {
    const Sample& s = samples_[i];
    const Edge& e = edges[s.edge];
    // Leave the edge towards its from node (backwards) or its to node (forwards).
    if (e.backward_min < kClosed && reach.node_facility[e.from] >= 0) {
      const double m = s.fraction * e.backward_min + reach.node_minutes[e.from];
      if (m < minutes[i]) minutes[i] = m, facility[i] = reach.node_facility[e.from];
    }
    if (e.forward_min < kClosed && reach.node_facility[e.to] >= 0) {
      const double m = (1 - s.fraction) * e.forward_min + reach.node_minutes[e.to];
      if (m < minutes[i]) minutes[i] = m, facility[i] = reach.node_facility[e.to];
    }
  }
}

// Parts wholly inside the outline (most facilities' areas) are kept as they are; only the others
// go through the checked overlay.
geo::Geometry NetworkAreas::clip(geo::Geometry g) const {
  std::vector<geo::Geometry> kept, border;
  for (auto& part : geo::polygon_parts(ctx_, g.get()))
    (geo::contains(ctx_, prepared_outline_, part.get()) ? kept : border).push_back(std::move(part));
  if (!border.empty()) {
    const auto rest = geo::collect(ctx_, GEOS_MULTIPOLYGON, std::move(border));
    const auto clipped =
        checked_intersection(ctx_, rest.get(), outline_, "area clipped to the villages");
    for (auto& part : geo::polygon_parts(ctx_, clipped.geometry.get()))
      kept.push_back(std::move(part));
  }
  return geo::collect(ctx_, GEOS_MULTIPOLYGON, std::move(kept));
}

// Where circumcentres nearly coincide, rounding can fold a cell's tiny edge the wrong way round;
// the groups of such a cell and of its neighbours may then have a ring crossing itself by that
// much, so they are checked, and repaired if need be.
void NetworkAreas::repair_folds(std::map<int64_t, geo::Geometry>& dissolved,
                                const std::vector<int64_t>& group) const {
  std::set<int64_t> suspect;
  for (uint32_t c : cells_.folded) {
    suspect.insert(group[c]);
    for (uint32_t h = cells_.first[c]; h < cells_.first[c + 1]; ++h)
      if (cells_.twin[h] >= 0)
        suspect.insert(group[cells_.cell[static_cast<uint32_t>(cells_.twin[h])]]);
  }
  for (int64_t g : suspect)
    if (auto it = dissolved.find(g);
        it != dissolved.end() && !geo::is_valid(ctx_, it->second.get()))
      it->second = geo::make_valid_polygonal(ctx_, it->second.get());
}

std::map<int64_t, geo::Geometry> NetworkAreas::dissolve(const std::vector<int64_t>& site_group,
                                                        const char* what) const {
  geo::PhaseTimer timer(std::string("road reach areas: ") + what);
  timer.phase("dissolve");
  std::vector<int64_t> group(cells_.site.size(), kNoGroup);
  for (size_t c = 0; c < group.size(); ++c)
    if (cells_.site[c] >= 0) group[c] = site_group[static_cast<size_t>(cells_.site[c])];
  std::optional<std::map<int64_t, geo::Geometry>> dissolved;
  if (cells_.exact) dissolved = geo::dissolve_cells(ctx_, cells_, group);
  if (dissolved)
    repair_folds(*dissolved, group);
  else
    dissolved = union_cells(ctx_, cells_, group, what);
  timer.phase("clip");
  for (auto& [g, area] : *dissolved) area = clip(std::move(area));
  return std::move(*dissolved);
}

std::map<int32_t, geo::Geometry> NetworkAreas::service_areas(
    const std::vector<int32_t>& facility) const {
  // A site shared by samples of different facilities goes to the first sample's.
  std::vector<int64_t> site_group(sites_, kNoGroup);
  std::vector<bool> seen(site_group.size(), false);
  for (size_t i = 0; i < samples_.size(); ++i)
    if (!seen[sample_site_[i]])
      seen[sample_site_[i]] = true, site_group[sample_site_[i]] = facility[i];
  std::map<int32_t, geo::Geometry> out;
  for (auto& [g, area] : dissolve(site_group, "service area cells"))
    out.emplace(static_cast<int32_t>(g), std::move(area));
  return out;
}

geo::Geometry NetworkAreas::isochrone(const std::vector<double>& minutes, double threshold) const {
  std::vector<int64_t> site_group(sites_, kNoGroup);
  for (size_t i = 0; i < samples_.size(); ++i)
    if (minutes[i] <= threshold) site_group[sample_site_[i]] = 0;
  auto dissolved = dissolve(site_group, "isochrone cells");
  if (dissolved.empty()) return geo::empty_collection(ctx_, GEOS_MULTIPOLYGON);
  return std::move(dissolved.begin()->second);
}

}  // namespace rz::analysis
