#pragma once
// The check of one "1+12" demonstration zone layout (示范区): a core village (核心村) and its
// members (示范点), checked against what seed 000 asks of a zone, each check pass/fail with its
// value, its threshold and the villages that fail it. `ruralzone zone check` runs it on every
// zone of the store's zones layer; `ruralzone zone design` on the zone it designs.
//
// The zone's villages are the core and the members. Checks (names as in the zone_checks layer):
//   members            the number of members equals `members` (12 for "1+12")
//   linked_in_series   the zone's villages form one component of common/zone_links.hpp's links
//                      (a shared boundary, or seats within T road minutes); else the components
//                      and the cheapest missing links
//   townships          the townships the zone spans, at least `townships_min`
//   core_minutes       road minutes from the core to each member and back, both at most
//                      `core_minutes_max`
//   service_station    every zone village has a 村级综合服务站 (100 %)
//   party_center       every zone village reaches a 党群服务中心 within `center_minutes` on the
//                      roads or `center_radius_m` in a straight line from its seat
//   video_platform     every zone village is on the 党建视频监管平台 (unknown fails)
//   training_center, exhibition_hall, talent_incubator, agricultural_park
//                      facilities of that category in the zone's villages, at least the minimum
//   ten_good           every zone village passes the 十好 (from the village assessment)
//   collective_income  every zone village meets the collective-income target (assessment)
//   diversity          distinct village types among the zone's villages, at least `types_min`
// The last three need the village assessment (`ruralzone villages`, layer village_assessment);
// without it they are left out and the result says so.
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "analysis/common/zone_links.hpp"
#include "geo/presentation.hpp"

namespace rz::analysis {

// The facility categories a zone counts (import/classify.hpp keys).
inline constexpr std::array<const char*, 4> kZoneFacilityCategories = {
    "training_center", "exhibition_hall", "talent_incubator", "agricultural_park"};

// What the check knows of a village of the project.
struct ZoneVillageFacts {
  std::string code, name, township_code, township_name;
  std::optional<bool> video_platform;  // nullopt: the villages layer does not say
  bool station = false;                // a village service station in it (or with its code)
  std::string station_name;            // the first such station's name
  // The nearest Party-masses service center from the seat: straight metres, road minutes
  // (+inf when none, or none reached on the roads).
  double center_metres = std::numeric_limits<double>::infinity();
  double center_minutes = std::numeric_limits<double>::infinity();
  std::string center_name;
  std::array<int64_t, kZoneFacilityCategories.size()> facilities{};  // per category, inside it
  // From the village assessment (all empty when it has not run or has no row for the village).
  bool assessed = false;
  std::optional<bool> ten_good_pass;
  std::string ten_good_failed;              // the failed standards' Chinese names, joined by 、
  std::string type, type_zh;                // hub | tidal | basic | hollow | unknown; 枢纽型 ...
  std::optional<double> collective_income;  // 万元
  std::optional<bool> collective_target_met;
};

// How a message names a village: 荫溪村（431024100244）.
std::string village_label(const ZoneVillageFacts& f);

struct ZoneCheckSettings {
  int64_t members = 12;
  int64_t townships_min = 1;
  double core_minutes_max = 60;
  double center_minutes = 15;
  double center_radius_m = 2000;
  std::array<int64_t, kZoneFacilityCategories.size()> facilities_min{};
  int64_t types_min = 3;
  bool roads = true;       // a road network was given (links and minutes by road)
  bool facilities = true;  // a facilities layer was given
  bool assessment = true;  // the village assessment has run
};

// A zone layout: indexes into the facts (and the ZoneLinks, in the same order).
struct ZoneLayout {
  std::string name;
  uint32_t core = 0;
  std::vector<uint32_t> members;
  // The zone's villages: the core first, then the members.
  std::vector<uint32_t> villages() const;
};

// Every check's name as a planner reads it, in the order the checks run: the zone check
// layers' value names of "check".
const std::vector<geo::ValueName>& zone_check_names();
// The check's name in the messages' language (its id when it has none).
std::string zone_check_name(const std::string& check);
// A check's value or threshold in the messages' language.
const std::string& in_messages_language(const geo::Bilingual& text);

struct ZoneCheckResult {
  std::string check;  // "members", "linked_in_series", ...
  bool pass = false;
  geo::Bilingual value;           // what was found, as a user reads it
  geo::Bilingual threshold;       // what was required
  std::vector<uint32_t> failing;  // the villages that fail it (indexes)
};

struct ZoneCheck {
  std::string zone;
  std::vector<ZoneCheckResult> checks;
  SeriesLinks series;  // over the zone's villages, core first
  // Per township code spanned (ascending): its name and the zone's villages there.
  struct Township {
    std::string code, name;
    std::vector<uint32_t> villages;
  };
  std::vector<Township> townships;
  std::vector<std::string> skipped;  // checks left out, each with why
  bool pass() const;
  const ZoneCheckResult* find(const std::string& check) const;
};

// `facts` and `links` index the same villages; the layout's core and members are among them and
// distinct (the caller checks that: std::invalid_argument otherwise).
ZoneCheck check_zone(const ZoneLayout& layout, const std::vector<ZoneVillageFacts>& facts,
                     const ZoneLinks& links, const ZoneCheckSettings& settings);

}  // namespace rz::analysis
