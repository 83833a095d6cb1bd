#pragma once
// Villages: Voronoi cells of seeds inside each township, the seat village and the town communities
// placed near the township seat.
#include "data/generator/model.hpp"

namespace rz::gen {

void make_villages(County& c);

}  // namespace rz::gen
