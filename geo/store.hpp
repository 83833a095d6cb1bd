#pragma once
// The project store: one SpatiaLite file per planning project. Every layer is a table with a
// geometry column and a SpatiaLite spatial index; rz_layers describes the layers, rz_imports
// records where each came from, rz_problems what was found wrong. Import writes it, analyses read
// and write it, export reads it: no module talks to another except through here.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/inner_points.hpp"
#include "geo/layer_schema.hpp"
#include "geo/point_columns.hpp"
#include "geo/rtree_bulk_load.hpp"
#include "geo/sqlite.hpp"

namespace rz::geo {

struct ImportRecord {
  std::string layer;
  std::string kind;
  std::string source_path;
  std::string source_sha256;
  std::string source_crs;
  std::string encoding;
  std::string coords;
  nlohmann::json field_mapping;
  int64_t feature_count = 0;
};

struct Problem {
  std::string layer;
  std::optional<int64_t> feature_id;  // the source feature id, when the problem has one
  std::string severity;               // "warning" or "repaired"
  std::string message;
};

struct Envelope {
  double minx, miny, maxx, maxy;
};

// One feature as read back from the store. `wkb` is ISO WKB in the store's CRS.
struct FeatureRow {
  int64_t fid = 0;
  std::vector<Value> values;  // in schema field order
  std::string attrs;          // JSON object of the fields kept as they came
  std::span<const unsigned char> wkb;
  // The geometry as the store keeps it (a SpatiaLite blob), from read_stored, for copying into a
  // result layer as it is (LayerWriter::add_stored).
  std::span<const unsigned char> stored_geometry;
};

class Store;

// Streams features into a new layer table. Create inside a Transaction; call finish() before
// committing. SpatiaLite's per-row INSERT triggers (geometry constraint check, spatial index
// update, last-insert time) are created by finish(), after the rows, which writes the spatial
// index as one packed R-tree (rtree_bulk_load.hpp): per-row index updates cost more than all the
// rest of an import. The geometry's kind and SRID are the writer's
// responsibility meanwhile, which is why only this class writes layer tables.
class LayerWriter {
 public:
  LayerWriter(Store& store, LayerSchema schema, std::optional<int64_t> import_id);
  // A layer whose geometry is another layer's (a spatial view, GeometryFrom).
  LayerWriter(Store& store, LayerSchema schema, GeometryFrom geometry_from);
  // `values` in schema field order; `wkb` of the layer's kind (Multi* for lines and polygons) in
  // the store CRS, with its envelope.
  // An imported polygon layer keeps `inner_point` (inner_points.hpp); a row of it without one
  // leaves the layer without inner points.
  void add(int64_t source_fid, std::span<const Value> values, std::string_view attrs_json,
           std::span<const unsigned char> wkb, const Envelope& envelope,
           std::optional<std::pair<double, double>> inner_point = std::nullopt);
  void add_point(int64_t source_fid, std::span<const Value> values, std::string_view attrs_json,
                 double x, double y);
  // A geometry as read_stored gives it, copied as it is: of the layer's kind and SRID (DataError
  // otherwise). Writes no SpatiaLite call, unlike add and add_point.
  void add_stored(int64_t source_fid, std::span<const Value> values, std::string_view attrs_json,
                  std::span<const unsigned char> stored_geometry);
  // A row of a layer whose geometry is another layer's (GeometryFrom): its key field gives the
  // feature. add_point on such a layer is add_row (the point is that feature's).
  void add_row(int64_t source_fid, std::span<const Value> values, std::string_view attrs_json);
  // A row with no geometry (tables such as zone membership lists).
  void add_without_geometry(int64_t source_fid, std::span<const Value> values,
                            std::string_view attrs_json);
  int64_t finish();

