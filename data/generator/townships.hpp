#pragma once
// Townships: power-diagram cells of 10 seeds clipped to the outline, the weights grown until the
// areas roughly follow the number of villages.
#include "data/generator/model.hpp"

namespace rz::gen {

void make_townships(County& c);

}  // namespace rz::gen
