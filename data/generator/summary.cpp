// The counts and the defect list for summary.hpp.
#include "data/generator/summary.hpp"

#include <cstddef>
#include <set>
#include <sstream>

#include "data/generator/constants.hpp"

namespace rz::gen {

std::string village_label(const County& c, int vi) {
  const Village& v = c.villages[static_cast<std::size_t>(vi)];
  return v.name + "（" + v.code + "，" + c.townships[static_cast<std::size_t>(v.tw)].name + "）";
}

Summary summarize(const County& c) {
  Summary s;
  for (const Facility& f : c.facilities) ++s.facilities_by_type[f.type];
  for (const Village& v : c.villages) ++s.villages_by_type[type_name(v.type)];
  for (const Road& r : c.roads) ++s.roads_by_grade[grade_name(r.grade)];
  for (const Grid& g : c.grids) s.grids_written += g.dropped ? 0 : 1;
  for (const Household& h : c.households) s.persons += h.persons;
  std::set<int> with_station;
  for (const Facility& f : c.facilities)
    if (f.type == "村级综合服务站") with_station.insert(f.village);
  s.stations_missing = static_cast<int>(c.villages.size() - with_station.size());
  std::vector<int> zone{c.zone_core};
  zone.insert(zone.end(), c.zone_points.begin(), c.zone_points.end());
  for (int vi : zone) {
    const Village& v = c.villages[static_cast<std::size_t>(vi)];
    if (!with_station.count(vi)) s.zone_without_station.push_back(village_label(c, vi));
    std::string missing;
    for (std::size_t k = 0; k < 10; ++k)
      if (!v.ten[k]) missing += (missing.empty() ? "" : "、") + std::string(kTenGoods[k]);
    if (!missing.empty()) s.zone_missing_goods.push_back(village_label(c, vi) + " 缺 " + missing);
  }
  for (std::size_t i = 0; i < c.villages.size(); ++i)
    if (c.villages[i].income == 0.0) s.shell_villages.push_back(c.villages[i].name);
  for (const Village& v : c.villages) {
    if (!v.in_register) continue;
    s.demonstration_points += v.demonstration_point ? 1 : 0;
    s.video_platform += v.video_platform ? 1 : 0;
  }
  return s;
}

std::string defects_text(const County& c) {
  std::ostringstream o;
  o << "- **Villages without any grid** (2): ";
  for (std::size_t k = 0; k < c.no_grid_villages.size(); ++k)
    o << (k ? "; " : "") << village_label(c, c.no_grid_villages[k]);
  o << ". Their households belong to no grid.\n";
  o << "- **Gaps: one grid dropped** (6 villages; the dropped grid is the one with most "
       "households, so its households fall in a hole):\n";
  for (int vi : c.gap_villages) {
    for (int gi : c.villages[static_cast<std::size_t>(vi)].grids) {
      const Grid& g = c.grids[static_cast<std::size_t>(gi)];
      if (g.dropped)
        o << "  - " << village_label(c, vi) << ": missing " << g.code << " " << g.name << " ("
          << g.households << " households)\n";
    }
  }
  o << "- **Overlaps: one grid buffered by 20-40 m** (6 villages; it overlaps its neighbour "
       "grids and spills out of the village into the next one):\n";
  for (int vi : c.overlap_villages) {
    for (int gi : c.villages[static_cast<std::size_t>(vi)].grids) {
      const Grid& g = c.grids[static_cast<std::size_t>(gi)];
      if (g.buffered_m > 0)
        o << "  - " << village_label(c, vi) << ": " << g.code << " " << g.name << " buffered by "
          << static_cast<int>(g.buffered_m) << " m\n";
    }
  }
  o << "- **Disconnected road piece**: a 160 m 机耕道 (farm track) in " << c.fragment_village
    << " touches no other road: the network has " << c.road_components
    << " connected components, the main one and this piece.\n";
  return o.str();
}

}  // namespace rz::gen
