#pragma once
// The text of data/sample-county/README.md: what is real and what is not, the files, and the
// defects placed on purpose.
#include <string>

#include "data/generator/model.hpp"
#include "data/generator/summary.hpp"

namespace rz::gen {

std::string readme_text(const County& c, const Summary& s);

}  // namespace rz::gen
