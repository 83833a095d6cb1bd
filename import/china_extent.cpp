#include "import/china_extent.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "geo/crs.hpp"
#include "geo/messages.hpp"

namespace rz::import {

namespace {
constexpr double west = 72.0, east = 137.0, south = 2.0, north = 55.0;
}

bool fits_china(double lon, double lat) {
  return lon >= west && lon <= east && lat >= south && lat <= north;
}

ChinaExtent::ChinaExtent(const std::string& project_crs) {
  // A transverse Mercator bends the box's edges, so sample all of it, not its corners.
  std::vector<double> xs, ys;
  for (double lon = west; lon <= east; lon += 0.5)
    for (double lat = south; lat <= north; lat += 0.5) {
      xs.push_back(lon);
      ys.push_back(lat);
    }
  geo::CrsTransform to_project("EPSG:4490", project_crs);
  to_project.transform(xs, ys);
  constexpr double inf = std::numeric_limits<double>::infinity();
  min_x_ = min_y_ = inf;
  max_x_ = max_y_ = -inf;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) continue;
    min_x_ = std::min(min_x_, xs[i]);
    max_x_ = std::max(max_x_, xs[i]);
    min_y_ = std::min(min_y_, ys[i]);
    max_y_ = std::max(max_y_, ys[i]);
  }
}

std::string outside_china_cause(double x, double y, const std::string& source_crs, bool geographic,
                                const std::string& crs_label, bool* swapped) {
  if (swapped) *swapped = false;
  if (x == 0 && y == 0)
    return tr("it lies at (0, 0), which stands for a missing location: give it its coordinates");
  auto in_lonlat = [&](double a, double b) {
    if (geographic) return fits_china(a, b);
    geo::CrsTransform to_lonlat(source_crs, "EPSG:4490");
    return to_lonlat.transform({&a, 1}, {&b, 1}) && fits_china(a, b);
  };
  if (!geographic && (fits_china(x, y) || fits_china(y, x)))
    return fmt::format(
        fmt::runtime(
            tr("its coordinates ({}, {}) are longitude/latitude in degrees, but the CRS ({}) is "
               "projected, in metres: give the right CRS with --crs, e.g. --crs EPSG:4490")),
        x, y, crs_label);
  if (in_lonlat(y, x)) {
    if (swapped) *swapped = true;
    return fmt::format(fmt::runtime(tr("X and Y are swapped: ({}, {}) lies outside China in {}, "
                                       "({}, {}) would lie inside; swap "
                                       "the columns (or the axis order) and import again")),
                       x, y, crs_label, y, x);
  }
  if (geographic)
    return fmt::format(
        fmt::runtime(tr("longitude/latitude ({}, {}) lies outside China: the CRS ({}) or the "
                        "coordinates are wrong")),
        x, y, crs_label);
  return fmt::format(
      fmt::runtime(tr("({}, {}) lies outside China in {}: the CRS or the coordinates are wrong")),
      x, y, crs_label);
}

}  // namespace rz::import
