#pragma once
// A layer table's geometry column registered with SpatiaLite's metadata in plain SQL: the rows,
// triggers and R-tree table that SpatiaLite's RecoverGeometryColumn + CreateSpatialIndex make,
// without their SQL functions, each of which rescans the store's schema (bench/README.md has the
// figures). What SpatiaLite itself would write is the
// specification: tests/geo/test_spatialite_metadata.cpp compares the two, object by object, so a
// SpatiaLite release that writes its metadata differently fails there, not in QGIS.
//
// The table is named in lower case letters, digits and _ (SpatiaLite keeps table names in lower
// case; layer names are checked by is_valid_layer_name) and has a column `geom` of the kind's
// SpatiaLite type.
#include <optional>
#include <string>
#include <vector>

#include "geo/layer_schema.hpp"
#include "geo/sqlite.hpp"

namespace rz::geo {

// SpatiaLite's type name of a layer's geometry: POINT, MULTILINESTRING, MULTIPOLYGON.
std::string_view spatialite_type(GeometryKind kind);

// SpatiaLite's class code of a layer's geometry (geometry_columns.geometry_type, and the class in
// a stored geometry's header): 1, 5, 6.
int spatialite_class_type(GeometryKind kind);

// Registers `geom` of the new, empty `table` (XY, `srid`) with an empty spatial index, and the
// triggers that check and index rows updated or deleted later.
void register_geometry_column(Database& db, const std::string& table, GeometryKind kind, int srid);
// The three triggers on INSERT (geometry check, time stamp, spatial index): a writer that fills
// a new table and its R-tree in bulk creates them after the last row (LayerWriter::finish).
void create_insert_triggers(Database& db, const std::string& table);
// Removes what register_geometry_column and create_insert_triggers made (as DisableSpatialIndex +
// DiscardGeometryColumn would) and the table itself.
void drop_geometry_table(Database& db, const std::string& table);

// Spatial views (GeometryFrom): the table holding a view layer's rows, the view's
// registration in views_geometry_columns (its rowid the key column, its geometry and spatial
// index those of `from`), and its removal with its rows table.
std::string view_rows_table(const std::string& view);
void register_geometry_view(Database& db, const std::string& view, const std::string& rowid,
                            const std::string& from);
bool view_exists(Database& db, const std::string& view);
// The key column and the layer whose geometry a registered view shows; std::nullopt for a table.
struct ViewGeometrySource {
  std::string key, layer;
};
std::optional<ViewGeometrySource> view_geometry_source(Database& db, const std::string& view);
// A view's reading of values from `table` through a fid (ValuesFrom), noted in rz_view_sources
// so that the view goes when the table does.
void register_view_source(Database& db, const std::string& view, const std::string& table);
// The registered views showing `table`'s geometry or values.
std::vector<std::string> views_on(Database& db, const std::string& table);
void drop_geometry_view(Database& db, const std::string& view);

}  // namespace rz::geo
