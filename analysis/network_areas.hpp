#pragma once
// Areas drawn from reach on roads. The network is sampled — every node, and points every
// `spacing_m` along longer edges — and each sample carries, per category, its minutes to the
// nearest facility and which facility that is. The Voronoi cells of the samples (computed once,
// shared by every category) are dissolved by facility into service areas that partition the
// outline (a place belongs to the facility nearest on the roads from the road point nearest to
// it), and by "minutes <= T" into isochrones, each clipped to the outline (the villages'
// union). The areas are the map; each household's own minutes remain the exact answer.
#include <cstdint>
#include <map>
#include <vector>

#include "analysis/road_network.hpp"
#include "analysis/road_reach.hpp"
#include "geo/geos.hpp"

namespace rz::analysis {

class NetworkAreas {
 public:
  NetworkAreas(const geo::GeosContext& ctx, const RoadNetwork& network, double spacing_m,
               const GEOSGeometry* outline);

  size_t samples() const { return sample_site_.size(); }
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
  geo::Geometry clip(geo::Geometry g) const;
  const geo::GeosContext& ctx_;
  const RoadNetwork& network_;
  const GEOSGeometry* outline_;
  std::vector<Sample> samples_;
  std::vector<uint32_t> sample_site_;  // sample -> unique position (Voronoi site)
  std::vector<geo::Geometry> cells_;   // per site
};

}  // namespace rz::analysis
