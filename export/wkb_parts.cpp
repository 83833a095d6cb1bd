#include "export/wkb_parts.hpp"

#include <cstdint>
#include <cstring>

namespace rz::exporting {

namespace {

class Reader {
 public:
  explicit Reader(std::span<const unsigned char> wkb) : wkb_(wkb) {}

  bool geometry(WkbParts& out, int depth = 0) {
    if (depth > 8 || !left(5)) return false;
    little_ = wkb_[at_++] == 1;
    uint32_t type = 0;
    if (!u32(type)) return false;
    // ISO: 1000s add Z, 2000s M, 3000s ZM.
    const uint32_t base = type % 1000;
    dims_ = 2 + (type / 1000 == 1 || type / 1000 == 2 ? 1 : type / 1000 == 3 ? 2 : 0);
    switch (base) {
      case 1: {
        std::pair<double, double> p;
        if (!xy(p)) return false;
        out.points.push_back(p);
        return true;
      }
      case 2: {
        Ring r;
        if (!ring(r)) return false;
        out.lines.push_back(std::move(r));
        return true;
      }
      case 3: {
        uint32_t n = 0;
        if (!u32(n)) return false;
        std::vector<Ring> polygon;
        for (uint32_t i = 0; i < n; ++i) {
          Ring r;
          if (!ring(r)) return false;
          polygon.push_back(std::move(r));
        }
        out.polygons.push_back(std::move(polygon));
        return true;
      }
      case 4:
      case 5:
      case 6:
      case 7: {
        uint32_t n = 0;
        if (!u32(n)) return false;
        for (uint32_t i = 0; i < n; ++i)
          if (!geometry(out, depth + 1)) return false;
        return true;
      }
      default:
        return false;
    }
  }

 private:
  bool left(size_t n) const { return at_ + n <= wkb_.size(); }

  bool u32(uint32_t& v) {
    if (!left(4)) return false;
    unsigned char b[4];
    std::memcpy(b, wkb_.data() + at_, 4);
    at_ += 4;
    v = little_
            ? (uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24)
            : (uint32_t(b[3]) | uint32_t(b[2]) << 8 | uint32_t(b[1]) << 16 | uint32_t(b[0]) << 24);
    return true;
  }

  bool f64(double& v) {
    if (!left(8)) return false;
    unsigned char b[8];
    std::memcpy(b, wkb_.data() + at_, 8);
    at_ += 8;
    if (!little_)
      for (int i = 0; i < 4; ++i) std::swap(b[i], b[7 - i]);
    std::memcpy(&v, b, 8);
    return true;
  }

  bool xy(std::pair<double, double>& p) {
    double ignored = 0;
    if (!f64(p.first) || !f64(p.second)) return false;
    for (int i = 2; i < dims_; ++i)
      if (!f64(ignored)) return false;
    return true;
  }

  bool ring(Ring& r) {
    uint32_t n = 0;
    if (!u32(n) || !left(static_cast<size_t>(n) * 8 * static_cast<size_t>(dims_))) return false;
    r.resize(n);
    for (auto& p : r)
      if (!xy(p)) return false;
    return true;
  }

  std::span<const unsigned char> wkb_;
  size_t at_ = 0;
  bool little_ = true;
  int dims_ = 2;
};

}  // namespace

WkbParts wkb_parts(std::span<const unsigned char> wkb) {
  WkbParts out;
  Reader(wkb).geometry(out);
  return out;
}

}  // namespace rz::exporting
