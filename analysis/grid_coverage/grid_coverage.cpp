#include "analysis/grid_coverage/grid_coverage.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/grid_coverage/household_grid.hpp"
#include "analysis/grid_coverage/village_overlays.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/phase_timer.hpp"

namespace rz::analysis {

std::vector<int32_t> village_of_grids(const std::vector<Village>& villages,
                                      const std::vector<Grid>& grids) {
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
        fmt::runtime(tr("{} grid(s) belong to no village (no village code matching the villages "
                        "layer, and not inside any village when imported): {}{}. Give them a {} "
                        "or fix their geometry, then import the grids again")),
        orphans.size(),
        fmt::join(orphans.begin(), orphans.begin() + static_cast<long>(shown), ", "),
        orphans.size() > shown ? ", ..." : "", "村代码"));
  }
  return grid_village;
}

GridCoverage compute_grid_coverage(const std::vector<Village>& villages,
                                   const std::vector<Grid>& grids, const Households& households,
                                   const GridSettings& settings) {
  const auto grid_village = village_of_grids(villages, grids);
  GridCoverage out;
  out.villages.resize(villages.size());
  compute_household_coverage(villages, grids, grid_village, households, settings, out);
  compute_village_overlays(villages, grids, grid_village, settings, out);
  return out;
}

void compute_household_coverage(const std::vector<Village>& villages,
                                const std::vector<Grid>& grids,
                                const std::vector<int32_t>& grid_village,
                                const Households& households, const GridSettings& settings,
                                GridCoverage& out) {
  const size_t n = households.size();
  out.status.assign(n, HouseholdStatus::none);
  out.household_grid.assign(n, -1);
  out.grids.resize(grids.size());

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
  // One pass over the hits, in any order: interior count and first interior grid, and the
  // boundary grid that wins the tie-break.
  std::vector<uint8_t> interior_count(n, 0);
  std::vector<int32_t> boundary(n, -1);
  for (const GridHit& hit : hits) {
    const auto g = static_cast<int32_t>(hit.grid);
    if (hit.interior) {
      if (interior_count[hit.household]++ == 0) out.household_grid[hit.household] = g;
      if (interior_count[hit.household] == 255) interior_count[hit.household] = 254;
    } else {
      int32_t& b = boundary[hit.household];
      if (b < 0 || rank[static_cast<size_t>(g)] < rank[static_cast<size_t>(b)]) b = g;
    }
  }
  // The households in several grids, with all their grids (few: sorted, then grouped).
  std::vector<std::pair<uint32_t, int32_t>> multi;
  for (const GridHit& hit : hits)
    if (hit.interior && interior_count[hit.household] >= 2)
      multi.push_back({hit.household, static_cast<int32_t>(hit.grid)});
  std::sort(multi.begin(), multi.end());
  for (size_t i = 0; i < multi.size();) {
    const uint32_t h = multi[i].first;
    std::vector<int32_t> grids_of_h;
    for (; i < multi.size() && multi[i].first == h; ++i) grids_of_h.push_back(multi[i].second);
    out.status[h] = HouseholdStatus::several;
    out.household_grid[h] = -1;
    for (int32_t g : grids_of_h) add_to_grid(h, g, true);
    out.several.push_back(std::move(grids_of_h));
    out.several_households.push_back(h);
  }
  for (size_t h = 0; h < n; ++h) {
    if (interior_count[h] == 1) {
      out.status[h] = HouseholdStatus::one;
      add_to_grid(h, out.household_grid[h], false);
    } else if (interior_count[h] == 0 && boundary[h] >= 0) {
      out.status[h] = HouseholdStatus::boundary;
      out.household_grid[h] = boundary[h];
      add_to_grid(h, boundary[h], false);
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
}

}  // namespace rz::analysis
