#pragma once
// Reading an analysis's inputs from the store: the checks every analysis makes on its layers,
// typed access to feature columns, and the bulk reads of villages and households.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/common/inputs.hpp"
#include "analysis/common/road_network.hpp"
#include "analysis/reach/reach.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

std::string text_of(const geo::Value& v);
std::optional<int64_t> int_of(const geo::Value& v);
// An integer or real value as a double (nullopt for text or null).
std::optional<double> real_of(const geo::Value& v);

// Column positions of a layer's schema, by name (-1 when absent).
struct Columns {
  explicit Columns(const geo::LayerInfo& info) : info_(info) {}
  int operator[](std::string_view name) const;
  const geo::LayerInfo& info_;
};
// The value at `col` of a row, or an empty value when the column is absent (-1).
const geo::Value& at(const geo::FeatureRow& row, int col);

// The layer's description; DataError when it is missing, empty or not in the project's CRS.
geo::LayerInfo require_layer(geo::Store& store, const std::string& name, const char* kind,
                             int srid);

std::vector<Village> read_villages(geo::Store& store, const geo::LayerInfo& villages);
// The same in two steps: codes, names and townships first, which needs no SpatiaLite and so can
// be read while it loads (geo/spatialite_library.hpp), then the shapes (each village's `wkb`).
std::vector<Village> read_village_names(geo::Store& store, const geo::LayerInfo& villages);
void read_village_shapes(geo::Store& store, const geo::LayerInfo& info,
                         std::vector<Village>& villages);
// Codes, names and townships with each village's geometry as stored (`stored_geometry`), for
// result layers that copy it (LayerWriter::add_stored): no SpatiaLite.
std::vector<Village> read_village_stored(geo::Store& store, const geo::LayerInfo& villages);
// Each village's seat (village_seats) as import kept it (geo/inner_points.hpp), in the order of
// `villages`; std::nullopt when the store keeps none for some village.
std::optional<std::vector<geo::Point2>> read_village_seats(geo::Store& store,
                                                           const geo::LayerInfo& info,
                                                           const std::vector<Village>& villages);

// Reads the households in `threads` fid ranges, each on its own connection and thread: reading
// the store is part of every analysis, and SQLite decodes one row at a time per connection.
// Persons are read only `with_persons` (Households::persons is empty otherwise): only grid
// coverage counts them, and reading them is a sizeable part of the read.
Households read_households(geo::Store& store, const std::string& layer,
                           const std::vector<Village>& villages, int threads, bool with_persons);

// Each township's polygon as stored, by township code, for the township summaries that carry it
// (LayerWriter::add_stored); empty when the store has no such layer in the project's CRS.
std::map<std::string, std::vector<unsigned char>> read_township_shapes(geo::Store& store,
                                                                       const std::string& layer);

// The roads layer as lines with their speed, cost / reverse_cost and one-way fields.
std::vector<RoadInput> read_roads(geo::Store& store, const geo::LayerInfo& roads_layer);
// Facilities as points with name and category; with `capacities`, also each one's capacity
// (households it can serve; none where the layer has no value or no such field).
std::vector<Facility> read_facilities(geo::Store& store, const geo::LayerInfo& facilities_layer,
                                      std::vector<std::optional<double>>* capacities = nullptr);

}  // namespace rz::analysis
