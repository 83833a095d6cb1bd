#pragma once
// Origin-destination matrices as a step of a project (ruralzone od): road minutes and metres
// between two point sets of the store, written in one transaction as the table od_matrix
// (replacing an earlier run's). A side is a point layer (facilities, candidates, demand,
// households, any point layer) or `villages`, meaning the village seats (the point inside each
// village polygon that reach and siting measure from). The costs come from od_costs.hpp.
//
// Rows: one per pair reached on the roads (within the cutoff, and among the origin's nearest N
// when asked), from then to in layer order. Pairs not reached are left out and counted in the
// report: no open road within the access limit of one of the points, network parts apart, one-way
// or closed roads leaving no route, or slower than the cutoff. A point paired with itself (the same
// layer on both sides) is 0 minutes and 0 metres.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/common/od_costs.hpp"
#include "analysis/common/road_network.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

struct OdMatrixJobSettings {
  std::string from = "villages", to = "facilities";  // layer names, or kinds of the project
  std::string from_category, to_category;            // facilities only: "" = every category
  std::optional<double> cutoff_min;
  std::optional<int64_t> nearest;  // per origin, the N fastest destinations only
  OdSettings od;                   // walk_kmh, access_limit_m (cutoff_min set from the above)
  RoadNetworkSettings network;
  int threads = 2;
};

struct OdMatrixLayers {
  std::string roads = "roads";
  std::map<std::string, std::string> layer_of_kind;  // the project's names for kinds
};

// What one side was: its layer and how many points it has, with those no road reaches.
struct OdSide {
  std::string layer;  // the store layer
  bool village_seats = false;
  std::string category;                     // the facility category kept ("" = all)
  int64_t points = 0;                       // after the category
  int64_t off_road = 0;                     // no open road within the access limit
  std::vector<std::string> off_road_names;  // the first few, for the warning
};

struct OdMatrixReport {
  size_t nodes = 0, edges = 0;
  uint32_t components = 0;
  OdSide from, to;
  int64_t pairs = 0, rows = 0;
  int64_t unreached = 0;    // no route (or slower than the cutoff)
  int64_t not_nearest = 0;  // reached, but not among the origin's nearest N
  std::optional<double> cutoff_min;
  std::optional<int64_t> nearest;
  double max_minutes = 0;  // of the rows written
  std::vector<std::string> warnings, layers_written;
};

const std::vector<std::string>& od_matrix_result_layers();

// DataError (nothing written) for an unknown layer, a layer that is neither points nor villages,
// an empty one, one in another CRS, a category that leaves no point, no roads layer.
OdMatrixReport run_od_matrix(geo::Store& store, const OdMatrixJobSettings& settings,
                             const OdMatrixLayers& layers = {});

}  // namespace rz::analysis
