#include "geo/polygon_locator.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace rz::geo {

namespace {

// Reads the rings of a WKB Polygon or MultiPolygon as (x, y) vertex lists.
class WkbRings {
 public:
  explicit WkbRings(std::span<const unsigned char> wkb) : wkb_(wkb) {}

  template <typename RingFn>
  void read(RingFn&& ring_fn) {
    const auto [type, dims] = header();
    if (type == 3) {
      polygon(dims, ring_fn);
    } else if (type == 6) {
      const uint32_t parts = u32();
      for (uint32_t p = 0; p < parts; ++p) {
        const auto [part_type, part_dims] = header();
        if (part_type != 3) fail("a MultiPolygon part is not a Polygon");
        polygon(part_dims, ring_fn);
      }
    } else {
      fail("not a Polygon or MultiPolygon");
    }
  }

 private:
  template <typename RingFn>
  void polygon(int dims, RingFn& ring_fn) {
    const uint32_t rings = u32();
    for (uint32_t r = 0; r < rings; ++r) {
      const uint32_t points = u32();
      if (static_cast<size_t>(points) * dims * 8 > wkb_.size() - pos_) fail("truncated ring");
      coords_.resize(static_cast<size_t>(points) * 2);
      for (uint32_t k = 0; k < points; ++k) {
        coords_[2 * k] = f64();
        coords_[2 * k + 1] = f64();
        pos_ += static_cast<size_t>(dims - 2) * 8;
      }
      ring_fn(std::span<const double>(coords_));
    }
  }
  // The geometry type (1..7) and the coordinate count per vertex.
  std::pair<uint32_t, int> header() {
    if (pos_ >= wkb_.size()) fail("truncated header");
    little_ = wkb_[pos_++] == 1;
    uint32_t type = u32();
    int dims = 2;
    // Extended WKB (PostGIS, GDAL) flags Z and M in the high bits; ISO WKB adds 1000s.
    if (type & 0x80000000u) ++dims;
    if (type & 0x40000000u) ++dims;
    type &= 0x0fffffffu;
    const uint32_t iso = type / 1000;
    if (iso == 1 || iso == 2) dims += 1;
    if (iso == 3) dims += 2;
    return {type % 1000, dims};
  }
  uint32_t u32() {
    if (wkb_.size() - pos_ < 4) fail("truncated count");
    uint32_t v;
    std::memcpy(&v, wkb_.data() + pos_, 4);
    pos_ += 4;
    if (little_ != (std::endian::native == std::endian::little)) v = byteswap32(v);
    return v;
  }
  double f64() {
    uint64_t v;
    std::memcpy(&v, wkb_.data() + pos_, 8);
    pos_ += 8;
    if (little_ != (std::endian::native == std::endian::little)) v = byteswap64(v);
    return std::bit_cast<double>(v);
  }
  static uint32_t byteswap32(uint32_t v) {
    return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
  }
  static uint64_t byteswap64(uint64_t v) {
    return (static_cast<uint64_t>(byteswap32(static_cast<uint32_t>(v))) << 32) |
           byteswap32(static_cast<uint32_t>(v >> 32));
  }
  [[noreturn]] static void fail(const char* what) {
    throw std::invalid_argument(std::string("polygon WKB: ") + what);
  }

  std::span<const unsigned char> wkb_;
  size_t pos_ = 0;
  bool little_ = true;
  std::vector<double> coords_;
};

// Shewchuk's bound for the first, floating-point stage of orient2d: when |det| exceeds it the
// sign of det is the sign of the exact determinant.
constexpr double kOrientErrorBound = (3.0 + 16.0 * std::numeric_limits<double>::epsilon() / 2) *
                                     (std::numeric_limits<double>::epsilon() / 2);

}  // namespace

PolygonLocator::PolygonLocator(std::span<const unsigned char> wkb) {
  std::vector<Edge> edges;
  WkbRings(wkb).read([&](std::span<const double> ring) {
    for (size_t k = 2; k + 1 < ring.size(); k += 2)
      edges.push_back({ring[k - 2], ring[k - 1], ring[k], ring[k + 1]});
  });
  edge_count_ = edges.size();
  miny_ = INFINITY;
  maxy_ = -INFINITY;
  for (const Edge& e : edges) {
    miny_ = std::min({miny_, e.y1, e.y2});
    maxy_ = std::max({maxy_, e.y1, e.y2});
  }
  // About four edges a band: a point then tests a handful of edges, not the whole ring.
  const size_t bands = edges.empty() ? 1 : std::clamp<size_t>(edges.size() / 4, 1, 4096);
  band_height_ = maxy_ > miny_ ? (maxy_ - miny_) / static_cast<double>(bands) : 1.0;
  band_first_.assign(bands + 1, 0);
  // band_of is monotone in y, so an edge listed in bands band_of(ymin)..band_of(ymax) is in the
  // band of every point whose y is in [ymin, ymax].
  for (const Edge& e : edges)
    for (size_t b = band_of(std::min(e.y1, e.y2)); b <= band_of(std::max(e.y1, e.y2)); ++b)
      ++band_first_[b + 1];
  for (size_t b = 0; b < bands; ++b) band_first_[b + 1] += band_first_[b];
  band_edges_.resize(band_first_[bands]);
  std::vector<uint32_t> fill(band_first_.begin(), band_first_.end() - 1);
  for (const Edge& e : edges)
    for (size_t b = band_of(std::min(e.y1, e.y2)); b <= band_of(std::max(e.y1, e.y2)); ++b)
      band_edges_[fill[b]++] = e;
}

size_t PolygonLocator::band_of(double y) const {
  const double band = std::floor((y - miny_) / band_height_);
  if (!(band > 0)) return 0;
  return std::min(static_cast<size_t>(band), band_first_.size() - 2);
}

PolygonLocator::Location PolygonLocator::locate(double x, double y) const {
  if (!(y >= miny_ && y <= maxy_)) return Location::exterior;
  const size_t b = band_of(y);
  bool inside = false;
  for (uint32_t k = band_first_[b]; k < band_first_[b + 1]; ++k) {
    const Edge& e = band_edges_[k];
    if (y < std::min(e.y1, e.y2) || y > std::max(e.y1, e.y2)) continue;
    if (x > std::max(e.x1, e.x2)) continue;  // left of the point: neither crossed nor touched
    // Half-open rule: an edge crosses the ray's line when one end is above y and one is not.
    const bool straddles = (e.y1 > y) != (e.y2 > y);
    if (x < std::min(e.x1, e.x2)) {  // wholly right of the point: crossed if it straddles
      inside ^= straddles;
      continue;
    }
    // orient2d(edge start, edge end, point) > 0: the point is left of the edge.
    const double left = (e.x1 - x) * (e.y2 - y);
    const double right = (e.y1 - y) * (e.x2 - x);
    const double det = left - right;
    if (std::fabs(det) <= kOrientErrorBound * (std::fabs(left) + std::fabs(right)))
      return Location::uncertain;
    // An upward edge with the point on its left, or a downward one with the point on its right,
    // meets the ray to +x.
    if (straddles && ((e.y2 > e.y1) == (det > 0))) inside = !inside;
  }
  return inside ? Location::interior : Location::exterior;
}

}  // namespace rz::geo
