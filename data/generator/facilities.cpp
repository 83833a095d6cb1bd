// Where each kind of facility goes and what it can serve.
#include "data/generator/facilities.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/generator/constants.hpp"
#include "data/generator/rng.hpp"
#include "data/generator/text.hpp"

namespace rz::gen {

namespace {

int village_at(const County& c, Pt p) {
  for (std::size_t i = 0; i < c.villages.size(); ++i)
    if (c.villages[i].poly.contains(p)) return static_cast<int>(i);
  return -1;
}

}  // namespace

void make_facilities(County& c) {
  Rng rng = stream("facilities");
  auto near_seat = [&](const Village& v, double rmin, double rmax) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      const double ang = rng.uniform(0, 2 * kPi);
      const double r = rng.uniform(rmin, rmax);
      const Pt p = snap(v.seat + Pt{r * std::cos(ang), r * std::sin(ang)});
      if (v.inner_poly.contains(p)) return p;
    }
    return v.seat;
  };
  auto add = [&](const std::string& name, const std::string& type, const Village&, Pt p, int cap) {
    c.facilities.push_back({name, type, p, -1, cap});
  };
  auto round10 = [](double x) { return static_cast<int>(std::lround(x / 10.0)) * 10; };

  // 党群服务中心: one per township seat village, plus a few in large villages.
  for (const Township& t : c.townships) {
    const Village& v = c.villages[static_cast<std::size_t>(t.seat_village)];
    int hh = 0;
    for (int vi : t.villages) hh += c.villages[static_cast<std::size_t>(vi)].households;
    add(t.name + "党群服务中心", "党群服务中心", v, near_seat(v, 15, 40), round10(hh * 0.6));
  }
  {
    std::vector<int> big;
    for (std::size_t i = 0; i < c.villages.size(); ++i) {
      const Village& v = c.villages[i];
      bool seat = false;
      for (const Township& t : c.townships) seat = seat || t.seat_village == static_cast<int>(i);
      if (!seat && (v.type == VType::hub || v.zone_core)) big.push_back(static_cast<int>(i));
    }
    std::sort(big.begin(), big.end(), [&](int a, int b) {
      const Village& va = c.villages[static_cast<std::size_t>(a)];
      const Village& vb = c.villages[static_cast<std::size_t>(b)];
      if (va.zone_core != vb.zone_core) return va.zone_core;
      return va.households > vb.households || (va.households == vb.households && a < b);
    });
    for (std::size_t k = 0; k < big.size() && k < 6; ++k) {
      const Village& v = c.villages[static_cast<std::size_t>(big[k])];
      add(v.name + "党群服务中心", "党群服务中心", v, near_seat(v, 15, 40),
          round10(v.households * 2.5));
    }
  }
  // 村级综合服务站 in ~85% of villages; two zone points are among the gaps on purpose.
  {
    std::set<int> without;
    without.insert(c.zone_points[3]);
    without.insert(c.zone_points[9]);
    for (std::size_t i = 0; i < c.villages.size(); ++i)
      if (!c.villages[i].zone_core && !c.villages[i].zone_point && rng.chance(0.14))
        without.insert(static_cast<int>(i));
    for (std::size_t i = 0; i < c.villages.size(); ++i) {
      if (without.count(static_cast<int>(i))) continue;
      const Village& v = c.villages[i];
      add(v.name + (v.community ? "社区综合服务站" : "综合服务站"), "村级综合服务站", v,
          near_seat(v, 5, 30), std::max(50, round10(v.households * rng.uniform(0.8, 1.4))));
    }
  }
  // Clinics, kindergartens, elderly care.
  for (std::size_t i = 0; i < c.villages.size(); ++i) {
    const Village& v = c.villages[i];
    const bool seat =
        c.townships[static_cast<std::size_t>(v.tw)].seat_village == static_cast<int>(i);
    if (seat || rng.chance(v.community ? 0.5 : 0.68))
      add(v.name + "卫生室", "卫生室", v, near_seat(v, 20, 90), -1);
    if (seat || (v.type == VType::hub && rng.chance(0.6)) || (v.community && rng.chance(0.3)))
      add(v.name + "幼儿园", "幼儿园", v, near_seat(v, 60, 250), -1);
    if (seat || (v.type == VType::hollow && rng.chance(0.08)))
      add((seat ? c.townships[static_cast<std::size_t>(v.tw)].name : v.name) + "养老服务中心",
          "养老服务中心", v, near_seat(v, 80, 300), -1);
  }
  // County-level and zone facilities.
  const Village& core = c.villages[static_cast<std::size_t>(c.zone_core)];
  const Village* town_ptr = nullptr;
  for (const Township& t : c.townships)
    if (t.name == "珠泉镇") town_ptr = &c.villages[static_cast<std::size_t>(t.seat_village)];
  if (!town_ptr) throw std::runtime_error("no 珠泉镇 in the reference data");
  const Village& town = *town_ptr;
  add("嘉禾县党员干部培训中心", "培训中心", town, near_seat(town, 200, 600), -1);
  add(core.name + "乡村振兴培训中心", "培训中心", core, near_seat(core, 60, 200), -1);
  add("嘉禾县党建展览馆", "展览馆", town, near_seat(town, 150, 500), -1);
  add(core.name + "村史馆", "展览馆", core, near_seat(core, 30, 120), -1);
  add("嘉禾县乡村人才孵化基地", "人才孵化基地", core, near_seat(core, 150, 400), -1);
  for (std::size_t k = 0; k < 2; ++k) {
    const Village& v = c.villages[static_cast<std::size_t>(c.zone_points[k * 5 + 1])];
    if (k == 0)
      add(v.name + "返乡创业孵化基地", "人才孵化基地", v, near_seat(v, 100, 300), -1);
    else
      add(v.name + "党员培训中心", "培训中心", v, near_seat(v, 50, 200), -1);
  }
  {
    int parks = 0;
    for (std::size_t i = 0; i < c.villages.size() && parks < 6; ++i) {
      const Village& v = c.villages[(i * 37 + 11) % c.villages.size()];
      if (v.community || v.type == VType::hollow) continue;
      const Pt p = snap(random_point_in(v.inner_poly, rng, 30.0));
      bool away = true;
      for (const Hamlet& h : v.hamlets) away = away && dist(p, h.c) > 250.0;
      if (!away) continue;
      add(v.name + "现代农业产业园", "现代农业产业园", v, p, -1);
      ++parks;
    }
  }
  // Bus stops: every ~2 km along national, provincial and county roads, 10 m off the road.
  {
    std::map<int, int> per_village;
    std::vector<Pt> stops;
    for (const Road& r : c.roads) {
      if (r.grade != Grade::national && r.grade != Grade::provincial && r.grade != Grade::county)
        continue;
      for (std::size_t k = 0; k + 1 < r.pts.size(); ++k) {
        if (!rng.chance(0.13)) continue;
        const Pt a = r.pts[k];
        const Pt b = r.pts[k + 1];
        const Pt d = (b - a) * (1.0 / dist(a, b));
        const Pt p = snap((a + b) * 0.5 + Pt{d.y, -d.x} * 10.0);
        bool spaced = true;
        for (const Pt& s : stops) spaced = spaced && dist(s, p) > 1500.0;
        if (!spaced) continue;
        const int vi = village_at(c, p);
        if (vi < 0 || !c.villages[static_cast<std::size_t>(vi)].inner_poly.contains(p)) continue;
        stops.push_back(p);
        const int n = ++per_village[vi];
        const Village& v = c.villages[static_cast<std::size_t>(vi)];
        add(stem(v.name) + (n == 1 ? "站" : std::to_string(n) + "站"), "公交站", v, p, -1);
      }
    }
  }
  for (Facility& f : c.facilities) {
    f.village = village_at(c, f.p);
    if (f.village < 0) throw std::runtime_error("facility outside every village: " + f.name);
  }
}

}  // namespace rz::gen
