#include "analysis/grid_coverage/household_grid.hpp"

#include <algorithm>

#include "geo/geos.hpp"
#include "geo/geos_ops.hpp"
#include "geo/packed_point_index.hpp"
#include "geo/parallel.hpp"
#include "geo/phase_timer.hpp"
#include "geo/polygon_locator.hpp"

namespace rz::analysis {

std::vector<GridHit> find_grid_hits(const std::vector<Grid>& grids, const Households& households,
                                    int threads) {
  geo::PhaseTimer timer("households in grids");
  timer.phase("index");
  const geo::PackedPointIndex index(households.x, households.y, threads);
  timer.phase("point in polygon");
  std::vector<std::vector<GridHit>> per_thread(geo::worker_count(threads));
  std::vector<geo::GeosContext> contexts(per_thread.size());
  for (auto& hits : per_thread)
    hits.reserve(households.size() / per_thread.size() + households.size() / 8);
  // Grids come in small chunks: neighbours in fid order are neighbours on the ground, so a chunk
  // touches the same part of the household tree.
  constexpr size_t kChunk = 16;
  geo::parallel_for(
      grids.size(), threads,
      [&](size_t worker, size_t g) {
        const geo::GeosContext& ctx = contexts[worker];
        auto& hits = per_thread[worker];
        const Grid& grid = grids[g];
        const geo::PolygonLocator locator(grid.wkb);
        // GEOS only for the few points on or within rounding of the boundary.
        geo::Geometry geometry;
        geo::PreparedGeometry prepared;
        const auto& e = grid.envelope;
        const geo::Box2 box(geo::Point2(e.minx, e.miny), geo::Point2(e.maxx, e.maxy));
        index.query_box(box, [&](uint32_t h, double px, double py) {
          switch (locator.locate(px, py)) {
            case geo::PolygonLocator::Location::interior:
              hits.push_back({h, static_cast<uint32_t>(g), true});
              return;
            case geo::PolygonLocator::Location::exterior:
              return;
            case geo::PolygonLocator::Location::uncertain:
              break;
          }
          if (!prepared) {
            geometry = geo::from_wkb(ctx, grid.wkb);
            prepared = geo::prepare(ctx, geometry.get());
          }
          auto point = geo::make_point(ctx, px, py);
          if (geo::contains(ctx, prepared, point.get()))
            hits.push_back({h, static_cast<uint32_t>(g), true});
          else if (geo::intersects(ctx, prepared, point.get()))
            hits.push_back({h, static_cast<uint32_t>(g), false});
        });
      },
      kChunk);

  timer.phase("merge");
  size_t total = 0;
  for (const auto& v : per_thread) total += v.size();
  std::vector<GridHit> hits;
  hits.reserve(total);
  for (auto& v : per_thread) {
    hits.insert(hits.end(), v.begin(), v.end());
    std::vector<GridHit>().swap(v);
  }
  return hits;
}

}  // namespace rz::analysis
