#include "analysis/common/zone_design_milp.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/common/mip.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::analysis {

namespace {

constexpr double kMinutesSlack = 1e-9;  // a member exactly at T_max is within it

struct Graph {
  std::vector<std::vector<uint32_t>> next;  // neighbours of each village
};

Graph graph_of(const ZoneDesignProblem& p) {
  Graph g;
  g.next.resize(p.villages.size());
  for (const auto& [a, b] : p.links) {
    if (a == b) continue;
    g.next[a].push_back(b);
    g.next[b].push_back(a);
  }
  for (auto& n : g.next) {
    std::sort(n.begin(), n.end());
    n.erase(std::unique(n.begin(), n.end()), n.end());
  }
  return g;
}

double minutes_of(const ZoneDesignProblem& p, uint32_t from, uint32_t to) {
  return p.minutes[static_cast<size_t>(from) * p.villages.size() + to];
}

std::string village_text(const ZoneDesignProblem& p, uint32_t v) {
  const auto& village = p.villages[v];
  return village.name.empty() ? village.code : fmt::format("{} ({})", village.name, village.code);
}

std::string minutes_text(double minutes) {
  return fmt::format("{:.1f}", minutes);
}

// What a given core allows: the villages within T_max of it (not excluded), and those of them
// linked to it in series through such villages.
struct CoreReach {
  std::vector<bool> within;  // per village: a possible member by T_max (the core not counted)
  std::vector<bool> linked;  // per village: within and joined to the core through within ones
  size_t within_count = 0, linked_count = 0;
};

CoreReach reach_of_core(const ZoneDesignProblem& p, const Graph& g,
                        const std::vector<bool>& excluded, uint32_t core) {
  const size_t n = p.villages.size();
  CoreReach r;
  r.within.assign(n, false);
  r.linked.assign(n, false);
  for (uint32_t j = 0; j < n; ++j)
    if (j != core && !excluded[j] && minutes_of(p, core, j) <= p.max_minutes + kMinutesSlack) {
      r.within[j] = true;
      ++r.within_count;
    }
  std::vector<uint32_t> queue{core};
  std::vector<bool> seen(n, false);
  seen[core] = true;
  for (size_t q = 0; q < queue.size(); ++q)
    for (uint32_t w : g.next[queue[q]])
      if (!seen[w] && r.within[w]) {
        seen[w] = true;
        r.linked[w] = true;
        ++r.linked_count;
        queue.push_back(w);
      }
  return r;
}

std::vector<bool> excluded_of(const ZoneDesignProblem& p) {
  std::vector<bool> out(p.villages.size(), false);
  for (uint32_t v : p.must_exclude) out[v] = true;
  return out;
}

void check_input(const ZoneDesignProblem& p) {
  const size_t n = p.villages.size();
  if (p.minutes.size() != n * n)
    throw std::logic_error("zone design: the minutes matrix is not villages x villages");
  auto check_index = [&](uint32_t v, const char* what) {
    if (v >= n)
      throw std::logic_error(fmt::format("zone design: {} index {} out of range", what, v));
  };
  for (const auto& [a, b] : p.links) {
    check_index(a, "link");
    check_index(b, "link");
  }
  for (uint32_t v : p.core_choices) check_index(v, "core choice");
  for (uint32_t v : p.must_include) check_index(v, "must-include");
  for (uint32_t v : p.must_exclude) check_index(v, "must-exclude");
  if (p.core) check_index(*p.core, "core");
  if (p.members == 0) throw UsageError(tr("a zone needs at least 1 member besides its core"));
  const auto excluded = excluded_of(p);
  for (uint32_t v : p.must_include)
    if (excluded[v])
      throw UsageError(fmt::format(
          fmt::runtime(tr("village {} is both a must-include and a must-exclude village")),
          village_text(p, v)));
  if (p.core && excluded[*p.core])
    throw UsageError(fmt::format(fmt::runtime(tr("the core {} is a must-exclude village")),
                                 village_text(p, *p.core)));
  for (const auto& c : p.counts)
    if (c.per_village.size() != n)
      throw std::logic_error("zone design: a count requirement needs one value per village");
  for (const auto& t : p.townships)
    if (t.least > t.most)
      throw UsageError(fmt::format(
          fmt::runtime(tr("township {}: its least number of zone villages ({}) is above "
                          "its most ({})")),
          t.name.empty() ? t.township : t.name, t.least, t.most));
}

std::string township_text(const TownshipLimit& t) {
  return t.name.empty() ? fmt::format("township {}", t.township)
                        : fmt::format("township {} ({})", t.name, t.township);
}

std::vector<uint32_t> zone_of(uint32_t core, const std::vector<uint32_t>& members) {
  std::vector<uint32_t> zone = members;
  zone.push_back(core);
  return zone;
}

// Types present among `zone`, sorted.
std::vector<int> types_of(const ZoneDesignProblem& p, const std::vector<uint32_t>& zone) {
  std::set<int> types;
  for (uint32_t v : zone)
    if (p.villages[v].type >= 0) types.insert(p.villages[v].type);
  return {types.begin(), types.end()};
}

double bonus_of(const ZoneDesignProblem& p, int type) {
  return type >= 0 && static_cast<size_t>(type) < p.type_bonus.size()
             ? p.type_bonus[static_cast<size_t>(type)]
             : 0.0;
}

ZoneDesign make_design(const ZoneDesignProblem& p, uint32_t core, std::vector<uint32_t> members) {
  std::sort(members.begin(), members.end());
  ZoneDesign d;
  d.core = core;
  d.members = std::move(members);
  d.objective = zone_objective(p, core, d.members);
  d.types = types_of(p, zone_of(core, d.members));
  return d;
}

std::optional<ZoneDesign> greedy_from_core(const ZoneDesignProblem& p, const Graph& g,
                                           const std::vector<bool>& excluded, uint32_t core) {
  const size_t n = p.villages.size();
  const CoreReach reach = reach_of_core(p, g, excluded, core);
  std::map<std::string, const TownshipLimit*> limit_of;
  for (const auto& t : p.townships) limit_of[t.township] = &t;
  std::map<std::string, int64_t> count;
  std::set<int> types;
  std::vector<bool> in_zone(n, false);
  std::vector<bool> must(n, false);
  for (uint32_t v : p.must_include) must[v] = true;
  std::set<std::string> spanned;
  std::vector<double> count_total(p.counts.size(), 0.0);
  auto add = [&](uint32_t v) {
    in_zone[v] = true;
    ++count[p.villages[v].township];
    if (p.villages[v].type >= 0) types.insert(p.villages[v].type);
    if (!p.villages[v].township.empty()) spanned.insert(p.villages[v].township);
    for (size_t c = 0; c < p.counts.size(); ++c) count_total[c] += p.counts[c].per_village[v];
  };
  add(core);
  std::vector<uint32_t> members;
  while (members.size() < p.members) {
    const size_t remaining = p.members - members.size();
    // Places still owed: must-include villages not in, and township deficits beyond them.
    std::map<std::string, int64_t> deficit;
    for (const auto& t : p.townships)
      deficit[t.township] = std::max<int64_t>(0, t.least - count[t.township]);
    size_t owed = 0;
    for (uint32_t v : p.must_include)
      if (!in_zone[v]) {
        ++owed;
        auto it = deficit.find(p.villages[v].township);
        if (it != deficit.end() && it->second > 0) --it->second;
      }
    for (const auto& [t, d] : deficit) owed += static_cast<size_t>(d);
    // Types and townships still missing, and counts short (each a place at least).
    const size_t types_short = p.types_min > types.size() ? p.types_min - types.size() : 0;
    const size_t townships_short =
        p.townships_min > spanned.size() ? p.townships_min - spanned.size() : 0;
    std::vector<bool> count_short(p.counts.size(), false);
    for (size_t c = 0; c < p.counts.size(); ++c) {
      count_short[c] = count_total[c] < p.counts[c].least - 1e-9;
      owed += count_short[c];
    }
    owed += types_short + townships_short;
    auto is_owed = [&](uint32_t v) {
      if (must[v]) return true;
      const auto& village = p.villages[v];
      if (types_short > 0 && village.type >= 0 && !types.count(village.type)) return true;
      if (townships_short > 0 && !village.township.empty() && !spanned.count(village.township))
        return true;
      for (size_t c = 0; c < p.counts.size(); ++c)
        if (count_short[c] && p.counts[c].per_village[v] > 0) return true;
      auto it = limit_of.find(p.villages[v].township);
      return it != limit_of.end() && count[it->first] < it->second->least;
    };
    std::optional<uint32_t> best, best_owed;
    double best_gain = -INFINITY, best_owed_gain = -INFINITY;
    for (uint32_t v = 0; v < n; ++v) {
      if (in_zone[v] || !reach.linked[v]) continue;
      auto it = limit_of.find(p.villages[v].township);
      if (it != limit_of.end() && count[it->first] >= it->second->most) continue;
      if (std::none_of(g.next[v].begin(), g.next[v].end(), [&](uint32_t w) { return in_zone[w]; }))
        continue;
      const int type = p.villages[v].type;
      const double gain =
          p.villages[v].score + (type >= 0 && !types.count(type) ? bonus_of(p, type) : 0.0);
      if (gain > best_gain) best_gain = gain, best = v;
      if (is_owed(v) && gain > best_owed_gain) best_owed_gain = gain, best_owed = v;
    }
    const auto pick = owed >= remaining && best_owed ? best_owed : best;
    if (!pick) return std::nullopt;
    add(*pick);
    members.push_back(*pick);
  }
  if (!zone_violation(p, core, members).empty()) return std::nullopt;
  return make_design(p, core, std::move(members));
}

std::vector<uint32_t> core_options(const ZoneDesignProblem& p) {
  if (p.core) return {*p.core};
  std::vector<uint32_t> out = p.core_choices;
  if (out.empty())
    for (uint32_t v = 0; v < p.villages.size(); ++v) out.push_back(v);
  const auto excluded = excluded_of(p);
  std::erase_if(out, [&](uint32_t v) { return excluded[v]; });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The model over `villages` (global indexes) with the possible cores `cores` (a subset).
struct Model {
  MipProblem mip;
  std::vector<uint32_t> villages;
  std::map<uint32_t, int> z_col;                       // village -> column
  std::map<uint32_t, int> c_col;                       // core option -> column (core choice only)
  std::map<uint32_t, int> g_col;                       // core option -> source flow column
  std::map<std::pair<uint32_t, uint32_t>, int> f_col;  // arc -> flow column
  std::map<int, int> y_col;                            // type -> column
  std::map<std::string, int> w_col;                    // township spanned -> column
};

Model build_model(const ZoneDesignProblem& p, const Graph& g, const std::vector<uint32_t>& cores,
                  const std::vector<CoreReach>& reach, bool with_townships) {
  Model m;
  const double n_members = static_cast<double>(p.members);
  std::set<uint32_t> in_model(cores.begin(), cores.end());
  for (const auto& r : reach)
    for (uint32_t v = 0; v < r.linked.size(); ++v)
      if (r.linked[v]) in_model.insert(v);
  m.villages.assign(in_model.begin(), in_model.end());
  const bool fixed_core = cores.size() == 1;
  std::set<uint32_t> must(p.must_include.begin(), p.must_include.end());
  for (uint32_t v : m.villages) {
    const bool fixed = must.count(v) || (fixed_core && v == cores[0]);
    m.z_col[v] = m.mip.add_column(p.villages[v].score, fixed ? 1.0 : 0.0, 1.0, true);
  }
  MipRow size_row;
  for (uint32_t v : m.villages) size_row.push_back({m.z_col[v], 1.0});
  m.mip.add_row(size_row, n_members + 1, n_members + 1);
  // Core choice: c_i, one core, c_i <= z_i, and a member only within T_max of the core.
  for (uint32_t c : cores) {
    const double lower = fixed_core ? 1.0 : 0.0;
    m.c_col[c] = m.mip.add_column(0, lower, 1.0, true);
    m.g_col[c] = m.mip.add_column(0, 0, n_members, false);
  }
  MipRow one_core, source;
  for (uint32_t c : cores) {
    one_core.push_back({m.c_col[c], 1.0});
    source.push_back({m.g_col[c], 1.0});
    m.mip.add_row({{m.c_col[c], 1.0}, {m.z_col[c], -1.0}}, -kMipFree, 0);
    m.mip.add_row({{m.g_col[c], 1.0}, {m.c_col[c], -n_members}}, -kMipFree, 0);
  }
  m.mip.add_row(one_core, 1, 1);
  m.mip.add_row(source, n_members, n_members);
  if (!fixed_core)
    for (uint32_t v : m.villages) {
      MipRow row{{m.z_col[v], 1.0}};
      if (m.c_col.count(v)) row.push_back({m.c_col[v], -1.0});
      for (size_t k = 0; k < cores.size(); ++k)
        if (cores[k] != v && reach[k].linked[v]) row.push_back({m.c_col[cores[k]], -1.0});
      m.mip.add_row(row, -kMipFree, 0);
    }
  // Flow on both directions of each link between model villages.
  std::map<uint32_t, MipRow> balance;  // per village: inflow - outflow (+ source) - member
  for (uint32_t v : m.villages) {
    MipRow row{{m.z_col[v], -1.0}};
    if (m.c_col.count(v)) {
      row.push_back({m.c_col[v], 1.0});
      row.push_back({m.g_col[v], 1.0});
    }
    balance[v] = row;
  }
  // With the core given, a village h links from it has at least h - 1 members before it on any
  // path in the zone, so in a tree flow an arc into it carries at most N - h + 1 and an arc out
  // of a member at most N - h (a tighter relaxation than N on every arc).
  std::map<uint32_t, double> into_cap, out_cap;
  for (uint32_t v : m.villages) into_cap[v] = out_cap[v] = n_members;
  if (fixed_core) {
    std::map<uint32_t, size_t> hops{{cores[0], 0}};
    std::vector<uint32_t> queue{cores[0]};
    for (size_t q = 0; q < queue.size(); ++q)
      for (uint32_t w : g.next[queue[q]])
        if (in_model.count(w) && !hops.count(w)) {
          hops[w] = hops[queue[q]] + 1;
          queue.push_back(w);
        }
    for (uint32_t v : m.villages) {
      if (v == cores[0]) continue;
      const double h = static_cast<double>(hops.at(v));
      into_cap[v] = std::max(0.0, n_members - h + 1);
      out_cap[v] = std::max(0.0, n_members - h);
    }
  }
  for (uint32_t a : m.villages)
    for (uint32_t b : g.next[a]) {
      if (!in_model.count(b) || (fixed_core && b == cores[0])) continue;
      const double cap = std::min(out_cap[a], into_cap[b]);
      if (cap <= 0) continue;
      const int f = m.mip.add_column(0, 0, cap, false);
      m.f_col[{a, b}] = f;
      m.mip.add_row({{f, 1.0}, {m.z_col[a], -out_cap[a]}}, -kMipFree, 0);
      m.mip.add_row({{f, 1.0}, {m.z_col[b], -into_cap[b]}}, -kMipFree, 0);
      balance[a].push_back({f, -1.0});
      balance[b].push_back({f, 1.0});
    }
  for (auto& [v, row] : balance) m.mip.add_row(row, 0, 0);
  // A member has a zone neighbour (implied by the flow; it tightens the relaxation).
  for (uint32_t v : m.villages) {
    MipRow row{{m.z_col[v], 1.0}};
    if (m.c_col.count(v)) row.push_back({m.c_col[v], -1.0});
    for (uint32_t w : g.next[v])
      if (in_model.count(w)) row.push_back({m.z_col[w], -1.0});
    m.mip.add_row(row, -kMipFree, 0);
  }
  // Types present (with a bonus, or when the zone needs several), and their least number.
  std::map<int, MipRow> of_type;
  for (uint32_t v : m.villages) {
    const int t = p.villages[v].type;
    if (t >= 0 && (bonus_of(p, t) != 0 || p.types_min > 0))
      of_type[t].push_back({m.z_col[v], -1.0});
  }
  MipRow types_row;
  for (auto& [t, row] : of_type) {
    const int y = m.mip.add_column(bonus_of(p, t), 0, 1, true);
    m.y_col[t] = y;
    row.push_back({y, 1.0});
    m.mip.add_row(row, -kMipFree, 0);
    types_row.push_back({y, 1.0});
  }
  if (p.types_min > 0) m.mip.add_row(types_row, static_cast<double>(p.types_min), kMipFree);
  // Townships spanned.
  if (p.townships_min > 0) {
    std::map<std::string, MipRow> of_township;
    for (uint32_t v : m.villages)
      if (!p.villages[v].township.empty())
        of_township[p.villages[v].township].push_back({m.z_col[v], -1.0});
    MipRow spanned;
    for (auto& [t, row] : of_township) {
      const int w = m.mip.add_column(0, 0, 1, true);
      m.w_col[t] = w;
      row.push_back({w, 1.0});
      m.mip.add_row(row, -kMipFree, 0);
      spanned.push_back({w, 1.0});
    }
    m.mip.add_row(spanned, static_cast<double>(p.townships_min), kMipFree);
  }
  for (const auto& c : p.counts) {
    MipRow row;
    for (uint32_t v : m.villages)
      if (c.per_village[v] != 0) row.push_back({m.z_col[v], c.per_village[v]});
    m.mip.add_row(row, c.least, kMipFree);
  }
  if (with_townships)
    for (const auto& t : p.townships) {
      MipRow row;
      for (uint32_t v : m.villages)
        if (p.villages[v].township == t.township) row.push_back({m.z_col[v], 1.0});
      const double most =
          t.most == std::numeric_limits<int64_t>::max() ? kMipFree : static_cast<double>(t.most);
      m.mip.add_row(row, static_cast<double>(t.least), most);
    }
  return m;
}

// The columns of a design: zone, core, types, and flows along a breadth-first tree from the core
// (each arc carries the villages below it).
std::optional<std::vector<double>> start_of(const ZoneDesignProblem& p, const Graph& g,
                                            const Model& m, const ZoneDesign& d) {
  std::vector<double> x(m.mip.objective.size(), 0.0);
  if (!m.c_col.count(d.core)) return std::nullopt;
  std::set<uint32_t> zone(d.members.begin(), d.members.end());
  zone.insert(d.core);
  for (uint32_t v : zone) {
    auto it = m.z_col.find(v);
    if (it == m.z_col.end()) return std::nullopt;
    x[static_cast<size_t>(it->second)] = 1;
  }
  x[static_cast<size_t>(m.c_col.at(d.core))] = 1;
  x[static_cast<size_t>(m.g_col.at(d.core))] = static_cast<double>(p.members);
  for (const auto& [t, col] : m.y_col)
    if (std::binary_search(d.types.begin(), d.types.end(), t)) x[static_cast<size_t>(col)] = 1;
  for (const auto& [t, col] : m.w_col)
    for (uint32_t v : zone)
      if (p.villages[v].township == t) x[static_cast<size_t>(col)] = 1;
  std::map<uint32_t, uint32_t> parent;
  std::vector<uint32_t> order{d.core};
  parent[d.core] = d.core;
  for (size_t q = 0; q < order.size(); ++q)
    for (uint32_t w : g.next[order[q]])
      if (zone.count(w) && !parent.count(w)) {
        parent[w] = order[q];
        order.push_back(w);
      }
  if (order.size() != zone.size()) return std::nullopt;
  std::map<uint32_t, double> below;
  for (size_t k = order.size(); k-- > 1;) {
    const uint32_t v = order[k];
    below[v] += 1;
    below[parent[v]] += below[v];
    x[static_cast<size_t>(m.f_col.at({parent[v], v}))] = below[v];
  }
  return x;
}

}  // namespace

double ZoneDesignResult::gap() const {
  if (!best) return INFINITY;
  if (proven_optimal) return 0;
  return std::abs(bound - best->objective) / std::max(1e-9, std::abs(best->objective));
}

double zone_objective(const ZoneDesignProblem& p, uint32_t core,
                      const std::vector<uint32_t>& members) {
  const auto zone = zone_of(core, members);
  double total = 0;
  for (uint32_t v : zone) total += p.villages[v].score;
  for (int t : types_of(p, zone)) total += bonus_of(p, t);
  return total;
}

std::string zone_violation(const ZoneDesignProblem& p, uint32_t core,
                           const std::vector<uint32_t>& members) {
  const size_t n = p.villages.size();
  if (members.size() != p.members)
    return fmt::format(fmt::runtime(tr("{} members instead of {}")), members.size(), p.members);
  std::set<uint32_t> zone(members.begin(), members.end());
  if (zone.size() != members.size() || zone.count(core)) return "a village twice";
  zone.insert(core);
  if (p.core && core != *p.core) return "not the given core";
  if (!p.core && !p.core_choices.empty() &&
      std::find(p.core_choices.begin(), p.core_choices.end(), core) == p.core_choices.end())
    return "a core that is not among the choices";
  for (uint32_t v : p.must_exclude)
    if (zone.count(v))
      return fmt::format(fmt::runtime(tr("must-exclude village {} in the zone")),
                         village_text(p, v));
  for (uint32_t v : p.must_include)
    if (!zone.count(v))
      return fmt::format(fmt::runtime(tr("must-include village {} left out")), village_text(p, v));
  for (uint32_t v : members)
    if (!(minutes_of(p, core, v) <= p.max_minutes + kMinutesSlack))
      return fmt::format(fmt::runtime(tr("member {} beyond T_max")), village_text(p, v));
  for (const auto& t : p.townships) {
    int64_t count = 0;
    for (uint32_t v : zone) count += p.villages[v].township == t.township;
    if (count < t.least || count > t.most)
      return fmt::format(fmt::runtime(tr("{} has {} zone villages")), township_text(t), count);
  }
  if (types_of(p, {zone.begin(), zone.end()}).size() < p.types_min) return "too few types";
  std::set<std::string> spanned;
  for (uint32_t v : zone)
    if (!p.villages[v].township.empty()) spanned.insert(p.villages[v].township);
  if (spanned.size() < p.townships_min) return "too few townships";
  for (const auto& c : p.counts) {
    double total = 0;
    for (uint32_t v : zone) total += c.per_village[v];
    if (total < c.least - 1e-9) return fmt::format(fmt::runtime(tr("too few {}")), c.name);
  }
  const Graph g = graph_of(p);
  std::vector<bool> seen(n, false);
  std::vector<uint32_t> queue{core};
  seen[core] = true;
  for (size_t q = 0; q < queue.size(); ++q)
    for (uint32_t w : g.next[queue[q]])
      if (!seen[w] && zone.count(w)) {
        seen[w] = true;
        queue.push_back(w);
      }
  if (queue.size() != zone.size()) return "not linked in series";
  return "";
}

std::vector<std::string> design_obstacles(const ZoneDesignProblem& p, uint32_t core) {
  const Graph g = graph_of(p);
  const auto excluded = excluded_of(p);
  std::vector<std::string> out;
  const std::string core_text = village_text(p, core);
  if (excluded[core]) {
    out.push_back(
        fmt::format(fmt::runtime(tr("the core {} is a must-exclude village")), core_text));
    return out;
  }
  const CoreReach r = reach_of_core(p, g, excluded, core);
  const std::string t_max = minutes_text(p.max_minutes);
  size_t must_members = 0;
  for (uint32_t v : p.must_include) {
    if (v == core) continue;
    ++must_members;
    const double m = minutes_of(p, core, v);
    if (!r.within[v])
      out.push_back(
          std::isfinite(m)
              ? fmt::format(
                    fmt::runtime(tr("must-include village {} is {} minutes from the core {}, "
                                    "beyond T_max = {} minutes")),
                    village_text(p, v), minutes_text(m), core_text, t_max)
              : fmt::format(
                    fmt::runtime(tr("must-include village {} has no road route from the core {}")),
                    village_text(p, v), core_text));
    else if (!r.linked[v])
      out.push_back(fmt::format(
          fmt::runtime(tr("must-include village {} is within {} minutes of the core {} but "
                          "not linked in series to it through villages within that time")),
          village_text(p, v), t_max, core_text));
  }
  if (must_members > p.members)
    out.push_back(fmt::format(
        fmt::runtime(tr("{} must-include villages besides the core, but only {} members")),
        must_members, p.members));
  if (r.within_count < p.members)
    out.push_back(fmt::format(
        fmt::runtime(tr("only {} villages lie within {} minutes of the core {} (the zone "
                        "needs {} members)")),
        r.within_count, t_max, core_text, p.members));
  else if (r.linked_count < p.members)
    out.push_back(fmt::format(
        fmt::runtime(tr("the candidates within {} minutes of the core {} linked to it in "
                        "series number only {} (the zone needs {} members)")),
        t_max, core_text, r.linked_count, p.members));
  // Township limits against what the core allows.
  const size_t zone_size = p.members + 1;
  int64_t least_sum = 0, available_sum = 0;
  std::set<std::string> limited;
  for (const auto& t : p.townships) {
    limited.insert(t.township);
    int64_t available = 0, included = 0;
    for (uint32_t v = 0; v < p.villages.size(); ++v) {
      if (p.villages[v].township != t.township) continue;
      const bool must = v == core || std::find(p.must_include.begin(), p.must_include.end(), v) !=
                                         p.must_include.end();
      if (v == core || r.linked[v]) ++available;
      if (must) ++included;
    }
    if (available < t.least)
      out.push_back(fmt::format(
          fmt::runtime(available == 1
                           ? tr("{} has only {} candidate (within {} minutes of the core and "
                                "linked to it) but a least of {}")
                           : tr("{} has only {} candidates (within {} minutes of the core and "
                                "linked to it) but a least of {}")),
          township_text(t), available, t_max, t.least));
    if (included > t.most)
      out.push_back(fmt::format(
          fmt::runtime(tr("{} has {} must-include villages (the core counted) but a most of {}")),
          township_text(t), included, t.most));
    least_sum += t.least;
    available_sum += std::min(available, t.most);
  }
  if (least_sum > static_cast<int64_t>(zone_size))
    out.push_back(fmt::format(
        fmt::runtime(tr("the townships' least numbers add up to {}, more than the zone's {} "
                        "villages")),
        least_sum, zone_size));
  for (uint32_t v = 0; v < p.villages.size(); ++v)
    if ((v == core || r.linked[v]) && !limited.count(p.villages[v].township)) ++available_sum;
  std::set<int> types;
  std::set<std::string> townships;
  for (uint32_t v = 0; v < p.villages.size(); ++v)
    if (v == core || r.linked[v]) {
      if (p.villages[v].type >= 0) types.insert(p.villages[v].type);
      if (!p.villages[v].township.empty()) townships.insert(p.villages[v].township);
    }
  if (types.size() < p.types_min) {
    std::vector<std::string> names;
    for (int t : types)
      names.push_back(static_cast<size_t>(t) < p.type_names.size()
                          ? p.type_names[static_cast<size_t>(t)]
                          : std::to_string(t));
    out.push_back(fmt::format(
        fmt::runtime(types.size() == 1
                         ? tr("the candidates (within {} minutes of the core and linked to it) "
                              "are of only {} distinct type{} but the zone needs {}")
                         : tr("the candidates (within {} minutes of the core and linked to it) "
                              "are of only {} distinct types{} but the zone needs {}")),
        t_max, types.size(),
        names.empty() ? "" : " (" + fmt::format("{}", fmt::join(names, "、")) + ")", p.types_min));
  }
  if (townships.size() < p.townships_min)
    out.push_back(fmt::format(
        fmt::runtime(townships.size() == 1
                         ? tr("the candidates (within {} minutes of the core and linked to it) "
                              "lie in only {} township but the zone must span {}")
                         : tr("the candidates (within {} minutes of the core and linked to it) "
                              "lie in only {} townships but the zone must span {}")),
        t_max, townships.size(), p.townships_min));
  for (const auto& c : p.counts) {
    double total = 0;
    for (uint32_t v = 0; v < p.villages.size(); ++v)
      if (v == core || r.linked[v]) total += c.per_village[v];
    if (total < c.least - 1e-9)
      out.push_back(fmt::format(
          fmt::runtime(tr("the candidates (within {} minutes of the core and linked to it) "
                          "have only {:g} {} but the zone needs {:g}")),
          t_max, total, c.name, c.least));
  }
  if (out.empty() && available_sum < static_cast<int64_t>(zone_size))
    out.push_back(fmt::format(
        fmt::runtime(tr("the townships' most numbers leave only {} villages available for a "
                        "zone of {}")),
        available_sum, zone_size));
  return out;
}

std::optional<ZoneDesign> greedy_zone(const ZoneDesignProblem& p) {
  check_input(p);
  const Graph g = graph_of(p);
  const auto excluded = excluded_of(p);
  std::optional<ZoneDesign> best;
  for (uint32_t core : core_options(p)) {
    auto d = greedy_from_core(p, g, excluded, core);
    if (d && (!best || d->objective > best->objective)) best = std::move(d);
  }
  return best;
}

// An upper bound on the objective of any design with core `core`, exact for the problem without
// the links, township limits and counts: for each set T of types the zone could gain, the best
// village of each type of T the core lacks, the must-include villages, and the best other linked
// villages up to N members, plus T's bonuses (in an optimal zone the best village of a type can
// always replace another of that type, so taking it costs nothing).
double core_bound(const ZoneDesignProblem& p, uint32_t core, const CoreReach& reach) {
  const size_t n = p.villages.size();
  size_t types = p.type_bonus.size();  // every type index a village has, bonus or not
  for (const auto& v : p.villages)
    if (v.type >= 0) types = std::max(types, static_cast<size_t>(v.type) + 1);
  std::vector<bool> must(n, false);
  for (uint32_t v : p.must_include) must[v] = true;
  const int core_type = p.villages[core].type;
  double base = p.villages[core].score;
  size_t places = p.members;
  std::vector<uint32_t> others;  // linked, not must-include, best first
  std::vector<bool> has_type(types, false);
  if (core_type >= 0 && static_cast<size_t>(core_type) < types) has_type[core_type] = true;
  for (uint32_t v = 0; v < n; ++v) {
    if (!reach.linked[v]) continue;
    const int t = p.villages[v].type;
    if (must[v]) {
      base += p.villages[v].score;
      if (places > 0) --places;
      if (t >= 0 && static_cast<size_t>(t) < types) has_type[t] = true;
    } else {
      others.push_back(v);
    }
  }
  std::sort(others.begin(), others.end(),
            [&](uint32_t a, uint32_t b) { return p.villages[a].score > p.villages[b].score; });
  double best = -std::numeric_limits<double>::infinity();
  for (size_t mask = 0; mask < (size_t{1} << types); ++mask) {
    // T = the types of mask; those the core and must-include villages lack need a village each.
    double value = base;
    size_t kinds = 0;
    std::vector<bool> taken_type(types, false);
    std::vector<uint32_t> representatives;
    bool possible = true;
    for (size_t t = 0; t < types && possible; ++t) {
      if (!(mask >> t & 1)) continue;
      ++kinds;
      value += std::max(0.0, bonus_of(p, static_cast<int>(t)));
      if (has_type[t]) continue;
      auto it = std::find_if(others.begin(), others.end(),
                             [&](uint32_t v) { return p.villages[v].type == static_cast<int>(t); });
      if (it == others.end())
        possible = false;
      else
        representatives.push_back(*it);
    }
    // Types present anyway count toward types_min too.
    for (size_t t = 0; t < types; ++t)
      if (!(mask >> t & 1) && has_type[t]) possible = false;  // counted in another mask
    if (!possible || representatives.size() > places || kinds < p.types_min) continue;
    for (uint32_t v : representatives) value += p.villages[v].score;
    size_t left = places - representatives.size();
    for (size_t k = 0; k < others.size() && left > 0; ++k) {
      if (std::find(representatives.begin(), representatives.end(), others[k]) !=
          representatives.end())
        continue;
      value += p.villages[others[k]].score;
      --left;
    }
    best = std::max(best, value);
  }
  return best;
}

// The core chosen by solving each core's own MILP in the order of core_bound, stopping when
// the best design found reaches the next core's bound (then it is proven optimal) or the time
// limit is spent (then the bound is the largest of the unsolved cores' bounds and the unproven
// solves' bounds). With a design, fills result's best, bound, proven_optimal and
// stopped_on_time.
enum class CoreSearch { found, all_infeasible, no_design_in_time };
CoreSearch solve_core_by_core(const ZoneDesignProblem& p, const Graph& g,
                              const std::vector<uint32_t>& cores,
                              const std::vector<CoreReach>& reach, ZoneDesignResult& result) {
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration<double>(std::max(0.0, p.time_limit_s));
  std::vector<std::pair<double, size_t>> order;  // (bound, index into cores)
  for (size_t k = 0; k < cores.size(); ++k) order.push_back({core_bound(p, cores[k], reach[k]), k});
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  });
  // The greedy design (the best over every core) is the first design to beat.
  std::optional<ZoneDesign> best = result.greedy;
  double open_bound = 0;  // the largest bound of a core solved without proof
  bool all_proven = true, out_of_time = false, all_infeasible = true;
  size_t next = 0;
  for (; next < order.size(); ++next) {
    const auto [bound, k] = order[next];
    if (best && best->objective >= bound - 1e-9) break;  // no later core can do better
    const double left =
        std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      out_of_time = true;
      break;
    }
    const uint32_t core = cores[k];
    Model m = build_model(p, g, {core}, {reach[k]}, true);
    if (best) {
      // Only a design better than the best so far is of use: with the objective as a row
      // bounded below by it, CBC proves most cores infeasible at its root.
      MipRow objective_row;
      for (size_t c = 0; c < m.mip.objective.size(); ++c)
        if (m.mip.objective[c] != 0)
          objective_row.push_back({static_cast<int>(c), m.mip.objective[c]});
      m.mip.add_row(std::move(objective_row), best->objective + 1e-6, kMipFree);
    }
    const MipResult r = solve_mip(m.mip, std::nullopt, left);
    if (r.has_solution) {
      std::vector<uint32_t> members;
      for (const auto& [v, col] : m.z_col)
        if (v != core && r.x[static_cast<size_t>(col)] > 0.5) members.push_back(v);
      ZoneDesign d = make_design(p, core, std::move(members));
      if (!best || d.objective > best->objective + 1e-9) best = std::move(d);
    }
    // While no design is known no objective row is added: infeasible is the core's own proof.
    all_infeasible = all_infeasible && r.infeasible;
    if (!r.proven_optimal && !r.infeasible) {
      all_proven = false;
      open_bound = std::max(open_bound, r.has_solution ? std::min(r.bound, bound) : bound);
      if (r.stopped_on_time) out_of_time = true;
    }
  }
  if (!best)
    return all_infeasible && next == order.size() ? CoreSearch::all_infeasible
                                                  : CoreSearch::no_design_in_time;
  double rest = 0;  // the largest bound among the cores not solved
  if (next < order.size() && !(best->objective >= order[next].first - 1e-9))
    rest = order[next].first;
  result.best = std::move(best);
  result.bound = std::max({result.best->objective, open_bound, rest});
  result.proven_optimal = all_proven && rest == 0 && open_bound <= result.best->objective + 1e-9;
  result.stopped_on_time = out_of_time;
  if (result.proven_optimal) result.bound = result.best->objective;
  return CoreSearch::found;
}

