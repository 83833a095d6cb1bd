#pragma once
// The standards a village is judged by besides its type (seeds 000 and 004):
//
// - 十好, the ten standards (village_values.hpp's kTenGood): each a 0/1 flag or a score; a
//   standard passes when its value is at least its minimum (default 1, which is "passed" for a
//   0/1 field; a score field takes e.g. 60). The village passes when all ten pass; it fails as soon
//   as one known standard fails; with none failing and some missing it is undecided.
// - 六无, six named conditions, each a field and a rule ("== 0", "> 0", "<= 2"): the village
//   passes when every condition holds, fails when one fails, and is undecided otherwise. The
//   defaults (six_none_defaults) are the contract's: no weak Party organisation, petitions,
//   major safety incidents, illegal buildings, criminal cases, and some collective income.
// - The collective economy: income at or above the target (default 3 万元); a village with
//   income 0 is a shell village 空壳村, one without a value is undecided (never assumed 0).
#include <optional>
#include <string>
#include <vector>

#include "analysis/villages/village_values.hpp"

namespace rz::analysis {

struct TenGoodSettings {
  std::array<double, 10> min;  // per standard, in kTenGood order
  double max = 100;            // a value above it is bad input
  TenGoodSettings() { min.fill(1.0); }
};

struct TenGoodResult {
  std::optional<int> passed;         // standards passed; none when the village has no value at all
  std::optional<double> score;       // passed / 10 (a missing standard counts as not passed here)
  std::optional<bool> pass;          // all ten pass; none when undecided
  std::vector<std::string> failed;   // Chinese names of the standards failed
  std::vector<std::string> missing;  // fields without a value
};

TenGoodResult ten_good(const VillageValues& v, const TenGoodSettings& s);

enum class Comparison { eq, ne, lt, le, gt, ge };

struct Condition {
  std::string name;   // 无软弱涣散党组织
  std::string field;  // weak_organization
  Comparison op = Comparison::eq;
  double value = 0;
  std::string rule() const;  // "== 0"
  bool holds(double x) const;
};

// "== 0", "=0", "!= 1", "< 3", "<= 2", "> 0", ">= 1": UsageError naming `where` otherwise.
Condition parse_condition(std::string name, std::string field, const std::string& rule,
                          const std::string& where);

// The six default conditions (the contract's fields).
std::vector<Condition> six_none_defaults();

struct SixNoneResult {
  std::optional<bool> pass;
  std::vector<std::string> failed;   // names of the conditions that fail
  std::vector<std::string> missing;  // fields without a value
};

// v.six_none holds the values of `conditions`' fields, in their order.
SixNoneResult six_none(const VillageValues& v, const std::vector<Condition>& conditions);

struct CollectiveResult {
  std::optional<bool> target_met;  // income >= target
  std::optional<bool> shell;       // income == 0 (空壳村)
};

CollectiveResult collective_economy(const VillageValues& v, double target);

}  // namespace rz::analysis
