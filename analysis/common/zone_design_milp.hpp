#pragma once
// Zone design (ruralzone zone design): choose the members of a demonstration zone ("1+12": a
// core village and N members) among the county's villages so that a weighted score is largest,
// subject to
//   - every member within T_max road minutes of the core (minutes from the core to the member);
//   - the core and the members linked in series: connected in the given graph, through chosen
//     villages only;
//   - per township, a least and a most number of zone villages (the core counts);
//   - must-include and must-exclude lists;
//   - at least so many distinct types and townships among the zone's villages, and at least so
//     many of a count (facilities) in them (what the zone check asks of a zone as a whole).
// Objective: the sum of the zone villages' scores (core included; the caller makes each score,
// e.g. weighted 十好 score, population and collective income) plus a bonus for each distinct
// type (hub, tidal, basic, hollow) the zone includes.
//
// Exact: a MILP solved with CBC (analysis/common/mip.hpp). Variables: z_i (village i in the zone),
// c_i (i is the core; fixed when the core is given), x_i = z_i - c_i (i is a member), y_t (type t
// present, binary, y_t <= sum of z_i of type t; sum of y_t >= types_min), w_k (township k
// spanned, likewise), and a single-commodity flow on both directions of
// each link: a source sends N units into the core, every member consumes 1, and an arc carries
// flow only between zone villages (f_ij <= N z_i, f_ij <= N z_j), so every member is joined to the
// core through zone villages. With the core to choose, x_j <= sum of c_i over the cores i within
// T_max of j. Candidates beyond T_max of every possible core, or not linked to it through such
// candidates, are left out before the model is built.
//
// Before solving, the constraints a design cannot meet are named (design_obstacles): too few
// villages within T_max, too few linked to the core, a township with fewer candidates than its
// least, a must-include village beyond T_max or not linked; when CBC still proves the model
// infeasible, the township limits are dropped to see whether they are what binds.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace rz::analysis {

struct ZoneVillage {
  std::string code, name;  // for messages
  std::string township;    // township code ("" for none: no township limit applies)
  int type = -1;           // index into ZoneDesignProblem::type_bonus; -1: unknown (no bonus)
  double score = 0;        // the village's own score
};

struct TownshipLimit {
  std::string township, name;  // code, and name for messages
  int64_t least = 0;
  int64_t most = std::numeric_limits<int64_t>::max();
};

// A count the zone's villages must add up to at least (e.g. training centers): per village, its
// count.
struct ZoneCountRequirement {
  std::string name;  // for messages: "training centers (培训中心)"
  std::vector<double> per_village;
  double least = 0;
};

struct ZoneDesignProblem {
  std::vector<ZoneVillage> villages;
  // Road minutes from village i to village j at [i * n + j] (+inf: no route).
  std::vector<double> minutes;
  // The linked-in-series graph: undirected pairs of village indexes.
  std::vector<std::pair<uint32_t, uint32_t>> links;
  std::optional<uint32_t> core;          // the given core; nullopt: choose it
  std::vector<uint32_t> core_choices;    // cores to choose among (empty: every village)
  size_t members = 12;                   // N, the core not counted
  double max_minutes = 30;               // T_max
  std::vector<double> type_bonus;        // per type present in the zone
  std::vector<TownshipLimit> townships;  // townships with limits (others: none)
  std::vector<uint32_t> must_include, must_exclude;
  // What the zone check asks of the zone as a whole: distinct types, townships spanned (villages
  // with township "" span none), and counts.
  size_t types_min = 0;
  std::vector<std::string> type_names;  // per type, for messages
  size_t townships_min = 0;
  std::vector<ZoneCountRequirement> counts;
  double time_limit_s = 30;
};

struct ZoneDesign {
  uint32_t core = 0;
  std::vector<uint32_t> members;  // sorted
  double objective = 0;           // scores + type bonuses
  std::vector<int> types;         // the distinct types present (sorted)
};

struct ZoneDesignResult {
  std::optional<ZoneDesign> best;  // the MILP's (or greedy's when CBC found nothing better)
  double bound = 0;                // best possible objective
  bool proven_optimal = false;
  bool stopped_on_time = false;
  double gap() const;                // relative, 0 when proven
  std::optional<ZoneDesign> greedy;  // grown from the core by best gain among linked villages
  size_t candidates = 0;             // villages left after the pre-filters
  // No design: the constraints that bind, one sentence each.
  std::vector<std::string> obstacles;
};

// The objective of a zone: its villages' scores plus the bonuses of the types present.
double zone_objective(const ZoneDesignProblem& problem, uint32_t core,
                      const std::vector<uint32_t>& members);

// Whether (core, members) meets every constraint (for tests and checks): "" when it does, else
// the first constraint it breaks.
std::string zone_violation(const ZoneDesignProblem& problem, uint32_t core,
                           const std::vector<uint32_t>& members);

// The constraints that make a design with this core impossible, found without solving (empty
// when none is found).
std::vector<std::string> design_obstacles(const ZoneDesignProblem& problem, uint32_t core);

// Greedy: from the core, repeatedly add the linked village within T_max with the largest gain
// (score plus a new type's bonus), must-include villages and township least counts first when
// the remaining places are needed for them, never above a township's most. With the core to
// choose, the best over every core. nullopt when it gets stuck.
std::optional<ZoneDesign> greedy_zone(const ZoneDesignProblem& problem);

// UsageError for inconsistent input (an index out of range, a village both included and
// excluded, a core that is excluded); otherwise a result, with `obstacles` when no design exists.
ZoneDesignResult design_zone(const ZoneDesignProblem& problem);

}  // namespace rz::analysis
