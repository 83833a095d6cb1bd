// rz-bench-gen-households: writes a synthetic province of household points to a GeoPackage,
// the input of bench/import_bench.sh.
//
//   rz-bench-gen-households --count N --out FILE.gpkg [--seed S]
//
// Layer `households`, EPSG:4546 (CGCS2000 / 3-degree Gauss-Kruger CM 111E, metres), fields
// 户编号 (String 16: village code + 4 digits), 村代码 (String 12), 人口 (Integer 1-7).
//
// Villages sit on a jittered lattice over x 300000..700000, y 2500000..3400000, about 250
// households each (sizes vary 0.4x..1.6x). Each village has 1-4 hamlets (自然村) no farther than
// 600 m from its centre; a household lies within 400 m of its hamlet, so within 1 km of the
// village centre. Village codes are "43" + city (2) + county (2) + township (3) + village (3):
// a township is a 4x4 block of lattice cells, a county 5x4 townships, a city 3x3 counties, so the
// hierarchy is spatially nested. Output is deterministic for a given count and seed: the random
// numbers come from std::mt19937_64 (fully specified by the standard) and are mapped to doubles
// here, with only arithmetic (no transcendental functions) on them.

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

constexpr double kXMin = 300000.0;
constexpr double kXMax = 700000.0;
constexpr double kYMin = 2500000.0;
constexpr double kYMax = 3400000.0;
constexpr double kHouseholdsPerVillage = 250.0;
constexpr double kHamletRadius = 600.0;  // max distance of a hamlet centre from the village centre
constexpr double kHouseholdRadius = 400.0;  // max distance of a household from its hamlet centre
constexpr double kEdgeMargin = 1100.0;      // village centres keep this far from the extent edge
constexpr int kTownshipCells = 4;           // township = 4x4 lattice cells
constexpr int kCountyTownshipsX = 5;        // county = 5x4 townships
constexpr int kCountyTownshipsY = 4;
constexpr int kCityCounties = 3;          // city = 3x3 counties
constexpr std::uint64_t kBatch = 100000;  // features per transaction

constexpr const char* kUsage =
    "usage: rz-bench-gen-households --count N --out FILE.gpkg [--seed S]\n"
    "  writes N household points (layer `households`, EPSG:4546) clustered in ~N/250 villages\n";

struct Options {
  std::uint64_t count = 0;
  bool have_count = false;
  std::string out;
  std::uint64_t seed = 20240601;
};

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  // Uniform in [0, 1) with 53 random bits.
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Uniform in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Unit(); }
  // Uniform integer in [0, n), n < 2^32, by multiply-shift of the high 32 bits.
  std::uint32_t Below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((engine_() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
  }
  // Uniform point in the unit disc, by rejection.
  void Disc(double& dx, double& dy) {
    do {
      dx = Uniform(-1.0, 1.0);
      dy = Uniform(-1.0, 1.0);
    } while (dx * dx + dy * dy > 1.0);
  }

 private:
  std::mt19937_64 engine_;
};

bool ParseU64(std::string_view text, std::uint64_t& value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end && !text.empty();
}

// Returns 0 to go on, otherwise the exit code.
int ParseArgs(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::string_view value;
    std::string_view name = arg;
    if (const auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    } else if (arg == "--count" || arg == "--out" || arg == "--seed") {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "rz-bench-gen-households: %s needs a value\n%s", argv[i], kUsage);
        return 2;
      }
      value = argv[++i];
    }
    if (name == "-h" || name == "--help") {
      std::fputs(kUsage, stdout);
      return -1;
    } else if (name == "--count") {
      if (!ParseU64(value, options.count)) {
        std::fprintf(stderr, "rz-bench-gen-households: bad --count '%.*s'\n",
                     static_cast<int>(value.size()), value.data());
        return 2;
      }
      options.have_count = true;
    } else if (name == "--seed") {
      if (!ParseU64(value, options.seed)) {
        std::fprintf(stderr, "rz-bench-gen-households: bad --seed '%.*s'\n",
                     static_cast<int>(value.size()), value.data());
        return 2;
      }
    } else if (name == "--out") {
      options.out = std::string(value);
    } else {
      std::fprintf(stderr, "rz-bench-gen-households: unknown argument '%s'\n%s", argv[i], kUsage);
      return 2;
    }
  }
  if (!options.have_count || options.out.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  return 0;
}

