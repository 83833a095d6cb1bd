// ruralzone site on a small synthetic store, against a brute force the test computes itself from
// the same coordinates: weighted demand equals each point repeated weight times; required sites
// are open and count toward K; p-center's radius is the least largest distance over all choices;
// a user's cost matrix gives what the same costs computed internally give; infeasible LSCP and
// -k 0 are errors that write nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include <fmt/format.h>

#include "cli/import_fixture.hpp"
#include "test_support.hpp"

using rz::test::file_sha256;
using rz::test::run_ruralzone;
using rz::test::run_shell;
using rz::test::ScratchDir;
using rz::test::write;

namespace {

struct Point {
  double x, y;
  int weight;
};

std::string sql(const std::string& store, const std::string& query) {
  auto q = run_shell("spatialite -silent " + store + " \"" + query + "\"");
  EXPECT_EQ(q.exit_code, 0) << q.err;
  return q.out;
}

double number(const std::string& text) {
  return text.empty() ? NAN : std::stod(text);
}

// Points as an EPSG:4546 GeoJSON; `with_weight` writes the weight field (权重), `repeat` writes
// each point weight times instead.
std::string points_geojson(const std::vector<Point>& points, const std::string& prefix,
                           bool with_weight, bool repeat, const std::string& extra = "") {
  std::string out =
      R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4546"}},"features":[)";
  bool first = true;
  int copy = 0;
  for (size_t i = 0; i < points.size(); ++i)
    for (int r = 0; r < (repeat ? points[i].weight : 1); ++r) {
      out += first ? "" : ",";
      first = false;
      out += fmt::format(
          R"({{"type":"Feature","properties":{{"编号":"{}{}","名称":"点{}"{}{}}},"geometry":{{"type":"Point","coordinates":[{:.6f},{:.6f}]}}}})",
          prefix, repeat ? ++copy : static_cast<int>(i + 1), i + 1,
          with_weight ? fmt::format(R"(,"权重":{})", points[i].weight) : "", extra, points[i].x,
          points[i].y);
    }
  return out + "]}";
}

double distance(const Point& a, const Point& b) {
  return std::hypot(a.x - b.x, a.y - b.y);
}

class CliSiteModels : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    std::mt19937 rng(17);
    std::uniform_real_distribution<double> x(540050, 541950), y(2830050, 2830950);
    std::uniform_int_distribution<int> w(1, 4);
    // Coordinates to the micrometre, as the GeoJSON writes them: the store's are then the same.
    auto at = [&](std::uniform_real_distribution<double>& d) {
      return std::round(d(rng) * 1e6) / 1e6;
    };
    for (int i = 0; i < 14; ++i) demand_.push_back({at(x), at(y), w(rng)});
    for (int i = 0; i < 8; ++i) candidates_.push_back({at(x), at(y), 1});
    existing_ = {540100, 2830100, 1};
    const std::string d = dir_->path().string();
    write(*dir_ / "villages.geojson", rz::test::villages_geojson());
    write(*dir_ / "demand_w.geojson", points_geojson(demand_, "D", true, false));
    write(*dir_ / "demand_dup.geojson", points_geojson(demand_, "R", false, true));
    write(*dir_ / "candidates.geojson", points_geojson(candidates_, "C", false, false));
    write(*dir_ / "facilities.geojson",
          points_geojson({existing_}, "F", false, false, R"(,"类型":"党群服务中心")"));
    for (const auto& [file, args] : std::vector<std::pair<std::string, std::string>>{
             {"villages.geojson", "--kind villages"},
             {"facilities.geojson", "--kind facilities"},
             {"candidates.geojson", "--kind candidates"},
             {"demand_w.geojson", "--kind demand --layer demand_w"},
             {"demand_dup.geojson", "--kind demand --layer demand_dup"}}) {
      auto r = run_ruralzone("import " + file + " " + args + " --store p.sqlite -q", d);
      ASSERT_EQ(r.exit_code, 0) << file << ": " << r.err;
    }
    store_ = (*dir_ / "p.sqlite");
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string site(const std::string& args, int expected_exit = 0) {
    auto r = run_ruralzone("site p.sqlite --candidates candidates " + args, dir_->path().string());
    EXPECT_EQ(r.exit_code, expected_exit) << args << "\n" << r.out << r.err;
    return r.out + r.err;
  }
  static double summary(const std::string& column) {
    return number(sql(store_, "SELECT " + column + " FROM site_summary"));
  }
  // Weight within `radius` of the existing facility or any candidate of `open`.
  static double covered(const std::vector<size_t>& open, double radius) {
    double total = 0;
    for (const auto& p : demand_) {
      bool in = distance(p, existing_) <= radius;
      for (size_t c : open) in = in || distance(p, candidates_[c]) <= radius;
      total += in ? p.weight : 0;
    }
    return total;
  }
  // Every choice of `k` candidates that includes all of `required`.
  template <typename Fn>
  static void for_each_choice(size_t k, const std::vector<size_t>& required, Fn&& fn) {
    const size_t n = candidates_.size();
    for (uint32_t mask = 0; mask < (1u << n); ++mask) {
      if (static_cast<size_t>(__builtin_popcount(mask)) != k) continue;
      std::vector<size_t> open;
      for (size_t c = 0; c < n; ++c)
        if (mask & (1u << c)) open.push_back(c);
      if (std::all_of(required.begin(), required.end(), [&](size_t r) {
            return std::find(open.begin(), open.end(), r) != open.end();
          }))
        fn(open);
    }
  }
  static ScratchDir* dir_;
  static std::string store_;
  static std::vector<Point> demand_, candidates_;
  static Point existing_;
};
ScratchDir* CliSiteModels::dir_ = nullptr;
std::string CliSiteModels::store_;
std::vector<Point> CliSiteModels::demand_, CliSiteModels::candidates_;
Point CliSiteModels::existing_;

}  // namespace

