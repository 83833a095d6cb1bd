#include "analysis/reach/reach.hpp"

#include <algorithm>

#include "analysis/reach/household_persons.hpp"
#include "geo/geos.hpp"
#include "geo/geos_ops.hpp"
#include "geo/geos_read.hpp"
#include "geo/nearest_point_grid.hpp"
#include "geo/parallel.hpp"
#include "geo/spatial_index.hpp"

namespace rz::analysis {

std::vector<geo::Point2> village_seats(const std::vector<Village>& villages) {
  std::vector<geo::Point2> seats;
  geo::GeosContext ctx;
  for (const Village& v : villages) {
    auto g = geo::from_wkb(ctx, v.wkb);
    const auto [x, y] = geo::point_xy(ctx, geo::point_on_surface(ctx, g.get()).get());
    seats.emplace_back(x, y);
  }
  return seats;
}

std::vector<TargetFacilities> target_facilities(const std::vector<Facility>& facilities,
                                                const ReachSettings& settings) {
  std::vector<TargetFacilities> out;
  for (const ReachTarget& target : settings.targets) {
    std::vector<int32_t> indexes;
    std::vector<double> fx, fy;
    for (size_t f = 0; f < facilities.size(); ++f)
      if (facilities[f].category == target.category) {
        indexes.push_back(static_cast<int32_t>(f));
        fx.push_back(facilities[f].x);
        fy.push_back(facilities[f].y);
      }
    out.push_back({std::move(indexes), geo::NearestPointGrid(fx, fy)});
  }
  return out;
}

std::vector<TargetReach> reach_of_households(size_t village_count, const Households& households,
                                             const std::vector<TargetFacilities>& targets,
                                             const ReachSettings& settings) {
  std::vector<TargetReach> out;
  const size_t n = households.size();
  for (size_t t = 0; t < settings.targets.size(); ++t) {
    const ReachTarget& target = settings.targets[t];
    const geo::NearestPointGrid& grid = targets[t].grid;
    TargetReach r;
    r.target = target;
    r.facilities = targets[t].facilities;
    r.distance.assign(n, -1);
    r.nearest.assign(n, -1);
    r.villages.resize(village_count);
    if (grid.size() > 0)
      // Nearest facility of every household, households split between the threads (the grid is
      // only read).
      geo::parallel_for(
          n, settings.threads,
          [&](size_t, size_t h) {
            const auto near = grid.nearest(households.x[h], households.y[h]);
            r.distance[h] = near.distance;
            r.nearest[h] = r.facilities[static_cast<size_t>(near.index)];
          },
          4096);
    for (size_t h = 0; h < n; ++h) {
      const int32_t v = households.village[h];
      if (v < 0) continue;
      VillageReach& vr = r.villages[static_cast<size_t>(v)];
      const int64_t persons = persons_of(households, h);
      ++vr.households;
      vr.persons += persons;
      if (r.distance[h] >= 0 && r.distance[h] <= target.radius_m) {
        ++vr.within;
        vr.persons_within += persons;
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

void add_seat_distances(std::vector<TargetReach>& reach, const std::vector<geo::Point2>& seats,
                        const std::vector<TargetFacilities>& targets) {
  for (size_t t = 0; t < reach.size(); ++t) {
    TargetReach& r = reach[t];
    const geo::NearestPointGrid& grid = targets[t].grid;
    if (grid.size() == 0) continue;
    for (size_t v = 0; v < seats.size() && v < r.villages.size(); ++v) {
      const auto near = grid.nearest(seats[v].get<0>(), seats[v].get<1>());
      r.villages[v].seat_distance = near.distance;
      r.villages[v].seat_facility = r.facilities[static_cast<size_t>(near.index)];
    }
  }
}

std::vector<TargetReach> compute_reach(const std::vector<Village>& villages,
                                       const Households& households,
                                       const std::vector<Facility>& facilities,
                                       const ReachSettings& settings) {
  const auto targets = target_facilities(facilities, settings);
  auto reach = reach_of_households(villages.size(), households, targets, settings);
  add_seat_distances(reach, village_seats(villages), targets);
  return reach;
}

}  // namespace rz::analysis
