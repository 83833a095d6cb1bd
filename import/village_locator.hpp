#pragma once
// Finds the polygon of a store layer (villages or townships) that contains a point: an in-memory
// packed R-tree over the envelopes, then GEOS prepared-geometry containment.
#include <optional>
#include <string>
#include <vector>

#include "geo/geos.hpp"
#include "geo/spatial_index.hpp"
#include "geo/store.hpp"

namespace rz::import {

class PolygonLocator {
 public:
  // Loads `layer` from the store; `code_field` and `name_field` are the columns returned by
  // code()/name(). An absent layer gives an empty locator.
  PolygonLocator(geo::Store& store, const geo::GeosContext& ctx, const std::string& layer,
                 const std::string& code_field, const std::string& name_field);
  bool empty() const { return polygons_.empty(); }
  // Index of the polygon containing (x, y) (boundary included; the lowest code wins on a shared
  // boundary so the answer does not depend on read order), or nullopt.
  std::optional<size_t> locate(double x, double y) const;
  const std::string& code(size_t i) const { return codes_[i]; }
  const std::string& name(size_t i) const { return names_[i]; }

 private:
  const geo::GeosContext& ctx_;
  std::vector<geo::Geometry> polygons_;
  std::vector<geo::PreparedGeometry> prepared_;
  std::vector<std::string> codes_;
  std::vector<std::string> names_;
  geo::BoxIndex index_;
};

}  // namespace rz::import
