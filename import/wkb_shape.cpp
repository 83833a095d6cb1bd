#include "import/wkb_shape.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "geo/messages.hpp"

namespace rz::import {

namespace {

class WkbReader {
 public:
  explicit WkbReader(std::span<const unsigned char> wkb) : wkb_(wkb) {}
  bool header(uint32_t& type) {
    if (pos_ >= wkb_.size() || wkb_[pos_] != 1) return false;  // little-endian only
    ++pos_;
    return count(type);
  }
  bool count(uint32_t& n) {
    if (pos_ + 4 > wkb_.size()) return false;
    std::memcpy(&n, wkb_.data() + pos_, 4);
    pos_ += 4;
    return true;
  }
  bool point(double& x, double& y) {
    if (pos_ + 16 > wkb_.size()) return false;
    std::memcpy(&x, wkb_.data() + pos_, 8);
    std::memcpy(&y, wkb_.data() + pos_ + 8, 8);
    pos_ += 16;
    return true;
  }
  // Points left, at 16 bytes each: a count larger than that is damaged WKB.
  size_t points_left() const { return (wkb_.size() - pos_) / 16; }

 private:
  std::span<const unsigned char> wkb_;
  size_t pos_ = 0;
};

struct Ring {
  uint32_t points = 0;
  bool closed = true;
  double length = 0;
  std::vector<std::pair<double, double>> xy;  // kept for polygon rings only
};

// True when every point lies on one straight line (or on one point): a ring that encloses
// nothing. Not the signed area, which is also 0 for a bow-tie that does enclose area.
bool collinear(const std::vector<std::pair<double, double>>& xy) {
  if (xy.empty()) return false;
  auto [x0, y0] = xy.front();
  double far_x = x0, far_y = y0, far = 0;
  for (auto [x, y] : xy)
    if (double d = std::hypot(x - x0, y - y0); d > far) far = d, far_x = x, far_y = y;
  if (far == 0) return true;
  for (auto [x, y] : xy)
    if (std::abs((far_x - x0) * (y - y0) - (x - x0) * (far_y - y0)) / far > 1e-9 * far)
      return false;
  return true;
}

bool read_points(WkbReader& r, Ring& ring, bool keep) {
  if (!r.count(ring.points) || ring.points > r.points_left()) return false;
  double x0 = 0, y0 = 0, px = 0, py = 0;
  for (uint32_t i = 0; i < ring.points; ++i) {
    double x, y;
    if (!r.point(x, y)) return false;
    if (keep) ring.xy.emplace_back(x, y);
    if (i == 0)
      x0 = x, y0 = y;
    else
      ring.length += std::hypot(x - px, y - py);
    px = x, py = y;
  }
  ring.closed = ring.points == 0 || (px == x0 && py == y0);
  return true;
}

std::optional<std::string> polygon_faults(WkbReader& r, uint32_t parts) {
  for (uint32_t p = 1; p <= parts; ++p) {
    uint32_t type, rings;
    if (!r.header(type) || type != 3 || !r.count(rings)) return std::nullopt;
    std::string where = parts > 1 ? fmt::format(fmt::runtime(tr(" of part {}")), p) : std::string();
    for (uint32_t i = 1; i <= rings; ++i) {
      Ring ring;
      if (!read_points(r, ring, i == 1)) return std::nullopt;
      std::string name =
          i == 1 ? tr("the outer ring") : fmt::format(fmt::runtime(tr("inner ring {}")), i - 1);
      if (ring.points > 0 && ring.points < 4)
        return fmt::format(fmt::runtime(tr("{}{} has {} point(s); a ring needs at least 4, its "
                                           "last point repeating the first")),
                           name, where, ring.points);
      if (!ring.closed)
        return fmt::format(fmt::runtime(tr("{}{} is not closed: its last point is not its first")),
                           name, where);
      if (i == 1 && collinear(ring.xy))
        return fmt::format(fmt::runtime(tr("{}{} has zero area: its points lie on one line")), name,
                           where);
    }
  }
  return std::nullopt;
}

std::optional<std::string> line_faults(WkbReader& r, uint32_t parts) {
  double total = 0;
  uint32_t points = 0;
  for (uint32_t p = 1; p <= parts; ++p) {
    uint32_t type;
    Ring line;
    if (!r.header(type) || type != 2 || !read_points(r, line, false)) return std::nullopt;
    if (line.points == 1)
      return parts > 1 ? fmt::format(fmt::runtime(tr("part {} has a single vertex")), p)
                       : std::string(tr("the line has a single vertex"));
    total += line.length;
    points += line.points;
  }
  if (points > 0 && total == 0)
    return std::string(tr("the line has zero length: all its vertices coincide"));
  return std::nullopt;
}

}  // namespace

std::optional<std::string> shape_fault(std::span<const unsigned char> wkb) {
  WkbReader r(wkb);
  uint32_t type, parts;
  if (!r.header(type) || !r.count(parts)) return std::nullopt;
  if (type == 6) return polygon_faults(r, parts);
  if (type == 5) return line_faults(r, parts);
  return std::nullopt;
}

}  // namespace rz::import
