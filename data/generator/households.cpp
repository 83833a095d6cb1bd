// The village sizes, the hamlets and groups, and the households around them.
#include "data/generator/households.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

#include "data/generator/constants.hpp"
#include "data/generator/rng.hpp"

namespace rz::gen {

namespace {

int draw_persons(Rng& rng) {
  // Registered household sizes, mean ~3.2.
  static constexpr std::array<double, 7> kCum = {0.12, 0.34, 0.56, 0.76, 0.89, 0.96, 1.0};
  const double u = rng.uniform();
  for (int i = 0; i < 7; ++i)
    if (u < kCum[static_cast<std::size_t>(i)]) return i + 1;
  return 7;
}

}  // namespace

void make_households(County& c) {
  Rng rng = stream("households");
  // Sizes first, scaled so the county has about kTargetHouseholds.
  std::vector<double> raw(c.villages.size());
  double sum = 0;
  for (std::size_t i = 0; i < c.villages.size(); ++i) {
    const Village& v = c.villages[i];
    double h = v.community ? rng.uniform(300, 700) : 150.0 * rng.skewed(0.3);
    if (v.type == VType::hub) h *= 1.4;
    if (v.type == VType::hollow) h *= 0.85;
    raw[i] = h;
    sum += h;
  }
  for (std::size_t i = 0; i < c.villages.size(); ++i)
    c.villages[i].households_target =
        std::max(40, static_cast<int>(std::lround(raw[i] * kTargetHouseholds / sum)));

  for (std::size_t vi = 0; vi < c.villages.size(); ++vi) {
    Village& v = c.villages[vi];
    const Poly& inner = v.inner_poly;
    // Main hamlet at the seed (= the township seat for the seat village): the village committee.
    Pt main = v.seed;
    if (!inner.contains(main, 60.0)) main = snap(point_on_surface(v.cell.get()));
    v.seat = main;
    const int n_hamlets = v.community ? rng.integer(2, 4) : rng.integer(1, 4);
    v.hamlets.push_back({main, 0, 1.6});
    for (int k = 1; k < n_hamlets; ++k) {
      Pt best{};
      double best_score = -1;
      for (int cand = 0; cand < 30; ++cand) {
        Pt p = random_point_in(inner, rng, 80.0);
        if (v.community && dist(p, main) > 600.0) p = main + (p - main) * (600.0 / dist(p, main));
        if (!inner.contains(p)) continue;
        double d = inner.boundary_distance(p) * 2.0;
        for (const Hamlet& h : v.hamlets) d = std::min(d, dist(p, h.c));
        if (d > best_score) {
          best_score = d;
          best = p;
        }
      }
      if (best_score < 0) continue;
      v.hamlets.push_back({snap(best), 0, rng.uniform(0.5, 1.2)});
    }
    const int total = v.households_target;
    const int isolated = v.community ? total / 100 : std::max(1, total * 3 / 100);
    int in_clusters = 0;
    if (!v.community && total > 60) {
      const int n_clusters = rng.integer(2, 4);
      for (int k = 0; k < n_clusters; ++k) {
        const Pt p = snap(random_point_in(inner, rng, 60.0));
        bool ok = true;
        for (const Hamlet& h : v.hamlets) ok = ok && dist(p, h.c) > 350.0;
        if (!ok) continue;
        v.clusters.push_back(p);
      }
      in_clusters = static_cast<int>(v.clusters.size()) * 4;
    }
    const int in_hamlets = total - isolated - in_clusters;
    double wsum = 0;
    for (const Hamlet& h : v.hamlets) wsum += h.weight;
    std::vector<int> per_hamlet(v.hamlets.size());
    int assigned = 0;
    for (std::size_t k = 0; k < v.hamlets.size(); ++k) {
      per_hamlet[k] = static_cast<int>(std::floor(in_hamlets * v.hamlets[k].weight / wsum));
      assigned += per_hamlet[k];
    }
    per_hamlet[0] += in_hamlets - assigned;

    auto add = [&](Pt p) {
      Household h{snap(p), static_cast<int>(vi), draw_persons(rng)};
      v.hh.push_back(static_cast<int>(c.households.size()));
      c.households.push_back(h);
    };
    auto around = [&](Pt center, double sigma) {
      for (int attempt = 0; attempt < 60; ++attempt) {
        const Pt p = center + Pt{rng.normal(0, sigma), rng.normal(0, sigma)};
        if (inner.contains(p)) return p;
      }
      return random_point_in(inner, rng);
    };
    for (std::size_t k = 0; k < v.hamlets.size(); ++k) {
      Hamlet& h = v.hamlets[k];
      h.sigma = (v.community ? 90.0 : 45.0) + 5.0 * std::sqrt(static_cast<double>(per_hamlet[k]));
      for (int i = 0; i < per_hamlet[k]; ++i) add(around(h.c, h.sigma));
    }
    for (const Pt& cl : v.clusters)
      for (int i = 0; i < 4; ++i) add(around(cl, 25.0));
    for (int i = 0; i < isolated; ++i) add(random_point_in(inner, rng));
  }
}

}  // namespace rz::gen
