#pragma once
// Printable maps without QGIS: one map per analysis that has run, its layers styled as declared
// (geo/presentation.hpp) over the villages and townships, with a title, legend, scale bar, north
// arrow, an inset of the whole area and Chinese labels placed so that they do not collide.
// Drawn with cairo and pango (geo/canvas.hpp): PNG at a DPI, or true vector PDF and SVG.
#include <string>
#include <vector>

#include "export/qgis_export.hpp"
#include "geo/canvas.hpp"
#include "geo/store.hpp"

namespace rz::exporting {

struct MapOptions {
  geo::CanvasFormat format = geo::CanvasFormat::png;
  std::string paper = "A3";  // A3 or A4, landscape
  double dpi = 150;
  std::string folder;  // receives map-<analysis group>.<ext>; must exist
  // Point layers with more features than this are left out of the map (the legend says so).
  int64_t max_points = 300000;
  bool overwrite = false;  // replace files that are not previous ruralzone outputs
};

struct RenderedMap {
  std::string path;
  std::string title;
  std::vector<std::string> notes;  // layers left out, and why
};

// Throws UsageError for an unknown paper, DataError when the CJK font is missing (naming the
// Debian package) or a file cannot be written. Files go in under a temporary name first.
std::vector<RenderedMap> render_maps(geo::Store& store, const QgisExport& presentations,
                                     const MapOptions& options);

}  // namespace rz::exporting
