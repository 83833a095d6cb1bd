// The village assessment's rules on hand-made villages (analysis/villages/): the type's ordered
// rules at and around every threshold, with missing fields and zero denominators, and against a
// plain if/else chain over a grid of complete villages; 十好 with flags and scores; 六无 rules
// and their parser; the collective economy; values out of range; and the township summary
// (demonstration-point ratio at exact multiples, undecided flags, coverage, candidates' order).
#include <gtest/gtest.h>

#include <string>

#include "analysis/villages/assessment.hpp"
#include "geo/error.hpp"

using namespace rz::analysis;

namespace {

// A complete village: basic by the default rules (resident ÷ registered 0.8, migrant share 0.15,
// 2 enterprises per 1000 residents, commuter share 0.1), passing 十好 and 六无.
VillageValues village(std::string code = "431024100201") {
  VillageValues v;
  v.code = std::move(code);
  v.name = "测试村";
  v.township_code = v.code.substr(0, 9);
  v.township_name = "测试镇";
  v.population = 1000;
  v.resident_population = 800;
  v.households = 300;
  v.party_members = 40;
  v.migrant_workers = 150;
  v.out_commuters = 80;
  v.enterprises = 1.6;
  v.collective_income = 10;
  v.demonstration_point = 0;
  v.ten_good.fill(1.0);
  v.six_none = {0, 0, 0, 0, 0, 10};  // the defaults' fields; the last is collective_income
  return v;
}

VillageType type_of(const VillageValues& v, const TypologySettings& s = {}) {
  return village_type(v, s).type;
}

}  // namespace

TEST(VillageType, EachRuleAtItsThreshold) {
  auto v = village();
  EXPECT_EQ(type_of(v), VillageType::basic);
  // Rule 1, hollow: resident ÷ registered below 0.6, or migrant share at least 0.3.
  v.resident_population = 599;
  v.out_commuters = 59;
  EXPECT_EQ(type_of(v), VillageType::hollow);
  v.resident_population = 600;  // exactly 0.6: not below
  EXPECT_EQ(type_of(v), VillageType::basic);
  v.migrant_workers = 300;  // exactly 0.3: at least
  EXPECT_EQ(type_of(v), VillageType::hollow);
  v.migrant_workers = 299;
  EXPECT_EQ(type_of(v), VillageType::basic);
  // Rule 2, hub: resident ÷ registered at least 1 and at least 3 enterprises per 1000 residents.
  v = village();
  v.resident_population = 1000;  // exactly 1
  v.out_commuters = 0;
  v.enterprises = 3;  // exactly 3 per 1000
  EXPECT_EQ(type_of(v), VillageType::hub);
  v.enterprises = 2;
  EXPECT_EQ(type_of(v), VillageType::basic);
  v.enterprises = 3;
  v.resident_population = 999;  // 3 / 999 * 1000 > 3, but the ratio is below 1
  EXPECT_EQ(type_of(v), VillageType::basic);
  // Rule 3, tidal: commuter share (of residents) at least 0.2.
  v = village();
  v.out_commuters = 160;  // exactly 0.2 of 800
  EXPECT_EQ(type_of(v), VillageType::tidal);
  v.out_commuters = 159;
  EXPECT_EQ(type_of(v), VillageType::basic);
  // First match wins: a hollow village with many commuters is hollow.
  v.resident_population = 500;
  v.out_commuters = 400;
  EXPECT_EQ(type_of(v), VillageType::hollow);
}

TEST(VillageType, RuleTextAndValues) {
  auto v = village();
  v.resident_population = 500;
  v.out_commuters = 100;
  auto d = village_type(v, {});
  EXPECT_EQ(d.type, VillageType::hollow);
  EXPECT_EQ(d.rule, "hollow: resident/registered 0.5 < 0.6");
  EXPECT_DOUBLE_EQ(*d.resident_ratio, 0.5);
  EXPECT_DOUBLE_EQ(*d.migrant_share, 0.15);
  EXPECT_DOUBLE_EQ(*d.commuter_share, 0.2);
  EXPECT_DOUBLE_EQ(*d.enterprises_per_1000, 3.2);
  EXPECT_TRUE(d.missing.empty());
  d = village_type(village(), {});
  EXPECT_EQ(d.rule,
            "basic: not hollow (resident/registered 0.8 >= 0.6 or migrant share 0.15 < 0.3); not "
            "hub (resident/registered 0.8 < 1 and enterprises per 1000 residents 2 < 3); not "
            "tidal (commuter share 0.1 < 0.2)");
  EXPECT_EQ(to_string(VillageType::tidal), "tidal");
  EXPECT_EQ(chinese_name(VillageType::tidal), "潮汐型");
  EXPECT_EQ(chinese_name(VillageType::unknown), "未知");
}

