#pragma once
// The Voronoi diagram of a set of points as a planar subdivision, and dissolves of its cells by
// group without an overlay.
//
// The cells of one GEOS diagram share their edges exactly: every vertex is a circumcentre GEOS
// computes once. So the diagram is kept as a planar subdivision (vertices shared by their exact
// coordinates, half-edges linked to their twins), and a dissolve walks the edges between cells of
// different groups into rings: linear in the cells, no overlay (GEOS's unions of the cells took
// most of the road reach areas' time at province scale). Should GEOS's cells ever fail to match
// edge for edge, `exact` is false and the caller unions the cells (cell_polygon) instead.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "geo/geos.hpp"
#include "geo/phase_timer.hpp"

namespace rz::geo {

// Cell c's half-edges are [first[c], first[c + 1]), counterclockwise; each starts at a vertex and
// has a twin, the same edge seen from the neighbouring cell (-1 if none).
struct VoronoiCells {
  std::vector<double> x, y;            // vertices
  std::vector<uint32_t> first;         // per cell, and one past the last
  std::vector<uint32_t> vertex, cell;  // per half-edge: where it starts, its cell
  std::vector<int32_t> twin;           // per half-edge
  std::vector<int32_t> site;           // per cell; -1 for the guard sites' cells
  std::vector<uint32_t> folded;        // cells turning right somewhere (rounding)
  bool exact = true;                   // every edge of a site's cell has its twin
  uint32_t next(uint32_t h) const { return h + 1 < first[cell[h] + 1] ? h + 1 : first[cell[h]]; }
};

// The cells of the distinct sites (x[i], y[i]), each bounded: guard sites far around the sites
// and around `cover`'s envelope (when not empty) keep every site's cell inside the diagram, so
// that GEOS never clips one to its frame. `timer`, when given, enters its "cells" phase once GEOS
// has drawn the diagram.
VoronoiCells voronoi_cells(const GeosContext& ctx, std::vector<double> x, std::vector<double> y,
                           const GEOSGeometry* cover, PhaseTimer* timer = nullptr);

// Cell c as a polygon.
Geometry cell_polygon(const GeosContext& ctx, const VoronoiCells& cells, uint32_t c);

// The group of a cell in no group.
constexpr int64_t kNoCellGroup = INT64_MIN;

// Per cell a group (kNoCellGroup for none): each group's cells dissolved, as one MultiPolygon per
// group. The boundary half-edges (those whose twin lies in another group, or in none) are chained
// into rings, turning at each vertex through the group's own cells; a ring that touches itself is
// split there into simple loops. Counterclockwise loops are outer rings, clockwise ones holes,
// and each belongs to the edge-connected part of the group its cells are in: one outer ring per
// part, or the walk gives up (nullopt) and the caller unions the cells instead. Cells folded by
// rounding (`folded`) can leave their groups' rings crossing themselves by that much: the caller
// checks those groups.
std::optional<std::map<int64_t, Geometry>> dissolve_cells(const GeosContext& ctx,
                                                          const VoronoiCells& cells,
                                                          const std::vector<int64_t>& group);

}  // namespace rz::geo
