#pragma once
// One village's assessment (type, 十好, 六无, collective economy) and the summary of a township or
// county: demonstration points against the required ratio, 十好 + 六无 coverage, the count of each
// type, and the villages closest to passing that are not yet points.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/villages/standards.hpp"
#include "analysis/villages/typology.hpp"
#include "analysis/villages/village_values.hpp"

namespace rz::analysis {

struct AssessmentSettings {
  TypologySettings typology;
  TenGoodSettings ten_good;
  std::vector<Condition> six_none = six_none_defaults();
  double collective_target = 3.0;   // 万元
  double resident_ratio_max = 3.0;  // resident above this × registered is bad input
  double required_ratio = 0.3;      // demonstration points ÷ villages, per township
  std::map<std::string, double> township_required_ratio;  // by 9-digit code
  int64_t candidates = 3;  // per township, the best villages for new points
};

struct VillageAssessment {
  TypeDecision type;
  TenGoodResult ten_good;
  SixNoneResult six_none;
  CollectiveResult collective;
  std::optional<bool> demonstration_point;
  std::vector<std::string> missing;  // every field some part lacked, once, in the parts' order
  // 十好 standards and 六无 conditions not known to pass (failed or missing): how far the
  // village is from passing both, for choosing new points.
  int shortfall = 0;
};

VillageAssessment assess_village(const VillageValues& v, const AssessmentSettings& s);

// What is wrong with a village's values, one text per problem ("households 600 above population
// 500"); empty when nothing is. Negative counts, 0/1 flags that are neither, a 十好 value outside
// 0..ten_good.max, households, Party members or migrant workers above the registered population,
// commuters above the residents, residents above resident_ratio_max × registered, negative
// collective income.
std::vector<std::string> value_problems(const VillageValues& v, const AssessmentSettings& s);

struct AreaAssessment {
  std::string code, name;
  int64_t villages = 0;
  int64_t points = 0;          // villages known to be demonstration points
  int64_t points_unknown = 0;  // villages without the flag
  double required_ratio = 0;
  int64_t required_points = 0;           // ceil(required_ratio × villages)
  std::optional<bool> ratio_met;         // undecided only when the unknown flags could make it
  std::optional<int64_t> points_needed;  // more points to reach the ratio (0 when met)
  int64_t ten_good_pass = 0, six_none_pass = 0, both_pass = 0;
  int64_t both_fail = 0;              // villages known to fail 十好 or 六无
  std::optional<bool> full_coverage;  // every village passes both (十好、六无全覆盖)
  std::array<int64_t, 5> types{};     // by VillageType
  int64_t shell_villages = 0, target_met = 0;
  std::vector<size_t> candidates;  // village indices, best first
  double ratio() const {
    return villages > 0 ? static_cast<double>(points) / static_cast<double>(villages) : 0;
  }
};

// The summaries of `villages` per township (code and name the villages'), or per county (its
// 6-digit code, no name), in code order.
std::vector<AreaAssessment> assess_areas(const std::vector<VillageValues>& villages,
                                         const std::vector<VillageAssessment>& assessed,
                                         const AssessmentSettings& s, bool by_township);

}  // namespace rz::analysis
