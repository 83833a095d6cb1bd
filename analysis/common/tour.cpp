#include "analysis/common/tour.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "analysis/common/mip.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::analysis {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTie = 1e-9;  // travel sums closer than this are equal (sums in another order)

double leg(const TourProblem& p, uint32_t from_place, uint32_t to_place) {
  return p.minutes[static_cast<size_t>(from_place) * (p.stops + 1) + to_place];
}

double back_of(const TourProblem& p, uint32_t stop) {
  return p.return_to_start ? leg(p, tour_place(stop), 0) : 0.0;
}

std::string stop_text(const TourProblem& p, uint32_t stop) {
  return stop < p.names.size() && !p.names[stop].empty() ? p.names[stop]
                                                         : fmt::format("stop {}", stop + 1);
}

void check_input(const TourProblem& p) {
  const size_t places = p.stops + 1;
  if (p.minutes.size() != places * places)
    throw std::logic_error("tour: the minutes matrix is not (stops + 1) x (stops + 1)");
  if (p.dwell_min.size() != p.stops) throw std::logic_error("tour: one dwell per stop needed");
  for (uint32_t s = 0; s < p.stops; ++s) {
    if (!std::isfinite(leg(p, 0, tour_place(s))))
      throw DataError(
          fmt::format(fmt::runtime(tr("{} has no road route from the start")), stop_text(p, s)));
    if (p.return_to_start && !std::isfinite(back_of(p, s)))
      throw DataError(
          fmt::format(fmt::runtime(tr("{} has no road route back to the start")), stop_text(p, s)));
  }
}

// Held–Karp labels: the least minutes from the start through the stops of `mask`, ending at stop
// j (j in mask), at [mask * n + j].
class HeldKarp {
 public:
  explicit HeldKarp(const TourProblem& p) : p_(p), n_(p.stops) {
    const size_t masks = size_t{1} << n_;
    label_.assign(masks * n_, kInf);
    for (uint32_t j = 0; j < n_; ++j) label_[(size_t{1} << j) * n_ + j] = leg(p, 0, tour_place(j));
    for (size_t mask = 1; mask < masks; ++mask)
      for (uint32_t j = 0; j < n_; ++j) {
        if (!(mask >> j & 1)) continue;
        const double here = label_[mask * n_ + j];
        if (!std::isfinite(here)) continue;
        for (uint32_t k = 0; k < n_; ++k) {
          if (mask >> k & 1) continue;
          const double via = here + leg(p, tour_place(j), tour_place(k));
          double& there = label_[(mask | size_t{1} << k) * n_ + k];
          if (via < there) there = via;
        }
      }
  }
  double label(size_t mask, uint32_t j) const { return label_[mask * n_ + j]; }
  // The least travel of a route through exactly `mask`, drive back included; its last stop.
  std::pair<double, uint32_t> closed(size_t mask) const {
    double best = kInf;
    uint32_t last = 0;
    for (uint32_t j = 0; j < n_; ++j)
      if (mask >> j & 1) {
        const double t = label(mask, j) + back_of(p_, j);
        if (t < best) best = t, last = j;
      }
    return {best, last};
  }
  // The order of the best route through `mask` ending at `last`.
  std::vector<uint32_t> order(size_t mask, uint32_t last) const {
    std::vector<uint32_t> reversed{last};
    while (mask != (size_t{1} << last)) {
      const size_t before = mask & ~(size_t{1} << last);
      const double target = label(mask, last);
      auto previous = static_cast<uint32_t>(n_);
      for (uint32_t i = 0; i < n_ && previous == n_; ++i)
        if ((before >> i & 1) &&
            label(before, i) + leg(p_, tour_place(i), tour_place(last)) == target)
          previous = i;
      if (previous == n_) throw std::logic_error("tour: Held–Karp labels do not retrace");
      reversed.push_back(previous);
      mask = before;
      last = previous;
    }
    return {reversed.rbegin(), reversed.rend()};
  }

 private:
  const TourProblem& p_;
  size_t n_;
  std::vector<double> label_;
};

