#include "geo/voronoi.hpp"

#include <algorithm>
#include <bit>
#include <numeric>
#include <span>

#include "geo/geos_build.hpp"
#include "geo/geos_ops.hpp"
#include "geo/geos_read.hpp"
#include "geo/nearest_point_grid.hpp"

namespace rz::geo {

namespace {

// Twice the signed area of a ring, about its first vertex so that small rings far from the
// origin keep their digits: positive when counterclockwise.
template <typename X, typename Y>
double twice_signed_area(size_t n, X x, Y y) {
  double sum = 0;
  for (size_t i = 1; i + 1 < n; ++i)
    sum += (x(i) - x(0)) * (y(i + 1) - y(0)) - (x(i + 1) - x(0)) * (y(i) - y(0));
  return sum;
}

// Whether a counterclockwise ring turns right at some vertex: a cell folded by rounding.
bool turns_right(const std::vector<double>& x, const std::vector<double>& y) {
  const size_t n = x.size();
  for (size_t i = 0; i < n; ++i) {
    const size_t j = (i + 1) % n, k = (i + 2) % n;
    if ((x[j] - x[i]) * (y[k] - y[j]) - (y[j] - y[i]) * (x[k] - x[j]) < 0) return true;
  }
  return false;
}

// Eight sites on a square far around the sites and `cover`. Every real site is then inside
// the sites' hull, so its cell is bounded and GEOS does not clip it to the diagram's frame, which
// would compute the frame vertices of neighbouring cells apart instead of sharing them.
void add_guards(std::vector<double>& x, std::vector<double>& y, const GEOSGeometry* cover,
                const GeosContext& ctx) {
  double minx = *std::min_element(x.begin(), x.end()), maxx = *std::max_element(x.begin(), x.end());
  double miny = *std::min_element(y.begin(), y.end()), maxy = *std::max_element(y.begin(), y.end());
  if (!is_empty(ctx, cover)) {
    const auto e = envelope(ctx, cover);
    minx = std::min(minx, e[0]), miny = std::min(miny, e[1]);
    maxx = std::max(maxx, e[2]), maxy = std::max(maxy, e[3]);
  }
  const double reach = 2 * std::max({maxx - minx, maxy - miny, 1.0});
  const double cx = (minx + maxx) / 2, cy = (miny + maxy) / 2;
  for (int i = -1; i <= 1; ++i)
    for (int j = -1; j <= 1; ++j)
      if (i != 0 || j != 0) x.push_back(cx + i * reach), y.push_back(cy + j * reach);
}

// Reads GEOS's cells into VoronoiCells: vertices shared by their exact coordinates, half-edges
// linked to their twins, each cell matched to the site inside it (GEOS 3.11 returns the cells in
// its own order).
class CellReader {
 public:
  CellReader(const GeosContext& ctx, const std::vector<double>& sx, const std::vector<double>& sy,
             size_t real_sites)
      : ctx_(ctx),
        sx_(sx),
        sy_(sy),
        real_sites_(real_sites),
        nearest_real_(std::span(sx).first(real_sites), std::span(sy).first(real_sites)),
        taken_(sx.size(), false),
        slots_(std::bit_ceil(4 * sx.size() + 64), 0) {
    out_.first.push_back(0);
  }

  void add(const GEOSGeometry* cell) {
    if (!read_ring(cell)) {
      out_.exact = false;  // a collapsed cell leaves a gap
      return;
    }
    const int32_t site = site_inside();
    if (site < 0) {
      out_.exact = false;
      return;
    }
    taken_[static_cast<size_t>(site)] = true;
    const auto c = static_cast<uint32_t>(out_.site.size());
    out_.site.push_back(static_cast<size_t>(site) < real_sites_ ? site : -1);
    for (size_t i = 0; i < ring_x_.size(); ++i) {
      out_.vertex.push_back(vertex(ring_x_[i], ring_y_[i]));
      out_.cell.push_back(c);
    }
    out_.first.push_back(static_cast<uint32_t>(out_.vertex.size()));
    if (folded_) out_.folded.push_back(c);
  }

  VoronoiCells finish() {
    slots_ = {};
    link_twins();
    return std::move(out_);
  }

