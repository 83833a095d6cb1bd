#pragma once
// Vertices a map cannot show, dropped before cairo sees them. A province's villages and grids
// carry hundreds of vertices each, yet cover a few pixels of an A4 page: cairo's stroker and
// rasteriser then spend 70 % of a map's time on vertices that land in the same pixel. As QGIS's
// on-the-fly simplification does (distance method), a vertex closer than the tolerance to the
// last one kept is dropped; the last vertex of a part is always kept, so rings stay closed and
// every dropped vertex lies within the tolerance of a kept one.
#include <utility>
#include <vector>

namespace rz::exporting {

using PagePoint = std::pair<double, double>;

// The tolerance in page millimetres for a raster at `dpi` (half a pixel), or for vector output
// (a twentieth of a millimetre, below what a printer resolves) when dpi is 0.
double thinning_tolerance(double dpi);

// The points of `part` (already on the page) worth drawing, in order; the first and the last are
// always among them. Appends to `out`, which is cleared first.
void thin_path(const std::vector<PagePoint>& part, double tolerance, std::vector<PagePoint>& out);

}  // namespace rz::exporting
