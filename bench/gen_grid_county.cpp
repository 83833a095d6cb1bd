// rz-bench-gen-grids: writes a synthetic region of villages, governance grids and households to a
// GeoPackage, the input of bench/grid_bench.sh.
//
//   rz-bench-gen-grids --villages N --out FILE.gpkg [--seed S] [--with-roads]
//                      [--shapes lattice|real]
//
// Layers (EPSG:4546, metres): `villages` (村代码, 村名, 乡镇代码), `grids` (网格编码, 网格名称,
// 村代码, 网格员数), `households` (户编号, 村代码, 人口); with --with-roads also `roads`
// (道路名称, 道路等级, speed) and `facilities` (名称, 类型, 村代码), the input of
// bench/reach_bench.sh.
//
// Villages are the cells of a 2 km lattice whose inner vertices are jittered by up to 300 m, so
// neighbours share their edges exactly and every cell is a convex quadrilateral. Each village is
// cut into 5 grids by 4 lines between its bottom and top edges (again shared exactly), the way
// grids are drawn clipped to their village. About 250 households (100-400) per village lie
// inside it, at a bilinear image of a uniform point of the unit square. Defects, as in real data:
// 1 % of villages have no grids, 2 % lose one grid (a gap), 2 % have their first grid pushed
// 25 m over the village's left edge (an overlap with the neighbour's last grid, and grid area
// outside its village), 1 % have two grids overlapping by 20 m inside the village.
//
// Roads (--with-roads): from each village's centre (the mean of its corners) a road to the centre
// of its right and of its top neighbour, split by 1-2 junctions (each piece a line of its own with
// one bend vertex); half of these links have a dead-end branch of 300-700 m from a junction to a
// hamlet. About 5 network nodes per village. Lines meet only at their end points, with identical
// coordinates (no crossings), so both ruralzone and pgr_createTopology node the network the same
// way. Links along every 5th lattice row/column are 县道 at 40 km/h, the others 村道 at 20 km/h;
// branches are 村道 without a speed, so the importer's class speed (20) applies. Facilities: a
// 党群服务中心 in about 1 of 5 villages and a 村级综合服务站 in about 3 of 5, within 150 m of the
// village centre.
//
// --shapes real (issue 19) draws the same lattice with the shapes real data has: every lattice edge
// is a wiggly line of 40 inner vertices (two sine waves of random phase, up to 60 m off the
// straight edge, shared exactly by both neighbours), so a village has about 164 vertices; the 4
// cuts between a village's grids are wiggly too (30 inner vertices, up to 40 m), so a grid has
// about 80; 15 % of grids have one or two holes (ponds and enclaves of 24 vertices, 15-40 m across,
// whose households belong to no grid). Village sizes are uneven (households lognormal, median 180,
// 20-3000, about 250 on average) and households cluster in 1-5 settlements per village (normal
// around each centre, 60-200 m), one in ten scattered over the village. Households are written in
// a random order (a register's order, not the map's), as merged registers come. The defects are
// the same as on the lattice.
//
// Deterministic for given arguments: std::mt19937_64 mapped to doubles with arithmetic only. The
// road and facility draws come from a second generator of their own, so the first three layers
// are the same with and without --with-roads. --shapes real also uses std::log and std::cos
// (the settlements' normal draws and the edges' waves), so it is deterministic on one libm.

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr double kCell = 2000.0;
constexpr double kJitter = 300.0;
constexpr int kGridsPerVillage = 5;
constexpr int kEdgeInner = 40;  // real shapes: inner vertices of a village edge
constexpr int kCutInner = 30;   // and of a cut between two grids
constexpr double kX0 = 300000.0, kY0 = 2500000.0;

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }

 private:
  std::mt19937_64 engine_;
};

struct P {
  double x, y;
};
P lerp(P a, P b, double t) {
  return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
}

