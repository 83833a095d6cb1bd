#pragma once
// What a layer of the store is made of: its geometry kind, its typed fields and their values.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rz::geo {

enum class GeometryKind { point, line, polygon };
std::string_view to_string(GeometryKind kind);
GeometryKind geometry_kind_from_string(std::string_view text);

enum class FieldType { text, integer, real };
std::string_view to_string(FieldType type);

struct FieldDef {
  std::string name;
  FieldType type = FieldType::text;
};

struct LayerSchema {
  std::string name;  // table name
  std::string kind;  // townships, villages, grids, ... or an analysis result kind
  GeometryKind geometry = GeometryKind::polygon;
  std::vector<FieldDef> fields;  // typed columns; anything else lives in the JSON attrs column
};

// A layer of results about another layer's features (one row per household, say) that shows them
// through that layer's own geometry instead of a copy: the layer, and the integer field holding
// the feature's fid. The store keeps the rows in the table <name>_rows and the layer is a spatial
// view <name> joining them to that geometry, registered with SpatiaLite.
// Fields whose values are columns of that layer (the household's id, say) are not kept in the
// rows but read through the view: `columns` maps such a field to the layer's column, and a writer
// passes any value for it (it is not stored).
// Further fields can come the same way from other layers, each through an integer field holding
// a fid of that layer (`values_from`: the village's code and name through a village_fid, say), so
// that the rows hold numbers only.
struct ValuesFrom {
  std::string layer, key;
  std::vector<std::pair<std::string, std::string>> columns;  // field -> column of `layer`
};

struct GeometryFrom {
  std::string layer, key;
  std::vector<std::pair<std::string, std::string>> columns;  // field -> column of `layer`
  std::vector<ValuesFrom> values_from;
};

using Value = std::variant<std::monostate, int64_t, double, std::string>;

struct LayerInfo {
  LayerSchema schema;
  int srid = 0;
  int64_t feature_count = 0;
  std::optional<int64_t> import_id;
};

}  // namespace rz::geo
