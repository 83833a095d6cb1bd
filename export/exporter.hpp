#pragma once
// Export of store layers to the formats planners and GIS specialists open: GeoPackage (default,
// all layers in one file), GeoJSON, Shapefile, CSV (one file per layer) and XLSX (one sheet per
// layer). Chinese text reaches every format byte-identically, or the export fails naming the
// layer, feature and field: nothing is ever silently cut or replaced.
//
// Fields, in every format: the layer's typed columns with their types, then the keys of the
// `attrs` JSON (union over the layer, first-seen order; a key whose values are all JSON integers
// becomes Integer64, all numbers Real, anything else String with non-strings as JSON text). The
// store fid is the feature id in GeoPackage and GeoJSON ("id"); Shapefile, CSV and XLSX have no
// settable feature id, so there it is a leading Integer64 field "fid". A data field whose name
// clashes, ignoring ASCII case, with an earlier one or with a name the format reserves (fid, geom,
// WKT) is renamed `<name>_2`, `_3`, ...
//
// Formats:
//  - gpkg: store CRS, spatial index, UTF-8; layer names as in the store. GDAL creates the file
//    and its layers; a layer whose values go in as stored is then filled in SQL, its R-tree
//    packed (gpkg_copy.hpp), the others feature by feature through GDAL. Both give the same
//    GeoPackage as GDAL reads it (tests/export/test_gpkg_copy.cpp).
//  - geojson: RFC 7946, WGS84 lon/lat (EPSG:4326) reprojected with geo::CrsTransform, 7 decimals.
//  - shp: store CRS; points as Point, lines as (Multi)LineString (arc), polygons as MultiPolygon.
//    Field names shortened to 10 bytes in the output encoding by shapefile_field_names(); when
//    any name changed, `<layer>.fields.csv` (short_name,full_name; UTF-8 with BOM) lists all of
//    them. A text value longer than the .dbf's 254 bytes is cut at a character and ends in
//    "…"; `<layer>.long_values.csv` (fid,field,value) keeps its full text, and a warning says so.
//    Real fields are 24 wide with the decimals the layer's largest value leaves room for.
//  - A layer none of whose features has a geometry (a county or site summary, a register) is
//    written as a table: a GeoPackage `attributes` table, a shapefile's .dbf alone, a CSV or
//    sheet without WKT, GeoJSON features with null geometry. An empty layer keeps its geometry.
//    Encodings (ExportOptions::shapefile_encoding):
//      "UTF-8" (default): .cpg "UTF-8".
//      "GBK" (or CP936/GB2312): bytes in CP936, the .dbf header's language driver 77 (code page
//        936) and .cpg "936", which GDAL/QGIS and ArcGIS all read. A value or field name holding
//        a character GBK lacks (𠮷 U+20BB7, 䶮 U+4DAE, ...) fails the export with a DataError
//        naming the layer, feature, field and character: GDAL would otherwise drop it silently.
//      "GB18030": every character; .cpg "GB18030" (GDAL 3.6 reads it back byte-identically;
//        GBK characters keep their GBK bytes, so GBK-only readers still see those right).
//  - csv: UTF-8 with BOM (Excel), geometry as a leading WKT column in the store CRS (GDAL
//    GEOMETRY=AS_WKT for every layer kind: AS_XY cannot be combined with it, and one layout for
//    all layers is simpler to open in QGIS and Excel).
//  - xlsx: one sheet per layer (names cut to Excel's 31 characters), geometry as a trailing WKT
//    text column in the store CRS (mm precision for projected CRSs). A WKT longer than an Excel
//    cell holds (32,767 characters) is left out and reported in ExportedFile::warnings.
//
// Every output file is written under a temporary name in its destination folder
// (`.<name>.tmp-<pid>.<ext>`, sidecars alike) and renamed into place only after every requested
// layer was written and closed; a failure removes the temporaries, leaves any previous output
// untouched and throws DataError naming the output and layer. An existing file is replaced only
// when it is a previous ruralzone output, recognised by the manifest `.ruralzone-outputs.json`
// of its folder, or with `overwrite` (staging.hpp has the rule); the store itself never is.
// Temporaries that killed exports left in the destination folder are removed first (their pid is
// no live process; staging.hpp), each named through `note`. Files of a previous shapefile or
// CSV export of the same layer that this export does not produce (an old .fields.csv or .cpg,
// a .qix, a .csvt) are removed when the new files go in, so the set never mixes two exports.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export/format.hpp"
#include "export/qgis_export.hpp"
#include "geo/store.hpp"

namespace rz::exporting {

struct ExportOptions {
  Format format = Format::gpkg;
  // gpkg/xlsx: the file holding all layers (its folder must exist). geojson/shp/csv: the folder
  // receiving `<layer><ext>`; created when missing, provided its parent exists.
  std::string output;
  std::vector<std::string> layers;           // empty = all layers in the store
  std::string shapefile_encoding = "UTF-8";  // "UTF-8", "GBK" or "GB18030"
  // Replace existing files that are not previous ruralzone outputs (ogr2ogr's -overwrite).
  bool overwrite = false;
  // GeoPackage: every feature through GDAL, as the other formats are, instead of copying layers
  // in SQL (gpkg_copy.hpp). For tests that compare the two, and the benchmark.
  bool feature_by_feature = false;
  // GeoPackage: the layers' presentation (qgis_export.hpp). With any, each layer's style goes
  // into the GeoPackage's layer_styles as its default; with qgis_project also the QGIS project
  // `<stem>.qgz` beside the GeoPackage.
  QgisExport qgis;
  bool qgis_project = false;
  // Told what the export did besides writing its files (stale temporaries it removed).
  std::function<void(const std::string&)> note;
};

struct ExportedFile {
  std::string layer;
  std::string path;
  int64_t features = 0;
  std::vector<std::string> warnings;  // losses the format forced (see xlsx above), for the user
};

// Throws UsageError for an unknown layer (listing the store's layers) or shapefile encoding, and
// DataError when the data cannot be written faithfully or GDAL fails.
std::vector<ExportedFile> export_layers(geo::Store& store, const ExportOptions& options);

}  // namespace rz::exporting
