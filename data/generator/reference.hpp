#pragma once
// Reading the real frame (data/reference/jiahe-431024): the townships, the village-level units and
// the county outline with its seat, projected to EPSG:4546.
#include <filesystem>

#include "data/generator/model.hpp"
#include "data/generator/projection.hpp"

namespace rz::gen {

void read_reference(const std::filesystem::path& ref, County& county, const Projection& proj);

}  // namespace rz::gen
