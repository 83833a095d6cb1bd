#include "analysis/network_areas.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "analysis/robust_overlay.hpp"
#include "geo/error.hpp"
#include "geo/spatial_index.hpp"

namespace rz::analysis {

namespace {

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

geo::Geometry as_multipolygon(const geo::GeosContext& ctx, geo::Geometry g) {
  std::vector<GEOSGeometry*> parts;
  for (auto& p : polygon_parts(ctx, g.get())) parts.push_back(p.release());
  return geo::own(ctx,
                  GEOSGeom_createCollection_r(ctx.get(), GEOS_MULTIPOLYGON, parts.data(),
                                              static_cast<unsigned>(parts.size())),
                  "collect");
}

}  // namespace

NetworkAreas::NetworkAreas(const geo::GeosContext& ctx, const RoadNetwork& network,
                           double spacing_m, const GEOSGeometry* outline)
    : ctx_(ctx), network_(network), outline_(outline) {
  const auto& edges = network.edges();
  // Samples: each node once (at the first edge end seen), then interior points of long edges.
  std::vector<bool> node_seen(network.node_count(), false);
  for (uint32_t e = 0; e < edges.size(); ++e) {
    if (!node_seen[edges[e].from]) node_seen[edges[e].from] = true, samples_.push_back({e, 0.0});
    if (!node_seen[edges[e].to]) node_seen[edges[e].to] = true, samples_.push_back({e, 1.0});
    const auto pieces = static_cast<int>(std::floor(edges[e].length_m / spacing_m));
    for (int i = 1; i < pieces; ++i)
      samples_.push_back({e, static_cast<double>(i) / static_cast<double>(pieces)});
  }
  // Unique positions: Voronoi merges coincident sites, so samples at one place share a cell.
  std::vector<double> sx, sy;
  std::unordered_map<std::string, uint32_t> site_of;
  for (const Sample& s : samples_) {
    const auto [x, y] = point_along(edges[s.edge].vertices, edges[s.edge].length_m, s.fraction);
    std::string key(reinterpret_cast<const char*>(&x), sizeof x);
    key.append(reinterpret_cast<const char*>(&y), sizeof y);
    auto [it, added] = site_of.emplace(key, static_cast<uint32_t>(sx.size()));
    if (added) sx.push_back(x), sy.push_back(y);
    sample_site_.push_back(it->second);
  }
  cells_.resize(sx.size());
  if (sx.empty()) return;
  std::vector<GEOSGeometry*> points;
  for (size_t i = 0; i < sx.size(); ++i)
    points.push_back(geo::make_point(ctx, sx[i], sy[i]).release());
  auto sites = geo::own(ctx,
                        GEOSGeom_createCollection_r(ctx.get(), GEOS_MULTIPOINT, points.data(),
                                                    static_cast<unsigned>(points.size())),
                        "collect");
  auto diagram =
      geo::own(ctx, GEOSVoronoiDiagram_r(ctx.get(), sites.get(), outline, 0.0, 0), "Voronoi");
  // GEOS 3.11 returns the cells in its own order: each is matched to the site inside it.
  const geo::PointIndex index(sx.data(), sy.data(), 0, static_cast<uint32_t>(sx.size()));
  const int n = GEOSGetNumGeometries_r(ctx.get(), diagram.get());
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* cell = GEOSGetGeometryN_r(ctx.get(), diagram.get(), i);
    const auto env = geo::envelope(ctx, cell);
    int32_t found = -1;
    index.query_box(geo::Box2({env[0], env[1]}, {env[2], env[3]}),
                    [&](uint32_t site, const geo::Point2& p) {
                      if (found >= 0) return;
                      auto pt = geo::make_point(ctx, p.get<0>(), p.get<1>());
                      if (GEOSContains_r(ctx.get(), cell, pt.get()) == 1)
                        found = static_cast<int32_t>(site);
                    });
    if (found >= 0 && !cells_[static_cast<size_t>(found)])
      cells_[static_cast<size_t>(found)] =
          geo::own(ctx, GEOSGeom_clone_r(ctx.get(), cell), "clone");
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

geo::Geometry NetworkAreas::clip(geo::Geometry g) const {
  auto clipped = checked_intersection(ctx_, g.get(), outline_, "area clipped to the villages");
  return as_multipolygon(ctx_, std::move(clipped.geometry));
}

std::map<int32_t, geo::Geometry> NetworkAreas::service_areas(
    const std::vector<int32_t>& facility) const {
  // A site shared by samples of different facilities goes to the first sample's.
  std::vector<int64_t> site_key(cells_.size(), INT64_MIN);
  for (size_t i = 0; i < samples_.size(); ++i)
    if (site_key[sample_site_[i]] == INT64_MIN) site_key[sample_site_[i]] = facility[i];
  std::map<int32_t, std::vector<const GEOSGeometry*>> groups;
  for (size_t s = 0; s < cells_.size(); ++s)
    if (cells_[s] && site_key[s] != INT64_MIN)
      groups[static_cast<int32_t>(site_key[s])].push_back(cells_[s].get());
  std::map<int32_t, geo::Geometry> out;
  for (auto& [key, cells] : groups)
    out.emplace(key, clip(checked_union(ctx_, cells, "service area cells")));
  return out;
}

geo::Geometry NetworkAreas::isochrone(const std::vector<double>& minutes, double threshold) const {
  std::vector<bool> within(cells_.size(), false);
  for (size_t i = 0; i < samples_.size(); ++i)
    if (minutes[i] <= threshold) within[sample_site_[i]] = true;
  std::vector<const GEOSGeometry*> cells;
  for (size_t s = 0; s < cells_.size(); ++s)
    if (within[s] && cells_[s]) cells.push_back(cells_[s].get());
  if (cells.empty())
    return geo::own(ctx_, GEOSGeom_createEmptyCollection_r(ctx_.get(), GEOS_MULTIPOLYGON), "empty");
  return clip(checked_union(ctx_, cells, "isochrone cells"));
}

}  // namespace rz::analysis
