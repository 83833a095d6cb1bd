#pragma once
// Point in polygon for millions of points against one polygon at a time, without GEOS on the hot
// path: the rings' edges are binned into horizontal bands and a point counts the crossings of a
// ray to +x over the edges of its band. Every orientation test carries Shewchuk's error bound;
// when a sign is not certain (the point is on an edge, on a vertex, or within rounding of one)
// the answer is `uncertain` and the caller asks GEOS, so the answers are those of GEOS's own
// ray-crossing locator (IndexedPointInAreaLocator, which prepared contains/intersects use).
#include <cstdint>
#include <span>
#include <vector>

namespace rz::geo {

class PolygonLocator {
 public:
  enum class Location : uint8_t { exterior, interior, uncertain };

  // ISO or extended WKB of a Polygon or MultiPolygon (XY, Z, M or ZM; either byte order).
  // Throws std::invalid_argument on any other geometry or on truncated WKB (the store holds
  // polygons for every polygon layer, so that is a bug, not the user's data).
  explicit PolygonLocator(std::span<const unsigned char> wkb);

  // Never `uncertain` for a point whose distance to every edge is well above rounding.
  Location locate(double x, double y) const;

  size_t edge_count() const { return edge_count_; }

 private:
  struct Edge {
    double x1, y1, x2, y2;
  };
  size_t band_of(double y) const;

  size_t edge_count_ = 0;
  double miny_ = 0, maxy_ = 0, band_height_ = 1;
  std::vector<uint32_t> band_first_;  // band b holds band_edges_[band_first_[b], band_first_[b+1])
  std::vector<Edge> band_edges_;      // edges copied into every band their y range meets
};

}  // namespace rz::geo
