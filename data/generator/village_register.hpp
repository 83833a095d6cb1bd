#pragma once
// The village register (村级台账) the organisation department keeps beside the map: out-commuters,
// demonstration points, the video-supervision platform and the 六无 counts of every village, drawn
// after the types and attributes they follow from, from a stream of their own (the other files
// stay byte-identical). Written as village_register.xlsx, keyed by 村代码, without geometry.
#include <string>

#include "data/generator/model.hpp"

namespace rz::gen {

void make_register(County& c);
// The register's defects placed on purpose, as Markdown list items.
std::string register_defects_text(const County& c);

}  // namespace rz::gen
