// Settings declared once (analysis/common/setting.hpp) and read from the project file
// (app/setting_table.hpp) and the command line (app/setting_options.hpp); the registry's
// dependency order; the exit statuses.
#include <gtest/gtest.h>

#include <stdexcept>

#include "analysis/registry.hpp"
#include "app/exit_status.hpp"
#include "app/setting_options.hpp"
#include "app/setting_table.hpp"
#include "geo/error.hpp"

using namespace rz::analysis;
using rz::app::read_project_settings;

namespace {

rz::app::ProjectSettings from_toml(const char* text) {
  return read_project_settings(toml::parse(text), "p.toml");
}

std::string usage_error(const char* text) {
  try {
    from_toml(text);
  } catch (const rz::UsageError& e) {
    return e.what();
  }
  return "";
}

Analysis named(std::string name, std::vector<std::string> after) {
  Analysis a;
  a.name = std::move(name);
  a.after = std::move(after);
  return a;
}

}  // namespace

TEST(Settings, DefaultsComeFromTheDeclarations) {
  const auto values = rz::app::default_settings().values;
  EXPECT_EQ(values.at("grid_coverage").integer("households_min"), 100);
  EXPECT_EQ(values.at("grid_coverage").integer("households_max"), 300);
  EXPECT_DOUBLE_EQ(values.at("grid_coverage").number("sliver_m2"), 1.0);
  EXPECT_EQ(values.at("reach").records("target").size(), 2u);
  EXPECT_EQ(values.at("road_reach").numbers("thresholds_min"),
            (std::vector<double>{5, 10, 15, 30}));
  EXPECT_EQ(values.at("siting").text("objective"), "mclp");
  EXPECT_FALSE(values.at("siting").has("k"));
  EXPECT_FALSE(values.at("grid_coverage").given("sliver_m2"));
  EXPECT_EQ(values.at("grid_coverage").source("sliver_m2"), "default");
}

TEST(Settings, ProjectFileTablesSetTheirKeysAndNameWhereTheyCameFrom) {
  const auto s = from_toml(
      "[grids]\nhouseholds_min = 20\nsliver_m2 = 2\n[grids.townships.431024100]\n"
      "households_max = 120\n[[reach.target]]\ncategory = \"clinic\"\n"
      "[reach.roads]\nthresholds_min = [15, 5]\nwalk_kmh = 4\n[site]\nk = 3\n");
  const auto& grids = s.values.at("grid_coverage");
  EXPECT_EQ(grids.integer("households_min"), 20);
  EXPECT_EQ(grids.integer("households_max"), 300);   // the default
  EXPECT_DOUBLE_EQ(grids.number("sliver_m2"), 2.0);  // an integer where a number goes
  EXPECT_EQ(grids.source("households_min"), "p.toml [grids]");
  ASSERT_EQ(grids.records("townships").size(), 1u);
  EXPECT_EQ(grids.records("townships")[0].name, "431024100");
  // The targets are read for both reach analyses, from [reach]; the radius takes its default.
  for (const char* a : {"reach", "road_reach"}) {
    const auto& targets = s.values.at(a).records("target");
    ASSERT_EQ(targets.size(), 1u) << a;
    EXPECT_EQ(std::get<double>(targets[0].fields.at("radius_m")), 2000.0);
  }
  EXPECT_DOUBLE_EQ(s.values.at("road_reach").number("walk_kmh"), 4.0);
  EXPECT_DOUBLE_EQ(s.values.at("siting").number("walk_kmh"), 4.0);  // [reach.roads], shared
  EXPECT_EQ(s.values.at("siting").integer("k"), 3);
  EXPECT_TRUE(s.has_table("site"));
  EXPECT_TRUE(s.has_table("reach.roads"));
}

TEST(Settings, UnknownOrMalformedProjectKeysAreUsageErrorsListingTheKnown) {
  auto e = usage_error("[grids]\nhouseholds_mim = 20\n");
  EXPECT_NE(e.find("p.toml [grids]: unknown key «households_mim»"), std::string::npos) << e;
  EXPECT_NE(e.find("households_min"), std::string::npos) << e;  // the known ones listed
  e = usage_error("[reach.roads]\nspeed = 3\n");
  EXPECT_NE(e.find("[reach.roads]: unknown key «speed»"), std::string::npos) << e;
  e = usage_error("[gird]\nhouseholds_min = 20\n");
  EXPECT_NE(e.find("unknown table or key «gird»"), std::string::npos) << e;
  e = usage_error("[grids]\nhouseholds_min = -1\n");
  EXPECT_NE(e.find("«households_min» must be >= 0, not -1"), std::string::npos) << e;
  e = usage_error("[grids]\nhouseholds_min = \"many\"\n");
  EXPECT_NE(e.find("«households_min» must be a whole number"), std::string::npos) << e;
  e = usage_error("[site]\nobjective = \"maximal\"\n");
  EXPECT_NE(e.find("unknown objective «maximal» (known: mclp, lscp, pmedian, pcenter)"),
            std::string::npos)
      << e;
  e = usage_error("[[reach.target]]\nradius_m = 10\n");
  EXPECT_NE(e.find("[[reach.target]] #1: «category» is missing"), std::string::npos) << e;
  e = usage_error("[[reach.target]]\ncategory = \"clinic\"\nradius = 10\n");
  EXPECT_NE(e.find("unknown key «radius» (known: category, radius_m)"), std::string::npos) << e;
  e = usage_error("[reach.roads]\nthresholds_min = [5, 0]\n");
  EXPECT_NE(e.find("«thresholds_min» must be > 0, not 0"), std::string::npos) << e;
}

