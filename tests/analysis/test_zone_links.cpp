// The links of a zone (common/zone_links.hpp) on hand-made villages: shared boundaries against
// corners, road minutes by direction rule, components, and the cheapest missing links equal to a
// brute force over every cross pair; check_zone on a hand-made layout (a member without station).
#include <gtest/gtest.h>

#include <algorithm>

#include <limits>
#include <random>

#include "analysis/common/zone_links.hpp"
#include "analysis/zone_check/zone_check.hpp"
#include "geo/geos.hpp"

using namespace rz::analysis;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<unsigned char> square(double x, double y, double side = 10) {
  rz::geo::GeosContext ctx;
  auto g = rz::geo::from_wkt(ctx, "POLYGON((" + std::to_string(x) + " " + std::to_string(y) + "," +
                                      std::to_string(x + side) + " " + std::to_string(y) + "," +
                                      std::to_string(x + side) + " " + std::to_string(y + side) +
                                      "," + std::to_string(x) + " " + std::to_string(y + side) +
                                      "," + std::to_string(x) + " " + std::to_string(y) + "))");
  return rz::geo::to_wkb(ctx, g.get());
}

}  // namespace

TEST(ZoneLinks, SharedEdgeIsABoundaryACornerIsNot) {
  // 0 and 1 share an edge, 0 and 2 only a corner, 3 is apart; 4 shares half an edge with 1 and half
  // with 2.
  std::vector<std::vector<unsigned char>> shapes = {square(0, 0), square(10, 0), square(10, 10),
                                                    square(100, 100), square(20, 5)};
  std::vector<std::span<const unsigned char>> spans(shapes.begin(), shapes.end());
  const auto pairs = shared_boundary_pairs(spans, 2);
  const std::vector<std::pair<uint32_t, uint32_t>> expected = {{0, 1}, {1, 2}, {1, 4}, {2, 4}};
  EXPECT_EQ(pairs, expected);
}

TEST(ZoneLinks, RoadLinksFollowTheDirectionsRule) {
  // 3 villages, no boundaries: 0->1 10 min, 1->0 20 min; 1<->2 30 min.
  std::vector<double> m = {0, 10, kInf, 20, 0, 30, kInf, 30, 0};
  ZoneLinkSettings s;
  s.link_minutes = 15;
  ZoneLinks either(3, {}, m, s);
  EXPECT_TRUE(either.linked(0, 1));
  EXPECT_FALSE(either.linked(1, 2));
  s.directions = LinkDirections::both;
  ZoneLinks both(3, {}, m, s);
  EXPECT_FALSE(both.linked(0, 1));
  // A boundary links whatever the minutes.
  ZoneLinks bounded(3, {{2, 1}}, m, s);
  EXPECT_TRUE(bounded.linked(1, 2));
  EXPECT_TRUE(bounded.share_boundary(1, 2));
  EXPECT_FALSE(bounded.linked_by_road(1, 2));
  const auto series = linked_in_series(bounded, {0, 1, 2});
  EXPECT_EQ(series.components.size(), 2u);  // 0 apart from {1, 2} under "both"
  ASSERT_EQ(series.missing.size(), 1u);
  EXPECT_EQ(series.missing[0].minutes, 20);
}

TEST(ZoneLinks, ConnectedZoneHasOneComponent) {
  std::vector<double> m = {0, 5, 50, 5, 0, 5, 50, 5, 0};
  ZoneLinks links(3, {}, m, ZoneLinkSettings{});
  const auto s = linked_in_series(links, {0, 1, 2});
  EXPECT_TRUE(s.connected());
  EXPECT_TRUE(s.missing.empty());
}

// Random asymmetric minutes: the missing links join every component, their count is
// components - 1, and with two components the link is the brute-force cheapest cross pair; the
// total equals a brute-force minimum over spanning trees of the component graph for 3.
TEST(ZoneLinks, CheapestMissingLinksEqualBruteForce) {
  std::mt19937_64 rng(18);
  std::uniform_real_distribution<double> minutes(1, 60);
  for (int round = 0; round < 200; ++round) {
    const size_t n = 4 + round % 7;
    std::vector<double> m(n * n, 0);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j)
        if (i != j) m[i * n + j] = minutes(rng);
    ZoneLinkSettings s;
    s.link_minutes = 12;
    ZoneLinks links(n, {}, m, s);
    std::vector<uint32_t> members(n);
    for (uint32_t i = 0; i < n; ++i) members[i] = i;
    const auto series = linked_in_series(links, members);
    const size_t k = series.components.size();
    ASSERT_EQ(series.missing.size(), k - 1);
    // Every pair inside a component chain is linked; across components never.
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j)
        if (series.component[i] != series.component[j]) {
          EXPECT_FALSE(links.linked(i, j));
        }
    auto cross_min = [&](int c, int d) {
      double best = kInf;
      for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j)
          if (series.component[i] == c && series.component[j] == d)
            best = std::min(best, std::min(m[i * n + j], m[j * n + i]));
      return best;
    };
    if (k == 2) {
      EXPECT_DOUBLE_EQ(series.missing[0].minutes, cross_min(0, 1));
    } else if (k == 3) {
      const double ab = cross_min(0, 1), ac = cross_min(0, 2), bc = cross_min(1, 2);
      const double best = std::min({ab + ac, ab + bc, ac + bc});
      double total = 0;
      for (const auto& l : series.missing) total += l.minutes;
      EXPECT_DOUBLE_EQ(total, best);
    }
    for (const auto& l : series.missing)
      EXPECT_DOUBLE_EQ(l.minutes, std::min(m[l.a * n + l.b], m[l.b * n + l.a]));
  }
}

