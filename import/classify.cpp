#include "import/classify.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "geo/ascii.hpp"

namespace rz::import {

namespace {

struct Rule {
  std::string_view keyword;
  size_t category;  // index into facility_categories()
};

}  // namespace

const std::vector<FacilityCategory>& facility_categories() {
  static const std::vector<FacilityCategory> all = {
      {"party_service_center", "党群服务中心"},
      {"village_service_station", "村级综合服务站"},
      {"training_center", "培训中心"},
      {"exhibition_hall", "展览馆"},
      {"talent_incubator", "人才孵化基地"},
      {"agricultural_park", "农业产业园"},
      {"clinic", "卫生室"},
      {"kindergarten", "幼儿园"},
      {"elderly_care", "养老服务"},
      {"bus_stop", "公交站"},
      {"other", "其他"},
  };
  return all;
}

std::string_view category_chinese(std::string_view key) {
  for (const auto& c : facility_categories())
    if (c.key == key) return c.chinese;
  return key;
}

const FacilityCategory& facility_category(std::string_view type) {
  // First match wins: the more specific keywords come first (党群服务中心 before 服务中心 ...).
  static const Rule rules[] = {
      {"党群服务", 0},
      {"党员服务", 0},
      {"party", 0},
      {"综合服务站", 1},
      // Before the generic 服务站 below: 养老服务站 and 卫生服务站 are not village stations.
      {"养老", 8},
      {"敬老", 8},
      {"日间照料", 8},
      {"老年", 8},
      {"elderly", 8},
      {"卫生", 6},
      {"诊所", 6},
      {"医", 6},
      {"clinic", 6},
      {"health", 6},
      {"幼儿园", 7},
      {"托儿", 7},
      {"kindergarten", 7},
      {"公交", 9},
      {"招呼站", 9},
      {"bus", 9},
      {"培训", 2},
      {"实训", 2},
      {"党校", 2},
      {"training", 2},
      {"展览", 3},
      {"展馆", 3},
      {"展示", 3},
      {"陈列", 3},
      {"纪念馆", 3},
      {"exhibition", 3},
      {"孵化", 4},
      {"创业", 4},
      {"incubat", 4},
      {"产业园", 5},
      {"农业园", 5},
      {"园区", 5},
      {"基地", 5},
      {"industrial park", 5},
      {"agricultur", 5},
      {"便民服务", 1},
      {"服务站", 1},
      {"service station", 1},
  };
  const std::string lower = geo::lower_ascii(type);
  for (const auto& rule : rules)
    if (lower.find(rule.keyword) != std::string::npos) return facility_categories()[rule.category];
  return facility_categories().back();
}

std::optional<double> default_speed_kmh(std::string_view road_class) {
  // Rural design speeds (JTG B01 grades, as planners use them for reach).
  static const std::pair<std::string_view, double> by_keyword[] = {
      {"高速", 100},       {"motorway", 100}, {"国道", 60},         {"trunk", 60},
      {"primary", 60},     {"省道", 50},      {"secondary", 50},    {"县道", 40},
      {"tertiary", 40},    {"乡道", 30},      {"unclassified", 30}, {"村道", 20},
      {"residential", 20}, {"机耕", 10},      {"track", 10},        {"田间", 10},
      {"步道", 5},         {"path", 5},       {"footway", 5},
  };
  const std::string lower = geo::lower_ascii(road_class);
  for (const auto& [keyword, speed] : by_keyword)
    if (lower.find(keyword) != std::string::npos) return speed;
  // Route-code letters on their own: G国道 S省道 X县道 Y乡道 C村道.
  if (lower.size() == 1) {
    switch (lower[0]) {
      case 'g':
        return 60;
      case 's':
        return 50;
      case 'x':
        return 40;
      case 'y':
        return 30;
      case 'c':
        return 20;
      default:
        break;
    }
  }
  return std::nullopt;
}

}  // namespace rz::import
