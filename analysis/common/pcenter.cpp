// p-center (pcenter.hpp): a binary search over the distinct option costs, each step a set cover
// with at most K candidates.
#include "analysis/common/pcenter.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <optional>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "analysis/common/mip.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::analysis {

namespace {

constexpr double kNoSite = std::numeric_limits<double>::infinity();

// A demand point reduced to what decides its cost: the cost to its nearest always-open site
// (kNoSite when none) and the candidates cheaper than that (a candidate no cheaper never lowers
// the point's cost), sorted by site. `points` counts the input points merged into it.
struct CenterPoint {
  double open_cost = kNoSite;
  std::vector<std::pair<uint32_t, double>> candidates;
  size_t points = 1;
  auto key() const { return std::tie(open_cost, candidates); }
};

// The points that take part, identical ones merged: the same reduced options give the same cost
// at every radius, whatever the radius filter leaves of them.
std::vector<CenterPoint> distinct_points(const CenterProblem& p) {
  std::vector<CenterPoint> out;
  std::vector<double> cost_of(p.candidates, kNoSite);
  for (const auto& options : p.options) {
    if (options.empty()) continue;
    CenterPoint point;
    for (const auto& [site, cost] : options) {
      if (site >= p.sites)
        throw std::invalid_argument(fmt::format("p-center: site {} of {}", site, p.sites));
      if (site >= p.candidates)
        point.open_cost = std::min(point.open_cost, cost);
      else
        cost_of[site] = std::min(cost_of[site], cost);
    }
    for (const auto& [site, cost] : options) {
      if (site >= p.candidates || cost_of[site] == kNoSite) continue;
      if (cost_of[site] < point.open_cost) point.candidates.push_back({site, cost_of[site]});
      cost_of[site] = kNoSite;  // once per site, and cost_of is clean for the next point
    }
    if (point.open_cost == kNoSite && point.candidates.empty()) continue;  // no finite cost
    std::sort(point.candidates.begin(), point.candidates.end());
    out.push_back(std::move(point));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key() < b.key(); });
  std::vector<CenterPoint> merged;
  for (auto& point : out)
    if (!merged.empty() && merged.back().key() == point.key())
      ++merged.back().points;
    else
      merged.push_back(std::move(point));
  return merged;
}

// The cost of a point with those sites open (kNoSite when none of them serves it).
double cost_of_point(const CenterPoint& point, const std::vector<bool>& open) {
  double best = point.open_cost;
  for (const auto& [site, cost] : point.candidates)
    if (open[site]) best = std::min(best, cost);
  return best;
}

double largest_cost(const std::vector<CenterPoint>& points, const std::vector<bool>& open) {
  double worst = 0;
  for (const auto& point : points) worst = std::max(worst, cost_of_point(point, open));
  return worst;
}

std::vector<bool> open_sites(size_t candidates, const std::vector<uint32_t>& chosen) {
  std::vector<bool> open(candidates, false);
  for (uint32_t c : chosen) open[c] = true;
  return open;
}

// The radii the optimum can take: every distinct cost, but none below the largest of the points'
// cheapest options, which no choice of sites beats.
std::vector<double> possible_radii(const std::vector<CenterPoint>& points) {
  std::vector<double> radii;
  double least = 0;  // no choice of sites brings the largest cost below this
  for (const auto& point : points) {
    double cheapest = point.open_cost;
    if (point.open_cost != kNoSite) radii.push_back(point.open_cost);
    for (const auto& [site, cost] : point.candidates) {
      radii.push_back(cost);
      cheapest = std::min(cheapest, cost);
    }
    least = std::max(least, cheapest);
  }
  std::sort(radii.begin(), radii.end());
  radii.erase(std::unique(radii.begin(), radii.end()), radii.end());
  radii.erase(radii.begin(), std::lower_bound(radii.begin(), radii.end(), least));
  return radii;
}

// The sets that contain no other: a point whose set contains another point's is covered whenever
// that one is, so only the minimal sets are rows for CBC (far fewer where points are many and
// near one another; the same answer). `sets` are sorted and distinct.
std::vector<std::vector<uint32_t>> minimal_sets(std::vector<std::vector<uint32_t>> sets,
                                                size_t candidates) {
  // By size, a set's subsets come before it; a subset's first element is in the set, so only
  // the kept sets that begin with one of its elements need checking.
  std::stable_sort(sets.begin(), sets.end(),
                   [](const auto& a, const auto& b) { return a.size() < b.size(); });
  std::vector<std::vector<uint32_t>> kept;
  std::vector<std::vector<uint32_t>> kept_starting_with(candidates);
  std::vector<bool> in_set(candidates, false);
  for (auto& set : sets) {
    for (uint32_t c : set) in_set[c] = true;
    bool dominated = false;
    for (size_t i = 0; i < set.size() && !dominated; ++i)
      for (uint32_t j : kept_starting_with[set[i]])
        if (std::all_of(kept[j].begin(), kept[j].end(), [&](uint32_t c) { return in_set[c]; })) {
          dominated = true;
          break;
        }
    for (uint32_t c : set) in_set[c] = false;
    if (dominated) continue;
    kept_starting_with[set.front()].push_back(static_cast<uint32_t>(kept.size()));
    kept.push_back(std::move(set));
  }
  return kept;
}