 private:
  // The cell's ring, counterclockwise, without the closing point or repeated points; false when
  // it is not a polygon of some area.
  bool read_ring(const GEOSGeometry* cell) {
    ring_x_.clear(), ring_y_.clear();
    if (type_id(ctx_, cell) != GEOS_POLYGON || is_empty(ctx_, cell)) return false;
    if (!coordinates_xy(ctx_, exterior_ring(ctx_, cell), buffer_)) return false;
    const size_t n = buffer_.size() / 2;
    for (size_t i = 0; i + 1 < n; ++i) {
      const double x = buffer_[2 * i], y = buffer_[2 * i + 1];
      if (!ring_x_.empty() && x == ring_x_.back() && y == ring_y_.back()) continue;
      ring_x_.push_back(x), ring_y_.push_back(y);
    }
    while (ring_x_.size() > 1 && ring_x_.back() == ring_x_[0] && ring_y_.back() == ring_y_[0])
      ring_x_.pop_back(), ring_y_.pop_back();
    const double area = twice_signed_area(
        ring_x_.size(), [&](size_t i) { return ring_x_[i]; }, [&](size_t i) { return ring_y_[i]; });
    if (ring_x_.size() < 3 || area == 0) return false;
    if (area < 0)
      std::reverse(ring_x_.begin(), ring_x_.end()), std::reverse(ring_y_.begin(), ring_y_.end());
    folded_ = turns_right(ring_x_, ring_y_);
    return true;
  }

  // The site nearest to the ring's vertex average, which lies inside the (convex) cell: the
  // cell's own site (-1 if that one already has a cell). Not a point-in-polygon test: rounding
  // can fold a tiny edge of a cell the wrong way round.
  int32_t site_inside() const {
    double cx = 0, cy = 0;
    for (size_t i = 0; i < ring_x_.size(); ++i) cx += ring_x_[i], cy += ring_y_[i];
    cx /= static_cast<double>(ring_x_.size()), cy /= static_cast<double>(ring_x_.size());
    const auto real = nearest_real_.nearest(cx, cy);
    auto best = static_cast<size_t>(real.index);
    double best_d2 = real.distance * real.distance;
    for (size_t g = real_sites_; g < sx_.size(); ++g) {  // the guards
      const double d2 = (sx_[g] - cx) * (sx_[g] - cx) + (sy_[g] - cy) * (sy_[g] - cy);
      if (d2 < best_d2) best = g, best_d2 = d2;
    }
    return taken_[best] ? -1 : static_cast<int32_t>(best);
  }

  static uint64_t hash(double x, double y) {
    uint64_t h = std::bit_cast<uint64_t>(x) * 0x9E3779B97F4A7C15ull;
    h ^= std::bit_cast<uint64_t>(y) + 0x7F4A7C159E3779B9ull + (h << 6) + (h >> 2);
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 29);
  }

  // The vertex at exactly (x, y), added if new: open addressing, slots hold id + 1.
  uint32_t vertex(double x, double y) {
    if (2 * out_.x.size() >= slots_.size()) grow();
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash(x, y) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) {
        out_.x.push_back(x), out_.y.push_back(y);
        slots_[i] = static_cast<uint32_t>(out_.x.size());
        return slots_[i] - 1;
      }
      const uint32_t v = slots_[i] - 1;
      if (std::bit_cast<uint64_t>(out_.x[v]) == std::bit_cast<uint64_t>(x) &&
          std::bit_cast<uint64_t>(out_.y[v]) == std::bit_cast<uint64_t>(y))
        return v;
    }
  }

  void grow() {
    slots_.assign(2 * slots_.size(), 0);
    const size_t mask = slots_.size() - 1;
    for (uint32_t v = 0; v < out_.x.size(); ++v) {
      size_t i = hash(out_.x[v], out_.y[v]) & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = v + 1;
    }
  }

  // Each half-edge u -> v finds its twin v -> u among the half-edges leaving v. Every edge of a
  // site's cell must have exactly one: the guards' cells surround the sites' cells.
  void link_twins() {
    const size_t nh = out_.vertex.size();
    std::vector<uint32_t> start(out_.x.size() + 1, 0), leaving(nh);
    for (uint32_t v : out_.vertex) ++start[v + 1];
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    for (uint32_t h = 0; h < nh; ++h) leaving[fill[out_.vertex[h]]++] = h;
    out_.twin.assign(nh, -1);
    for (uint32_t h = 0; h < nh; ++h) {
      const uint32_t u = out_.vertex[h], v = out_.vertex[out_.next(h)];
      int matches = 0;
      for (uint32_t k = start[v]; k < start[v + 1]; ++k)
        if (out_.vertex[out_.next(leaving[k])] == u)
          out_.twin[h] = static_cast<int32_t>(leaving[k]), ++matches;
      if (out_.site[out_.cell[h]] >= 0 && matches != 1) out_.exact = false;
    }
  }

  const GeosContext& ctx_;
  const std::vector<double>&sx_, &sy_;
  size_t real_sites_;
  NearestPointGrid nearest_real_;
  std::vector<bool> taken_;
  std::vector<uint32_t> slots_;
  std::vector<double> buffer_, ring_x_, ring_y_;
  bool folded_ = false;  // the ring read last turns right somewhere
  VoronoiCells out_;
};

}  // namespace

