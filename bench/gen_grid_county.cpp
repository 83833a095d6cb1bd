// rz-bench-gen-grids: writes a synthetic region of villages, governance grids and households to a
// GeoPackage, the input of bench/grid_bench.sh.
//
//   rz-bench-gen-grids --villages N --out FILE.gpkg [--seed S]
//
// Layers (EPSG:4546, metres): `villages` (村代码, 村名, 乡镇代码), `grids` (网格编码, 网格名称,
// 村代码, 网格员数), `households` (户编号, 村代码, 人口).
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
// Deterministic for given arguments: std::mt19937_64 mapped to doubles with arithmetic only.

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr double kCell = 2000.0;
constexpr double kJitter = 300.0;
constexpr int kGridsPerVillage = 5;
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

bool fail(const char* what) {
  std::fprintf(stderr, "rz-bench-gen-grids: %s: %s\n", what, CPLGetLastErrorMsg());
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  long villages_wanted = 0;
  std::string out;
  std::uint64_t seed = 20261123;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--villages")
      villages_wanted = std::atol(argv[i + 1]);
    else if (a == "--out")
      out = argv[i + 1];
    else if (a == "--seed")
      seed = std::strtoull(argv[i + 1], nullptr, 10);
  }
  if (villages_wanted <= 0 || out.empty()) {
    std::fputs("usage: rz-bench-gen-grids --villages N --out FILE.gpkg [--seed S]\n", stderr);
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

  bool ok = ds->StartTransaction() == OGRERR_NONE;
  long villages = 0, grids = 0, households = 0;
  for (int j = 0; j < ny && ok; ++j)
    for (int i = 0; i < nx && ok; ++i) {
      if (villages == villages_wanted) break;
      // Township = 4x4 cells (numbered 100.. within a county of 5x4 townships); county = 20x16.
      const int county = (j / 16) * ((nx + 19) / 20) + i / 20;
      const int township = ((j % 16) / 4) * 5 + (i % 20) / 4;
      const int village = (j % 4) * 4 + i % 4;
      char code[48];
      // 43 + city (2) + county (2) + township (3) + village (3), none of them 00.
      std::snprintf(code, sizeof code, "43%02d%02d%03d%03d", 1 + (county / 20) % 99,
                    1 + county % 20, 100 + township, 201 + village);
      const std::string vcode = code;
      ++villages;
      const P a = at(i, j), b = at(i + 1, j), c = at(i + 1, j + 1), d = at(i, j + 1);
      {
        OGRFeature f(lv->GetLayerDefn());
        f.SetField("村代码", vcode.c_str());
        f.SetField("村名", ("第" + std::to_string(villages) + "村").c_str());
        f.SetField("乡镇代码", vcode.substr(0, 9).c_str());
        f.SetGeometryDirectly(polygon({a, b, c, d}));
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
        f.SetGeometryDirectly(polygon({b0, b1, t1, t0}));
        ok = lg->CreateFeature(&f) == OGRERR_NONE;
        ++grids;
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
  if (ok) ok = ds->CommitTransaction() == OGRERR_NONE;
  if (!ok) fail("writing");
  CPLErrorReset();
  GDALClose(ds);
  if (!ok || CPLGetLastErrorType() >= CE_Failure) return 1;
  std::filesystem::rename(partial, out);
  std::printf("%s: %ld villages, %ld grids, %ld households\n", out.c_str(), villages, grids,
              households);
  return 0;
}
