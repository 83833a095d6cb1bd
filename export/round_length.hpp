#pragma once
// The length a scale bar shows: the largest 1, 2, 2.5 or 5 times a power of ten not above
// `at_most` (map units), so that its labels are round numbers. The QGIS layouts and the printed
// maps both use it.
#include <cmath>

namespace rz::exporting {

inline double round_length(double at_most) {
  const double magnitude = std::pow(10, std::floor(std::log10(at_most)));
  double length = magnitude;
  for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (step * magnitude <= at_most) length = step * magnitude;
  return length;
}

}  // namespace rz::exporting
