#pragma once
// Facilities: service centres and stations, clinics, kindergartens, elderly care, training and
// zone sites, parks and bus stops.
#include "data/generator/model.hpp"

namespace rz::gen {

void make_facilities(County& c);

}  // namespace rz::gen
