#pragma once
// Voronoi and power-diagram cells clipped to a polygon, in seed order and one piece each: how the
// townships, villages and grids are cut.
#include <vector>

#include "data/generator/geometry.hpp"
#include "data/generator/shapes.hpp"

namespace rz::gen {

// Voronoi cells of `seeds` clipped to `clip`, in seed order (GEOS 3.11 returns them unordered).
std::vector<geo::Geometry> voronoi_cells(const std::vector<Pt>& seeds, const GEOSGeometry* clip);

// Cells of the power diagram of `seeds` with additive `weights`, clipped to `clip`, in seed order.
// Each cell is the intersection of half-planes, clipped Sutherland-Hodgman style from a frame.
std::vector<geo::Geometry> power_cells(const std::vector<Pt>& seeds,
                                       const std::vector<double>& weights,
                                       const GEOSGeometry* clip);

}  // namespace rz::gen