VoronoiCells voronoi_cells(const GeosContext& ctx, std::vector<double> x, std::vector<double> y,
                           const GEOSGeometry* cover, PhaseTimer* timer) {
  if (x.empty()) return {};
  const size_t real_sites = x.size();
  add_guards(x, y, cover, ctx);
  std::vector<Geometry> points;
  for (size_t i = 0; i < x.size(); ++i) points.push_back(make_point(ctx, x[i], y[i]));
  auto diagram = [&] {
    const auto sites = collect(ctx, GEOS_MULTIPOINT, std::move(points));
    return voronoi_diagram(ctx, sites.get());
  }();
  if (timer) timer->phase("cells");
  CellReader reader(ctx, x, y, real_sites);
  const int n = part_count(ctx, diagram.get());
  for (int i = 0; i < n; ++i) reader.add(part(ctx, diagram.get(), i));
  diagram.reset();
  return reader.finish();
}

Geometry cell_polygon(const GeosContext& ctx, const VoronoiCells& cells, uint32_t c) {
  std::vector<double> xy;
  for (uint32_t h = cells.first[c]; h < cells.first[c + 1]; ++h)
    xy.push_back(cells.x[cells.vertex[h]]), xy.push_back(cells.y[cells.vertex[h]]);
  xy.push_back(xy[0]), xy.push_back(xy[1]);
  return make_polygon(ctx, make_linear_ring(ctx, xy));
}

namespace {

// The walk of dissolve_cells (geo/voronoi.hpp).
class CellWalk {
 public:
  CellWalk(const VoronoiCells& cells, const std::vector<int64_t>& group)
      : c_(cells), group_(group), parent_(group.size()), at_(cells.x.size(), -1) {
    std::iota(parent_.begin(), parent_.end(), 0u);
  }

  std::optional<std::map<int64_t, Geometry>> polygons(const GeosContext& ctx) {
    join_parts();
    std::vector<bool> done(c_.vertex.size(), false);
    for (uint32_t h = 0; h < c_.vertex.size(); ++h)
      if (group_[c_.cell[h]] != kNoCellGroup && !done[h] && boundary(h))
        if (!walk(h, done)) return std::nullopt;
    return assemble(ctx);
  }

 private:
  struct Loop {
    size_t begin, end;  // in loop_vertices_
    uint32_t part;
    double area;  // twice, signed
  };

  bool boundary(uint32_t h) const {
    const int32_t t = c_.twin[h];
    return t < 0 || group_[c_.cell[static_cast<uint32_t>(t)]] != group_[c_.cell[h]];
  }

  // Parts of each group: its cells joined across the edges they share.
  void join_parts() {
    for (uint32_t h = 0; h < c_.vertex.size(); ++h) {
      const int32_t t = c_.twin[h];
      if (t > static_cast<int32_t>(h) && group_[c_.cell[h]] != kNoCellGroup && !boundary(h))
        parent_[find(c_.cell[h])] = find(c_.cell[static_cast<uint32_t>(t)]);
    }
  }

  uint32_t find(uint32_t c) {
    while (parent_[c] != c) c = parent_[c] = parent_[parent_[c]];
    return c;
  }

  // The boundary half-edge leaving where `h` ends, reached by turning through the group's cells
  // around that vertex (a vertex has few cells; more turns than any vertex has means the twins
  // do not form a subdivision).
  std::optional<uint32_t> next_boundary(uint32_t h) const {
    uint32_t n = c_.next(h);
    for (int turns = 0; !boundary(n); ++turns) {
      if (turns > 1000) return std::nullopt;
      n = c_.next(static_cast<uint32_t>(c_.twin[n]));
    }
    return n;
  }

