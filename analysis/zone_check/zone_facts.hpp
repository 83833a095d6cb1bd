#pragma once
// What the zone check knows of a village (zone_check.hpp's ZoneVillageFacts), read from the
// store for the villages a zone check or a zone design looks at.
//
// - Facilities belong to a village: to the one their 村代码 (village_code) names when it is a
//   village of the project, otherwise to the one they lie in (the import links points to
//   villages by location where the source has no code, so the code is the usual case). A village
//   "has a 村级综合服务站" when a facility of category village_service_station belongs to it.
// - The nearest Party-masses service center (party_service_center) from the village seat: in a
//   straight line among all centers, and on the roads (common/od_costs.hpp, seat to center).
// - video_platform from the villages layer's field of that name (absent or empty: unknown).
// - 十好, type and collective income from the village assessment's layer (village_assessment,
//   one row per village_code), when the store has it.
#include <optional>
#include <string>
#include <vector>

#include "analysis/common/inputs.hpp"
#include "analysis/common/od_costs.hpp"
#include "analysis/zone_check/zone_check.hpp"
#include "geo/spatial_index.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

struct ZoneFactSources {
  geo::LayerInfo villages;
  std::optional<geo::LayerInfo> facilities;  // nullopt: the store has none
  std::optional<geo::LayerInfo> assessment;  // nullopt: the village assessment has not run
  const RoadNetwork* network = nullptr;      // nullptr: no roads (no road minutes)
  OdSettings od;
  int threads = 2;
};

// The facts of villages[chosen[k]] at [k]; `villages` with their polygons (wkb) and `seats` in
// their order.
std::vector<ZoneVillageFacts> read_zone_village_facts(geo::Store& store,
                                                      const ZoneFactSources& sources,
                                                      const std::vector<Village>& villages,
                                                      const std::vector<geo::Point2>& seats,
                                                      const std::vector<uint32_t>& chosen);

}  // namespace rz::analysis
