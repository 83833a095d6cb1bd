#pragma once
// Imports one source layer into the project store: field mapping, encoding, CRS, web-map offsets,
// code checks, geometry checks, linking to villages/townships by code or location. All in one
// transaction: on any error the store is left exactly as it was.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/store.hpp"
#include "geo/web_coords.hpp"
#include "import/layer_kind.hpp"

namespace rz::import {

struct ImportOptions {
  LayerKind kind = LayerKind::villages;
  std::string source;
  std::optional<std::string> source_layer;
  std::string layer_name;               // store table; default: the kind's name
  std::optional<std::string> encoding;  // overrides .cpg / detection
  std::optional<std::string> crs;       // overrides the file's CRS
  geo::WebCoords coords = geo::WebCoords::wgs84;
  bool repair = false;
  // Leave out the features that fail a check (listed in rz_problems) instead of failing.
  bool skip_invalid = false;
  // Columns holding longitude/latitude (or projected X/Y) in a table without geometry; by
  // default found by name (经度/纬度, lon/lat, x/y, ...). Also settable as field overrides x, y.
  std::optional<std::string> x_field, y_field;
  std::map<std::string, std::string> field_overrides;  // canonical -> source field
  std::optional<std::string> project_crs;              // used when the store has no CRS yet
  std::function<void(double)> progress;                // fraction done, 0..1
};

struct ImportReport {
  std::string layer;
  std::string kind;
  std::string source;
  std::string driver;
  int64_t features = 0;
  std::vector<std::pair<std::string, std::string>> mapping;  // canonical -> source ("" = none)
  std::vector<std::string> kept_fields;
  std::string encoding;
  std::string source_crs;
  int project_srid = 0;
  std::vector<std::string> warnings;  // printed even with --quiet, and stored as problems
  std::vector<std::string> notes;     // what the import derived, for the report only
  int64_t repaired = 0;
  int64_t skipped = 0;  // features left out by --skip-invalid
};

ImportReport import_layer(geo::Store& store, const ImportOptions& options);

}  // namespace rz::import
