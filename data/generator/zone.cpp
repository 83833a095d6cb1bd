// The choice of the zone's core and points.
#include "data/generator/zone.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <vector>

namespace rz::gen {

void choose_zone(County& c) {
  // Core: the most central rural hub village near the county seat (else the nearest rural village).
  double best = 1e300;
  for (std::size_t i = 0; i < c.villages.size(); ++i) {
    const Village& v = c.villages[i];
    if (v.community) continue;
    double d = dist(v.seed, c.county_seat);
    if (v.type != VType::hub) d += 6000.0;
    if (d < 2000.0) d += 3000.0;  // not in the town itself
    if (d < best) {
      best = d;
      c.zone_core = static_cast<int>(i);
    }
  }
  Village& core = c.villages[static_cast<std::size_t>(c.zone_core)];
  core.zone_core = true;
  core.type = VType::hub;
  // 12 points: rural villages nearest to the core, at most 3 per township, at least 1.2 km apart.
  std::vector<int> cand;
  for (std::size_t i = 0; i < c.villages.size(); ++i)
    if (!c.villages[i].community && static_cast<int>(i) != c.zone_core)
      cand.push_back(static_cast<int>(i));
  std::sort(cand.begin(), cand.end(), [&](int a, int b) {
    const double da = dist(c.villages[static_cast<std::size_t>(a)].seed, core.seed);
    const double db = dist(c.villages[static_cast<std::size_t>(b)].seed, core.seed);
    return da < db || (da == db && a < b);
  });
  std::map<int, int> per_tw;
  for (int vi : cand) {
    if (c.zone_points.size() == 12) break;
    const Village& v = c.villages[static_cast<std::size_t>(vi)];
    if (per_tw[v.tw] >= 3) continue;
    bool too_close = dist(v.seed, core.seed) < 1200.0;
    for (int z : c.zone_points)
      if (dist(v.seed, c.villages[static_cast<std::size_t>(z)].seed) < 1200.0) too_close = true;
    if (too_close) continue;
    c.zone_points.push_back(vi);
    ++per_tw[v.tw];
  }
  for (int z : c.zone_points) c.villages[static_cast<std::size_t>(z)].zone_point = true;
}

}  // namespace rz::gen