std::string no_order_message(const TourProblem& p) {
  return fmt::format(
      fmt::runtime(p.return_to_start
                       ? tr("no order visits all {} stops on the roads and returns to the start "
                            "(one-way or missing roads leave some stop without a way on)")
                       : tr("no order visits all {} stops on the roads (one-way or missing roads "
                            "leave some stop without a way on)")),
      p.stops);
}

// DataError naming a stop that cannot be visited within one day on its own.
void check_days(const TourProblem& p) {
  for (uint32_t s = 0; s < p.stops; ++s) {
    const double alone = leg(p, 0, tour_place(s)) + back_of(p, s) + p.dwell_min[s];
    if (alone > p.day_budget_min)
      throw DataError(fmt::format(
          fmt::runtime(p.return_to_start
                           ? tr("{} cannot be visited within one day: the drive there and back "
                                "and the dwell take {:.1f} min, more than the daily budget of "
                                "{:.1f} min")
                           : tr("{} cannot be visited within one day: the drive there and the "
                                "dwell take {:.1f} min, more than the daily budget of {:.1f} min")),
          stop_text(p, s), alone, p.day_budget_min));
  }
}

}  // namespace

TourRoute tour_route(const TourProblem& p, std::vector<uint32_t> stops) {
  TourRoute r;
  r.stops = std::move(stops);
  uint32_t at = 0;
  for (uint32_t s : r.stops) {
    r.legs.push_back(leg(p, at, tour_place(s)));
    r.travel_min += r.legs.back();
    r.dwell_min += p.dwell_min[s];
    at = tour_place(s);
  }
  if (p.return_to_start && !r.stops.empty()) r.back_min = leg(p, at, 0);
  r.travel_min += r.back_min;
  return r;
}

TourRoute best_tour(const TourProblem& p) {
  check_input(p);
  if (p.stops == 0) return {};
  if (p.stops > kTourMaxStops)
    throw UsageError(
        fmt::format(fmt::runtime(tr("the exact tour takes at most {} stops; this one has {}")),
                    kTourMaxStops, p.stops));
  const HeldKarp hk(p);
  const size_t all = (size_t{1} << p.stops) - 1;
  const auto [travel, last] = hk.closed(all);
  if (!std::isfinite(travel)) throw DataError(no_order_message(p));
  return tour_route(p, hk.order(all, last));
}

TourPlan best_days(const TourProblem& p) {
  check_input(p);
  if (p.stops == 0) return {};
  if (p.stops > kTourMaxDayStops)
    throw UsageError(fmt::format(
        fmt::runtime(tr("the exact split into days takes at most {} stops; this one has {}")),
        kTourMaxDayStops, p.stops));
  check_days(p);
  const size_t n = p.stops;
  const size_t masks = size_t{1} << n;
  const HeldKarp hk(p);
  std::vector<double> day_travel(masks, kInf);
  std::vector<uint32_t> day_last(masks, 0);
  for (size_t mask = 1; mask < masks; ++mask) {
    double dwell = 0;
    for (uint32_t s = 0; s < n; ++s)
      if (mask >> s & 1) dwell += p.dwell_min[s];
    const auto [travel, last] = hk.closed(mask);
    if (travel + dwell <= p.day_budget_min + kTie) {
      day_travel[mask] = travel;
      day_last[mask] = last;
    }
  }
  // Best (days, travel) of each subset, by the day holding its lowest stop.
  std::vector<uint32_t> days(masks, std::numeric_limits<uint32_t>::max());
  std::vector<double> travel(masks, kInf);
  std::vector<uint32_t> first_day(masks, 0);
  days[0] = 0;
  travel[0] = 0;
  for (size_t mask = 1; mask < masks; ++mask) {
    const size_t low = mask & (~mask + 1);
    const size_t rest = mask ^ low;
    // Every subset of `rest`, each with `low` added, as the day of the lowest stop.
    for (size_t sub = rest;; sub = (sub - 1) & rest) {
      const size_t day = sub | low;
      const size_t others = mask ^ day;
      if (std::isfinite(day_travel[day]) && std::isfinite(travel[others])) {
        const uint32_t d = days[others] + 1;
        const double t = travel[others] + day_travel[day];
        if (d < days[mask] || (d == days[mask] && t < travel[mask] - kTie)) {
          days[mask] = d;
          travel[mask] = t;
          first_day[mask] = static_cast<uint32_t>(day);
        }
      }
      if (sub == 0) break;
    }
  }
  const size_t all = masks - 1;
  if (!std::isfinite(travel[all])) throw DataError(no_order_message(p));
  TourPlan plan;
  for (size_t mask = all; mask != 0; mask ^= first_day[mask]) {
    const size_t day = first_day[mask];
    plan.days.push_back(tour_route(p, hk.order(day, day_last[day])));
    plan.travel_min += plan.days.back().travel_min;
  }
  return plan;
}

