#pragma once
// What siting serves: the demand points and what each weighs. By default the households, each
// weighing 1 (siting counts households); `weight` names a numeric field of the demand layer
// (persons, or a demand layer's weight) to weigh each point by instead. A demand layer (import
// kind `demand`: tract or village centroids, any points with an optional weight and name) may
// replace the households; its points weigh their `weight` field when it has one.
#include <optional>
#include <string>
#include <vector>

#include "analysis/common/inputs.hpp"
#include "analysis/common/packed_texts.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

struct DemandPoints {
  std::string layer;        // the store layer read
  std::string weight_name;  // "households" (each weighs 1) or the weight field
  Households points;        // fid, x, y and village (by village_code) of each point
  std::vector<double> weight;
  PackedTexts id;            // the `id` field, or the fid as text where there is none
  int64_t null_weights = 0;  // points whose weight field is empty: weigh 0
  double total_weight() const;
};

// DataError when `weight_field` is not a numeric field of the layer (naming the numeric fields
// it has) or some point's weight is negative or not finite (naming the first few by fid and id).
DemandPoints read_demand_points(geo::Store& store, const std::string& layer,
                                const std::vector<Village>& villages,
                                const std::optional<std::string>& weight_field, int threads);

}  // namespace rz::analysis
