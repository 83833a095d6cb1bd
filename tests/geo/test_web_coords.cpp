// Tests of the GCJ-02 / BD-09 conversions against published reference values.
#include "geo/web_coords.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>

namespace {

using rz::geo::LonLat;

// Great-circle distance in metres (spherical, R = 6371 km): plenty for sub-metre checks.
double distance_m(LonLat a, LonLat b) {
  constexpr double kDeg = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * kDeg;
  const double dlon = (b.lon - a.lon) * kDeg;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat * kDeg) * std::cos(b.lat * kDeg) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * 6371000.0 * std::asin(std::sqrt(h));
}

// Reference 1: README of the npm package "coordtransform" (github.com/wandergis/coordtransform,
// README.md at commit 0148136a26bbcbfb3f9aabd808d9bb401f13e9bf, "示例用法" section; the same
// numbers are in its test/app.js). Every conversion is applied to the input (116.404, 39.915).
// Its gcj02towgs84 is the one-step approximation, so our exact inverse is compared to it with the
// same 1 m tolerance as the rest (the approximation is good to a few decimetres there).
constexpr LonLat kInput{116.404, 39.915};
constexpr LonLat kBd09ToGcj02{116.39762729119315, 39.90865673957631};
constexpr LonLat kGcj02ToBd09{116.41036949371029, 39.92133699351021};
constexpr LonLat kWgs84ToGcj02{116.41024449916938, 39.91640428150164};
constexpr LonLat kGcj02ToWgs84{116.39775550083061, 39.91359571849836};

// Reference 2: the WGS84/GCJ-02 pairs of the "eviltransform" test suite
// (github.com/googollee/eviltransform, go/transform_test.go and c/test.c at commit
// 1643645a2a2f2fa06811df676db42d02a0fb1f40), given there as lat, lng.
struct Pair {
  const char* where;
  LonLat wgs;
  LonLat gcj;
};
constexpr Pair kEvilTransform[] = {
    {"shanghai", {121.5272106, 31.1774276}, {121.531541859215, 31.17530398364597}},
    {"shenzhen", {113.912316, 22.543847}, {113.9171764808363, 22.540796131694766}},
    {"beijing", {116.377817, 39.911954}, {116.38404722455657, 39.91334545536069}},
};

constexpr double kOneMetre = 1.0;

TEST(WebCoords, CoordtransformReadmeValues) {
  EXPECT_LT(distance_m(rz::geo::wgs84_to_gcj02(kInput), kWgs84ToGcj02), kOneMetre);
  EXPECT_LT(distance_m(rz::geo::gcj02_to_wgs84(kInput), kGcj02ToWgs84), kOneMetre);
  EXPECT_LT(distance_m(rz::geo::gcj02_to_bd09(kInput), kGcj02ToBd09), kOneMetre);
  EXPECT_LT(distance_m(rz::geo::bd09_to_gcj02(kInput), kBd09ToGcj02), kOneMetre);
  // The forward formulas are deterministic closed forms: we expect far better than a metre.
  EXPECT_LT(distance_m(rz::geo::wgs84_to_gcj02(kInput), kWgs84ToGcj02), 1e-6);
  EXPECT_LT(distance_m(rz::geo::gcj02_to_bd09(kInput), kGcj02ToBd09), 1e-6);
  EXPECT_LT(distance_m(rz::geo::bd09_to_gcj02(kInput), kBd09ToGcj02), 1e-6);
}

TEST(WebCoords, EvilTransformPairs) {
  for (const Pair& p : kEvilTransform) {
    SCOPED_TRACE(p.where);
    EXPECT_LT(distance_m(rz::geo::wgs84_to_gcj02(p.wgs), p.gcj), kOneMetre);
    EXPECT_LT(distance_m(rz::geo::gcj02_to_wgs84(p.gcj), p.wgs), kOneMetre);
  }
}

TEST(WebCoords, OffsetIsHundredsOfMetres) {
  // Sanity: the offset is real (else the reference tests could pass trivially on identity).
  const double d = distance_m(kInput, rz::geo::wgs84_to_gcj02(kInput));
  EXPECT_GT(d, 100.0);
  EXPECT_LT(d, 1000.0);
}