TEST(VillageType, MissingFieldsMakeUnknownOnlyWhereARuleNeedsThem) {
  // Without out_commuters, a village neither hollow nor hub is unknown, never basic.
  auto v = village();
  v.out_commuters.reset();
  auto d = village_type(v, {});
  EXPECT_EQ(d.type, VillageType::unknown);
  EXPECT_EQ(d.missing, std::vector<std::string>{"out_commuters"});
  EXPECT_NE(d.rule.find("tidal rule is undecided"), std::string::npos) << d.rule;
  EXPECT_FALSE(d.commuter_share.has_value());
  // ... but hollow and hub villages are decided without it.
  v.resident_population = 500;
  EXPECT_EQ(type_of(v), VillageType::hollow);
  v.resident_population = 1200;
  v.enterprises = 10;
  EXPECT_EQ(type_of(v), VillageType::hub);
  // Hollow by the ratio needs no migrant count; not hollow by the ratio is undecided without it.
  v = village();
  v.migrant_workers.reset();
  v.resident_population = 500;
  EXPECT_EQ(type_of(v), VillageType::hollow);
  v.resident_population = 800;
  d = village_type(v, {});
  EXPECT_EQ(d.type, VillageType::unknown);
  EXPECT_EQ(d.missing, std::vector<std::string>{"migrant_workers"});
  // The hub rule fails on its ratio without the enterprises; with the ratio met it is undecided.
  v = village();
  v.enterprises.reset();
  EXPECT_EQ(type_of(v), VillageType::basic);
  v.resident_population = 1100;
  v.out_commuters = 0;
  d = village_type(v, {});
  EXPECT_EQ(d.type, VillageType::unknown);
  EXPECT_EQ(d.missing, std::vector<std::string>{"enterprises"});
  // No registered population: every ratio over it is unknown, named once.
  v = village();
  v.population.reset();
  d = village_type(v, {});
  EXPECT_EQ(d.type, VillageType::unknown);
  EXPECT_EQ(d.missing, std::vector<std::string>{"population"});
  // A registered population of 0 divides nothing.
  v.population = 0;
  d = village_type(v, {});
  EXPECT_EQ(d.type, VillageType::unknown);
  EXPECT_EQ(d.missing, std::vector<std::string>{"population (0)"});
  EXPECT_FALSE(d.resident_ratio.has_value());
}

TEST(VillageType, EqualsAPlainChainOverAGridOfVillages) {
  TypologySettings s;
  s.hollow_resident_ratio = 0.55;
  s.hollow_migrant_share = 0.25;
  s.hub_resident_ratio = 1.05;
  s.hub_enterprises_per_1000 = 4;
  s.tidal_commuter_share = 0.15;
  int counts[5] = {};
  for (int resident = 400; resident <= 1200; resident += 25)
    for (int migrants = 0; migrants <= 400; migrants += 50)
      for (int enterprises = 0; enterprises <= 8; ++enterprises)
        for (int commuters = 0; commuters <= 300 && commuters <= resident; commuters += 30) {
          auto v = village();
          v.resident_population = resident;
          v.migrant_workers = migrants;
          v.enterprises = enterprises;
          v.out_commuters = commuters;
          const double r = resident / 1000.0, m = migrants / 1000.0,
                       e = enterprises * 1000.0 / resident,
                       c = static_cast<double>(commuters) / resident;
          VillageType expected = VillageType::basic;
          if (r < s.hollow_resident_ratio || m >= s.hollow_migrant_share)
            expected = VillageType::hollow;
          else if (r >= s.hub_resident_ratio && e >= s.hub_enterprises_per_1000)
            expected = VillageType::hub;
          else if (c >= s.tidal_commuter_share)
            expected = VillageType::tidal;
          ASSERT_EQ(type_of(v, s), expected)
              << resident << " " << migrants << " " << enterprises << " " << commuters;
          ++counts[static_cast<int>(expected)];
        }
  for (int t = 0; t < 4; ++t) EXPECT_GT(counts[t], 100) << t;  // every type is exercised
}

