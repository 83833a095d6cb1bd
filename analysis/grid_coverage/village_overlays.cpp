#include "analysis/grid_coverage/village_overlays.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "analysis/common/robust_overlay.hpp"
#include "geo/geos.hpp"
#include "geo/geos_build.hpp"
#include "geo/geos_read.hpp"
#include "geo/messages.hpp"
#include "geo/parallel.hpp"
#include "geo/spatial_index.hpp"

namespace rz::analysis {

namespace {

struct ThreadResult {
  std::vector<AreaPiece> gaps, outside, overlaps;
  std::vector<std::pair<int32_t, geo::Envelope>> grids_outside;  // grid, envelope of its outside
  int64_t snapped = 0;
};

geo::Box2 box(const geo::Envelope& e) {
  return geo::Box2(geo::Point2(e.minx, e.miny), geo::Point2(e.maxx, e.maxy));
}

bool boxes_meet(const geo::Envelope& a, const geo::Envelope& b) {
  return a.minx <= b.maxx && b.minx <= a.maxx && a.miny <= b.maxy && b.miny <= a.maxy;
}

// Appends the polygon parts of `overlay` at least `sliver` m² as pieces; returns their area.
double add_pieces(const geo::GeosContext& ctx, const CheckedOverlay& overlay, double sliver,
                  AreaPiece prototype, std::vector<AreaPiece>& out) {
  double total = 0;
  for (auto& part : geo::polygon_parts(ctx, overlay.geometry.get())) {
    const double a = geo::area(ctx, part.get());
    if (a < sliver) continue;
    AreaPiece piece = prototype;
    piece.area = a;
    auto e = geo::envelope(ctx, part.get());
    piece.envelope = {e[0], e[1], e[2], e[3]};
    piece.wkb = geo::to_wkb(ctx, part.get());
    out.push_back(std::move(piece));
    total += a;
  }
  return total;
}

// Runs fn(ctx, item, result) for items 0..n-1 on `threads` threads, each with its own GEOS
// context and result.
template <typename Fn>
std::vector<ThreadResult> parallel_for(size_t n, int threads, Fn fn) {
  std::vector<ThreadResult> results(geo::worker_count(threads));
  std::vector<geo::GeosContext> contexts(results.size());
  geo::parallel_for(n, threads,
                    [&](size_t worker, size_t i) { fn(contexts[worker], i, results[worker]); });
  return results;
}

}  // namespace

void compute_village_overlays(const std::vector<Village>& villages, const std::vector<Grid>& grids,
                              const std::vector<int32_t>& grid_village,
                              const GridSettings& settings, GridCoverage& out) {
  std::vector<std::vector<int32_t>> own(villages.size());
  for (size_t g = 0; g < grids.size(); ++g)
    own[static_cast<size_t>(grid_village[g])].push_back(static_cast<int32_t>(g));
  const double sliver = settings.sliver_m2;

  // 1. Per village: area, gaps, own-grid overlaps, grid parts outside the village.
  auto per_village = parallel_for(
      villages.size(), settings.threads,
      [&](const geo::GeosContext& ctx, size_t v, ThreadResult& r) {
        const Village& village = villages[v];
        const auto vi = static_cast<int32_t>(v);
        auto vgeom = geo::from_wkb(ctx, village.wkb);
        VillageStats& stats = out.villages[v];  // each village written by one thread only
        stats.area = geo::area(ctx, vgeom.get());
        const auto& mine = own[v];
        std::vector<geo::Geometry> ggeoms;
        std::vector<const GEOSGeometry*> raw;
        for (int32_t g : mine) {
          ggeoms.push_back(geo::from_wkb(ctx, grids[static_cast<size_t>(g)].wkb));
          raw.push_back(ggeoms.back().get());
        }
        const std::string what =
            fmt::format(fmt::runtime(tr("village {} ({})")), village.code, village.name);
        if (mine.empty()) {
          CheckedOverlay whole{geo::clone(ctx, vgeom.get()), stats.area, false};
          stats.gap_area = add_pieces(ctx, whole, sliver, {vi, -1, -1, {}, {}, 0}, r.gaps);
          return;
        }
        auto grid_union = checked_union(ctx, raw, what);
        // One symmetric difference gives the gaps and the grids' area outside the village where
        // it passes its checks; otherwise the checked difference (with its snap-rounding
        // fallback) gives the gaps and the intersection's area.
        const double union_area = geo::area(ctx, grid_union.get());
        double intersection_area = 0;
        if (auto split =
                split_difference(ctx, vgeom.get(), grid_union.get(), std::min(sliver, 1e-3))) {
          CheckedOverlay gap{std::move(split->a_minus_b), split->a_minus_b_area, false, 0};
          stats.gap_area = add_pieces(ctx, gap, sliver, {vi, -1, -1, {}, {}, 0}, r.gaps);
          intersection_area = split->intersection_area;
        } else {
          auto gap = checked_difference(ctx, vgeom.get(), grid_union.get(), what);
          stats.snapped |= gap.snapped;
          r.snapped += gap.snapped;
          stats.gap_area = add_pieces(ctx, gap, sliver, {vi, -1, -1, {}, {}, 0}, r.gaps);
          intersection_area = gap.intersection_area;
        }

        double sum = 0;
        for (const auto* g : raw) sum += geo::area(ctx, g);
        if (sum - union_area >= sliver) {
          for (size_t i = 0; i < mine.size(); ++i)
            for (size_t j = i + 1; j < mine.size(); ++j) {
              const Grid& a = grids[static_cast<size_t>(mine[i])];
              const Grid& b = grids[static_cast<size_t>(mine[j])];
              if (!boxes_meet(a.envelope, b.envelope)) continue;
              auto inter = checked_intersection(
                  ctx, raw[i], raw[j],
                  fmt::format(fmt::runtime(tr("grids {} and {}")), a.code, b.code));
              r.snapped += inter.snapped;
              add_pieces(ctx, inter, sliver, {vi, mine[i], mine[j], {}, {}, 0}, r.overlaps);
            }
        }
        // Grid by grid only when the grids together reach outside the village.
        if (union_area - intersection_area < sliver) return;
        for (size_t i = 0; i < mine.size(); ++i) {
          const Grid& grid = grids[static_cast<size_t>(mine[i])];
          auto outside = checked_difference(
              ctx, raw[i], vgeom.get(),
              fmt::format(fmt::runtime(tr("grid {} outside {}")), grid.code, what));
          r.snapped += outside.snapped;
          const size_t before = r.outside.size();
          stats.outside_area +=
              add_pieces(ctx, outside, sliver, {vi, mine[i], -1, {}, {}, 0}, r.outside);
          for (size_t k = before; k < r.outside.size(); ++k)
            r.grids_outside.push_back({mine[i], r.outside[k].envelope});
        }
      });

  std::vector<std::pair<int32_t, geo::Envelope>> grids_outside;
  for (auto& r : per_village) {
    out.snapped_overlays += r.snapped;
    std::move(r.gaps.begin(), r.gaps.end(), std::back_inserter(out.gaps));
    std::move(r.outside.begin(), r.outside.end(), std::back_inserter(out.outside));
    std::move(r.overlaps.begin(), r.overlaps.end(), std::back_inserter(out.overlaps));
    grids_outside.insert(grids_outside.end(), r.grids_outside.begin(), r.grids_outside.end());
  }

  // 2. Grids of different villages can only overlap where one of them is outside its village.
  std::vector<geo::BoxIndex::Entry> grid_entries;
  for (size_t g = 0; g < grids.size(); ++g)
    grid_entries.push_back({box(grids[g].envelope), static_cast<uint32_t>(g)});
  const geo::BoxIndex grid_index(std::move(grid_entries));
  std::set<std::pair<int32_t, int32_t>> pair_set;
  for (const auto& [g, envelope] : grids_outside)
    grid_index.query_box(box(envelope), [&, g = g](uint32_t other) {
      const auto o = static_cast<int32_t>(other);
      if (grid_village[static_cast<size_t>(o)] == grid_village[static_cast<size_t>(g)]) return;
      pair_set.insert({std::min(g, o), std::max(g, o)});
    });
  const std::vector<std::pair<int32_t, int32_t>> pairs(pair_set.begin(), pair_set.end());
  auto cross = parallel_for(
      pairs.size(), settings.threads, [&](const geo::GeosContext& ctx, size_t p, ThreadResult& r) {
        const Grid& a = grids[static_cast<size_t>(pairs[p].first)];
        const Grid& b = grids[static_cast<size_t>(pairs[p].second)];
        auto ga = geo::from_wkb(ctx, a.wkb);
        auto gb = geo::from_wkb(ctx, b.wkb);
        auto inter =
            checked_intersection(ctx, ga.get(), gb.get(),
                                 fmt::format(fmt::runtime(tr("grids {} and {}")), a.code, b.code));
        r.snapped += inter.snapped;
        add_pieces(ctx, inter, sliver,
                   {grid_village[static_cast<size_t>(pairs[p].first)],
                    pairs[p].first,
                    pairs[p].second,
                    {},
                    {},
                    0},
                   r.overlaps);
      });
  for (auto& r : cross) {
    out.snapped_overlays += r.snapped;
    std::move(r.overlaps.begin(), r.overlaps.end(), std::back_inserter(out.overlaps));
  }

  // 3. Overlap area per village: each overlap piece clipped to the villages it reaches.
  std::vector<geo::BoxIndex::Entry> village_entries;
  std::vector<geo::Envelope> village_envelopes(villages.size());
  {
    geo::GeosContext ctx;
    for (size_t v = 0; v < villages.size(); ++v) {
      auto e = geo::envelope(ctx, geo::from_wkb(ctx, villages[v].wkb).get());
      village_envelopes[v] = {e[0], e[1], e[2], e[3]};
      village_entries.push_back({box(village_envelopes[v]), static_cast<uint32_t>(v)});
    }
  }
  const geo::BoxIndex village_index(std::move(village_entries));
  std::vector<std::pair<size_t, size_t>> clips;  // overlap piece, village
  for (size_t p = 0; p < out.overlaps.size(); ++p)
    village_index.query_box(box(out.overlaps[p].envelope), [&](uint32_t v) {
      clips.push_back({p, v});
    });
  std::vector<double> clipped(clips.size(), 0);
  parallel_for(
      clips.size(), settings.threads, [&](const geo::GeosContext& ctx, size_t c, ThreadResult& r) {
        auto piece = geo::from_wkb(ctx, out.overlaps[clips[c].first].wkb);
        auto village = geo::from_wkb(ctx, villages[clips[c].second].wkb);
        auto inter = checked_intersection(ctx, piece.get(), village.get(),
                                          "overlap in village " + villages[clips[c].second].code);
        r.snapped += inter.snapped;
        clipped[c] = inter.area;
      });
  for (size_t c = 0; c < clips.size(); ++c)
    out.villages[clips[c].second].overlap_area += clipped[c];
}

}  // namespace rz::analysis
