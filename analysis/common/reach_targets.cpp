#include "analysis/common/reach_targets.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "import/classify.hpp"

namespace rz::analysis {

std::vector<ReachTarget> default_reach_targets() {
  return {{"party_service_center", 2000}, {"village_service_station", 2000}};
}

Setting reach_targets_setting() {
  Setting s;
  s.key = "target";
  s.type = SettingType::records;
  s.short_name = "t";
  s.value_name = "CATEGORY=RADIUS_M";
  s.help =
      "A facility category and the radius within which it reaches a household, e.g. "
      "party_service_center=2000 (repeatable; replaces the project file's [[reach.target]] "
      "entries)";
  s.fields = {text_setting("category", "", "Facility category, e.g. party_service_center"),
              number_setting("radius_m", ReachTarget{}.radius_m, "m", "Radius")};
  std::vector<Record> defaults;
  for (const auto& t : default_reach_targets())
    defaults.push_back({"", {{"category", t.category}, {"radius_m", t.radius_m}}});
  s.default_value = std::move(defaults);
  return s;
}

void check_category(const std::string& category, const std::string& where) {
  std::vector<std::string> known;
  for (const auto& c : import::facility_categories()) known.emplace_back(c.key);
  if (std::find(known.begin(), known.end(), category) == known.end())
    throw UsageError(fmt::format(fmt::runtime(tr("{}: unknown facility category {} (known: {})")),
                                 where, in_quotes(category), fmt::join(known, ", ")));
}

std::vector<ReachTarget> reach_targets(const SettingValues& values) {
  std::vector<ReachTarget> targets;
  int index = 0;
  for (const auto& record : values.records("target")) {
    ++index;
    const std::string where = fmt::format("{} #{}", values.source("target"), index);
    ReachTarget t;
    auto category = record.fields.find("category");
    if (category == record.fields.end())
      throw UsageError(
          fmt::format(fmt::runtime(tr("{}: {} is missing")), where, in_quotes("category")));
    t.category = std::get<std::string>(category->second);
    if (auto radius = record.fields.find("radius_m"); radius != record.fields.end())
      t.radius_m = std::holds_alternative<int64_t>(radius->second)
                       ? static_cast<double>(std::get<int64_t>(radius->second))
                       : std::get<double>(radius->second);
    check_category(t.category, values.source("target"));
    targets.push_back(t);
  }
  return targets;
}

}  // namespace rz::analysis