TEST(TenGood, FlagsScoresAndMissingStandards) {
  auto v = village();
  TenGoodSettings s;
  auto r = ten_good(v, s);
  EXPECT_EQ(r.pass, true);
  EXPECT_EQ(r.passed, 10);
  EXPECT_DOUBLE_EQ(*r.score, 1.0);
  v.ten_good[6] = 0;  // 产业发展
  r = ten_good(v, s);
  EXPECT_EQ(r.pass, false);
  EXPECT_EQ(r.passed, 9);
  EXPECT_DOUBLE_EQ(*r.score, 0.9);
  EXPECT_EQ(r.failed, std::vector<std::string>{"产业发展"});
  // A missing standard with none failing: undecided, and it counts as not passed in the score.
  v.ten_good[6] = 1;
  v.ten_good[2].reset();
  r = ten_good(v, s);
  EXPECT_FALSE(r.pass.has_value());
  EXPECT_EQ(r.passed, 9);
  EXPECT_EQ(r.missing, std::vector<std::string>{"good_mechanism"});
  // ... and with one failing, it fails.
  v.ten_good[0] = 0;
  r = ten_good(v, s);
  EXPECT_EQ(r.pass, false);
  EXPECT_EQ(r.failed, std::vector<std::string>{"领导班子"});
  // No standard at all: nothing is known.
  v.ten_good.fill(std::nullopt);
  r = ten_good(v, s);
  EXPECT_FALSE(r.passed.has_value());
  EXPECT_FALSE(r.score.has_value());
  EXPECT_FALSE(r.pass.has_value());
  EXPECT_EQ(r.missing.size(), 10u);
  // Scores: a pass mark of 60 passes 60 and fails 59.9.
  v.ten_good.fill(80.0);
  s.min.fill(60);
  v.ten_good[9] = 60;
  EXPECT_EQ(ten_good(v, s).pass, true);
  v.ten_good[9] = 59.9;
  r = ten_good(v, s);
  EXPECT_EQ(r.pass, false);
  EXPECT_EQ(r.failed, std::vector<std::string>{"群众评价"});
  // A standard's own mark.
  s.min[9] = 50;
  EXPECT_EQ(ten_good(v, s).pass, true);
}

TEST(SixNone, DefaultsAndRules) {
  const auto conditions = six_none_defaults();
  ASSERT_EQ(conditions.size(), 6u);
  EXPECT_EQ(conditions[0].name, "无软弱涣散党组织");
  EXPECT_EQ(conditions[0].field, "weak_organization");
  EXPECT_EQ(conditions[5].field, "collective_income");
  EXPECT_EQ(conditions[5].rule(), "> 0");
  auto v = village();
  EXPECT_EQ(six_none(v, conditions).pass, true);
  v.six_none[1] = 1;  // a petition
  auto r = six_none(v, conditions);
  EXPECT_EQ(r.pass, false);
  EXPECT_EQ(r.failed, std::vector<std::string>{"无越级上访"});
  v.six_none[1] = 0;
  v.six_none[5] = 0;  // no collective income: 空壳村
  EXPECT_EQ(six_none(v, conditions).failed, std::vector<std::string>{"无空壳村"});
  v.six_none[5] = 0.01;
  EXPECT_EQ(six_none(v, conditions).pass, true);
  v.six_none[0].reset();
  r = six_none(v, conditions);
  EXPECT_FALSE(r.pass.has_value());
  EXPECT_EQ(r.missing, std::vector<std::string>{"weak_organization"});
  v.six_none[3] = 2;
  r = six_none(v, conditions);
  EXPECT_EQ(r.pass, false);
  EXPECT_EQ(r.failed, std::vector<std::string>{"无违法建设"});
}

TEST(SixNone, ParsesComparisons) {
  const auto c = [](const char* rule) { return parse_condition("n", "f", rule, "here"); };
  EXPECT_EQ(c("==0").rule(), "== 0");
  EXPECT_EQ(c(" = 0 ").rule(), "== 0");
  EXPECT_EQ(c("!= 1").rule(), "!= 1");
  EXPECT_EQ(c("<=2").rule(), "<= 2");
  EXPECT_EQ(c(">= 2.5").rule(), ">= 2.5");
  EXPECT_EQ(c("< 3").rule(), "< 3");
  EXPECT_EQ(c("> 0").rule(), "> 0");
  for (const char* rule : {"== 2", "!= 2", "< 2", "<= 2", "> 2", ">= 2"}) {
    const auto cond = c(rule);
    const bool expected[6][3] = {{false, true, false}, {true, false, true},  {true, false, false},
                                 {true, true, false},  {false, false, true}, {false, true, true}};
    const auto& e = expected[static_cast<int>(cond.op)];
    EXPECT_EQ(cond.holds(1), e[0]) << rule;
    EXPECT_EQ(cond.holds(2), e[1]) << rule;
    EXPECT_EQ(cond.holds(3), e[2]) << rule;
  }
  for (const char* bad : {"", "0", "≈ 0", "== x", "=> 1", "== 1 2"}) {
    try {
      c(bad);
      ADD_FAILURE() << bad;
    } catch (const rz::UsageError& e) {
      EXPECT_NE(std::string(e.what()).find("here"), std::string::npos) << e.what();
    }
  }
}