TEST(ZoneCheck, MemberWithoutStationAndDisconnectedMemberFail) {
  // Core 0 and members 1, 2, 3: 3 is far from everyone; 2 has no station.
  const size_t n = 4;
  std::vector<double> m(n * n, 100);
  for (size_t i = 0; i < n; ++i) m[i * n + i] = 0;
  m[0 * n + 1] = m[1 * n + 0] = 5;
  m[1 * n + 2] = m[2 * n + 1] = 6;
  m[2 * n + 3] = 40;
  m[3 * n + 2] = 30;
  ZoneLinks links(n, {}, m, ZoneLinkSettings{});
  std::vector<ZoneVillageFacts> facts(n);
  for (size_t i = 0; i < n; ++i) {
    facts[i].code = "43102410020" + std::to_string(i);
    facts[i].name = "村" + std::to_string(i);
    facts[i].township_code = i < 2 ? "431024100" : "431024103";
    facts[i].station = i != 2;
    facts[i].center_metres = 500;
    facts[i].video_platform = true;
    facts[i].ten_good_pass = true;
    facts[i].collective_target_met = true;
    facts[i].type = i == 0 ? "hub" : i == 1 ? "tidal" : "basic";
  }
  ZoneCheckSettings s;
  s.members = 3;
  s.core_minutes_max = 60;
  ZoneLayout layout{"z", 0, {1, 2, 3}};
  const auto check = check_zone(layout, facts, links, s);
  EXPECT_TRUE(check.find("members")->pass);
  const auto* series = check.find("linked_in_series");
  EXPECT_FALSE(series->pass);
  EXPECT_EQ(series->failing, std::vector<uint32_t>{3});
  ASSERT_EQ(check.series.missing.size(), 1u);
  EXPECT_EQ(check.series.missing[0].a, 2u);
  EXPECT_EQ(check.series.missing[0].b, 3u);
  EXPECT_EQ(check.series.missing[0].minutes, 30);
  const auto* station = check.find("service_station");
  EXPECT_FALSE(station->pass);
  EXPECT_EQ(station->failing, std::vector<uint32_t>{2});
  EXPECT_FALSE(check.find("core_minutes")->pass);  // 3 is 100 min from the core
  EXPECT_TRUE(check.find("party_center")->pass);
  EXPECT_TRUE(check.find("diversity")->pass);
  EXPECT_EQ(check.townships.size(), 2u);
  EXPECT_FALSE(check.pass());
  // A fourth member wanted: the count fails.
  s.members = 4;
  EXPECT_FALSE(check_zone(layout, facts, links, s).find("members")->pass);
}

TEST(ZoneCheck, EveryCheckIsNamedAndSaidInBothLanguages) {
  const size_t n = 3;
  std::vector<double> m(n * n, 5);
  ZoneLinks links(n, {}, m, ZoneLinkSettings{});
  std::vector<ZoneVillageFacts> facts(n);
  for (size_t i = 0; i < n; ++i) {
    facts[i].code = "43102410020" + std::to_string(i);
    facts[i].township_code = "431024100";
    facts[i].type = "hub";
    facts[i].type_zh = "枢纽型";
  }
  ZoneCheckSettings s;
  s.members = 2;
  const auto check = check_zone(ZoneLayout{"z", 0, {1, 2}}, facts, links, s);
  ASSERT_EQ(check.checks.size(), zone_check_names().size());
  for (size_t i = 0; i < check.checks.size(); ++i) {
    const auto& c = check.checks[i];
    // The declared names are in the order the checks run (the report's and QGIS's value map).
    EXPECT_EQ(zone_check_names()[i].value, c.check);
    for (const auto* text : {&c.value, &c.threshold}) {
      EXPECT_FALSE(text->en.empty()) << c.check;
      ASSERT_FALSE(text->zh.empty()) << c.check;
      // The Chinese says it in Chinese: no English word in it.
      EXPECT_EQ(std::count_if(text->zh.begin(), text->zh.end(),
                              [](char ch) { return ch >= 'a' && ch <= 'z'; }),
                0)
          << c.check << ": " << text->zh;
    }
  }
  EXPECT_EQ(check.find("ten_good")->value.zh, "0/3个村（3个情况不明）");
  EXPECT_EQ(check.find("ten_good")->value.en, "0 of 3 (3 unknown)");
  EXPECT_EQ(check.find("members")->threshold.zh, "1个核心村 + 2个示范点");
}