TEST_F(CliSiteModels, WeightsEqualRepeatedPoints) {
  for (const char* objective : {"--objective mclp -k 2 --radius 500", "--objective pmedian -k 2",
                                "--objective lscp --radius 900 --allow-uncovered"}) {
    site(std::string(objective) + " --demand demand_w -q");
    const double weighted = summary("objective_value"), within = summary("demand_within_after");
    EXPECT_EQ(sql(store_, "SELECT weight FROM site_summary"), "weight\n");
    site(std::string(objective) + " --demand demand_dup -q");
    EXPECT_NEAR(summary("objective_value"), weighted, 1e-9 * std::max(1.0, weighted)) << objective;
    EXPECT_NEAR(summary("demand_within_after"), within, 1e-9) << objective;
    EXPECT_EQ(sql(store_, "SELECT weight FROM site_summary"), "households\n");
  }
  // MCLP's optimum is the brute force's.
  double best = 0;
  for_each_choice(
      2, {}, [&](const std::vector<size_t>& open) { best = std::max(best, covered(open, 500)); });
  site("--objective mclp -k 2 --radius 500 --demand demand_w -q");
  EXPECT_NEAR(summary("demand_within_after"), best, 1e-9);
  EXPECT_NEAR(summary("share_within_after"), best / summary("demand"), 1e-12);
}

TEST_F(CliSiteModels, RequiredSitesCountTowardKAndAreMarked) {
  double best = 0;
  for_each_choice(3, {2, 5}, [&](const std::vector<size_t>& open) {
    best = std::max(best, covered(open, 500));
  });
  site("--objective mclp -k 3 --radius 500 --demand demand_w --required C3，C6 -q");
  EXPECT_NEAR(summary("demand_within_after"), best, 1e-9);
  EXPECT_EQ(sql(store_, "SELECT count(*), sum(required) FROM site_new"), "3|2\n");
  EXPECT_EQ(sql(store_, "SELECT name FROM site_new WHERE required = 1 ORDER BY name"),
            "点3\n点6\n");
  // More required sites than K, and a required site that is no candidate.
  EXPECT_NE(site("-k 1 --radius 500 --demand demand_w --required C3,C6", 2)
                .find("fewer than the 2 required sites"),
            std::string::npos);
  EXPECT_NE(site("-k 2 --radius 500 --demand demand_w --required C3,C99", 1).find("«C99»"),
            std::string::npos);
}