TEST(CollectiveEconomy, TargetAndShellVillages) {
  auto v = village();
  v.collective_income = 3;
  auto r = collective_economy(v, 3);
  EXPECT_EQ(r.target_met, true);
  EXPECT_EQ(r.shell, false);
  v.collective_income = 2.99;
  EXPECT_EQ(collective_economy(v, 3).target_met, false);
  v.collective_income = 0;
  r = collective_economy(v, 3);
  EXPECT_EQ(r.shell, true);
  EXPECT_EQ(r.target_met, false);
  v.collective_income.reset();  // no value is not 0
  r = collective_economy(v, 3);
  EXPECT_FALSE(r.shell.has_value());
  EXPECT_FALSE(r.target_met.has_value());
}

TEST(VillageAssessment, MissingFieldsOfEveryPartNamedOnce) {
  AssessmentSettings s;
  auto v = village();
  v.out_commuters.reset();
  v.ten_good[4].reset();
  v.six_none[2].reset();
  v.collective_income.reset();
  v.six_none[5].reset();
  const auto a = assess_village(v, s);
  EXPECT_EQ(a.missing, (std::vector<std::string>{"out_commuters", "good_appearance",
                                                 "safety_incidents", "collective_income"}));
  EXPECT_EQ(a.shortfall, 3);  // one standard, two conditions not known to pass
  EXPECT_EQ(a.demonstration_point, false);
}

TEST(VillageAssessment, ValuesOutOfRange) {
  AssessmentSettings s;
  EXPECT_TRUE(value_problems(village(), s).empty());
  auto problems = [&](auto change) {
    auto v = village();
    change(v);
    return value_problems(v, s);
  };
  auto one = [&](auto change, const std::string& text) {
    const auto p = problems(change);
    ASSERT_EQ(p.size(), 1u) << text;
    EXPECT_EQ(p[0], text);
  };
  one([](VillageValues& v) { v.population = -1; }, "population -1 is negative");
  one([](VillageValues& v) { v.households = 1001; }, "households 1001 is above population 1000");
  one([](VillageValues& v) { v.migrant_workers = 1001; },
      "migrant_workers 1001 is above population 1000");
  one([](VillageValues& v) { v.out_commuters = 801; },
      "out_commuters 801 is above resident_population 800");
  one([](VillageValues& v) { v.resident_population = 3001; },
      "resident_population 3001 is above 3 × population 1000");
  one([](VillageValues& v) { v.ten_good[0] = 101; },
      "good_leadership (领导班子) 101 is outside 0 to 100");
  one([](VillageValues& v) { v.ten_good[9] = -1; },
      "good_evaluation (群众评价) -1 is outside 0 to 100");
  one([](VillageValues& v) { v.demonstration_point = 2; },
      "demonstration_point 2 is neither 0 nor 1");
  one([](VillageValues& v) { v.six_none[0] = 2; }, "weak_organization 2 is neither 0 nor 1");
  one([](VillageValues& v) { v.six_none[1] = -3; }, "petitions -3 is negative");
  one([](VillageValues& v) { v.collective_income = -0.5; }, "collective_income -0.5 is negative");
  // At the limits: fine.
  EXPECT_TRUE(problems([](VillageValues& v) {
                v.households = 1000;
                v.resident_population = 3000;
                v.out_commuters = 3000;
                v.ten_good[0] = 100;
                v.ten_good[1] = 0;
              }).empty());
}

namespace {

// Ten villages of township 431024100 (codes ...201 to ...210) and the summary of the first area.
struct Township {
  std::vector<VillageValues> villages;
  AssessmentSettings settings;
  AreaAssessment summary() const {
    std::vector<VillageAssessment> assessed;
    for (const auto& v : villages) assessed.push_back(assess_village(v, settings));
    const auto areas = assess_areas(villages, assessed, settings, true);
    EXPECT_EQ(areas.size(), 1u);
    return areas.at(0);
  }
};

Township ten_villages() {
  Township t;
  for (int i = 1; i <= 10; ++i)
    t.villages.push_back(village("431024100" + std::to_string(200 + i)));
  return t;
}

}  // namespace

