#include "analysis/grid_coverage.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/household_grid.hpp"
#include "analysis/village_overlays.hpp"
#include "geo/error.hpp"
#include "geo/phase_timer.hpp"

namespace rz::analysis {

GridCoverage compute_grid_coverage(const std::vector<Village>& villages,
                                   const std::vector<Grid>& grids, const Households& households,
                                   const GridSettings& settings) {
  std::unordered_map<std::string, int32_t> village_of_code;
  for (size_t v = 0; v < villages.size(); ++v)
    village_of_code.emplace(villages[v].code, static_cast<int32_t>(v));
  std::vector<int32_t> grid_village(grids.size(), -1);
  std::vector<std::string> orphans;
  for (size_t g = 0; g < grids.size(); ++g) {
    auto it = village_of_code.find(grids[g].village_code);
    if (it != village_of_code.end())
      grid_village[g] = it->second;
    else
      orphans.push_back(grids[g].code.empty() ? fmt::format("fid {}", grids[g].fid)
                                              : grids[g].code);
  }
  if (!orphans.empty()) {
    const size_t shown = std::min<size_t>(orphans.size(), 20);
    throw DataError(fmt::format(
        "{} grid(s) belong to no village (no village code matching the villages layer, and not "
        "inside any village when imported): {}{}. Give them a 村代码 or fix their geometry, "
        "then import the grids again",
        orphans.size(),
        fmt::join(orphans.begin(), orphans.begin() + static_cast<long>(shown), ", "),
        orphans.size() > shown ? ", ..." : ""));
  }

  GridCoverage out;
  const size_t n = households.size();
  out.status.assign(n, HouseholdStatus::none);
  out.household_grid.assign(n, -1);
  out.grids.resize(grids.size());
  out.villages.resize(villages.size());

  // Tie-break order on boundaries: smallest code, then smallest fid.
  std::vector<uint32_t> rank(grids.size());
  {
    std::vector<uint32_t> order(grids.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return std::tie(grids[a].code, grids[a].fid) < std::tie(grids[b].code, grids[b].fid);
    });
    for (size_t i = 0; i < order.size(); ++i) rank[order[i]] = static_cast<uint32_t>(i);
  }

  geo::PhaseTimer timer("grids compute");
  timer.phase("households in grids");
  const auto hits = find_grid_hits(grids, households, settings.threads);
  timer.phase("tally");
  auto add_to_grid = [&](size_t h, int32_t g, bool shared) {
    GridStats& s = out.grids[static_cast<size_t>(g)];
    ++s.households;
    if (shared) ++s.shared_households;
    if (households.persons[h] >= 0) {
      s.persons += households.persons[h];
      s.persons_known = true;
    }
  };
  std::vector<int32_t> interior;
  for (size_t i = 0; i < hits.size();) {
    const uint32_t h = hits[i].household;
    interior.clear();
    int32_t boundary = -1;
    for (; i < hits.size() && hits[i].household == h; ++i) {
      const auto g = static_cast<int32_t>(hits[i].grid);
      if (hits[i].interior)
        interior.push_back(g);
      else if (boundary < 0 || rank[static_cast<size_t>(g)] < rank[static_cast<size_t>(boundary)])
        boundary = g;
    }
    if (interior.size() >= 2) {
      out.status[h] = HouseholdStatus::several;
      out.several.push_back(interior);
      out.several_households.push_back(h);
      for (int32_t g : interior) add_to_grid(h, g, true);
    } else if (interior.size() == 1) {
      out.status[h] = HouseholdStatus::one;
      out.household_grid[h] = interior[0];
      add_to_grid(h, interior[0], false);
    } else if (boundary >= 0) {
      out.status[h] = HouseholdStatus::boundary;
      out.household_grid[h] = boundary;
      add_to_grid(h, boundary, false);
    }
  }

  for (size_t h = 0; h < n; ++h) {
    const int32_t v = households.village[h];
    if (v < 0) {
      ++out.households_without_village;
      continue;
    }
    VillageStats& s = out.villages[static_cast<size_t>(v)];
    ++s.households;
    switch (out.status[h]) {
      case HouseholdStatus::none:
        ++s.none;
        break;
      case HouseholdStatus::one:
        ++s.one;
        break;
      case HouseholdStatus::boundary:
        ++s.boundary;
        break;
      case HouseholdStatus::several:
        ++s.several;
        break;
    }
  }

  for (size_t g = 0; g < grids.size(); ++g) {
    GridStats& s = out.grids[g];
    const Village& village = villages[static_cast<size_t>(grid_village[g])];
    s.band = settings.band_for(village.township_code);
    s.load = s.households < s.band.min ? "under" : s.households > s.band.max ? "over" : "ok";
    if (grids[g].workers && *grids[g].workers > 0)
      s.households_per_worker =
          static_cast<double>(s.households) / static_cast<double>(*grids[g].workers);
    VillageStats& vs = out.villages[static_cast<size_t>(grid_village[g])];
    ++vs.grids;
    if (s.load == "under") ++vs.grids_under;
    if (s.load == "over") ++vs.grids_over;
  }

  timer.phase("gaps, overlaps, outside");
  compute_village_overlays(villages, grids, grid_village, settings, out);
  return out;
}

}  // namespace rz::analysis
