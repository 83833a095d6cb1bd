#pragma once
// The four village types of seed 001 (hub 枢纽型, tidal 潮汐型, basic 基本型, hollow 空心型), as
// the village assessment writes them in village_assessment.type and the zone analyses read them
// back: one vocabulary for the analyses that write and read the store's type column.
#include <array>
#include <optional>
#include <string_view>

namespace rz::analysis {

enum class VillageType { hub, tidal, basic, hollow, unknown };

// The known types, in the order of their indexes (unknown not among them).
inline constexpr std::array<VillageType, 4> kVillageTypes = {
    VillageType::hub, VillageType::tidal, VillageType::basic, VillageType::hollow};

std::string_view to_string(VillageType type);     // hub, tidal, basic, hollow, unknown
std::string_view chinese_name(VillageType type);  // 枢纽型, 潮汐型, 基本型, 空心型, 未知
// The type a store value names ("hub", ...); nullopt for "unknown", "" or anything else.
std::optional<VillageType> village_type_named(std::string_view name);

}  // namespace rz::analysis
