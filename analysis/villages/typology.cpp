#include "analysis/villages/typology.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace rz::analysis {

namespace {

// A derived value (a ratio of two fields), or why it has none.
struct Quantity {
  std::string label;  // "resident/registered"
  std::optional<double> value;
  std::vector<std::string> missing;  // fields absent, or "population (0)" for a zero denominator
};

Quantity ratio(std::string label, const std::optional<double>& top, std::string_view top_field,
               const std::optional<double>& bottom, std::string_view bottom_field,
               double scale = 1.0) {
  Quantity q{std::move(label), std::nullopt, {}};
  if (!top) q.missing.emplace_back(top_field);
  if (!bottom)
    q.missing.emplace_back(bottom_field);
  else if (*bottom == 0)
    q.missing.push_back(fmt::format("{} (0)", bottom_field));
  if (q.missing.empty()) q.value = scale * *top / *bottom;
  return q;
}

enum class Truth { no, yes, undecided };

// One comparison of a quantity with its threshold, as the rule text shows it.
struct Test {
  Truth truth = Truth::undecided;
  std::string text;
  std::vector<std::string> missing;
};

Test at_least(const Quantity& q, double threshold) {
  if (!q.value) return {Truth::undecided, fmt::format("{} unknown", q.label), q.missing};
  const bool holds = *q.value >= threshold;
  return {holds ? Truth::yes : Truth::no,
          fmt::format("{} {:.4g} {} {:g}", q.label, *q.value, holds ? ">=" : "<", threshold),
          {}};
}

Test below(const Quantity& q, double threshold) {
  if (!q.value) return {Truth::undecided, fmt::format("{} unknown", q.label), q.missing};
  const bool holds = *q.value < threshold;
  return {holds ? Truth::yes : Truth::no,
          fmt::format("{} {:.4g} {} {:g}", q.label, *q.value, holds ? "<" : ">=", threshold),
          {}};
}

// A rule: its tests joined by "or" (any) or "and" (all), decided in three-valued logic. `why`
// is the text of the tests that decide it: those that hold when it holds by "or", those that fail
// when it fails by "and", all of them otherwise.
struct Outcome {
  Truth truth;
  std::string why;
  std::vector<std::string> missing;
};

Outcome combine(const std::vector<Test>& tests, bool any) {
  const Truth decisive = any ? Truth::yes : Truth::no;
  std::vector<std::string> texts, decisive_texts, missing;
  bool undecided = false;
  for (const auto& t : tests) {
    texts.push_back(t.text);
    if (t.truth == decisive) decisive_texts.push_back(t.text);
    if (t.truth == Truth::undecided) {
      undecided = true;
      missing.insert(missing.end(), t.missing.begin(), t.missing.end());
    }
  }
  const char* joint = any ? " or " : " and ";
  if (!decisive_texts.empty())
    return {decisive, fmt::format("{}", fmt::join(decisive_texts, joint)), {}};
  if (undecided) return {Truth::undecided, fmt::format("{}", fmt::join(texts, joint)), missing};
  return {any ? Truth::no : Truth::yes, fmt::format("{}", fmt::join(texts, joint)), {}};
}

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const auto& f : from)
    if (std::find(to.begin(), to.end(), f) == to.end()) to.push_back(f);
}

}  // namespace

TypeDecision village_type(const VillageValues& v, const TypologySettings& s) {
  const Quantity resident = ratio("resident/registered", v.resident_population,
                                  "resident_population", v.population, "population");
  const Quantity migrants =
      ratio("migrant share", v.migrant_workers, "migrant_workers", v.population, "population");
  const Quantity commuters = ratio("commuter share", v.out_commuters, "out_commuters",
                                   v.resident_population, "resident_population");
  const Quantity enterprises = ratio("enterprises per 1000 residents", v.enterprises, "enterprises",
                                     v.resident_population, "resident_population", 1000.0);

  TypeDecision out;
  out.resident_ratio = resident.value;
  out.migrant_share = migrants.value;
  out.commuter_share = commuters.value;
  out.enterprises_per_1000 = enterprises.value;

  struct Rule {
    VillageType type;
    Outcome outcome;
  };
  const Rule rules[] = {
      {VillageType::hollow, combine({below(resident, s.hollow_resident_ratio),
                                     at_least(migrants, s.hollow_migrant_share)},
                                    true)},
      {VillageType::hub, combine({at_least(resident, s.hub_resident_ratio),
                                  at_least(enterprises, s.hub_enterprises_per_1000)},
                                 false)},
      {VillageType::tidal, combine({at_least(commuters, s.tidal_commuter_share)}, true)},
  };
  std::vector<std::string> failed;  // why each earlier rule failed
  for (const Rule& r : rules) {
    if (r.outcome.truth == Truth::yes) {
      out.type = r.type;
      out.rule = fmt::format("{}: {}", to_string(r.type), r.outcome.why);
      return out;
    }
    if (r.outcome.truth == Truth::undecided) {
      add_unique(out.missing, r.outcome.missing);
      out.rule = fmt::format("unknown: the {} rule is undecided ({}) without {}", to_string(r.type),
                             r.outcome.why, fmt::join(r.outcome.missing, ", "));
      return out;
    }
    failed.push_back(fmt::format("not {} ({})", to_string(r.type), r.outcome.why));
  }
  out.type = VillageType::basic;
  out.rule = fmt::format("basic: {}", fmt::join(failed, "; "));
  return out;
}

}  // namespace rz::analysis
