#include "analysis/villages/assessment.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

namespace rz::analysis {

namespace {

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const auto& f : from)
    if (std::find(to.begin(), to.end(), f) == to.end()) to.push_back(f);
}

// The fields a 六无 condition may name that are counts (never negative) or flags (0 or 1).
bool is_count_field(std::string_view field) {
  return field == "petitions" || field == "safety_incidents" || field == "illegal_buildings" ||
         field == "criminal_cases";
}
bool is_flag_field(std::string_view field) {
  return field == "weak_organization" || field == "video_platform" ||
         field == "demonstration_point";
}

}  // namespace

VillageAssessment assess_village(const VillageValues& v, const AssessmentSettings& s) {
  VillageAssessment a;
  a.type = village_type(v, s.typology);
  a.ten_good = ten_good(v, s.ten_good);
  a.six_none = six_none(v, s.six_none);
  a.collective = collective_economy(v, s.collective_target);
  if (v.demonstration_point) a.demonstration_point = *v.demonstration_point == 1;
  add_unique(a.missing, a.type.missing);
  add_unique(a.missing, a.ten_good.missing);
  add_unique(a.missing, a.six_none.missing);
  if (!v.collective_income) add_unique(a.missing, {"collective_income"});
  a.shortfall = static_cast<int>(a.ten_good.failed.size() + a.ten_good.missing.size() +
                                 a.six_none.failed.size() + a.six_none.missing.size());
  return a;
}

std::vector<std::string> value_problems(const VillageValues& v, const AssessmentSettings& s) {
  std::vector<std::string> out;
  auto negative = [&](const char* field, const std::optional<double>& x) {
    if (x && *x < 0) out.push_back(fmt::format("{} {:g} is negative", field, *x));
  };
  negative("population", v.population);
  negative("resident_population", v.resident_population);
  negative("households", v.households);
  negative("party_members", v.party_members);
  negative("migrant_workers", v.migrant_workers);
  negative("out_commuters", v.out_commuters);
  negative("enterprises", v.enterprises);
  negative("collective_income", v.collective_income);
  if (v.demonstration_point && *v.demonstration_point != 0 && *v.demonstration_point != 1)
    out.push_back(
        fmt::format("demonstration_point {:g} is neither 0 nor 1", *v.demonstration_point));
  for (size_t i = 0; i < kTenGood.size(); ++i)
    if (const auto& x = v.ten_good[i]; x && (*x < 0 || *x > s.ten_good.max))
      out.push_back(fmt::format("{} ({}) {:g} is outside 0 to {:g}", kTenGood[i].field,
                                kTenGood[i].name, *x, s.ten_good.max));
  for (size_t i = 0; i < s.six_none.size() && i < v.six_none.size(); ++i) {
    const auto& field = s.six_none[i].field;
    const auto& x = v.six_none[i];
    if (!x) continue;
    if (is_count_field(field) && *x < 0)
      out.push_back(fmt::format("{} {:g} is negative", field, *x));
    if (is_flag_field(field) && *x != 0 && *x != 1)
      out.push_back(fmt::format("{} {:g} is neither 0 nor 1", field, *x));
  }
  auto above = [&](const char* field, const std::optional<double>& x, const char* of_field,
                   const std::optional<double>& of, double factor = 1.0) {
    if (x && of && *x >= 0 && *of >= 0 && *x > factor * *of)
      out.push_back(
          factor == 1.0
              ? fmt::format("{} {:g} is above {} {:g}", field, *x, of_field, *of)
              : fmt::format("{} {:g} is above {:g} × {} {:g}", field, *x, factor, of_field, *of));
  };
  above("households", v.households, "population", v.population);
  above("party_members", v.party_members, "population", v.population);
  above("migrant_workers", v.migrant_workers, "population", v.population);
  above("out_commuters", v.out_commuters, "resident_population", v.resident_population);
  above("resident_population", v.resident_population, "population", v.population,
        s.resident_ratio_max);
  return out;
}

std::vector<AreaAssessment> assess_areas(const std::vector<VillageValues>& villages,
                                         const std::vector<VillageAssessment>& assessed,
                                         const AssessmentSettings& s, bool by_township) {
  std::map<std::string, AreaAssessment> areas;
  std::map<std::string, std::vector<size_t>> members;
  for (size_t i = 0; i < villages.size(); ++i) {
    const VillageValues& v = villages[i];
    const VillageAssessment& a = assessed[i];
    const std::string code = by_township ? v.township_code : v.code.substr(0, 6);
    AreaAssessment& t = areas[code];
    t.code = code;
    if (by_township && t.name.empty()) t.name = v.township_name;
    members[code].push_back(i);
    ++t.villages;
    if (!a.demonstration_point)
      ++t.points_unknown;
    else if (*a.demonstration_point)
      ++t.points;
    const bool ten = a.ten_good.pass.value_or(false), six = a.six_none.pass.value_or(false);
    t.ten_good_pass += ten;
    t.six_none_pass += six;
    t.both_pass += ten && six;
    t.both_fail += a.ten_good.pass == false || a.six_none.pass == false;
    ++t.types[static_cast<size_t>(a.type.type)];
    t.shell_villages += a.collective.shell.value_or(false);
    t.target_met += a.collective.target_met.value_or(false);
  }
  std::vector<AreaAssessment> out;
  for (auto& [code, t] : areas) {
    auto ratio = s.township_required_ratio.find(code);
    t.required_ratio =
        by_township && ratio != s.township_required_ratio.end() ? ratio->second : s.required_ratio;
    // The tolerance keeps 0.3 × 10 at 3 points (it is 3.0000000000000004 in binary).
    t.required_points =
        static_cast<int64_t>(std::ceil(t.required_ratio * static_cast<double>(t.villages) - 1e-9));
    if (t.points >= t.required_points)
      t.ratio_met = true;
    else if (t.points + t.points_unknown < t.required_points)
      t.ratio_met = false;
    if (t.ratio_met) t.points_needed = *t.ratio_met ? 0 : t.required_points - t.points;
    if (t.both_pass == t.villages)
      t.full_coverage = true;
    else if (t.both_fail > 0)
      t.full_coverage = false;
    // The villages not known to be points, closest to passing 十好 and 六无 first: fewest
    // standards and conditions not passed, then the higher 十好 score, the higher collective
    // income, the code.
    std::vector<size_t> pool;
    for (size_t i : members[code])
      if (assessed[i].demonstration_point != true) pool.push_back(i);
    auto key = [&](size_t i) {
      return std::make_tuple(assessed[i].shortfall, -assessed[i].ten_good.score.value_or(0),
                             -villages[i].collective_income.value_or(-1), villages[i].code);
    };
    std::sort(pool.begin(), pool.end(), [&](size_t a, size_t b) { return key(a) < key(b); });
    if (pool.size() > static_cast<size_t>(s.candidates))
      pool.resize(static_cast<size_t>(s.candidates));
    t.candidates = std::move(pool);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace rz::analysis
