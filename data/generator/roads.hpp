#pragma once
// The road network: national, provincial, county, township and village roads, split at every
// junction, and one disconnected piece on purpose.
#include "data/generator/model.hpp"

namespace rz::gen {

void make_roads(County& c);

}  // namespace rz::gen
