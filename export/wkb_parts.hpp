#pragma once
// The parts of a WKB geometry as coordinate lists, for drawing: points, lines, and polygons as
// their rings (the first of each polygon its shell). ISO and EWKB-free 2-D/3-D WKB of either byte
// order; a truncated or unknown geometry yields what was read before it.
#include <functional>
#include <span>
#include <utility>
#include <vector>

namespace rz::exporting {

using Ring = std::vector<std::pair<double, double>>;

struct WkbParts {
  std::vector<std::pair<double, double>> points;
  std::vector<Ring> lines;
  std::vector<std::vector<Ring>> polygons;  // each: shell, then holes
};

WkbParts wkb_parts(std::span<const unsigned char> wkb);

}  // namespace rz::exporting