TEST(Settings, AKnownTableWrittenAsAValueIsAUsageError) {
  // Read as absent, these ran with the defaults (siting skipped for «site = true»).
  auto e = usage_error("site = true\n");
  EXPECT_NE(e.find("p.toml: «site» must be a table ([site])"), std::string::npos) << e;
  e = usage_error("[reach]\nroads = 5\n");
  EXPECT_NE(e.find("p.toml: «reach.roads» must be a table ([reach.roads])"), std::string::npos)
      << e;
  e = usage_error("export = \"csv\"\n");
  EXPECT_NE(e.find("p.toml: «export» must be a table ([export])"), std::string::npos) << e;
  EXPECT_EQ(usage_error("[reach.roads]\nsnap_m = 2\n[site]\nk = 3\n"), "");
}

TEST(Settings, CommandLineTextIsCheckedAgainstTheDeclaration) {
  const Analysis* reach = find_analysis("reach");
  ASSERT_NE(reach, nullptr);
  const Setting& target = *reach->setting("target");
  auto one = parse_setting_text(target, "clinic=1500", "--target");
  const auto& records = std::get<std::vector<Record>>(one);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(std::get<std::string>(records[0].fields.at("category")), "clinic");
  EXPECT_EQ(std::get<double>(records[0].fields.at("radius_m")), 1500.0);
  EXPECT_THROW(parse_setting_text(target, "clinic", "--target"), rz::UsageError);
  EXPECT_THROW(parse_setting_text(target, "clinic=-5", "--target"), rz::UsageError);
  const Setting& thresholds = *find_analysis("road_reach")->setting("thresholds_min");
  EXPECT_EQ(std::get<std::vector<double>>(parse_setting_text(thresholds, "5,10.5", "--t")),
            (std::vector<double>{5, 10.5}));
  EXPECT_THROW(parse_setting_text(thresholds, "5,,10", "--t"), rz::UsageError);
  const Setting& min = *find_analysis("grid_coverage")->setting("households_min");
  EXPECT_EQ(std::get<int64_t>(parse_setting_text(min, "42", "--households-min")), 42);
  EXPECT_THROW(parse_setting_text(min, "4.2", "--households-min"), rz::UsageError);
  EXPECT_THROW(parse_setting_text(min, "-1", "--households-min"), rz::UsageError);
}

TEST(Settings, TheCommandLineWinsOverTheProjectFile) {
  CLI::App app;
  rz::app::SettingOptions options;
  std::vector<const Analysis*> both = analyses_of_command("reach");
  ASSERT_EQ(both.size(), 2u);
  options.add(app, both);
  app.parse("--no-areas -t clinic=500 --walk-kmh 5", false);
  auto settings = from_toml("[reach]\nareas = true\n[reach.roads]\nwalk_kmh = 3\n");
  options.apply(settings.values);
  // One --no-areas for both analyses of the command.
  EXPECT_FALSE(settings.values.at("reach").boolean("areas"));
  EXPECT_FALSE(settings.values.at("road_reach").boolean("areas"));
  EXPECT_EQ(settings.values.at("reach").source("areas"), "--no-areas");
  EXPECT_DOUBLE_EQ(settings.values.at("road_reach").number("walk_kmh"), 5.0);
  EXPECT_EQ(settings.values.at("road_reach").records("target").size(), 1u);
}

TEST(Settings, EveryAnalysisChecksItsDefaults) {
  for (const auto& a : analyses()) {
    SCOPED_TRACE(a.name);
    EXPECT_FALSE(a.command.empty());
    EXPECT_FALSE(a.table.empty());
    EXPECT_FALSE(a.layers.empty());
    ASSERT_TRUE(a.run);
    if (a.runs_only_with_table) continue;  // siting needs its K
    ASSERT_TRUE(a.check);
    EXPECT_NO_THROW(a.check(SettingValues(a.settings)));
  }
}

TEST(Registry, OrderedByAfterAndTheListedOrderOtherwise) {
  auto ordered =
      in_dependency_order({named("c", {"b"}), named("a", {}), named("b", {"a"}), named("d", {})});
  std::vector<std::string> names;
  for (const auto& a : ordered) names.push_back(a.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_THROW(in_dependency_order({named("a", {"nope"})}), std::logic_error);
  EXPECT_THROW(in_dependency_order({named("a", {"b"}), named("b", {"a"})}), std::logic_error);
  std::vector<std::string> registry;
  for (const auto& a : analyses()) registry.push_back(a.name);
  EXPECT_EQ(registry, (std::vector<std::string>{"grid_coverage", "reach", "road_reach", "siting",
                                                "od_matrix", "village_assessment", "zone_check",
                                                "zone_design", "zone_tour"}));
}

TEST(ExitStatus, DataUsageAndInternalErrors) {
  using rz::app::failure_of;
  auto of = [](auto e) { return failure_of(std::make_exception_ptr(e)); };
  EXPECT_EQ(of(rz::DataError("x.shp: bad")).exit_code, 1);
  EXPECT_EQ(of(rz::UsageError("--k")).exit_code, 2);
  const auto internal = of(std::logic_error("setting «k» has no value"));
  EXPECT_EQ(internal.exit_code, 3);
  EXPECT_EQ(internal.message, "ruralzone: internal error: setting «k» has no value");
  EXPECT_EQ(of(std::out_of_range("map::at")).exit_code, 3);
  EXPECT_EQ(of(42).exit_code, 3);
}
