#pragma once
// Shape faults a planner can fix, found in a geometry's WKB before GEOS reads it, so the message
// says what is wrong in words ("ring 1 is not closed") instead of GEOS's exception text.
#include <optional>
#include <span>
#include <string>

namespace rz::import {

// `wkb`: 2-D ISO WKB, little-endian, of a MultiPolygon or MultiLineString (what the importer
// makes of every polygon or line). Returns the first fault: a line with one vertex, a line of zero
// length, a ring with fewer than 4 points, a ring not closed, a polygon of zero area. nullopt when
// there is none, or when the bytes are not such WKB (GEOS then has its say).
std::optional<std::string> shape_fault(std::span<const unsigned char> wkb);

}  // namespace rz::import