TourSolution milp_tour(const TourProblem& p, double time_limit_s) {
  check_input(p);
  TourSolution out;
  if (p.stops == 0) return out;
  const size_t places = p.stops + 1;
  // x_ij: place j follows place i (the start is place 0; without return the arcs back to it
  // cost nothing, so the tour is a path ending anywhere); u_k: stop k's position, 1..n.
  MipProblem m;
  m.maximise = false;
  std::vector<int> arc(places * places, -1);
  for (uint32_t i = 0; i < places; ++i)
    for (uint32_t j = 0; j < places; ++j) {
      if (i == j) continue;
      const double cost = j == 0 && !p.return_to_start ? 0.0 : leg(p, i, j);
      if (!std::isfinite(cost)) continue;
      arc[i * places + j] = m.add_column(cost, 0, 1, true);
    }
  const auto n = static_cast<double>(p.stops);
  std::vector<int> position(places, -1);
  for (uint32_t k = 1; k < places; ++k) position[k] = m.add_column(0, 1, n, false);
  for (uint32_t i = 0; i < places; ++i) {
    MipRow out_row, in_row;
    for (uint32_t j = 0; j < places; ++j) {
      if (arc[i * places + j] >= 0) out_row.push_back({arc[i * places + j], 1});
      if (arc[j * places + i] >= 0) in_row.push_back({arc[j * places + i], 1});
    }
    if (out_row.empty() || in_row.empty()) throw DataError(no_order_message(p));
    m.add_row(std::move(out_row), 1, 1);
    m.add_row(std::move(in_row), 1, 1);
  }
  for (uint32_t i = 1; i < places; ++i)
    for (uint32_t j = 1; j < places; ++j)
      if (i != j && arc[i * places + j] >= 0)
        m.add_row({{position[i], 1}, {position[j], -1}, {arc[i * places + j], n}}, -kMipFree,
                  n - 1);
  // The nearest-neighbour tour as the start, when all its arcs exist.
  std::optional<std::vector<double>> start;
  {
    const TourRoute nn = nearest_neighbour_tour(p);
    std::vector<double> x(m.objective.size(), 0.0);
    bool whole = true;
    uint32_t at = 0;
    double k = 0;
    for (uint32_t s : nn.stops) {
      const int c = arc[at * places + tour_place(s)];
      if (c < 0)
        whole = false;
      else
        x[static_cast<size_t>(c)] = 1;
      at = tour_place(s);
      x[static_cast<size_t>(position[at])] = ++k;
    }
    const int back = arc[at * places + 0];
    if (back < 0)
      whole = false;
    else
      x[static_cast<size_t>(back)] = 1;
    if (whole) start = std::move(x);
  }
  const MipResult r = solve_mip(m, start, time_limit_s);
  if (!r.has_solution) {
    if (r.infeasible) throw DataError(no_order_message(p));
    throw DataError(fmt::format(
        fmt::runtime(
            tr("CBC found no order of the {} stops within the time limit of {:g} s (none proven "
               "impossible either): allow it more time")),
        p.stops, time_limit_s));
  }
  std::vector<uint32_t> order;
  uint32_t at = 0;
  for (size_t step = 0; step < p.stops; ++step) {
    uint32_t next = 0;
    for (uint32_t j = 1; j < places; ++j)
      if (arc[at * places + j] >= 0 && r.x[static_cast<size_t>(arc[at * places + j])] > 0.5)
        next = j;
    if (next == 0) throw std::logic_error("tour: the MILP's arcs do not form one tour");
    order.push_back(next - 1);
    at = next;
  }
  out.route = tour_route(p, order);
  out.proven_optimal = r.proven_optimal;
  out.bound =
      r.proven_optimal ? out.route.travel_min : std::clamp(r.bound, 0.0, out.route.travel_min);
  return out;
}

