// Fuzzes the GCJ-02 / BD-09 conversions (geo/web_coords.hpp) and parse_web_coords.
// Input: one mode byte, then two doubles (raw bytes, or, in mode 1, fractions mapped into the
// China rectangle so that most inputs exercise the offset).
// Expected: every conversion of a finite point is finite; inside China (0.5 degrees within the
// rectangle, so that the offset point is inside too) WGS84 -> GCJ-02 -> WGS84 comes back within
// 1e-9 degrees, WGS84 -> BD-09 -> WGS84 within 1e-5 degrees (Baidu's inverse is approximate,
// ~0.2 m); outside the rectangle every conversion returns its input. No exception at all.
#include <cmath>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "fuzz_support.hpp"
#include "geo/web_coords.hpp"

using rz::geo::LonLat;

namespace {

bool finite(LonLat p) {
  return std::isfinite(p.lon) && std::isfinite(p.lat);
}

void check_finite(const char* what, LonLat in, LonLat out) {
  if (finite(in) && !finite(out))
    rz::fuzz::fail(fmt::format("{}({:.17g}, {:.17g}) = ({}, {}): not finite", what, in.lon, in.lat,
                               out.lon, out.lat));
}

void check_close(const char* what, LonLat in, LonLat back, double tolerance) {
  const double d = std::max(std::abs(back.lon - in.lon), std::abs(back.lat - in.lat));
  if (!(d <= tolerance))
    rz::fuzz::fail(fmt::format("{} round trip of ({:.17g}, {:.17g}) is off by {} degrees", what,
                               in.lon, in.lat, d));
}

bool well_inside_china(LonLat p) {
  return p.lon > 72.004 + 0.5 && p.lon < 137.8347 - 0.5 && p.lat > 0.8293 + 0.5 &&
         p.lat < 55.8271 - 0.5;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)rz::geo::parse_web_coords(rz::fuzz::as_text(data, size));
  if (size < 1 + 2 * sizeof(double)) return 0;
  LonLat p{};
  std::memcpy(&p.lon, data + 1, sizeof(double));
  std::memcpy(&p.lat, data + 1 + sizeof(double), sizeof(double));
  if (data[0] % 2 == 1) {
    // Fractions of the rectangle from the raw bits, so that the mutator's bit flips stay in it.
    uint64_t a = 0, b = 0;
    std::memcpy(&a, &p.lon, sizeof a);
    std::memcpy(&b, &p.lat, sizeof b);
    p.lon = 72.004 + (137.8347 - 72.004) * static_cast<double>(a >> 11) * 0x1p-53;
    p.lat = 0.8293 + (55.8271 - 0.8293) * static_cast<double>(b >> 11) * 0x1p-53;
  }

  const LonLat gcj = rz::geo::wgs84_to_gcj02(p);
  const LonLat gcj_back = rz::geo::gcj02_to_wgs84(gcj);
  const LonLat bd = rz::geo::wgs84_to_bd09(p);
  const LonLat bd_back = rz::geo::bd09_to_wgs84(bd);
  check_finite("wgs84_to_gcj02", p, gcj);
  check_finite("gcj02_to_wgs84", p, rz::geo::gcj02_to_wgs84(p));
  check_finite("gcj02_to_bd09", p, rz::geo::gcj02_to_bd09(p));
  check_finite("bd09_to_gcj02", p, rz::geo::bd09_to_gcj02(p));
  check_finite("wgs84_to_bd09", p, bd);
  check_finite("bd09_to_wgs84", p, rz::geo::bd09_to_wgs84(p));
  for (auto c : {rz::geo::WebCoords::wgs84, rz::geo::WebCoords::gcj02, rz::geo::WebCoords::bd09}) {
    check_finite("to_wgs84", p, rz::geo::to_wgs84(c, p));
    if (rz::geo::parse_web_coords(rz::geo::to_string(c)) != c) rz::fuzz::fail("parse(to_string)");
  }

  if (!finite(p)) return 0;
  if (well_inside_china(p)) {
    check_close("WGS84 -> GCJ-02 -> WGS84", p, gcj_back, 1e-9);
    check_close("WGS84 -> BD-09 -> WGS84", p, bd_back, 1e-5);
  } else if (rz::geo::outside_china(p)) {
    const LonLat outs[] = {gcj, bd, rz::geo::gcj02_to_wgs84(p), rz::geo::bd09_to_gcj02(p)};
    for (const LonLat& o : outs)
      if (o.lon != p.lon || o.lat != p.lat)
        rz::fuzz::fail(
            fmt::format("({:.17g}, {:.17g}) is outside China but was moved", p.lon, p.lat));
  }
  return 0;
}