OGRPolygon* polygon(const std::vector<P>& ring) {
  auto* r = new OGRLinearRing();
  for (const P& p : ring) r->addPoint(p.x, p.y);
  r->addPoint(ring.front().x, ring.front().y);
  auto* poly = new OGRPolygon();
  poly->addRingDirectly(r);
  return poly;
}

OGRPolygon* polygon_with_holes(const std::vector<P>& ring,
                               const std::vector<std::vector<P>>& holes) {
  OGRPolygon* poly = polygon(ring);
  for (const auto& h : holes) {
    auto* r = new OGRLinearRing();
    for (const P& p : h) r->addPoint(p.x, p.y);
    r->addPoint(h.front().x, h.front().y);
    poly->addRingDirectly(r);
  }
  return poly;
}

// A line from `from` to `to` through `inner` vertices set off square to it by two sine waves that
// vanish at both ends, at most `amplitude` metres. Drawn from its own generator seeded by `key`,
// so both villages (or grids) that share the line draw the same one.
std::vector<P> wiggly_line(P from, P to, int inner, double amplitude, std::uint64_t key) {
  Random r(key * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL);
  const double a1 = r.uniform(0.3, 0.6) * amplitude, a2 = r.uniform(0.1, 0.4) * amplitude;
  const double f1 = 1 + static_cast<int>(r.unit() * 2), f2 = 3 + static_cast<int>(r.unit() * 3);
  const double p1 = r.uniform(0, 6.283185307179586), p2 = r.uniform(0, 6.283185307179586);
  const double dx = to.x - from.x, dy = to.y - from.y, len = std::sqrt(dx * dx + dy * dy);
  std::vector<P> line = {from};
  for (int k = 1; k <= inner; ++k) {
    const double t = static_cast<double>(k) / (inner + 1);
    const double taper = std::sin(3.141592653589793 * t);
    const double off = taper * (a1 * std::sin(6.283185307179586 * f1 * t + p1) +
                                a2 * std::sin(6.283185307179586 * f2 * t + p2));
    line.push_back({from.x + dx * t - dy / len * off, from.y + dy * t + dx / len * off});
  }
  line.push_back(to);
  return line;
}

