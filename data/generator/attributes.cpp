// The village attributes drawn per type, and the zone villages' standards.
#include "data/generator/attributes.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "data/generator/rng.hpp"

namespace rz::gen {

void make_attributes(County& c) {
  Rng rng = stream("attributes");
  for (Village& v : c.villages) {
    v.households = static_cast<int>(v.hh.size());
    v.registered = 0;
    for (int h : v.hh) v.registered += c.households[static_cast<std::size_t>(h)].persons;
    const double reg = v.registered;
    double resident_ratio = 1.0;
    double migrant_share = 0.0;
    switch (v.type) {
      case VType::hub:
        resident_ratio = v.community ? rng.uniform(1.10, 1.50) : rng.uniform(1.05, 1.35);
        migrant_share = rng.uniform(0.03, 0.08);
        v.enterprises = v.community ? rng.integer(10, 40) : rng.integer(5, 25);
        v.income = rng.uniform(30, 120) * rng.skewed(0.5);
        break;
      case VType::tidal:
        resident_ratio = rng.uniform(0.86, 1.00);
        migrant_share = rng.uniform(0.06, 0.14);
        v.enterprises = rng.integer(0, 3);
        v.income = rng.uniform(3, 25);
        break;
      case VType::basic:
        resident_ratio = rng.uniform(0.75, 0.93);
        migrant_share = rng.uniform(0.10, 0.22);
        v.enterprises = rng.integer(1, 6);
        v.income = rng.chance(0.12) ? 0.0 : rng.uniform(3, 40);  // a few 空壳村
        break;
      case VType::hollow:
        resident_ratio = rng.uniform(0.32, 0.55);
        migrant_share = (1.0 - resident_ratio) * rng.uniform(0.70, 0.85);
        v.enterprises = rng.chance(0.1) ? 1 : 0;
        v.income = 0.0;
        break;
    }
    v.resident = static_cast<int>(std::lround(reg * resident_ratio));
    v.migrants = static_cast<int>(std::lround(reg * migrant_share));
    v.party = std::max(5, static_cast<int>(std::lround(reg * rng.uniform(0.03, 0.055))));
    if (v.community) v.income *= 1.8;  // towns are richer
    v.income = std::round(v.income * 100.0) / 100.0;

    double p = 0.5;
    switch (v.type) {
      case VType::hub:
        p = 0.85;
        break;
      case VType::tidal:
        p = 0.65;
        break;
      case VType::basic:
        p = 0.55;
        break;
      case VType::hollow:
        p = 0.3;
        break;
    }
    for (int& g : v.ten) g = rng.chance(p) ? 1 : 0;
    // 产业发展 needs some industry or income.
    if (v.enterprises == 0 && v.income < 3.0) v.ten[6] = 0;
  }
  // The zone: the core meets all ten standards, most points too, a few miss one or two.
  Village& core = c.villages[static_cast<std::size_t>(c.zone_core)];
  core.ten.fill(1);
  for (std::size_t k = 0; k < c.zone_points.size(); ++k) {
    Village& v = c.villages[static_cast<std::size_t>(c.zone_points[k])];
    v.ten.fill(1);
    if (k % 4 == 3) v.ten[static_cast<std::size_t>(rng.integer(0, 9))] = 0;
    if (k == 7) v.ten[static_cast<std::size_t>(rng.integer(0, 9))] = 0;
    if (v.enterprises == 0 && v.income < 3.0) {
      v.income = std::round(rng.uniform(3, 12) * 100.0) / 100.0;  // points are not 空壳村
    }
  }
}

}  // namespace rz::gen