TEST_F(CliSiteModels, PcenterIsTheLeastLargestDistance) {
  for (const std::string required : {"", "C1"}) {
    double best = INFINITY;
    std::vector<size_t> forced;
    if (!required.empty()) forced.push_back(0);
    for_each_choice(2, forced, [&](const std::vector<size_t>& open) {
      double farthest = 0;
      for (const auto& p : demand_) {
        double nearest = distance(p, existing_);
        for (size_t c : open) nearest = std::min(nearest, distance(p, candidates_[c]));
        farthest = std::max(farthest, nearest);
      }
      best = std::min(best, farthest);
    });
    site("--objective pcenter -k 2 --demand demand_w -q" +
         (required.empty() ? "" : " --required " + required));
    EXPECT_NEAR(summary("objective_value"), best, 1e-6) << required;
    EXPECT_NEAR(summary("max_cost_after"), best, 1e-6) << required;
    EXPECT_EQ(summary("proven_optimal"), 1);
  }
}

TEST_F(CliSiteModels, CostMatrixEqualsCostsComputedInternally) {
  // No existing facility of the category: a cost matrix has none either.
  std::string csv = "demand_id,candidate_id,cost\n";
  for (size_t d = 0; d < demand_.size(); ++d)
    for (size_t c = 0; c < candidates_.size(); ++c)
      csv += fmt::format("D{},C{},{:.17g}\n", d + 1, c + 1, distance(demand_[d], candidates_[c]));
  write(*dir_ / "costs.csv", csv);
  const std::string common = " --category village_service_station --demand demand_w -q";
  for (const char* objective :
       {"--objective mclp -k 2 --radius 500", "--objective pmedian -k 3 --radius 500",
        "--objective pcenter -k 2", "--objective lscp --radius 700 --allow-uncovered"}) {
    site(std::string(objective) + common);
    const double computed = summary("objective_value");
    const std::string chosen = sql(store_,
                                   "SELECT group_concat(name) FROM "
                                   "(SELECT name FROM site_new ORDER BY name)");
    site(std::string(objective) + common + " --costs costs.csv");
    EXPECT_NEAR(summary("objective_value"), computed, 1e-9 * std::max(1.0, computed)) << objective;
    EXPECT_EQ(sql(store_,
                  "SELECT group_concat(name) FROM (SELECT name FROM site_new ORDER BY "
                  "name)"),
              chosen)
        << objective;
  }
  // An unknown id: the file and the id named, nothing written.
  write(*dir_ / "bad.csv", csv + "D1,C42,5\n");
  const std::string before = file_sha256(store_);
  const auto err = site("-k 1 --radius 500 --demand demand_w --costs bad.csv", 1);
  EXPECT_NE(err.find("bad.csv"), std::string::npos) << err;
  EXPECT_NE(err.find("C42"), std::string::npos) << err;
  EXPECT_EQ(file_sha256(store_), before);
}

TEST_F(CliSiteModels, InfeasibleLscpAndBadUsage) {
  const std::string before = file_sha256(store_);
  // Within 100 m no site reaches most points: an error naming how many and the villages.
  auto err = site("--objective lscp --radius 100 --demand demand_w", 1);
  EXPECT_NE(err.find("no choice of sites covers everyone"), std::string::npos) << err;
  EXPECT_NE(err.find("晋屏村"), std::string::npos) << err;
  EXPECT_NE(err.find("--allow-uncovered"), std::string::npos) << err;
  EXPECT_EQ(file_sha256(store_), before);
  err = site("-k 0 --demand demand_w", 2);
  EXPECT_EQ(file_sha256(store_), before);
  err = site("-k 1 --demand demand_w --weight persons", 1);
  EXPECT_NE(err.find("no numeric field «persons»"), std::string::npos) << err;
  EXPECT_EQ(file_sha256(store_), before);
  // With --allow-uncovered the rest is covered and the others listed.
  site("--objective lscp --radius 100 --demand demand_w --allow-uncovered -q");
  const double listed = number(sql(store_, "SELECT count(*) FROM site_uncovered"));
  EXPECT_EQ(summary("not_coverable"), listed);
  double unreachable = 0;
  for (const auto& p : demand_) {
    bool in = distance(p, existing_) <= 100;
    for (const auto& c : candidates_) in = in || distance(p, c) <= 100;
    unreachable += !in;
  }
  EXPECT_EQ(listed, unreachable);
  EXPECT_GT(listed, 0);
  EXPECT_EQ(summary("demand_within_after") +
                number(sql(store_, "SELECT sum(weight) FROM site_uncovered")),
            summary("demand"));
}