TEST(WebCoords, ExactInverseRoundTripsAcrossChina) {
  double worst_gcj = 0.0;
  double worst_bd = 0.0;
  for (double lon = 73.5; lon <= 135.0; lon += 0.37) {
    for (double lat = 3.9; lat <= 53.5; lat += 0.29) {
      const LonLat w{lon, lat};
      const LonLat g = rz::geo::wgs84_to_gcj02(w);
      const LonLat back = rz::geo::gcj02_to_wgs84(g);
      worst_gcj = std::max(worst_gcj, distance_m(w, back));
      // And in angle: the iteration promises 1e-9 degrees.
      ASSERT_LT(std::abs(back.lon - w.lon), 1e-9) << lon << "," << lat;
      ASSERT_LT(std::abs(back.lat - w.lat), 1e-9) << lon << "," << lat;
      worst_bd =
          std::max(worst_bd, distance_m(w, rz::geo::bd09_to_wgs84(rz::geo::wgs84_to_bd09(w))));
    }
  }
  EXPECT_LT(worst_gcj, 0.01);  // < 1 cm (in practice ~1e-7 m)
  EXPECT_LT(worst_bd, 0.5);    // Baidu's published inverse is itself approximate
}

TEST(WebCoords, OutsideChinaIsUnchanged) {
  const LonLat points[] = {{2.3522, 48.8566},     // Paris
                           {-74.006, 40.7128},    // New York
                           {151.2093, -33.8688},  // Sydney
                           {139.6917, 35.6895},   // Tokyo (east of the rectangle)
                           {100.0, 60.0}};        // north of the rectangle
  for (const LonLat& p : points) {
    EXPECT_TRUE(rz::geo::outside_china(p));
    for (const LonLat q :
         {rz::geo::wgs84_to_gcj02(p), rz::geo::gcj02_to_wgs84(p), rz::geo::gcj02_to_bd09(p),
          rz::geo::bd09_to_gcj02(p), rz::geo::bd09_to_wgs84(p), rz::geo::wgs84_to_bd09(p)}) {
      EXPECT_EQ(q.lon, p.lon);
      EXPECT_EQ(q.lat, p.lat);
    }
  }
  EXPECT_FALSE(rz::geo::outside_china({112.37, 25.59}));  // Jiahe county, Hunan
}

TEST(WebCoords, ParseAndDispatch) {
  using rz::geo::WebCoords;
  EXPECT_EQ(rz::geo::parse_web_coords("wgs84"), WebCoords::wgs84);
  EXPECT_EQ(rz::geo::parse_web_coords("GCJ02"), WebCoords::gcj02);
  EXPECT_EQ(rz::geo::parse_web_coords(" Bd09 "), WebCoords::bd09);
  EXPECT_FALSE(rz::geo::parse_web_coords("gcj-02").has_value());
  EXPECT_FALSE(rz::geo::parse_web_coords("").has_value());
  for (WebCoords c : {WebCoords::wgs84, WebCoords::gcj02, WebCoords::bd09})
    EXPECT_EQ(rz::geo::parse_web_coords(rz::geo::to_string(c)), c);

  const LonLat w{112.37, 25.59};
  const LonLat via_gcj = rz::geo::to_wgs84(WebCoords::gcj02, rz::geo::wgs84_to_gcj02(w));
  const LonLat via_bd = rz::geo::to_wgs84(WebCoords::bd09, rz::geo::wgs84_to_bd09(w));
  const LonLat same = rz::geo::to_wgs84(WebCoords::wgs84, w);
  EXPECT_LT(distance_m(w, via_gcj), 0.01);
  EXPECT_LT(distance_m(w, via_bd), 0.5);
  EXPECT_EQ(same.lon, w.lon);
  EXPECT_EQ(same.lat, w.lat);
}

// What an importer needs to know: whether the offset was undone. Outside China the point comes
// back as given and says so; inside, it is the same conversion as to_wgs84.
TEST(WebCoords, ConvertToWgs84SaysWhetherTheOffsetWasUndone) {
  using rz::geo::WebCoords;
  for (WebCoords c : {WebCoords::gcj02, WebCoords::bd09}) {
    SCOPED_TRACE(std::string(rz::geo::to_string(c)));
    for (const LonLat abroad : {LonLat{139.7671, 35.6812},  // Tokyo station
                                LonLat{2.3522, 48.8566},    // Paris
                                LonLat{-74.006, 40.7128}}) {
      const auto r = rz::geo::convert_to_wgs84(c, abroad);
      EXPECT_FALSE(r.converted);
      EXPECT_EQ(r.point.lon, abroad.lon);
      EXPECT_EQ(r.point.lat, abroad.lat);
    }
    const LonLat jiahe{112.37, 25.59};
    const auto r = rz::geo::convert_to_wgs84(c, jiahe);
    EXPECT_TRUE(r.converted);
    EXPECT_EQ(r.point.lon, rz::geo::to_wgs84(c, jiahe).lon);
    EXPECT_EQ(r.point.lat, rz::geo::to_wgs84(c, jiahe).lat);
    EXPECT_GT(distance_m(r.point, jiahe), 100.0);
  }
  const auto same = rz::geo::convert_to_wgs84(WebCoords::wgs84, {112.37, 25.59});
  EXPECT_FALSE(same.converted);
  EXPECT_EQ(same.point.lon, 112.37);
}

}  // namespace