  // One ring from `start`, split into loops wherever it comes back to a vertex it has passed.
  bool walk(uint32_t start, std::vector<bool>& done) {
    path_.clear();
    uint32_t h = start;
    do {
      if (done[h]) return false;  // joined another ring: not a subdivision
      done[h] = true;
      const uint32_t v = c_.vertex[h];
      if (at_[v] >= 0) close_loop(static_cast<size_t>(at_[v]));
      at_[v] = static_cast<int32_t>(path_.size());
      path_.push_back(h);
      const auto n = next_boundary(h);
      if (!n) return false;
      h = *n;
    } while (h != start);
    close_loop(0);
    return true;
  }

  // Emits path_[from..] as a loop and takes it off the path.
  void close_loop(size_t from) {
    Loop loop{loop_vertices_.size(), 0, find(c_.cell[path_[from]]), 0};
    for (size_t i = from; i < path_.size(); ++i) {
      loop_vertices_.push_back(c_.vertex[path_[i]]);
      at_[c_.vertex[path_[i]]] = -1;
    }
    loop.end = loop_vertices_.size();
    const uint32_t* v = loop_vertices_.data() + loop.begin;
    loop.area = twice_signed_area(
        loop.end - loop.begin, [&](size_t i) { return c_.x[v[i]]; },
        [&](size_t i) { return c_.y[v[i]]; });
    loops_.push_back(loop);
    path_.resize(from);
  }

  Geometry ring(const GeosContext& ctx, const Loop& loop) const {
    std::vector<double> xy;
    xy.reserve(2 * (loop.end - loop.begin + 1));
    for (size_t i = loop.begin; i <= loop.end; ++i) {
      const uint32_t v = loop_vertices_[i < loop.end ? i : loop.begin];
      xy.push_back(c_.x[v]), xy.push_back(c_.y[v]);
    }
    return make_linear_ring(ctx, xy);
  }

  // Per part one outer ring and its holes, as polygons; per group a MultiPolygon of its parts.
  std::optional<std::map<int64_t, Geometry>> assemble(const GeosContext& ctx) const {
    std::vector<int32_t> outer(parent_.size(), -1);  // per part
    for (size_t i = 0; i < loops_.size(); ++i)
      if (loops_[i].area > 0) {
        if (outer[loops_[i].part] >= 0) return std::nullopt;
        outer[loops_[i].part] = static_cast<int32_t>(i);
      }
    std::vector<std::vector<size_t>> holes(loops_.size());
    for (size_t i = 0; i < loops_.size(); ++i)
      if (loops_[i].area <= 0) {
        if (outer[loops_[i].part] < 0) return std::nullopt;
        holes[static_cast<size_t>(outer[loops_[i].part])].push_back(i);
      }
    std::map<int64_t, std::vector<Geometry>> parts;
    for (size_t i = 0; i < loops_.size(); ++i) {
      if (loops_[i].area <= 0) continue;
      std::vector<Geometry> inner;
      for (size_t k : holes[i]) inner.push_back(ring(ctx, loops_[k]));
      auto shell = ring(ctx, loops_[i]);
      parts[group_[loops_[i].part]].push_back(
          make_polygon(ctx, std::move(shell), std::move(inner)));
    }
    std::map<int64_t, Geometry> out;
    for (auto& [g, polygons] : parts)
      out.emplace(g, collect(ctx, GEOS_MULTIPOLYGON, std::move(polygons)));
    return out;
  }

  const VoronoiCells& c_;
  const std::vector<int64_t>& group_;
  std::vector<uint32_t> parent_;  // union-find over cells: parts
  std::vector<int32_t> at_;       // per vertex: its place on the current path, -1 if not on it
  std::vector<uint32_t> path_;    // half-edges of the ring being walked
  std::vector<uint32_t> loop_vertices_;
  std::vector<Loop> loops_;
};

}  // namespace

std::optional<std::map<int64_t, Geometry>> dissolve_cells(const GeosContext& ctx,
                                                          const VoronoiCells& cells,
                                                          const std::vector<int64_t>& group) {
  return CellWalk(cells, group).polygons(ctx);
}

}  // namespace rz::geo
