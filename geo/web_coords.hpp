// Web-map offset coordinates used in China: GCJ-02 (Amap, Tencent, Google China) and BD-09
// (Baidu). Both are obfuscated offsets of WGS84 by a few hundred metres that PROJ does not
// model, so we implement the published algorithm ourselves.
//
// Throughout this project WGS84 and CGCS2000 are treated as the same datum (they differ by
// centimetres), so "wgs84" here also means CGCS2000 lon/lat (EPSG:4490).
#pragma once

#include <optional>
#include <string_view>

namespace rz::geo {

/// Longitude/latitude in decimal degrees.
struct LonLat {
  double lon;
  double lat;
};

/// The usual bounding-rectangle test of the published algorithm: outside this rectangle no
/// offset is applied (all conversions return their input unchanged). Web maps give WGS84 there:
/// the offset is a Chinese mapping rule. This rectangle is the one the common implementations
/// test, so points in it but beyond the border (Seoul, Hanoi, Ulaanbaatar) are converted as those
/// implementations convert them.
bool outside_china(LonLat p);

/// WGS84 -> GCJ-02 (the forward obfuscation, exact by definition).
LonLat wgs84_to_gcj02(LonLat p);
/// GCJ-02 -> WGS84: exact inverse of wgs84_to_gcj02 by fixed-point iteration, converged to
/// better than 1e-9 degrees (not the common one-step approximation, which is off by up to ~1 m).
LonLat gcj02_to_wgs84(LonLat p);
/// GCJ-02 -> BD-09 (Baidu's published formula).
LonLat gcj02_to_bd09(LonLat p);
/// BD-09 -> GCJ-02 (the published inverse formula, itself approximate: a GCJ-02 -> BD-09 ->
/// GCJ-02 round trip is off by up to ~0.2 m; kept because it is what every tool computes).
LonLat bd09_to_gcj02(LonLat p);
/// BD-09 -> WGS84 via GCJ-02.
LonLat bd09_to_wgs84(LonLat p);
/// WGS84 -> BD-09 via GCJ-02.
LonLat wgs84_to_bd09(LonLat p);

/// The coordinate systems a lon/lat table from a web map may come in.
enum class WebCoords { wgs84, gcj02, bd09 };

/// Parses "wgs84", "gcj02" or "bd09" (ASCII case-insensitive, surrounding blanks ignored).
std::optional<WebCoords> parse_web_coords(std::string_view text);

/// The name parse_web_coords accepts for `c` ("wgs84", "gcj02", "bd09").
std::string_view to_string(WebCoords c);

/// Converts a point given in `from` to WGS84.
LonLat to_wgs84(WebCoords from, LonLat p);

/// A point taken to WGS84, and whether an offset was undone: false for WGS84 input and for a
/// point outside China, which comes back as given (an importer counts those: a GCJ-02 file with
/// points abroad is usual, since Amap and Tencent give WGS84 outside China).
struct WebConversion {
  LonLat point;
  bool converted;
};
WebConversion convert_to_wgs84(WebCoords from, LonLat p);

}  // namespace rz::geo
