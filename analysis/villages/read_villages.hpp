#pragma once
// Reading what the village assessment judges from the villages layer: the canonical fields as
// numbers, and each 六无 condition's field, from its column or, for a field import kept as it
// came, from the layer's attrs. Text that is not a number is bad input (DataError naming the
// village code and field).
#include <string>
#include <vector>

#include "analysis/villages/standards.hpp"
#include "analysis/villages/village_values.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

struct VillageRows {
  std::vector<VillageValues> values;
  std::vector<std::vector<unsigned char>> geometry;  // as stored, for the result layer
  std::vector<std::string> absent_fields;  // fields needed that no village has a value for
};

VillageRows read_village_values(geo::Store& store, const geo::LayerInfo& info,
                                const std::vector<Condition>& six_none);

}  // namespace rz::analysis
