#pragma once
// `ruralzone zone tour`: the observation tour (观摩拉练) of a zone's villages on the roads
// (common/tour.hpp): the stops are the zone's members, and its core too when the tour starts
// elsewhere; the start is the core's seat, a village's seat or a point. Road minutes between
// the places come from common/od_costs.hpp (they differ by direction on one-way roads), the
// route lines from common/road_paths.hpp. Written in one transaction: zone_tour_stops (each
// day's start, stops and return with arrival and departure times), zone_tour_route (each leg's
// road line) and zone_tour_summary (days, travel, the nearest-neighbour plan beside it).
#include <optional>
#include <string>
#include <vector>

#include "analysis/common/od_costs.hpp"
#include "analysis/common/road_network.hpp"
#include "analysis/common/tour.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

struct ZoneTourSettings {
  std::string zone;            // the zone's name; "" = the only one
  std::string from = "zones";  // "zones" (a layout) or "design" (zone_design_members)
  // Where each day starts: "core", a 12-digit village code (its seat), or "X,Y" in the
  // project's CRS.
  std::string start = "core";
  bool return_to_start = true;
  double dwell_min = 30;
  double day_hours = 8;
  int day_start_min = 8 * 60;  // the clock time each day leaves, minutes after midnight
  double time_limit_s = 30;    // the MILP tour beyond kTourMaxStops
  OdSettings od;
  RoadNetworkSettings network;
  int threads = 2;
};

struct ZoneTourLayers {
  std::string zones = "zones", villages = "villages", roads = "roads",
              design = "zone_design_members";
};

struct TourPlace {
  std::string code, name, role;  // role: 出发 (start), 核心村, 示范点
  OdPoint at;
};

struct ZoneTourReport {
  std::string zone;
  std::vector<TourPlace> places;  // 0 the start, then the stops
  TourRoute tour;                 // one trip through every stop
  bool tour_proven = true;        // exact (Held–Karp, or a MILP proven optimal)
  double tour_bound = 0;
  TourPlan days;
  bool days_proven = true;  // the exact partition (false: the best split of the tour's order)
  TourRoute nn_tour;
  TourPlan nn_days;
  ZoneTourSettings settings;
  double seconds = 0;  // the tour and days searches
  std::vector<std::string> warnings;
  std::vector<std::string> layers_written;
};

const std::vector<std::string>& zone_tour_result_layers();

// "08:30" for 510 minutes after midnight (days beyond 24 h: "26:10").
std::string clock_text(double minutes_after_midnight);

ZoneTourReport run_zone_tour(geo::Store& store, const ZoneTourSettings& settings,
                             const ZoneTourLayers& layers);

}  // namespace rz::analysis