bool fail(const char* what) {
  std::fprintf(stderr, "rz-bench-gen-grids: %s: %s\n", what, CPLGetLastErrorMsg());
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  long villages_wanted = 0;
  std::string out;
  std::uint64_t seed = 20261123;
  bool with_roads = false, bad_usage = false, real = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--with-roads")
      with_roads = true;
    else if (a == "--villages" && has_value)
      villages_wanted = std::atol(argv[++i]);
    else if (a == "--out" && has_value)
      out = argv[++i];
    else if (a == "--shapes" && has_value &&
             (argv[i + 1] == std::string("lattice") || argv[i + 1] == std::string("real")))
      real = argv[++i] == std::string("real");
    else if (a == "--seed" && has_value)
      seed = std::strtoull(argv[++i], nullptr, 10);
    else
      bad_usage = true;
  }
  if (bad_usage || villages_wanted <= 0 || out.empty()) {
    std::fputs(
        "usage: rz-bench-gen-grids --villages N --out FILE.gpkg [--seed S] [--with-roads]\n"
        "                          [--shapes lattice|real]\n",
        stderr);
    return 2;
  }
  // A lattice about 4:3 wide with at least N cells.
  const int nx =
      static_cast<int>(std::ceil(std::sqrt(static_cast<double>(villages_wanted) * 4 / 3)));
  const int ny = static_cast<int>((villages_wanted + nx - 1) / nx);

  Random rng(seed);
  std::vector<P> vertex(static_cast<size_t>((nx + 1) * (ny + 1)));
  auto at = [&](int i, int j) -> P& { return vertex[static_cast<size_t>(j * (nx + 1) + i)]; };
  for (int j = 0; j <= ny; ++j)
    for (int i = 0; i <= nx; ++i) {
      bool inner = i > 0 && j > 0 && i < nx && j < ny;
      at(i, j) = {kX0 + i * kCell + (inner ? rng.uniform(-kJitter, kJitter) : 0.0),
                  kY0 + j * kCell + (inner ? rng.uniform(-kJitter, kJitter) : 0.0)};
    }

  auto village_code = [&](int i, int j) {
    // Township = 4x4 cells (numbered 100.. within a county of 5x4 townships); county = 20x16.
    const int county = (j / 16) * ((nx + 19) / 20) + i / 20;
    const int township = ((j % 16) / 4) * 5 + (i % 20) / 4;
    const int village = (j % 4) * 4 + i % 4;
    char code[48];
    // 43 + city (2) + county (2) + township (3) + village (3), none of them 00.
    std::snprintf(code, sizeof code, "43%02d%02d%03d%03d", 1 + (county / 20) % 99, 1 + county % 20,
                  100 + township, 201 + village);
    return std::string(code);
  };

  GDALAllRegister();
  const std::string partial = out + ".tmp.gpkg";
  std::filesystem::remove(partial);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  GDALDataset* ds =
      driver ? driver->Create(partial.c_str(), 0, 0, 0, GDT_Unknown, nullptr) : nullptr;
  if (!ds) {
    fail("cannot create the GeoPackage");
    return 1;
  }
  OGRSpatialReference srs;
  srs.importFromEPSG(4546);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  auto layer = [&](const char* name, OGRwkbGeometryType type,
                   std::vector<std::pair<const char*, OGRFieldType>> fields) {
    OGRLayer* l = ds->CreateLayer(name, &srs, type, nullptr);
    for (auto& [n, t] : fields) {
      OGRFieldDefn f(n, t);
      l->CreateField(&f);
    }
    return l;
  };
  OGRLayer* lv = layer("villages", wkbPolygon,
                       {{"村代码", OFTString}, {"村名", OFTString}, {"乡镇代码", OFTString}});
  OGRLayer* lg = layer("grids", wkbPolygon,
                       {{"网格编码", OFTString},
                        {"网格名称", OFTString},
                        {"村代码", OFTString},
                        {"网格员数", OFTInteger}});
  OGRLayer* lh = layer("households", wkbPoint,
                       {{"户编号", OFTString}, {"村代码", OFTString}, {"人口", OFTInteger}});

  OGRLayer* lr = nullptr;
  OGRLayer* lf = nullptr;
  if (with_roads) {
    lr = layer("roads", wkbLineString,
               {{"道路名称", OFTString}, {"道路等级", OFTString}, {"speed", OFTReal}});
    lf = layer("facilities", wkbPoint,
               {{"名称", OFTString}, {"类型", OFTString}, {"村代码", OFTString}});
  }

  bool ok = ds->StartTransaction() == OGRERR_NONE;
  long villages = 0, grids = 0, households = 0;
  // Real shapes: households are drawn village by village and written afterwards in random order.
  struct Household {
    double x, y;
    std::uint32_t village, number;
    int people;
  };
  std::vector<Household> settled;
  std::vector<std::string> codes;
  auto normal = [&]() {
    const double u1 = 1.0 - rng.unit(), u2 = rng.unit();
    return std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  };
  auto draw_settled_households = [&](long village, P a, P b, P c, P d) {
    codes.push_back(village_code(static_cast<int>(village % nx), static_cast<int>(village / nx)));
    const long n = std::clamp(std::lround(180 * std::exp(0.8 * normal())), 20L, 3000L);
    struct Settlement {
      double u, v, sigma, weight;
    };
    std::vector<Settlement> places(static_cast<size_t>(1 + static_cast<int>(rng.unit() * 5)));
    double total = 0;
    for (Settlement& s : places) {
      s = {rng.uniform(0.15, 0.85), rng.uniform(0.15, 0.85), rng.uniform(60, 200) / kCell,
           rng.unit() + 0.2};
      total += s.weight;
    }
    for (long h = 0; h < n; ++h) {
      double u, v;
      if (rng.unit() < 0.1) {
        u = rng.uniform(0.01, 0.99);
        v = rng.uniform(0.01, 0.99);
      } else {
        double pick = rng.unit() * total;
        size_t k = 0;
        while (k + 1 < places.size() && pick >= places[k].weight) pick -= places[k++].weight;
        u = std::clamp(places[k].u + places[k].sigma * normal(), 0.01, 0.99);
        v = std::clamp(places[k].v + places[k].sigma * normal(), 0.01, 0.99);
      }
      const P p = lerp(lerp(a, b, u), lerp(d, c, u), v);
      settled.push_back({p.x, p.y, static_cast<std::uint32_t>(village),
                         static_cast<std::uint32_t>(h + 1), 1 + static_cast<int>(rng.unit() * 6)});
    }
  };
  for (int j = 0; j < ny && ok; ++j)
    for (int i = 0; i < nx && ok; ++i) {
      if (villages == villages_wanted) break;
      const std::string vcode = village_code(i, j);
      const char* code = vcode.c_str();
      ++villages;
      const P a = at(i, j), b = at(i + 1, j), c = at(i + 1, j + 1), d = at(i, j + 1);
      // Real shapes: the village's four edges as wiggly lines (bottom a->b, right b->c, top d->c,
      // left a->d), each drawn from its own key so that the neighbour draws the same line.
      std::vector<P> bottom, right, top, left;
      if (real) {
        auto edge_key = [&](int ei, int ej, int vertical) {
          return 2 * static_cast<std::uint64_t>(ej * (nx + 1) + ei) + vertical;
        };
        bottom = wiggly_line(a, b, kEdgeInner, 60, edge_key(i, j, 0));
        right = wiggly_line(b, c, kEdgeInner, 60, edge_key(i + 1, j, 1));
        top = wiggly_line(d, c, kEdgeInner, 60, edge_key(i, j + 1, 0));
        left = wiggly_line(a, d, kEdgeInner, 60, edge_key(i, j, 1));
      }
      {
        OGRFeature f(lv->GetLayerDefn());
        f.SetField("村代码", vcode.c_str());
        f.SetField("村名", ("第" + std::to_string(villages) + "村").c_str());
        f.SetField("乡镇代码", vcode.substr(0, 9).c_str());
        if (real) {
          std::vector<P> ring(bottom.begin(), bottom.end() - 1);
          ring.insert(ring.end(), right.begin(), right.end() - 1);
          ring.insert(ring.end(), top.rbegin(), top.rend() - 1);
          ring.insert(ring.end(), left.rbegin(), left.rend() - 1);
          f.SetGeometryDirectly(polygon(ring));
        } else {
          f.SetGeometryDirectly(polygon({a, b, c, d}));
        }
        ok = lv->CreateFeature(&f) == OGRERR_NONE;
      }
      const double defect = rng.unit();
      const bool no_grids = defect < 0.01;
      const int dropped =
          defect >= 0.01 && defect < 0.03 ? 1 + static_cast<int>(rng.unit() * 3) : -1;
      const bool spill = defect >= 0.03 && defect < 0.05;
      const bool inner_overlap = defect >= 0.05 && defect < 0.06;
      // Strip boundaries along the bottom (a->b) and top (d->c) edges, shared by neighbours.
      std::vector<double> t = {0.0};
      for (int k = 1; k < kGridsPerVillage; ++k)
        t.push_back((k + rng.uniform(-0.25, 0.25)) / kGridsPerVillage);
      t.push_back(1.0);
      // Real shapes: strip k runs along the bottom and top edges between the vertices nearest to
      // t[k] and t[k+1], bounded by the village's left or right edge or by wiggly cuts between
      // them.
      std::vector<size_t> cut_at;
      std::vector<std::vector<P>> cuts;
      if (real) {
        const size_t last = bottom.size() - 1;
        for (double tk : t)
          cut_at.push_back(static_cast<size_t>(std::lround(tk * static_cast<double>(last))));
        cuts.resize(kGridsPerVillage + 1);
        for (int k = 1; k < kGridsPerVillage; ++k)
          cuts[static_cast<size_t>(k)] = wiggly_line(
              bottom[cut_at[static_cast<size_t>(k)]], top[cut_at[static_cast<size_t>(k)]],
              kCutInner, 25, (std::uint64_t{1} << 40) + villages * 8 + k);
        cuts[0] = left;
        cuts[kGridsPerVillage] = right;
      }
      auto real_grid = [&](int k, bool left_out, bool right_out) {
        const size_t lo = cut_at[static_cast<size_t>(k)], hi = cut_at[static_cast<size_t>(k + 1)];
        std::vector<P> west = cuts[static_cast<size_t>(k)], east = cuts[static_cast<size_t>(k + 1)];
        if (left_out)  // 25 m over the village's left edge
          for (P& p : west) p.x -= 25;
        if (right_out)  // 20 m into the next grid
          for (P& p : east) p.x += 20;
        std::vector<P> ring(bottom.begin() + static_cast<ptrdiff_t>(lo) + 1,
                            bottom.begin() + static_cast<ptrdiff_t>(hi));
        ring.insert(ring.end(), east.begin(), east.end());
        for (size_t v = hi - 1; v > lo; --v) ring.push_back(top[v]);
        ring.insert(ring.end(), west.rbegin(), west.rend() - 1);
        std::vector<std::vector<P>> holes;
        if (rng.unit() < 0.15) {
          const P mid_bottom = lerp(bottom[lo], bottom[hi], 0.5),
                  mid_top = lerp(top[lo], top[hi], 0.5);
          const int count = rng.unit() < 0.3 ? 2 : 1;
          std::unique_ptr<OGRPolygon> outline(polygon(ring));
          for (int h = 0; h < count; ++h) {
            const P centre = lerp(mid_bottom, mid_top, rng.uniform(0.2, 0.45) + 0.35 * h);
            const double radius = rng.uniform(15, 40), phase = rng.uniform(0, 6.283185307179586);
            std::vector<P> hole;
            for (int v = 0; v < 24; ++v) {
              const double angle = -6.283185307179586 * v / 24;  // clockwise, as holes go
              const double rv = radius * (1 + 0.2 * std::sin(3 * angle + phase));
              hole.push_back({centre.x + rv * std::cos(angle), centre.y + rv * std::sin(angle)});
            }
            std::unique_ptr<OGRPolygon> hole_polygon(polygon(hole));
            if (outline->Contains(hole_polygon.get())) holes.push_back(std::move(hole));
          }
        }
        return polygon_with_holes(ring, holes);
      };
      for (int k = 0; k < kGridsPerVillage && ok && !no_grids; ++k) {
        if (k == dropped) continue;
        P b0 = lerp(a, b, t[static_cast<size_t>(k)]),
          b1 = lerp(a, b, t[static_cast<size_t>(k + 1)]);
        P t0 = lerp(d, c, t[static_cast<size_t>(k)]),
          t1 = lerp(d, c, t[static_cast<size_t>(k + 1)]);
        if (spill && k == 0) {  // 25 m over the village's left edge
          b0.x -= 25;
          t0.x -= 25;
        }
        if (inner_overlap && k == 2) {  // 20 m into the next grid
          b1.x += 20;
          t1.x += 20;
        }
        OGRFeature f(lg->GetLayerDefn());
        const std::string gcode = vcode + "0" + std::to_string(k + 1);
        f.SetField("网格编码", gcode.c_str());
        f.SetField("网格名称", ("第" + std::to_string(k + 1) + "网格").c_str());
        f.SetField("村代码", vcode.c_str());
        f.SetField("网格员数", 1 + static_cast<int>(rng.unit() * 3));
        if (real)
          f.SetGeometryDirectly(real_grid(k, spill && k == 0, inner_overlap && k == 2));
        else
          f.SetGeometryDirectly(polygon({b0, b1, t1, t0}));
        ok = lg->CreateFeature(&f) == OGRERR_NONE;
        ++grids;
      }
      if (real) {
        draw_settled_households(villages - 1, a, b, c, d);
        continue;
      }
      const int n = 100 + static_cast<int>(rng.unit() * 301);
      for (int h = 0; h < n && ok; ++h) {
        const double u = rng.uniform(0.01, 0.99), v = rng.uniform(0.01, 0.99);
        const P p = lerp(lerp(a, b, u), lerp(d, c, u), v);
        OGRFeature f(lh->GetLayerDefn());
        char id[64];
        std::snprintf(id, sizeof id, "%s%04d", code, h + 1);
        f.SetField("户编号", id);
        f.SetField("村代码", code);
        f.SetField("人口", 1 + static_cast<int>(rng.unit() * 6));
        f.SetGeometryDirectly(new OGRPoint(p.x, p.y));
        ok = lh->CreateFeature(&f) == OGRERR_NONE;
        ++households;
        if (households % 200000 == 0)
          ok =
              ok && ds->CommitTransaction() == OGRERR_NONE && ds->StartTransaction() == OGRERR_NONE;
      }
    }
  if (real && ok) {
    for (size_t k = settled.size(); k > 1; --k)  // Fisher-Yates
      std::swap(settled[k - 1], settled[static_cast<size_t>(rng.unit() * static_cast<double>(k))]);
    for (const Household& h : settled) {
      if (!ok) break;
      const std::string& code = codes[h.village];
      OGRFeature f(lh->GetLayerDefn());
      char id[64];
      std::snprintf(id, sizeof id, "%s%04u", code.c_str(), h.number);
      f.SetField("户编号", id);
      f.SetField("村代码", code.c_str());
      f.SetField("人口", h.people);
      f.SetGeometryDirectly(new OGRPoint(h.x, h.y));
      ok = lh->CreateFeature(&f) == OGRERR_NONE;
      ++households;
      if (households % 200000 == 0)
        ok = ok && ds->CommitTransaction() == OGRERR_NONE && ds->StartTransaction() == OGRERR_NONE;
    }
  }
  long roads = 0, nodes = 0, facilities = 0;
  if (with_roads && ok) {
    // Its own generator: the draws above stay the same whether or not roads are written.
    Random road_rng(seed ^ 0x9e3779b97f4a7c15ULL);
    auto exists = [&](int i, int j) {
      return i >= 0 && j >= 0 && i < nx && j < ny && static_cast<long>(j) * nx + i < villages;
    };
    auto centre = [&](int i, int j) {
      const P a = at(i, j), b = at(i + 1, j), c = at(i + 1, j + 1), d = at(i, j + 1);
      return P{(a.x + b.x + c.x + d.x) / 4, (a.y + b.y + c.y + d.y) / 4};
    };
    // One road piece from `from` to `to`, bent at its middle sideways by up to 5 % of its length;
    // the end points are copied exactly so that pieces meeting there share them.
    auto piece = [&](P from, P to, const std::string& name, const char* road_class, double speed) {
      const double dx = to.x - from.x, dy = to.y - from.y;
      const double bend = road_rng.uniform(-0.05, 0.05);  // of the length, sideways
      auto* line = new OGRLineString();
      line->addPoint(from.x, from.y);
      line->addPoint(from.x + dx / 2 - dy * bend, from.y + dy / 2 + dx * bend);
      line->addPoint(to.x, to.y);
      OGRFeature f(lr->GetLayerDefn());
      f.SetField("道路名称", name.c_str());
      f.SetField("道路等级", road_class);
      if (speed > 0) f.SetField("speed", speed);
      f.SetGeometryDirectly(line);
      ++roads;
      return lr->CreateFeature(&f) == OGRERR_NONE;
    };
    for (int j = 0; j < ny && ok; ++j)
      for (int i = 0; i < nx && ok; ++i) {
        if (!exists(i, j)) break;
        const P from = centre(i, j);
        ++nodes;
        for (int dir = 0; dir < 2 && ok; ++dir) {  // 0: to the right neighbour, 1: to the top one
          const int ti = i + (dir == 0 ? 1 : 0), tj = j + (dir == 1 ? 1 : 0);
          if (!exists(ti, tj)) continue;
          const P to = centre(ti, tj);
          // Every 5th row (for links to the right) or column (links up) is a county road.
          const bool county_road = (dir == 0 ? j : i) % 5 == 0;
          const char* road_class = county_road ? "县道" : "村道";
          const double speed = county_road ? 40.0 : 20.0;
          const std::string name =
              county_road ? (dir == 0 ? "X" : "XV") + std::to_string((dir == 0 ? j : i) / 5 + 1)
                          : village_code(i, j) + (dir == 0 ? "东路" : "北路");
          const int junctions = road_rng.unit() < 0.5 ? 1 : 2;
          std::vector<P> stops = {from};
          const double dx = to.x - from.x, dy = to.y - from.y;
          const double len = std::sqrt(dx * dx + dy * dy);
          for (int k = 0; k < junctions; ++k) {
            const double t = junctions == 1 ? road_rng.uniform(0.35, 0.65)
                                            : road_rng.uniform(0.2, 0.4) + 0.4 * k;
            const double side = road_rng.uniform(-100, 100) / len;  // off the straight line
            stops.push_back({from.x + dx * t - dy * side, from.y + dy * t + dx * side});
          }
          stops.push_back(to);
          nodes += junctions;
          for (size_t k = 0; k + 1 < stops.size() && ok; ++k)
            ok = piece(stops[k], stops[k + 1], name, road_class, speed);
          if (ok && road_rng.unit() < 0.5) {  // a dead end to a hamlet, square to the link
            const P& junction = stops[1 + static_cast<size_t>(road_rng.unit() * junctions)];
            const double reach = road_rng.uniform(300, 700) * (road_rng.unit() < 0.5 ? -1 : 1);
            const P hamlet{junction.x - dy / len * reach, junction.y + dx / len * reach};
            ok = piece(junction, hamlet, name + "支路", "村道", 0.0);
            ++nodes;
          }
        }
        const std::string vcode = village_code(i, j);
        const long v = static_cast<long>(j) * nx + i + 1;
        const bool center = road_rng.unit() < 0.2, station = road_rng.unit() < 0.6;
        for (int k = 0; k < 2 && ok; ++k) {
          if (!(k == 0 ? center : station)) continue;
          const char* type = k == 0 ? "党群服务中心" : "村级综合服务站";
          OGRFeature f(lf->GetLayerDefn());
          f.SetField("名称", ("第" + std::to_string(v) + "村" + type).c_str());
          f.SetField("类型", type);
          f.SetField("村代码", vcode.c_str());
          f.SetGeometryDirectly(new OGRPoint(from.x + road_rng.uniform(-150, 150),
                                             from.y + road_rng.uniform(-150, 150)));
          ok = lf->CreateFeature(&f) == OGRERR_NONE;
          ++facilities;
        }
      }
  }
  if (ok) ok = ds->CommitTransaction() == OGRERR_NONE;
  if (!ok) fail("writing");
  CPLErrorReset();
  GDALClose(ds);
  if (!ok || CPLGetLastErrorType() >= CE_Failure) return 1;
  std::filesystem::rename(partial, out);
  std::printf("%s: %ld villages, %ld grids, %ld households", out.c_str(), villages, grids,
              households);
  if (with_roads)
    std::printf(", %ld roads (%ld network nodes), %ld facilities", roads, nodes, facilities);
  std::printf("\n");
  return 0;
}
