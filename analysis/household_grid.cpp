#include "analysis/household_grid.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

#include "geo/geos.hpp"
#include "geo/packed_point_index.hpp"
#include "geo/phase_timer.hpp"

namespace rz::analysis {

std::vector<GridHit> find_grid_hits(const std::vector<Grid>& grids, const Households& households,
                                    int threads) {
  geo::PhaseTimer timer("households in grids");
  timer.phase("index");
  const geo::PackedPointIndex index(households.x, households.y, threads);
  timer.phase("point in polygon");
  std::atomic<size_t> next{0};
  std::vector<std::vector<GridHit>> per_thread(static_cast<size_t>(std::max(1, threads)));
  std::vector<std::exception_ptr> errors(per_thread.size());
  auto work = [&](size_t t) {
    try {
      geo::GeosContext ctx;
      auto& hits = per_thread[t];
      hits.reserve(households.size() / per_thread.size() + households.size() / 8);
      // Grids come in small chunks: neighbours in fid order are neighbours on the ground, so a
      // chunk touches the same part of the household tree.
      constexpr size_t kChunk = 16;
      for (size_t start = next.fetch_add(kChunk); start < grids.size();
           start = next.fetch_add(kChunk)) {
        for (size_t g = start; g < std::min(grids.size(), start + kChunk); ++g) {
          const Grid& grid = grids[g];
          auto geometry = geo::from_wkb(ctx, grid.wkb);
          auto prepared = geo::prepare(ctx, geometry.get());
          const auto& e = grid.envelope;
          const geo::Box2 box(geo::Point2(e.minx, e.miny), geo::Point2(e.maxx, e.maxy));
          index.query_box(box, [&](uint32_t h, double px, double py) {
            auto point = geo::make_point(ctx, px, py);
            // Most candidates are inside: test the interior first, the boundary only if not.
            if (GEOSPreparedContains_r(ctx.get(), prepared.get(), point.get()) == 1)
              hits.push_back({h, static_cast<uint32_t>(g), true});
            else if (GEOSPreparedIntersects_r(ctx.get(), prepared.get(), point.get()) == 1)
              hits.push_back({h, static_cast<uint32_t>(g), false});
          });
        }
      }
    } catch (...) {
      errors[t] = std::current_exception();
      next.store(grids.size());  // the others stop at their next chunk
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < per_thread.size(); ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);

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