// Writes `value` as exactly `width` decimal digits (zero-padded) at `out`.
void PutDigits(char* out, std::uint64_t value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

struct Lattice {
  int nx = 1;
  int ny = 1;
  double dx = 0;
  double dy = 0;
  int cities_x = 1;
  int cities_y = 1;
  [[nodiscard]] std::size_t Villages() const {
    return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
  }
};

Lattice MakeLattice(std::uint64_t count) {
  const double width = kXMax - kXMin;
  const double height = kYMax - kYMin;
  const double target =
      std::max(1.0, std::round(static_cast<double>(count) / kHouseholdsPerVillage));
  Lattice lattice;
  lattice.nx = std::max(1, static_cast<int>(std::lround(std::sqrt(target * width / height))));
  lattice.ny = std::max(1, static_cast<int>(std::lround(target / lattice.nx)));
  lattice.dx = width / lattice.nx;
  lattice.dy = height / lattice.ny;
  const int city_cells_x = kTownshipCells * kCountyTownshipsX * kCityCounties;
  const int city_cells_y = kTownshipCells * kCountyTownshipsY * kCityCounties;
  lattice.cities_x = (lattice.nx + city_cells_x - 1) / city_cells_x;
  lattice.cities_y = (lattice.ny + city_cells_y - 1) / city_cells_y;
  return lattice;
}

// 12-digit village code of lattice cell (ix, iy): "43" CC KK TTT VVV.
void VillageCode(int ix, int iy, const Lattice& lattice, char* out) {
  const int tx = ix / kTownshipCells;
  const int ty = iy / kTownshipCells;
  const int kx = tx / kCountyTownshipsX;
  const int ky = ty / kCountyTownshipsY;
  const int cx = kx / kCityCounties;
  const int cy = ky / kCityCounties;
  const int city = 1 + cy * lattice.cities_x + cx;                                    // 01..99
  const int county = 21 + (ky % kCityCounties) * kCityCounties + kx % kCityCounties;  // 21..29
  const int township = 101 + (ty % kCountyTownshipsY) * kCountyTownshipsX + tx % kCountyTownshipsX;
  const int village = 201 + (iy % kTownshipCells) * kTownshipCells + ix % kTownshipCells;
  out[0] = '4';
  out[1] = '3';
  PutDigits(out + 2, static_cast<std::uint64_t>(city), 2);
  PutDigits(out + 4, static_cast<std::uint64_t>(county), 2);
  PutDigits(out + 6, static_cast<std::uint64_t>(township), 3);
  PutDigits(out + 9, static_cast<std::uint64_t>(village), 3);
  out[12] = '\0';
}

// Household size 1..7, roughly the rural distribution (mode 3).
int Population(Random& random) {
  static constexpr std::uint32_t kCumulative[] = {120, 350, 600, 800, 910, 970, 1000};
  const std::uint32_t draw = random.Below(1000);
  int size = 1;
  for (const std::uint32_t limit : kCumulative) {
    if (draw < limit) break;
    ++size;
  }
  return size;
}

double RoundCm(double v) {
  return std::round(v * 100.0) / 100.0;
}

int Run(const Options& options) {
  const auto started = std::chrono::steady_clock::now();
  const Lattice lattice = MakeLattice(options.count);
  if (lattice.cities_x * lattice.cities_y > 99) {
    std::fprintf(
        stderr, "rz-bench-gen-households: --count %llu needs more than 99 cities (2-digit codes)\n",
        static_cast<unsigned long long>(options.count));
    return 2;
  }
  Random random(options.seed);

  // Village sizes: weights 0.4..1.6, households split by cumulative share so they add up to N.
  const std::size_t villages = lattice.Villages();
  std::vector<double> cumulative(villages);
  double total = 0;
  for (std::size_t v = 0; v < villages; ++v) {
    total += random.Uniform(0.4, 1.6);
    cumulative[v] = total;
  }
  std::vector<std::uint32_t> sizes(villages);
  std::uint64_t previous = 0;
  for (std::size_t v = 0; v < villages; ++v) {
    const auto upto = v + 1 == villages
                          ? options.count
                          : static_cast<std::uint64_t>(static_cast<double>(options.count) *
                                                       (cumulative[v] / total));
    const std::uint64_t size = upto - previous;
    if (size > 9999) {
      std::fprintf(stderr, "rz-bench-gen-households: a village would have %llu > 9999 households\n",
                   static_cast<unsigned long long>(size));
      return 2;
    }
    sizes[v] = static_cast<std::uint32_t>(size);
    previous = upto;
  }

  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (driver == nullptr) {
    std::fputs("rz-bench-gen-households: GDAL has no GPKG driver\n", stderr);
    return 1;
  }
  // Write next to the target and rename at the end, so an interrupted run leaves no file that
  // looks complete.
  const std::filesystem::path out(options.out);
  std::filesystem::path partial = out;
  partial.replace_filename(out.stem().string() + ".part.gpkg");
  std::error_code ec;
  std::filesystem::remove(partial, ec);

  GDALDataset* dataset = driver->Create(partial.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  if (dataset == nullptr) {
    std::fprintf(stderr, "rz-bench-gen-households: cannot create %s\n", partial.c_str());
    return 1;
  }
  OGRSpatialReference srs;
  srs.importFromEPSG(4546);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* layer = dataset->CreateLayer("households", &srs, wkbPoint, nullptr);
  if (layer == nullptr) {
    GDALClose(dataset);
    return 1;
  }
  OGRFieldDefn household_field("户编号", OFTString);
  household_field.SetWidth(16);
  OGRFieldDefn village_field("村代码", OFTString);
  village_field.SetWidth(12);
  OGRFieldDefn population_field("人口", OFTInteger);
  if (layer->CreateField(&household_field) != OGRERR_NONE ||
      layer->CreateField(&village_field) != OGRERR_NONE ||
      layer->CreateField(&population_field) != OGRERR_NONE) {
    GDALClose(dataset);
    return 1;
  }

  OGRFeature feature(layer->GetLayerDefn());
  feature.SetGeometryDirectly(new OGRPoint(0.0, 0.0));
  auto* point = feature.GetGeometryRef()->toPoint();
  char household_code[17] = {};
  char village_code[13] = {};
  std::uint64_t written = 0;
  bool ok = GDALDatasetStartTransaction(dataset, FALSE) == OGRERR_NONE;

  struct Hamlet {
    double x, y, radius;
  };
  Hamlet hamlets[4];
  std::size_t v = 0;
  for (int iy = 0; ok && iy < lattice.ny; ++iy) {
    for (int ix = 0; ok && ix < lattice.nx; ++ix, ++v) {
      VillageCode(ix, iy, lattice, village_code);
      std::copy_n(village_code, 12, household_code);
      feature.SetField(1, village_code);
      const double jitter = 0.3;
      const double cx =
          std::clamp(kXMin + (ix + 0.5 + random.Uniform(-jitter, jitter)) * lattice.dx,
                     kXMin + kEdgeMargin, kXMax - kEdgeMargin);
      const double cy =
          std::clamp(kYMin + (iy + 0.5 + random.Uniform(-jitter, jitter)) * lattice.dy,
                     kYMin + kEdgeMargin, kYMax - kEdgeMargin);
      const std::uint32_t hamlet_count = 1 + random.Below(4);
      for (std::uint32_t h = 0; h < hamlet_count; ++h) {
        double hx = 0, hy = 0;
        if (h > 0) random.Disc(hx, hy);  // the first hamlet is the village seat
        hamlets[h] = {cx + hx * kHamletRadius, cy + hy * kHamletRadius,
                      random.Uniform(0.35, 1.0) * kHouseholdRadius};
      }
      for (std::uint32_t k = 0; k < sizes[v]; ++k) {
        const Hamlet& hamlet = hamlets[random.Below(hamlet_count)];
        double dx = 0, dy = 0;
        random.Disc(dx, dy);
        point->setX(RoundCm(hamlet.x + dx * hamlet.radius));
        point->setY(RoundCm(hamlet.y + dy * hamlet.radius));
        PutDigits(household_code + 12, k + 1, 4);
        feature.SetField(0, household_code);
        feature.SetField(2, Population(random));
        feature.SetFID(OGRNullFID);
        if (layer->CreateFeature(&feature) != OGRERR_NONE) {
          ok = false;
          break;
        }
        if (++written % kBatch == 0) {
          ok = GDALDatasetCommitTransaction(dataset) == OGRERR_NONE &&
               GDALDatasetStartTransaction(dataset, FALSE) == OGRERR_NONE;
          if (!ok) break;
        }
      }
    }
  }
  if (ok) ok = GDALDatasetCommitTransaction(dataset) == OGRERR_NONE;
  const auto features_done = std::chrono::steady_clock::now();
  // Closing builds the deferred R-tree spatial index.
  // (GDAL 3.6's GDALClose returns nothing: look at the error state instead.)
  CPLErrorReset();
  GDALClose(dataset);
  if (CPLGetLastErrorType() >= CE_Failure) ok = false;
  if (!ok) {
    std::fprintf(stderr, "rz-bench-gen-households: writing %s failed\n", partial.c_str());
    return 1;
  }
  std::filesystem::rename(partial, out, ec);
  if (ec) {
    std::fprintf(stderr, "rz-bench-gen-households: cannot rename %s to %s: %s\n", partial.c_str(),
                 out.c_str(), ec.message().c_str());
    return 1;
  }
  const auto finished = std::chrono::steady_clock::now();
  const auto seconds = [](auto d) { return std::chrono::duration<double>(d).count(); };
  std::printf(
      "rz-bench-gen-households: %llu households in %zu villages (%d x %d, %d cities) -> %s in "
      "%.1f s (features %.1f s, spatial index %.1f s)\n",
      static_cast<unsigned long long>(written), villages, lattice.nx, lattice.ny,
      lattice.cities_x * lattice.cities_y, out.c_str(), seconds(finished - started),
      seconds(features_done - started), seconds(finished - features_done));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (const int rc = ParseArgs(argc, argv, options); rc != 0) return rc < 0 ? 0 : rc;
  return Run(options);
}
