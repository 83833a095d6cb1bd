#include "analysis/common/village_types.hpp"

namespace rz::analysis {

std::string_view to_string(VillageType type) {
  switch (type) {
    case VillageType::hub:
      return "hub";
    case VillageType::tidal:
      return "tidal";
    case VillageType::basic:
      return "basic";
    case VillageType::hollow:
      return "hollow";
    case VillageType::unknown:
      break;
  }
  return "unknown";
}

std::string_view chinese_name(VillageType type) {
  switch (type) {
    case VillageType::hub:
      return "枢纽型";
    case VillageType::tidal:
      return "潮汐型";
    case VillageType::basic:
      return "基本型";
    case VillageType::hollow:
      return "空心型";
    case VillageType::unknown:
      break;
  }
  return "未知";
}

std::optional<VillageType> village_type_named(std::string_view name) {
  for (VillageType t : kVillageTypes)
    if (name == to_string(t)) return t;
  return std::nullopt;
}

}  // namespace rz::analysis