ZoneDesignResult design_zone(const ZoneDesignProblem& p) {
  check_input(p);
  const Graph g = graph_of(p);
  const auto excluded = excluded_of(p);
  ZoneDesignResult result;
  // Cores without an obstacle found before solving.
  std::vector<uint32_t> cores;
  std::vector<CoreReach> reach;
  const auto options = core_options(p);
  std::vector<std::string> first_obstacles;
  size_t most_linked = 0;
  for (uint32_t c : options) {
    auto obstacles = design_obstacles(p, c);
    if (obstacles.empty()) {
      cores.push_back(c);
      reach.push_back(reach_of_core(p, g, excluded, c));
      continue;
    }
    const size_t linked = reach_of_core(p, g, excluded, c).linked_count;
    if (first_obstacles.empty() || linked > most_linked) {
      first_obstacles = std::move(obstacles);
      most_linked = linked;
    }
  }
  if (cores.empty()) {
    if (options.size() > 1)
      for (auto& o : first_obstacles)
        o = fmt::format(fmt::runtime(tr("no village can be the core; the best placed: {}")), o);
    if (options.empty()) first_obstacles.push_back("no village may be the core");
    result.obstacles = std::move(first_obstacles);
    return result;
  }
  for (const auto& r : reach) result.candidates = std::max(result.candidates, r.linked_count + 1);
  result.greedy = greedy_zone(p);
  if (cores.size() > 1) {
    // One MILP per core, the cores with the highest bound first, until no core's bound beats the
    // best design: one model with every core choice is far weaker (its LP spreads the core over
    // many villages) and did not close a 3 % gap in 60 s at 300 villages.
    const CoreSearch search = solve_core_by_core(p, g, cores, reach, result);
    if (search == CoreSearch::found) return result;
    if (search == CoreSearch::no_design_in_time) {
      result.obstacles.push_back(fmt::format(
          fmt::runtime(tr(
              "CBC found no zone within the time limit of {} s (none proven impossible either)")),
          p.time_limit_s));
      return result;
    }
  }
  // Every core proven infeasible, or the joint model: its infeasibility named below.
  const bool all_infeasible = cores.size() > 1;
  Model m = build_model(p, g, cores, reach, true);
  std::optional<std::vector<double>> start;
  if (result.greedy) start = start_of(p, g, m, *result.greedy);
  const MipResult r = all_infeasible ? MipResult{} : solve_mip(m.mip, start, p.time_limit_s);
  result.proven_optimal = r.proven_optimal;
  result.stopped_on_time = r.stopped_on_time;
  if (r.has_solution) {
    uint32_t core = cores[0];
    for (const auto& [c, col] : m.c_col)
      if (r.x[static_cast<size_t>(col)] > 0.5) core = c;
    std::vector<uint32_t> members;
    for (const auto& [v, col] : m.z_col)
      if (v != core && r.x[static_cast<size_t>(col)] > 0.5) members.push_back(v);
    result.best = make_design(p, core, std::move(members));
    result.bound = std::max(r.bound, result.best->objective);
    if (result.proven_optimal) result.bound = result.best->objective;
  }
  if (result.greedy && (!result.best || result.greedy->objective > result.best->objective + 1e-9)) {
    result.best = result.greedy;
    result.bound = std::max(result.bound, result.best->objective);
  }
  if (result.best) return result;
  if (all_infeasible || r.infeasible) {
    Model relaxed = build_model(p, g, cores, reach, false);
    const MipResult without = solve_mip(relaxed.mip, std::nullopt, p.time_limit_s);
    if (!p.townships.empty() && without.has_solution)
      result.obstacles.push_back(
          "the townships' least and most numbers of zone villages cannot be met together with the "
          "other constraints (without them a zone exists)");
    else {
      std::vector<std::string> parts = {
          fmt::format(fmt::runtime(tr("{} members within {} minutes of the core")), p.members,
                      minutes_text(p.max_minutes)),
          tr("linked in series")};
      if (!p.townships.empty()) parts.push_back("township least and most numbers");
      if (!p.must_include.empty()) parts.push_back("must-include villages");
      if (p.types_min > 0)
        parts.push_back(fmt::format(fmt::runtime(tr("at least {} types")), p.types_min));
      if (p.townships_min > 0)
        parts.push_back(fmt::format(fmt::runtime(tr("at least {} townships")), p.townships_min));
      for (const auto& c : p.counts)
        if (c.least > 0)
          parts.push_back(fmt::format(fmt::runtime(tr("at least {:g} {}")), c.least, c.name));
      result.obstacles.push_back(fmt::format(
          fmt::runtime(tr("no zone meets all the constraints together (CBC proves it): {}")),
          fmt::join(parts, ", ")));
    }
  } else {
    result.obstacles.push_back(fmt::format(
        fmt::runtime(
            tr("CBC found no zone within the time limit of {} s (none proven impossible either)")),
        p.time_limit_s));
  }
  return result;
}

}  // namespace rz::analysis
