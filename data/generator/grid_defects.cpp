// The choice of the defect villages and the dropped and buffered grids.
#include "data/generator/grid_defects.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include "data/generator/rng.hpp"

namespace rz::gen {

void make_grid_defects(County& c) {
  Rng rng = stream("grid defects");
  std::vector<int> pool;
  for (std::size_t vi = 0; vi < c.villages.size(); ++vi)
    if (static_cast<int>(vi) != c.zone_core && c.villages[vi].grids.size() >= 3)
      pool.push_back(static_cast<int>(vi));
  // Deterministic shuffle (Fisher-Yates with our own integers).
  for (std::size_t i = pool.size(); i > 1; --i)
    std::swap(pool[i - 1], pool[static_cast<std::size_t>(rng.integer(0, static_cast<int>(i) - 1))]);
  std::size_t next = 0;
  for (int k = 0; k < 2; ++k) c.no_grid_villages.push_back(pool[next++]);
  for (int k = 0; k < 6; ++k) c.gap_villages.push_back(pool[next++]);
  for (int k = 0; k < 6; ++k) c.overlap_villages.push_back(pool[next++]);
  std::sort(c.no_grid_villages.begin(), c.no_grid_villages.end());
  std::sort(c.gap_villages.begin(), c.gap_villages.end());
  std::sort(c.overlap_villages.begin(), c.overlap_villages.end());

  for (int vi : c.no_grid_villages)
    for (int gi : c.villages[static_cast<std::size_t>(vi)].grids)
      c.grids[static_cast<std::size_t>(gi)].dropped = true;
  for (int vi : c.gap_villages) {
    // Drop the grid with the most households: a real hole in the coverage.
    const Village& v = c.villages[static_cast<std::size_t>(vi)];
    int best = v.grids.front();
    for (int gi : v.grids)
      if (c.grids[static_cast<std::size_t>(gi)].households >
          c.grids[static_cast<std::size_t>(best)].households)
        best = gi;
    c.grids[static_cast<std::size_t>(best)].dropped = true;
  }
  for (int vi : c.overlap_villages) {
    // Buffer the grid with the longest stretch on the village boundary, so it spills both into
    // its neighbour grids and out of the village.
    const Village& v = c.villages[static_cast<std::size_t>(vi)];
    int best = v.grids.front();
    double best_len = -1;
    for (int gi : v.grids) {
      const double len =
          shared_boundary_length(c.grids[static_cast<std::size_t>(gi)].geom.get(), v.geom.get());
      if (len > best_len) {
        best_len = len;
        best = gi;
      }
    }
    Grid& g = c.grids[static_cast<std::size_t>(best)];
    g.buffered_m = std::round(rng.uniform(20.0, 40.0));
    g.geom = snapped_buffer(g.geom.get(), g.buffered_m);
  }
}

}  // namespace rz::gen
