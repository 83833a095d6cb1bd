#pragma once
// What the village assessment reads of one village: its place and the numbers it judges. Every
// number is optional: a field the layer lacks and a field the village leaves empty are the same
// to the assessment ("missing"), and a rule that needs it says so instead of guessing.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rz::analysis {

// The ten standards 十好 (seed 000), in the order the seed lists them: the villages layer's
// canonical field and the Chinese name the messages and layers use.
struct TenGoodStandard {
  std::string_view field, name;
};
inline constexpr std::array<TenGoodStandard, 10> kTenGood = {{
    {"good_leadership", "领导班子"},
    {"good_members", "党员队伍"},
    {"good_mechanism", "工作机制"},
    {"good_venue", "活动阵地"},
    {"good_appearance", "村容村貌"},
    {"good_guarantee", "基本保障"},
    {"good_industry", "产业发展"},
    {"good_customs", "乡风文明"},
    {"good_talent", "人才培养"},
    {"good_evaluation", "群众评价"},
}};

struct VillageValues {
  std::string code, name, township_code, township_name;
  std::optional<double> population;           // 户籍人口, registered
  std::optional<double> resident_population;  // 常住人口
  std::optional<double> households, party_members;
  std::optional<double> migrant_workers;  // 外出务工
  std::optional<double> out_commuters;    // 外出通勤: residents working in other villages
  std::optional<double> enterprises;
  std::optional<double> collective_income;    // 万元
  std::optional<double> demonstration_point;  // 示范点 0/1
  std::array<std::optional<double>, 10> ten_good;
  std::vector<std::optional<double>> six_none;  // one per configured condition, in its order
};

}  // namespace rz::analysis
