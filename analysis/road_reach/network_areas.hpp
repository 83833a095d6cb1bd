#pragma once
// Areas drawn from reach on roads. The network is sampled — every node, and points every
// `spacing_m` along longer edges — and each sample carries, per category, its minutes to the
// nearest facility and which facility that is. The Voronoi cells of the samples (computed once,
// shared by every category) are dissolved by facility into service areas that partition the
// outline (a place belongs to the facility nearest on the roads from the road point nearest to
// it), and by "minutes <= T" into isochrones, each clipped to the outline (the villages'
// union). The areas are the map; each household's own minutes remain the exact answer.
//
// The cells are dissolved by walking them (geo/voronoi.hpp), or by GEOS's union should they not
// match edge for edge. Only the parts of an area not wholly inside the outline are clipped.
#include <cstdint>
#include <map>
#include <vector>

#include "analysis/common/road_network.hpp"
#include "analysis/common/road_travel.hpp"
#include "geo/geos.hpp"
#include "geo/voronoi.hpp"

namespace rz::analysis {

// The sample spacing: `spacing_m`, or a wider one (by about 1 % more than needed) at which the
// samples, the nodes and the points along the edges, number at most `max_samples`; infinite
// (the nodes only) when the nodes alone reach it.
double area_sample_spacing(const RoadNetwork& network, double spacing_m, size_t max_samples);

class NetworkAreas {
 public:
  // Above this many samples the spacing is widened until they fit: GEOS's diagram's memory grows
  // with its sites, and the areas are a map, not the answer.
  static constexpr size_t kMaxSamples = 600'000;

  NetworkAreas(const geo::GeosContext& ctx, const RoadNetwork& network, double spacing_m,
               const GEOSGeometry* outline);

  size_t samples() const { return sample_site_.size(); }
  double spacing_m() const { return spacing_m_; }  // as used: widened above kMaxSamples
  // Whether the cells matched edge for edge, so that dissolves walk them rather than union them.
  bool exact() const { return cells_.exact; }
  // Per sample: minutes to the nearest facility and its index (+inf / -1 when none).
  void label(const CategoryRoadReach& reach, std::vector<double>& minutes,
             std::vector<int32_t>& facility) const;
  // Per facility index (and -1 for places no facility reaches): the dissolved, clipped area.
  std::map<int32_t, geo::Geometry> service_areas(const std::vector<int32_t>& facility) const;
  // The places within `threshold` minutes, clipped (an empty MultiPolygon when none).
  geo::Geometry isochrone(const std::vector<double>& minutes, double threshold) const;

 private:
  struct Sample {
    uint32_t edge;
    double fraction;  // along the edge, 0 = its from node, 1 = its to node
  };
  void sample_network();
  // Per site a group (kNoGroup for none): each group's cells dissolved, then clipped.
  std::map<int64_t, geo::Geometry> dissolve(const std::vector<int64_t>& site_group,
                                            const char* what) const;
  void repair_folds(std::map<int64_t, geo::Geometry>& dissolved,
                    const std::vector<int64_t>& group) const;
  geo::Geometry clip(geo::Geometry g) const;

  const geo::GeosContext& ctx_;
  const RoadNetwork& network_;
  const GEOSGeometry* outline_;
  geo::PreparedGeometry prepared_outline_;
  double spacing_m_;
  std::vector<Sample> samples_;
  std::vector<uint32_t> sample_site_;  // sample -> unique position (Voronoi site)
  size_t sites_ = 0;
  geo::VoronoiCells cells_;
};

}  // namespace rz::analysis