TourPlan days_of_order(const TourProblem& p, const std::vector<uint32_t>& order) {
  check_input(p);
  check_days(p);
  const size_t n = order.size();
  // best[k]: (days, travel) covering the first k stops of the order; cut[k]: where its last
  // day starts.
  std::vector<uint32_t> days(n + 1, std::numeric_limits<uint32_t>::max());
  std::vector<double> travel(n + 1, kInf);
  std::vector<size_t> cut(n + 1, 0);
  days[0] = 0;
  travel[0] = 0;
  for (size_t k = 1; k <= n; ++k)
    for (size_t j = k; j-- > 0;) {
      if (!std::isfinite(travel[j])) continue;
      const TourRoute day = tour_route(p, {order.begin() + static_cast<std::ptrdiff_t>(j),
                                           order.begin() + static_cast<std::ptrdiff_t>(k)});
      if (day.time_min() > p.day_budget_min + kTie) continue;
      const uint32_t d = days[j] + 1;
      const double t = travel[j] + day.travel_min;
      if (d < days[k] || (d == days[k] && t < travel[k] - kTie)) {
        days[k] = d;
        travel[k] = t;
        cut[k] = j;
      }
    }
  if (!std::isfinite(travel[n])) throw DataError(no_order_message(p));
  TourPlan plan;
  for (size_t k = n; k > 0; k = cut[k])
    plan.days.push_back(tour_route(p, {order.begin() + static_cast<std::ptrdiff_t>(cut[k]),
                                       order.begin() + static_cast<std::ptrdiff_t>(k)}));
  std::reverse(plan.days.begin(), plan.days.end());
  for (const auto& d : plan.days) plan.travel_min += d.travel_min;
  return plan;
}

TourRoute nearest_neighbour_tour(const TourProblem& p) {
  check_input(p);
  std::vector<bool> visited(p.stops, false);
  std::vector<uint32_t> order;
  uint32_t at = 0;
  for (size_t step = 0; step < p.stops; ++step) {
    double best = kInf;
    uint32_t next = 0;
    bool found = false;
    for (uint32_t s = 0; s < p.stops; ++s)
      if (!visited[s] && (!found || leg(p, at, tour_place(s)) < best)) {
        best = leg(p, at, tour_place(s));
        next = s;
        found = true;
      }
    visited[next] = true;
    order.push_back(next);
    at = tour_place(next);
  }
  return tour_route(p, order);
}

TourPlan nearest_neighbour_days(const TourProblem& p) {
  check_input(p);
  std::vector<bool> visited(p.stops, false);
  TourPlan plan;
  size_t left = p.stops;
  while (left > 0) {
    std::vector<uint32_t> day;
    uint32_t at = 0;
    double time = 0;
    for (;;) {
      double best = kInf;
      std::optional<uint32_t> next;
      for (uint32_t s = 0; s < p.stops; ++s) {
        if (visited[s]) continue;
        const double there = leg(p, at, tour_place(s));
        if (time + there + p.dwell_min[s] + back_of(p, s) > p.day_budget_min + kTie) continue;
        if (there < best) best = there, next = s;
      }
      if (!next) break;
      visited[*next] = true;
      --left;
      day.push_back(*next);
      time += best + p.dwell_min[*next];
      at = tour_place(*next);
    }
    if (day.empty())
      throw DataError(
          tr("a stop cannot be visited within one day's budget"));  // best_days names it
    plan.days.push_back(tour_route(p, day));
    plan.travel_min += plan.days.back().travel_min;
  }
  return plan;
}

}  // namespace rz::analysis