// The candidates worth opening for `rows`: one whose rows another candidate also covers (all of
// them) can give way to that one in any cover; of two with the same rows, the smaller index stays.
std::vector<bool> undominated_candidates(const std::vector<std::vector<uint32_t>>& rows,
                                         size_t candidates) {
  std::vector<std::vector<uint32_t>> rows_of(candidates);
  for (size_t r = 0; r < rows.size(); ++r)
    for (uint32_t c : rows[r]) rows_of[c].push_back(static_cast<uint32_t>(r));
  std::vector<bool> keep(candidates, false), in_rows(rows.size(), false);
  for (uint32_t c = 0; c < candidates; ++c) {
    if (rows_of[c].empty()) continue;
    for (uint32_t r : rows_of[c]) in_rows[r] = true;
    // A candidate covering all of c's rows covers its first.
    bool dominated = false;
    for (uint32_t d : rows[rows_of[c].front()]) {
      if (d == c || rows_of[d].size() < rows_of[c].size()) continue;
      size_t shared = 0;
      for (uint32_t r : rows_of[d]) shared += in_rows[r];
      if (shared == rows_of[c].size() && (rows_of[d].size() > shared || d < c)) {
        dominated = true;
        break;
      }
    }
    for (uint32_t r : rows_of[c]) in_rows[r] = false;
    keep[c] = !dominated;
  }
  return keep;
}

enum class Answer { feasible, infeasible, unknown };
struct Step {
  Answer answer = Answer::unknown;
  std::vector<uint32_t> chosen;  // when feasible: at most k candidates covering every point
};

// Whether k candidates bring every point within `radius` of an open site.
Step cover_within(const std::vector<CenterPoint>& points, size_t candidates, size_t k,
                  double radius, double time_limit_s) {
  // Points an always-open site serves within the radius need nothing; the others one candidate
  // of those within it. Identical sets are one row (aggregate_coverage merges them).
  // Each weighs the input points it stands for, which the greedy cover goes by.
  std::vector<std::vector<uint32_t>> sets;
  std::vector<double> weight;
  double all = 0;
  for (const auto& point : points) {
    if (point.open_cost <= radius) continue;
    std::vector<uint32_t> set;
    for (const auto& [site, cost] : point.candidates)
      if (cost <= radius) set.push_back(site);
    if (set.empty()) return {Answer::infeasible, {}};
    sets.push_back(std::move(set));
    weight.push_back(static_cast<double>(point.points));
    all += weight.back();
  }
  if (sets.empty()) return {Answer::feasible, {}};
  const CoverageProblem cover = aggregate_coverage(candidates, sets, weight);
  // The greedy cover is a witness when it needs no more than k sites.
  auto greedy = greedy_mclp(cover, k);
  if (covered_weight(cover, greedy) == all) return {Answer::feasible, std::move(greedy)};
  if (k == 0) return {Answer::infeasible, {}};
  if (time_limit_s <= 0) return {Answer::unknown, {}};

  // Feasibility only (no objective): every row covered, at most k candidates open; rows only the
  // minimal sets and columns only the undominated candidates, which decide the same.
  MipProblem m;
  m.maximise = false;
  const auto rows = minimal_sets(cover.covers, candidates);
  const auto keep = undominated_candidates(rows, candidates);
  for (size_t c = 0; c < candidates; ++c) m.add_column(0.0, 0.0, keep[c] ? 1.0 : 0.0, true);
  for (const auto& set : rows) {
    MipRow row;
    for (uint32_t c : set)
      if (keep[c]) row.push_back({static_cast<int>(c), 1.0});
    m.add_row(std::move(row), 1.0, kMipFree);
  }
  MipRow at_most_k;
  for (size_t c = 0; c < candidates; ++c) at_most_k.push_back({static_cast<int>(c), 1.0});
  m.add_row(std::move(at_most_k), -kMipFree, static_cast<double>(k));
  const MipResult r = solve_mip(m, std::nullopt, time_limit_s);
  if (r.infeasible) return {Answer::infeasible, {}};
  // With no objective CBC's "no solution" value (mip.hpp) is 0 like any other, so a solution is
  // taken only when it is one: at most k candidates covering every row.
  if (r.has_solution && r.x.size() == candidates) {
    Step step{Answer::feasible, {}};
    for (uint32_t c = 0; c < candidates; ++c)
      if (r.x[c] > 0.5) step.chosen.push_back(c);
    if (step.chosen.size() <= k && covered_weight(cover, step.chosen) == all) return step;
  }
  return {Answer::unknown, {}};
}