 private:
  void bind_common(Statement& insert, int64_t source_fid, std::span<const Value> values,
                   std::string_view attrs);
  void forget_point_columns();
  void forget_inner_points();
  Store& store_;
  LayerSchema schema_;
  std::optional<int64_t> import_id_;
  std::optional<GeometryFrom> view_;
  std::vector<bool> kept_;  // a view's fields kept in its rows (others come from the key layer)
  Statement& converting_insert();  // geometry as WKB or x, y, through SpatiaLite
  Statement& stored_insert();      // geometry bound as stored, or NULL
  int srid_ = 0;
  std::optional<Statement> converting_insert_, stored_insert_;
  std::vector<RTreeEntry> index_entries_;
  std::optional<PointColumnsWriter> point_columns_;  // imported point layers only
  std::optional<InnerPointsWriter> inner_points_;    // imported polygon layers only
  int64_t count_ = 0;
};

class Store {
 public:
  // Opens an existing store, or creates a new one when `create` is true, with SpatiaLite. Only a
  // ruralzone store (one with its rz_project table) is ever opened; with `create` also an absent
  // or empty file (0 bytes, or an SQLite database without a table), which becomes one. Anything
  // else (a GeoPackage, any other SQLite database, a file that is not SQLite) is a DataError
  // naming the file and what it is, and the file is left byte-identical.
  static Store open(const std::string& path, bool create);
  // Another connection to an existing store, for bulk reads on a second thread: a small page
  // cache (a sequential scan gains nothing from a big one), no schema changes, and no SpatiaLite
  // (plain table reads only: PointScan, read_features' WKB comes from AsBinary and needs it).
  static Store open_reader(const std::string& path);
  Database& db() { return *db_; }
  const std::string& path() const { return path_; }

  // The project CRS as an EPSG code; 0 until the first import fixes it.
  int srid();
  void set_srid(int srid);
  // The project CRS's name as the store's spatial_ref_sys records it ("" before the first import).
  std::string crs_name();

  std::vector<LayerInfo> layers();
  std::optional<LayerInfo> layer(const std::string& name);
  // For a layer shown through another layer's geometry (GeometryFrom): its key field and that
  // layer; std::nullopt for a layer with its own geometry.
  std::optional<std::pair<std::string, std::string>> geometry_source(const std::string& name);
  // Removes a layer's table, index and metadata (inside the caller's transaction).
  void drop_layer(const std::string& name);

  int64_t record_import(const ImportRecord& record);
  void add_problems(int64_t import_id, std::span<const Problem> problems);
  std::vector<Problem> problems(const std::optional<std::string>& layer = std::nullopt);
  nlohmann::json imports();

  // Bulk reads, in fid order.
  void read_features(const std::string& layer, const std::function<void(const FeatureRow&)>& fn);
  // The same without the geometry (`wkb` empty).
  void read_attributes(const std::string& layer, const std::function<void(const FeatureRow&)>& fn);
  // The first `limit` rows of that, in fid order; the rest are not read.
  void read_attributes(const std::string& layer, int64_t limit,
                       const std::function<void(const FeatureRow&)>& fn);
  // The same with the geometry as stored (`stored_geometry`, not `wkb`).
  void read_stored(const std::string& layer, const std::function<void(const FeatureRow&)>& fn);
  // The inner points of an imported polygon layer by fid (inner_points.hpp); std::nullopt when
  // the layer keeps none, or they may be stale.
  std::optional<std::unordered_map<int64_t, std::pair<double, double>>> inner_points(
      const std::string& layer);
  // Points only; with columns, or a range of fids, through a PointScan (point_scan.hpp).
  void read_points(const std::string& layer,
                   const std::function<void(int64_t fid, double x, double y)>& fn);
  // Smallest and largest fid of a layer (0, -1 when empty).
  std::pair<int64_t, int64_t> fid_range(const std::string& layer);
  // Extent (minx, miny, maxx, maxy) of a layer, from the spatial index metadata.
  std::optional<std::array<double, 4>> extent(const std::string& layer);

 private:
  Store(const std::string& path, bool create, bool spatialite);
  void ensure_schema();
  enum class Geometry { none, wkb, stored };
  void read_rows(const std::string& layer, Geometry geometry,
                 const std::function<void(const FeatureRow&)>& fn,
                 std::optional<int64_t> limit = std::nullopt);
  std::string path_;
  std::unique_ptr<Database> db_;
};

// UsageError when the store `store` would overwrite the import source `input`: the same file
// (after symlinks and hard links), a part (.dbf, .shx, .prj, .cpg, ...) of the same shapefile,
// or a file inside an input that is a folder (a FileGDB .gdb). Sources that are no file (GDAL
// connection strings, /vsi paths) pass.
void check_store_apart_from_input(const std::string& store, const std::string& input);

// SQL identifier quoting: "name" with embedded quotes doubled.
std::string quote_identifier(std::string_view name);
// Checks a layer name is safe to use as a table name (letters, digits, underscore).
bool is_valid_layer_name(std::string_view name);

}  // namespace rz::geo
