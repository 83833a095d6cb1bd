#pragma once
// The generator's fixed inputs: the seed, the 1 cm grid and the fixed dates (so that every run
// writes byte-identical files), and the names several parts share.
#include <array>
#include <cstdint>

namespace rz::gen {

constexpr std::uint64_t kSeed = 431024'2026'0101ULL;
constexpr double kGrid = 0.01;            // all coordinates on a 1 cm grid (EPSG:4546 metres)
constexpr int kTargetHouseholds = 40000;  // about this many households in the county
constexpr const char* kFixedDate = "2026-01-01";
constexpr const char* kFixedDateTime = "2026-01-01T00:00:00Z";
constexpr const char* kZoneName = "嘉禾县党建引领乡村振兴示范区";
constexpr double kPi = 3.141592653589793238462643383279502884;

// The ten standards (十好), in the order of the seeds: leadership team, Party member team, working
// mechanism, activity venue, village appearance, basic guarantees, industrial development, rural
// customs, talent cultivation, masses' evaluation.
constexpr std::array<const char*, 10> kTenGoods = {"领导班子", "党员队伍", "工作机制", "活动阵地",
                                                   "村容村貌", "基本保障", "产业发展", "乡风文明",
                                                   "人才培养", "群众评价"};

}  // namespace rz::gen
