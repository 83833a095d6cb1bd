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
#include <gdal_priv.h>
#include <geos_c.h>
#include <ogr_spatialref.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <system_error>

#include "data/generator/attributes.hpp"
#include "data/generator/checks.hpp"
#include "data/generator/constants.hpp"
#include "data/generator/exact_rebuild.hpp"
#include "data/generator/facilities.hpp"
#include "data/generator/grid_defects.hpp"
#include "data/generator/grids.hpp"
#include "data/generator/households.hpp"
#include "data/generator/model.hpp"
#include "data/generator/project_toml.hpp"
#include "data/generator/projection.hpp"
#include "data/generator/readme.hpp"
#include "data/generator/reference.hpp"
#include "data/generator/roads.hpp"
#include "data/generator/shapes.hpp"
#include "data/generator/summary.hpp"
#include "data/generator/townships.hpp"
#include "data/generator/village_register.hpp"
#include "data/generator/village_types.hpp"
#include "data/generator/villages.hpp"
#include "data/generator/writers.hpp"
#include "data/generator/zone.hpp"

namespace fs = std::filesystem;

namespace rz::gen {
namespace {

std::string size_text(const fs::path& p) {
  std::error_code ec;
  const auto n = fs::file_size(p, ec);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f KB", ec ? 0.0 : static_cast<double>(n) / 1024.0);
  return buf;
}

int run(const fs::path& ref, const fs::path& out) {
  GDALAllRegister();
  CPLSetConfigOption("OGR_CURRENT_DATE", kFixedDateTime);
  fs::create_directories(out);

  Projection proj;
  County c;
  read_reference(ref, c, proj);
  std::printf("reference: %zu townships, %zu villages, outline %.1f km2\n", c.townships.size(),
              c.villages.size(), geo::area(geos(), c.outline.get()) / 1e6);
  make_townships(c);
  make_villages(c);
  assign_types(c);
  choose_zone(c);
  make_households(c);
  make_attributes(c);
  make_register(c);
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
  write_register(c, out);
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
  std::printf("\ndefects placed on purpose:\n%s%s", defects_text(c).c_str(),
              register_defects_text(c).c_str());
  for (const char* f : {"villages.shp", "villages.dbf", "sample.gpkg", "households.csv",
                        "facilities.geojson", "zone_1plus12.csv", "village_register.xlsx"})
    std::printf("  %-20s %s\n", f, size_text(out / f).c_str());
  return 0;
}

}  // namespace
}  // namespace rz::gen

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr,
                 "usage: rz-gen-sample-county <reference dir> <output dir>\n"
                 "  e.g. rz-gen-sample-county data/reference/jiahe-431024 data/sample-county\n");
    return 2;
  }
  try {
    return rz::gen::run(argv[1], argv[2]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "rz-gen-sample-county: %s\n", e.what());
    return 1;
  }
}
