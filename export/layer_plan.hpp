#pragma once
// The first pass over a layer, before any file exists: which fields the output gets, with which
// types and names, and whether every value fits the format. A value the format cannot hold fails
// the export here rather than half-way through writing.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "export/format.hpp"
#include "export/text_encoding.hpp"
#include "geo/gdal_dataset.hpp"
#include "geo/store.hpp"

namespace rz::exporting {

enum class Source { fid, column, attr };

struct OutField {
  std::string name;      // the full name (after clash renaming)
  std::string out_name;  // as created (shapefile: at most 10 bytes)
  OGRFieldType type = OFTString;
  Source source = Source::attr;
  size_t column = 0;      // Source::column: index into the schema and FeatureRow::values
  size_t text_bytes = 0;  // longest text value, in the output encoding (shapefile widths)
  double max_abs = 0;     // largest magnitude of a real value (shapefile precision)
};

struct LayerPlan {
  geo::LayerInfo info;
  std::vector<OutField> fields;
  std::unordered_map<std::string, size_t> attr_field;  // attrs key -> index into fields
  bool renamed = false;                                // shapefile: some name was shortened
  // No feature has a geometry (a summary table): written without a geometry column, as a
  // GeoPackage attributes table, a shapefile's .dbf alone, a CSV without WKT.
  bool table = false;
  // Some text attrs field holds numbers, booleans or JSON, written as their JSON text.
  bool text_attrs_hold_non_strings = false;
};

struct FormatTraits {
  bool settable_fid = false;  // the driver keeps our feature ids
  std::vector<std::string> reserved;
};

FormatTraits traits(Format format);

LayerPlan plan_layer(geo::Store& store, const geo::LayerInfo& info, Format format,
                     DbfEncoding dbf_encoding);

// Whether some feature of `layer` has a geometry: the first row with one ends the scan, so only
// tables (small) are read through.
bool any_geometry(geo::Store& store, const std::string& layer);

// A stored value as text, the way every text output writes it.
std::string value_text(const geo::Value& v);
// A JSON attribute as text: strings as they are, anything else as JSON.
std::string json_text(const nlohmann::ordered_json& j);
// The stored `attrs` of a feature; throws DataError when they are not a JSON object.
nlohmann::ordered_json parse_attrs(const std::string& text, const std::string& layer, int64_t fid);

}  // namespace rz::exporting
