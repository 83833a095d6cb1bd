#pragma once
// What every analysis job does when it writes its results: field lists, one result layer at a
// time (no import id), and the household id (户编号) of the households it lists.
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "geo/geos.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

std::vector<geo::FieldDef> fields(
    std::initializer_list<std::pair<const char*, geo::FieldType>> list);

// The envelope of a WKB geometry, as LayerWriter::add wants it with the geometry.
geo::Envelope envelope_of(const geo::GeosContext& ctx, std::span<const unsigned char> wkb);

// A computed number as a field value: null for +inf (unreachable, no route) and NaN.
geo::Value finite_value(double number);

// A line through `vertices` as ISO WKB MultiLineString (the store keeps lines as Multi*).
std::vector<unsigned char> multiline_wkb(const std::vector<std::pair<double, double>>& vertices);

// Creates `schema`'s layer, lets fill(writer) add the rows, finishes it and records its name.
template <typename Fill>
void write_result_layer(geo::Store& store, const geo::LayerSchema& schema, Fill&& fill,
                        std::vector<std::string>& written) {
  geo::LayerWriter writer(store, schema, std::nullopt);
  fill(writer);
  writer.finish();
  written.push_back(schema.name);
}

// The same for a layer shown through another layer's geometry (geo::GeometryFrom).
template <typename Fill>
void write_result_layer(geo::Store& store, const geo::LayerSchema& schema,
                        const geo::GeometryFrom& geometry_from, Fill&& fill,
                        std::vector<std::string>& written) {
  geo::LayerWriter writer(store, schema, geometry_from);
  fill(writer);
  writer.finish();
  written.push_back(schema.name);
}

// The `id` column of a household layer by store fid (empty when the row or the id is missing).
class HouseholdIds {
 public:
  HouseholdIds(geo::Store& store, const std::string& layer);
  geo::Value operator()(int64_t fid);

 private:
  geo::Statement select_;
};

}  // namespace rz::analysis
