// The register's values for village_register.hpp.
#include "data/generator/village_register.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <set>
#include <sstream>
#include <vector>

#include "data/generator/rng.hpp"
#include "data/generator/summary.hpp"

namespace rz::gen {

namespace {

// `n` distinct villages of `pool`, drawn by `rng` (a partial Fisher-Yates shuffle).
std::vector<int> draw(Rng& rng, std::vector<int> pool, std::size_t n) {
  n = std::min(n, pool.size());
  for (std::size_t i = 0; i < n; ++i) {
    const int j = rng.integer(static_cast<int>(i), static_cast<int>(pool.size()) - 1);
    std::swap(pool[i], pool[static_cast<std::size_t>(j)]);
  }
  pool.resize(n);
  std::sort(pool.begin(), pool.end());
  return pool;
}

int ten_count(const Village& v) {
  int n = 0;
  for (int g : v.ten) n += g;
  return n;
}

}  // namespace

void make_register(County& c) {
  Rng rng = stream("register");
  for (Village& v : c.villages) {
    // Tidal villages live here and work elsewhere: many residents commute to other villages.
    double share = 0.0;
    switch (v.type) {
      case VType::hub:
        share = rng.uniform(0.01, 0.04);
        break;
      case VType::tidal:
        share = rng.uniform(0.25, 0.45);
        break;
      case VType::basic:
        share = rng.uniform(0.04, 0.10);
        break;
      case VType::hollow:
        share = rng.uniform(0.02, 0.06);
        break;
    }
    v.out_commuters = static_cast<int>(std::lround(v.resident * share));
    v.video_platform = rng.chance(0.88);
  }

  // Every zone member is a demonstration point and on the video platform, but two points.
  std::vector<int> zone{c.zone_core};
  zone.insert(zone.end(), c.zone_points.begin(), c.zone_points.end());
  for (int vi : zone) {
    Village& v = c.villages[static_cast<std::size_t>(vi)];
    v.demonstration_point = true;
    v.video_platform = true;
  }
  for (int vi : draw(rng, c.zone_points, 2))
    c.villages[static_cast<std::size_t>(vi)].video_platform = false;

  // More points elsewhere, about 15 % of the county in all, among villages meeting most 十好.
  std::vector<int> strong, others;
  for (std::size_t i = 0; i < c.villages.size(); ++i) {
    const Village& v = c.villages[i];
    if (v.demonstration_point) continue;
    (ten_count(v) >= 8 ? strong : others).push_back(static_cast<int>(i));
  }
  const std::size_t wanted = c.villages.size() * 15 / 100;
  for (int vi : draw(rng, strong, wanted > zone.size() ? wanted - zone.size() : 0))
    c.villages[static_cast<std::size_t>(vi)].demonstration_point = true;

  // 六无: most villages fail none; a few fail each, none of them a demonstration point but one
  // zone point with an illegal building.
  std::vector<int> plain;
  for (std::size_t i = 0; i < c.villages.size(); ++i)
    if (!c.villages[i].demonstration_point) plain.push_back(static_cast<int>(i));
  auto village = [&](int vi) -> Village& { return c.villages[static_cast<std::size_t>(vi)]; };
  for (int vi : draw(rng, plain, 3)) village(vi).weak_organization = 1;
  for (int vi : draw(rng, plain, 4)) village(vi).petitions = rng.integer(1, 3);
  for (int vi : draw(rng, plain, 2)) village(vi).safety_incidents = 1;
  for (int vi : draw(rng, plain, 4)) village(vi).illegal_buildings = rng.integer(1, 5);
  for (int vi : draw(rng, plain, 3)) village(vi).criminal_cases = rng.integer(1, 2);
  village(draw(rng, c.zone_points, 1).front()).illegal_buildings = 1;

  // Register defects that are warnings, not errors: a village the register lacks (no flag, no
  // count, no commuters: its type is unknown), and a row for a village merged away.
  std::vector<int> unflagged;
  for (int vi : plain)
    if (village(vi).weak_organization + village(vi).petitions + village(vi).safety_incidents +
            village(vi).illegal_buildings + village(vi).criminal_cases ==
        0)
      unflagged.push_back(vi);
  village(draw(rng, unflagged, 1).front()).in_register = false;
  std::set<std::string> codes;
  for (const Village& v : c.villages) codes.insert(v.code);
  const Township& first = c.townships.front();
  for (int n = 298; n > 200; --n) {
    const std::string code = first.code + std::to_string(n);
    if (!codes.count(code)) {
      c.register_unknown_code = code;
      break;
    }
  }
  c.register_unknown_name = "新合村";
}

std::string register_defects_text(const County& c) {
  std::vector<int> zone{c.zone_core};
  zone.insert(zone.end(), c.zone_points.begin(), c.zone_points.end());
  std::ostringstream o;
  o << "- **Zone villages not on the video-supervision platform** (党建视频监管平台 否 in the "
       "register; every zone village should be): ";
  std::string sep;
  for (int vi : zone)
    if (!c.villages[static_cast<std::size_t>(vi)].video_platform) {
      o << sep << village_label(c, vi);
      sep = "; ";
    }
  o << ".\n- **Villages failing a 六无 condition** (register counts above 0):\n";
  struct Condition {
    const char* name;
    int Village::*count;
  };
  for (const Condition& k : {Condition{"软弱涣散党组织", &Village::weak_organization},
                             Condition{"越级上访", &Village::petitions},
                             Condition{"重大安全事故", &Village::safety_incidents},
                             Condition{"违法建设", &Village::illegal_buildings},
                             Condition{"刑事案件", &Village::criminal_cases}}) {
    o << "  - " << k.name << ": ";
    sep.clear();
    for (std::size_t i = 0; i < c.villages.size(); ++i) {
      const Village& v = c.villages[i];
      if (v.*k.count == 0) continue;
      o << sep << village_label(c, static_cast<int>(i)) << " " << v.*k.count;
      if (v.zone_point || v.zone_core) o << " (a zone village)";
      sep = "; ";
    }
    o << "\n";
  }
  o << "- **A village missing from the register**: ";
  for (std::size_t i = 0; i < c.villages.size(); ++i)
    if (!c.villages[i].in_register) o << village_label(c, static_cast<int>(i));
  o << " has no row in village_register.xlsx: its 到外村务工, 示范点, 视频监管 and 六无 are "
       "unknown (import warns).\n";
  o << "- **A register row for no village**: " << c.register_unknown_code << " "
    << c.register_unknown_name
    << " (a village merged away, still in the register): import warns and leaves it out.\n";
  return o.str();
}

}  // namespace rz::gen
