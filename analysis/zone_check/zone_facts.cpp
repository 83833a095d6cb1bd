#include "analysis/zone_check/zone_facts.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "analysis/common/store_inputs.hpp"
#include "geo/geos_ops.hpp"
#include "geo/point_scan.hpp"

namespace rz::analysis {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr const char* kStation = "village_service_station";
constexpr const char* kCenter = "party_service_center";

std::optional<bool> flag_of(const geo::Value& v) {
  if (auto i = int_of(v)) return *i != 0;
  if (const auto* s = std::get_if<std::string>(&v)) {
    if (*s == "1" || *s == "是") return true;
    if (*s == "0" || *s == "否") return false;
  }
  return std::nullopt;
}

struct PlacedFacility {
  std::string name, category, village_code;
  double x = 0, y = 0;
};

std::vector<PlacedFacility> read_placed_facilities(geo::Store& store, const geo::LayerInfo& info) {
  const Columns c(info);
  std::vector<std::string> columns;
  for (const char* name : {"name", "category", "village_code"})
    if (c[name] >= 0) columns.push_back(name);
  auto column = [&](const char* name) -> int {
    auto it = std::find(columns.begin(), columns.end(), name);
    return it == columns.end() ? -1 : static_cast<int>(it - columns.begin());
  };
  const int name = column("name"), category = column("category"), code = column("village_code");
  std::vector<PlacedFacility> out;
  geo::PointScan scan(store, info.schema.name, columns);
  auto text = [&](int i) {
    return i < 0 ? std::string() : std::string(scan.text(static_cast<size_t>(i)));
  };
  while (scan.next()) out.push_back({text(name), text(category), text(code), scan.x(), scan.y()});
  return out;
}

}  // namespace

std::vector<ZoneVillageFacts> read_zone_village_facts(geo::Store& store,
                                                      const ZoneFactSources& sources,
                                                      const std::vector<Village>& villages,
                                                      const std::vector<geo::Point2>& seats,
                                                      const std::vector<uint32_t>& chosen) {
  std::vector<ZoneVillageFacts> facts(chosen.size());
  std::unordered_map<std::string, size_t> of_code;  // chosen village code -> k
  std::unordered_map<int64_t, size_t> of_fid;
  for (size_t k = 0; k < chosen.size(); ++k) {
    const Village& v = villages.at(chosen[k]);
    auto& f = facts[k];
    f.code = v.code;
    f.name = v.name;
    f.township_code = v.township_code;
    f.township_name = v.township_name;
    of_code.emplace(v.code, k);
    of_fid.emplace(v.fid, k);
  }

  // video_platform, from the villages layer.
  const Columns village_columns(sources.villages);
  if (const int video = village_columns["video_platform"]; video >= 0)
    store.read_attributes(sources.villages.schema.name, [&](const geo::FeatureRow& row) {
      if (auto it = of_fid.find(row.fid); it != of_fid.end())
        facts[it->second].video_platform = flag_of(at(row, video));
    });

  if (sources.facilities) {
    const auto facilities = read_placed_facilities(store, *sources.facilities);
    // Where a facility has no code of a chosen village, whether it lies in one of them: only
    // those of the village of no project village at all can, the others belong elsewhere.
    std::unordered_map<std::string, bool> project_code;
    for (const auto& v : villages) project_code.emplace(v.code, true);
    geo::GeosContext ctx;
    std::vector<geo::Geometry> shapes;
    std::vector<geo::PreparedGeometry> prepared;
    std::vector<std::array<double, 4>> boxes;
    for (uint32_t i : chosen) {
      shapes.push_back(geo::from_wkb(ctx, villages[i].wkb));
      prepared.push_back(geo::prepare(ctx, shapes.back().get()));
      boxes.push_back(geo::envelope(ctx, shapes.back().get()));
    }
    auto village_of = [&](const PlacedFacility& f) -> std::optional<size_t> {
      if (!f.village_code.empty() && project_code.count(f.village_code)) {
        auto it = of_code.find(f.village_code);
        if (it == of_code.end()) return std::nullopt;
        return it->second;
      }
      for (size_t k = 0; k < chosen.size(); ++k) {
        const auto& b = boxes[k];
        if (f.x < b[0] || f.x > b[2] || f.y < b[1] || f.y > b[3]) continue;
        auto point = geo::make_point(ctx, f.x, f.y);
        if (geo::contains(ctx, prepared[k], point.get())) return k;
      }
      return std::nullopt;
    };
    std::vector<OdPoint> centers;
    std::vector<std::string> center_names;
    for (const auto& f : facilities) {
      if (f.category == kCenter) {
        centers.push_back({f.x, f.y});
        center_names.push_back(f.name);
      }
      auto counted =
          std::find(kZoneFacilityCategories.begin(), kZoneFacilityCategories.end(), f.category);
      if (f.category != kStation && counted == kZoneFacilityCategories.end()) continue;
      const auto k = village_of(f);
      if (!k) continue;
      auto& v = facts[*k];
      if (f.category == kStation) {
        if (!v.station) v.station_name = f.name;
        v.station = true;
      } else {
        ++v.facilities[static_cast<size_t>(counted - kZoneFacilityCategories.begin())];
      }
    }
    std::vector<OdPoint> from;
    for (uint32_t i : chosen) from.push_back({seats[i].get<0>(), seats[i].get<1>()});
    for (size_t k = 0; k < chosen.size(); ++k)
      for (size_t c = 0; c < centers.size(); ++c) {
        const double d = std::hypot(centers[c].x - from[k].x, centers[c].y - from[k].y);
        if (d < facts[k].center_metres) {
          facts[k].center_metres = d;
          if (!sources.network) facts[k].center_name = center_names[c];
        }
      }
    if (sources.network && !centers.empty() && !from.empty()) {
      const auto costs = od_minutes(*sources.network, from, centers, sources.od, sources.threads);
      for (size_t k = 0; k < chosen.size(); ++k)
        for (size_t c = 0; c < centers.size(); ++c) {
          const double m = costs[k * centers.size() + c].minutes;
          if (m < facts[k].center_minutes) {
            facts[k].center_minutes = m;
            facts[k].center_name = center_names[c];
          }
        }
      // Reached by no road: the straight-line nearest is the one named.
      for (size_t k = 0; k < chosen.size(); ++k)
        if (facts[k].center_minutes == kInf && facts[k].center_metres < kInf)
          for (size_t c = 0; c < centers.size(); ++c)
            if (std::hypot(centers[c].x - from[k].x, centers[c].y - from[k].y) ==
                facts[k].center_metres)
              facts[k].center_name = center_names[c];
    }
  }

  if (sources.assessment) {
    const Columns c(*sources.assessment);
    const int code = c["village_code"], pass = c["ten_good_pass"], failed = c["ten_good_failed"],
              type = c["type"], type_zh = c["type_zh"], income = c["collective_income"],
              met = c["collective_target_met"];
    store.read_attributes(sources.assessment->schema.name, [&](const geo::FeatureRow& row) {
      auto it = of_code.find(text_of(at(row, code)));
      if (it == of_code.end()) return;
      auto& f = facts[it->second];
      f.assessed = true;
      f.ten_good_pass = flag_of(at(row, pass));
      f.ten_good_failed = text_of(at(row, failed));
      f.type = text_of(at(row, type));
      f.type_zh = text_of(at(row, type_zh));
      f.collective_income = real_of(at(row, income));
      f.collective_target_met = flag_of(at(row, met));
    });
  }
  return facts;
}

}  // namespace rz::analysis
