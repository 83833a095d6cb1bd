// GCJ-02 / BD-09 conversions, written from the published algorithm: the GCJ-02 offset is a
// fixed pair of trigonometric polynomials in (lon - 105, lat - 35), scaled from metres to
// degrees on the Krasovsky 1940 ellipsoid; BD-09 is a further small polar perturbation of
// GCJ-02 (x_pi = pi * 3000 / 180).
#include "geo/web_coords.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>
#include <string>

#include "geo/ascii.hpp"

namespace rz::geo {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kXPi = kPi * 3000.0 / 180.0;
constexpr double kA = 6378245.0;                // Krasovsky 1940 semi-major axis (m)
constexpr double kEe = 0.00669342162296594323;  // Krasovsky 1940 first eccentricity squared

double transform_lat(double x, double y) {
  double ret =
      -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
  ret += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  ret += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  ret += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return ret;
}

double transform_lon(double x, double y) {
  double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
  ret += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  ret += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  ret += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return ret;
}

// The GCJ-02 offset (degrees) at a WGS84 point, without the outside-China test.
LonLat gcj_offset(LonLat p) {
  const double x = p.lon - 105.0;
  const double y = p.lat - 35.0;
  double dlat = transform_lat(x, y);
  double dlon = transform_lon(x, y);
  const double radlat = p.lat / 180.0 * kPi;
  const double s = std::sin(radlat);
  const double magic = 1.0 - kEe * s * s;
  const double sqrt_magic = std::sqrt(magic);
  dlat = (dlat * 180.0) / ((kA * (1.0 - kEe)) / (magic * sqrt_magic) * kPi);
  dlon = (dlon * 180.0) / (kA / sqrt_magic * std::cos(radlat) * kPi);
  return {dlon, dlat};
}

}  // namespace

bool outside_china(LonLat p) {
  return p.lon < 72.004 || p.lon > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

LonLat wgs84_to_gcj02(LonLat p) {
  if (outside_china(p)) return p;
  const LonLat d = gcj_offset(p);
  return {p.lon + d.lon, p.lat + d.lat};
}

LonLat gcj02_to_wgs84(LonLat p) {
  if (outside_china(p)) return p;
  // Solve w + offset(w) = p by fixed-point iteration w <- p - offset(w). The offset varies by
  // less than 1e-4 of itself per degree, so each step gains ~4 digits: 3-4 steps reach 1e-12.
  LonLat w = p;
  for (int i = 0; i < 30; ++i) {
    const LonLat d = gcj_offset(w);
    const LonLat next{p.lon - d.lon, p.lat - d.lat};
    const double change = std::max(std::abs(next.lon - w.lon), std::abs(next.lat - w.lat));
    w = next;
    if (change < 1e-12) break;
  }
  return w;
}

LonLat gcj02_to_bd09(LonLat p) {
  if (outside_china(p)) return p;
  const double x = p.lon;
  const double y = p.lat;
  const double z = std::sqrt(x * x + y * y) + 0.00002 * std::sin(y * kXPi);
  const double theta = std::atan2(y, x) + 0.000003 * std::cos(x * kXPi);
  return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

LonLat bd09_to_gcj02(LonLat p) {
  if (outside_china(p)) return p;
  const double x = p.lon - 0.0065;
  const double y = p.lat - 0.006;
  const double z = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * kXPi);
  const double theta = std::atan2(y, x) - 0.000003 * std::cos(x * kXPi);
  return {z * std::cos(theta), z * std::sin(theta)};
}

LonLat bd09_to_wgs84(LonLat p) {
  return gcj02_to_wgs84(bd09_to_gcj02(p));
}

LonLat wgs84_to_bd09(LonLat p) {
  return gcj02_to_bd09(wgs84_to_gcj02(p));
}

std::optional<WebCoords> parse_web_coords(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  const std::string lower = lower_ascii(text);
  if (lower == "wgs84") return WebCoords::wgs84;
  if (lower == "gcj02") return WebCoords::gcj02;
  if (lower == "bd09") return WebCoords::bd09;
  return std::nullopt;
}

std::string_view to_string(WebCoords c) {
  switch (c) {
    case WebCoords::wgs84:
      return "wgs84";
    case WebCoords::gcj02:
      return "gcj02";
    case WebCoords::bd09:
      return "bd09";
  }
  return "wgs84";
}

LonLat to_wgs84(WebCoords from, LonLat p) {
  switch (from) {
    case WebCoords::wgs84:
      return p;
    case WebCoords::gcj02:
      return gcj02_to_wgs84(p);
    case WebCoords::bd09:
      return bd09_to_wgs84(p);
  }
  return p;
}

WebConversion convert_to_wgs84(WebCoords from, LonLat p) {
  // Decided on the point as given, in `from`: that is where the web map applied its rule.
  if (from == WebCoords::wgs84 || outside_china(p)) return {p, false};
  return {to_wgs84(from, p), true};
}

}  // namespace rz::geo
