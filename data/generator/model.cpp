// The names of the village types and road grades, as the output files spell them.
#include "data/generator/model.hpp"

namespace rz::gen {

const char* type_name(VType t) {
  switch (t) {
    case VType::hub:
      return "枢纽型";
    case VType::tidal:
      return "潮汐型";
    case VType::basic:
      return "基本型";
    case VType::hollow:
      return "空心型";
  }
  return "";
}

const char* grade_name(Grade g) {
  switch (g) {
    case Grade::national:
      return "国道";
    case Grade::provincial:
      return "省道";
    case Grade::county:
      return "县道";
    case Grade::township:
      return "乡道";
    case Grade::village:
      return "村道";
  }
  return "";
}

}  // namespace rz::gen