TEST(VillageTownships, RatioAtExactMultiplesAndUndecidedFlags) {
  auto t = ten_villages();
  // 0.3 × 10 is 3.0000000000000004 in binary: still 3 points.
  t.villages[0].demonstration_point = 1;
  t.villages[1].demonstration_point = 1;
  auto a = t.summary();
  EXPECT_EQ(a.code, "431024100");
  EXPECT_EQ(a.name, "测试镇");
  EXPECT_EQ(a.villages, 10);
  EXPECT_EQ(a.points, 2);
  EXPECT_EQ(a.required_points, 3);
  EXPECT_EQ(a.ratio_met, false);
  EXPECT_EQ(a.points_needed, 1);
  EXPECT_DOUBLE_EQ(a.ratio(), 0.2);
  t.villages[2].demonstration_point = 1;
  a = t.summary();
  EXPECT_EQ(a.ratio_met, true);
  EXPECT_EQ(a.points_needed, 0);
  // A village without the flag could be the missing point: undecided, no count needed.
  t.villages[2].demonstration_point.reset();
  a = t.summary();
  EXPECT_EQ(a.points_unknown, 1);
  EXPECT_FALSE(a.ratio_met.has_value());
  EXPECT_FALSE(a.points_needed.has_value());
  // ... but not when even it would not be enough.
  t.villages[1].demonstration_point = 0;
  a = t.summary();
  EXPECT_EQ(a.ratio_met, false);
  EXPECT_EQ(a.points_needed, 2);
  // The township's own ratio.
  t.settings.township_required_ratio["431024100"] = 0.1;
  a = t.summary();
  EXPECT_DOUBLE_EQ(a.required_ratio, 0.1);
  EXPECT_EQ(a.required_points, 1);
  EXPECT_EQ(a.ratio_met, true);
  t.settings.township_required_ratio["431024100"] = 0.7;  // 0.7 × 10 = 7.000000000000001
  EXPECT_EQ(t.summary().required_points, 7);
}

TEST(VillageTownships, CoverageTypesAndCandidates) {
  auto t = ten_villages();
  auto a = t.summary();
  EXPECT_EQ(a.both_pass, 10);
  EXPECT_EQ(a.full_coverage, true);
  EXPECT_EQ(a.types[static_cast<size_t>(VillageType::basic)], 10);
  // Candidates: not points, fewest standards and conditions short, then 十好 score, income, code.
  t.villages[0].demonstration_point = 1;  // a point already: never a candidate
  t.villages[1].ten_good[3] = 0;          // one short
  t.villages[2].ten_good[3].reset();      // one short (unknown), same score as [1]
  t.villages[2].collective_income = 50;   // ... richer than [1]
  t.villages[2].six_none[5] = 50;
  for (size_t i = 3; i < 10; ++i) {
    t.villages[i].ten_good[0] = 0;  // two short
    t.villages[i].ten_good[1] = 0;
  }
  t.villages[9].ten_good[1] = 1;            // one short
  t.villages[9].six_none[1] = 1;            // ... and a failed condition: two
  t.villages[9].ten_good[2].reset();        // three
  t.villages[4].resident_population = 500;  // hollow
  t.settings.candidates = 4;
  a = t.summary();
  ASSERT_EQ(a.candidates.size(), 4u);
  EXPECT_EQ(a.candidates[0], 2u);
  EXPECT_EQ(a.candidates[1], 1u);
  EXPECT_EQ(a.candidates[2], 3u);  // then the two-short ones by code
  EXPECT_EQ(a.candidates[3], 4u);
  EXPECT_EQ(a.ten_good_pass, 1);
  EXPECT_EQ(a.both_pass, 1);
  EXPECT_EQ(a.full_coverage, false);
  EXPECT_EQ(a.types[static_cast<size_t>(VillageType::hollow)], 1);
  // Undecided coverage: every village passes or is undecided.
  auto u = ten_villages();
  u.villages[5].six_none[0].reset();
  a = u.summary();
  EXPECT_EQ(a.both_pass, 9);
  EXPECT_FALSE(a.full_coverage.has_value());
  // The county summary groups by the first six digits.
  std::vector<VillageAssessment> assessed;
  auto villages = u.villages;
  villages.push_back(village("431024101201"));
  for (const auto& v : villages) assessed.push_back(assess_village(v, u.settings));
  EXPECT_EQ(assess_areas(villages, assessed, u.settings, true).size(), 2u);
  const auto county = assess_areas(villages, assessed, u.settings, false);
  ASSERT_EQ(county.size(), 1u);
  EXPECT_EQ(county[0].code, "431024");
  EXPECT_EQ(county[0].villages, 11);
}