// Up to k sites: each time the candidate that serves the most points no open site serves yet,
// and among those the one that lowers the points' costs most in total (it cannot raise the
// largest), so that no site opens for nothing while another would help; ties go to the smallest
// index. From no sites, a quick answer that bounds the search; after a cover, its leftover sites.
std::vector<uint32_t> fill_up(const std::vector<CenterPoint>& points, size_t candidates, size_t k,
                              std::vector<uint32_t> chosen) {
  std::vector<bool> open = open_sites(candidates, chosen);
  std::vector<double> current;
  for (const auto& point : points) current.push_back(cost_of_point(point, open));
  std::vector<std::vector<std::pair<uint32_t, double>>> points_of(candidates);
  for (size_t i = 0; i < points.size(); ++i)
    for (const auto& [site, cost] : points[i].candidates)
      points_of[site].push_back({static_cast<uint32_t>(i), cost});
  while (chosen.size() < k) {
    std::pair<double, double> best_gain{-1, -1};  // (points newly served, cost saved)
    uint32_t best = 0;
    for (uint32_t c = 0; c < candidates; ++c) {
      if (open[c]) continue;
      std::pair<double, double> gain{0, 0};
      for (const auto& [i, cost] : points_of[c]) {
        const auto n = static_cast<double>(points[i].points);
        if (current[i] == kNoSite)
          gain.first += n;
        else
          gain.second += n * std::max(0.0, current[i] - cost);
      }
      if (gain > best_gain) best_gain = gain, best = c;
    }
    open[best] = true;
    chosen.push_back(best);
    for (const auto& [i, cost] : points_of[best]) current[i] = std::min(current[i], cost);
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

}  // namespace

SitingResult solve_pcenter(const CenterProblem& problem, size_t k, double time_limit_s) {
  const size_t nc = problem.candidates;
  if (k > nc)
    throw UsageError(
        fmt::format(fmt::runtime(tr("K = {} is more than the {} candidate sites")), k, nc));
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(std::max(0.0, time_limit_s));
  const std::vector<CenterPoint> points = distinct_points(problem);
  const std::vector<double> radii = possible_radii(points);
  SitingResult result;
  // The greedy sites bound the search from above (and are the answer if time runs out first).
  std::vector<uint32_t> best = fill_up(points, nc, k, {});
  result.greedy_objective = largest_cost(points, open_sites(nc, best));
  const bool greedy_serves_all = result.greedy_objective != kNoSite;
  if (!greedy_serves_all) result.greedy_objective = std::numeric_limits<double>::quiet_NaN();

  // Radii below lo are proven infeasible; radii[hi] and above feasible, `best` reaching radii[hi]
  // (hi = radii.size(): none found yet).
  auto index_of = [&](double radius) {
    return static_cast<size_t>(std::lower_bound(radii.begin(), radii.end(), radius) -
                               radii.begin());
  };
  size_t lo = 0, hi = greedy_serves_all ? index_of(result.greedy_objective) : radii.size();
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    const double left =
        std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count();
    Step step = cover_within(points, nc, k, radii[mid], left);
    if (step.answer == Answer::unknown) {
      result.stopped_on_time = true;
      break;
    }
    if (step.answer == Answer::infeasible) {
      lo = mid + 1;
      continue;
    }
    // The cover may do better than the radius asked: what it reaches is feasible too.
    const size_t reached = index_of(largest_cost(points, open_sites(nc, step.chosen)));
    if (reached > mid) throw std::logic_error("p-center: a cover beyond its radius");
    hi = reached;
    best = fill_up(points, nc, k, std::move(step.chosen));
  }
  if (hi == radii.size() && !points.empty()) {  // even the largest radius needs more than k
    result.infeasible = !result.stopped_on_time;
    result.bound = lo < radii.size() ? radii[lo] : kNoSite;
    return result;
  }
  result.chosen = std::move(best);
  result.has_solution = true;
  result.objective = largest_cost(points, open_sites(nc, result.chosen));
  result.proven_optimal = lo == hi;
  result.bound = result.proven_optimal ? result.objective : radii[lo];
  return result;
}

}  // namespace rz::analysis
