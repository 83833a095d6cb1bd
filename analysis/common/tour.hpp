#pragma once
// The observation tour of a zone (ruralzone zone tour): the order in which to visit every stop,
// starting from a start place (the county seat or the core), on road minutes that differ by
// direction (one-way roads), and its split into days.
//
// Order: exact, by Held–Karp dynamic programming over the subsets of stops (up to
// kTourMaxStops stops; more is refused with a message saying so). With `return_to_start` the tour
// ends back at the start and the drive back is counted; without it the tour ends at its last
// stop.
//
// Days: every day leaves the start and, with `return_to_start`, comes back to it in the evening
// (without it, the day ends at its last stop and the drive back is not counted). A day's time is
// its travel plus the dwell at each of its stops and must not exceed the daily budget. The plan
// with the fewest days, and among those the least total travel, is found exactly: for each subset
// of stops its best day route comes from the same dynamic programming, and the best partition of
// all stops into feasible day subsets from a second one over the subsets (3^n steps; up to
// kTourMaxDayStops stops). Days come in the order of the partition search (the day with the
// first stop first); a day's stops in its best order.
//
// Beyond those sizes: the tour by a MILP solved with CBC (an assignment of each place's next place,
// with Miller–Tucker–Zemlin order constraints against subtours), started from the nearest-
// neighbour tour, with its bound and whether optimality was proven within the time limit; and
// the days as the best split of that tour's order into consecutive days (fewest days, then least
// travel, exact for that order only).
//
// Nearest neighbour, for comparison: from the start, always the nearest stop not yet visited
// (for days: the nearest one the day can still take and get back from within the budget, else a
// new day).
#include <cstdint>
#include <string>
#include <vector>

namespace rz::analysis {

constexpr size_t kTourMaxStops = 18;     // Held–Karp: 2^18 x 18 labels (38 MB)
constexpr size_t kTourMaxDayStops = 16;  // the day partition: 3^16 steps

struct TourProblem {
  size_t stops = 0;
  // Minutes between places, (stops + 1) x (stops + 1) row-major: place 0 is the start, place
  // k + 1 is stop k; +inf where there is no route.
  std::vector<double> minutes;
  std::vector<std::string> names;  // per stop, for messages (may be empty)
  bool return_to_start = true;
  std::vector<double> dwell_min;  // per stop
  double day_budget_min = 480;
};

struct TourRoute {
  std::vector<uint32_t> stops;  // stop indexes in visiting order
  std::vector<double> legs;     // minutes of the drive into each stop
  double back_min = 0;          // the drive from the last stop to the start (0 without return)
  double travel_min = 0;        // legs + back
  double dwell_min = 0;         // the stops' dwell
  double time_min() const { return travel_min + dwell_min; }
};

struct TourPlan {
  std::vector<TourRoute> days;
  double travel_min = 0;
};

// The place index of a stop in TourProblem::minutes.
inline uint32_t tour_place(uint32_t stop) {
  return stop + 1;
}

// The route visiting `stops` in the given order (legs, back, travel, dwell filled in).
TourRoute tour_route(const TourProblem& problem, std::vector<uint32_t> stops);

// The least-travel order of all stops. DataError when no order exists (a stop without a road
// route from the start or back, named) and UsageError above kTourMaxStops.
TourRoute best_tour(const TourProblem& problem);

// The fewest days, then the least total travel. DataError naming a stop whose dwell and drive
// there and back exceed the budget on their own; UsageError above kTourMaxDayStops.
TourPlan best_days(const TourProblem& problem);

struct TourSolution {
  TourRoute route;
  bool proven_optimal = false;
  double bound = 0;  // no order travels less
};

// The MILP tour (any number of stops; the caller uses best_tour up to kTourMaxStops). DataError
// as best_tour when no order exists.
TourSolution milp_tour(const TourProblem& problem, double time_limit_s);

// The best split of `order` (every stop once) into consecutive days. DataError as best_days.
TourPlan days_of_order(const TourProblem& problem, const std::vector<uint32_t>& order);

TourRoute nearest_neighbour_tour(const TourProblem& problem);
TourPlan nearest_neighbour_days(const TourProblem& problem);

}  // namespace rz::analysis
