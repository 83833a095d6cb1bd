#pragma once
// The four village types of seed 001, decided by an ordered list of rules (first match wins):
//
//   1. hollow 空心型  resident ÷ registered < hollow_resident_ratio (0.6)
//                     or migrant share >= hollow_migrant_share (0.3)
//   2. hub 枢纽型     resident ÷ registered >= hub_resident_ratio (1.0)
//                     and enterprises per 1,000 residents >= hub_enterprises_per_1000 (3)
//   3. tidal 潮汐型   commuter share >= tidal_commuter_share (0.2)
//   4. basic 基本型   none of the above
//
// where resident ÷ registered = resident_population / population, the migrant share =
// migrant_workers / population (the registered population: registers have no labour-force
// count, and out-migrants are registered here), the commuter share = out_commuters /
// resident_population (commuters live here), and enterprises per 1,000 residents =
// 1000 × enterprises / resident_population.
//
// Missing values: a comparison with a value that cannot be computed (a field missing, or a
// denominator of 0) is undecided; an "or" holds when one part holds, an "and" fails when one part
// fails (three-valued logic). A rule that holds decides; one that fails passes to the next; an
// undecided one makes the village "unknown", naming the fields it lacks, because a later rule may
// only decide once the earlier ones are known to fail. So a village with resident ÷ registered 0.5
// is hollow without its migrant count, and one without out_commuters is hollow or hub when those
// rules hold, and unknown otherwise (never basic by default).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/common/village_types.hpp"
#include "analysis/villages/village_values.hpp"

namespace rz::analysis {

struct TypologySettings {
  double hollow_resident_ratio = 0.6;
  double hollow_migrant_share = 0.3;
  double hub_resident_ratio = 1.0;
  double hub_enterprises_per_1000 = 3.0;
  double tidal_commuter_share = 0.2;
};

struct TypeDecision {
  VillageType type = VillageType::unknown;
  std::string rule;  // "hollow: resident/registered 0.52 < 0.6", with the values compared
  std::vector<std::string> missing;  // the fields the undecided rules lack ("population (0)")
  std::optional<double> resident_ratio, migrant_share, commuter_share, enterprises_per_1000;
};

TypeDecision village_type(const VillageValues& v, const TypologySettings& s);

}  // namespace rz::analysis
