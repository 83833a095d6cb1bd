#include "app/project_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geo/error.hpp"
#include "import/classify.hpp"

namespace rz::app {

namespace fs = std::filesystem;

namespace {
std::optional<std::string> optional_string(const toml::table& t, std::string_view key,
                                           const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (auto s = n->value<std::string>()) return *s;
  throw UsageError(fmt::format("{}: «{}» must be a string", where, key));
}
}  // namespace

namespace {

toml::table parse(const std::string& path) {
  if (!fs::exists(path)) throw UsageError(fmt::format("{}: no such project file", path));
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw UsageError(fmt::format("{}:{}:{}: {}", path, e.source().begin.line,
                                 e.source().begin.column, e.description()));
  }
}

int64_t positive_integer(const toml::table& t, std::string_view key, int64_t fallback,
                         const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return fallback;
  auto v = n->value<int64_t>();
  if (!v || *v < 0)
    throw UsageError(fmt::format("{}: «{}» must be a whole number >= 0", where, key));
  return *v;
}

analysis::LoadBand read_band(const toml::table& t, analysis::LoadBand band,
                             const std::string& where) {
  band.min = positive_integer(t, "households_min", band.min, where);
  band.max = positive_integer(t, "households_max", band.max, where);
  if (band.min > band.max)
    throw UsageError(
        fmt::format("{}: households_min {} is above households_max {}", where, band.min, band.max));
  return band;
}

void grid_settings_from(const toml::table& root, const std::string& path,
                        analysis::GridSettings& settings) {
  auto* g = root["grids"].as_table();
  if (!g) return;
  const std::string where = path + " [grids]";
  for (const auto& [key, value] : *g) {
    static constexpr std::string_view known[] = {"households_min", "households_max", "sliver_m2",
                                                 "townships"};
    if (std::find(std::begin(known), std::end(known), key.str()) == std::end(known))
      throw UsageError(fmt::format("{}: unknown key «{}» (known: {})", where, key.str(),
                                   fmt::join(known, ", ")));
  }
  settings.band = read_band(*g, settings.band, where);
  if (const toml::node* s = g->get("sliver_m2")) {
    auto v = s->value<double>();
    if (!v || *v < 0) throw UsageError(fmt::format("{}: «sliver_m2» must be a number >= 0", where));
    settings.sliver_m2 = *v;
  }
  if (auto* t = (*g)["townships"].as_table()) {
    for (const auto& [code, value] : *t) {
      const std::string twhere = fmt::format("{} townships.{}", where, code.str());
      auto* band = value.as_table();
      if (!band || code.str().size() != 9)
        throw UsageError(
            fmt::format("{}: must be a table keyed by a 9-digit township code", twhere));
      settings.township_bands[std::string(code.str())] = read_band(*band, settings.band, twhere);
    }
  }
}

double positive_number(const toml::table& t, std::string_view key, double fallback,
                       const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return fallback;
  auto v = n->value<double>();
  if (!v || *v <= 0) throw UsageError(fmt::format("{}: «{}» must be a number > 0", where, key));
  return *v;
}

void road_reach_settings_from(const toml::table& root, const std::string& path,
                              analysis::RoadReachJobSettings& settings) {
  auto* roads = root["reach"]["roads"].as_table();
  if (!roads) return;
  const std::string where = path + " [reach.roads]";
  static constexpr std::string_view known[] = {
      "thresholds_min",    "walk_kmh", "access_limit_m", "snap_m",
      "default_speed_kmh", "areas",    "area_spacing_m", "assignment_cutoff_min"};
  for (const auto& [key, value] : *roads)
    if (std::find(std::begin(known), std::end(known), key.str()) == std::end(known))
      throw UsageError(fmt::format("{}: unknown key «{}» (known: {})", where, key.str(),
                                   fmt::join(known, ", ")));
  if (auto* t = (*roads)["thresholds_min"].as_array()) {
    settings.reach.thresholds_min.clear();
    for (const auto& node : *t) {
      auto v = node.value<double>();
      if (!v || *v <= 0)
        throw UsageError(fmt::format("{}: thresholds_min must be minutes > 0", where));
      settings.reach.thresholds_min.push_back(*v);
    }
    std::sort(settings.reach.thresholds_min.begin(), settings.reach.thresholds_min.end());
  }
  settings.reach.walk_kmh = positive_number(*roads, "walk_kmh", settings.reach.walk_kmh, where);
  settings.reach.access_limit_m =
      positive_number(*roads, "access_limit_m", settings.reach.access_limit_m, where);
  settings.network.snap_m = positive_number(*roads, "snap_m", settings.network.snap_m, where);
  settings.network.default_speed_kmh =
      positive_number(*roads, "default_speed_kmh", settings.network.default_speed_kmh, where);
  if (const toml::node* n = roads->get("areas")) {
    auto b = n->value<bool>();
    if (!b) throw UsageError(fmt::format("{}: «areas» must be true or false", where));
    settings.areas = *b;
  }
  settings.area_spacing_m =
      positive_number(*roads, "area_spacing_m", settings.area_spacing_m, where);
  settings.assignment_cutoff_min =
      positive_number(*roads, "assignment_cutoff_min", settings.assignment_cutoff_min, where);
}

void reach_settings_from(const toml::table& root, const std::string& path,
                         analysis::ReachSettings& settings) {
  auto* r = root["reach"].as_table();
  if (!r) return;
  const std::string where = path + " [reach]";
  for (const auto& [key, value] : *r)
    if (key.str() != "target" && key.str() != "roads" && key.str() != "households_layer")
      throw UsageError(fmt::format("{}: unknown key «{}» (known: target, households_layer, roads)",
                                   where, key.str()));
  if (const toml::node* layer = r->get("households_layer")) {
    auto v = layer->value<bool>();
    if (!v) throw UsageError(fmt::format("{}: «households_layer» must be true or false", where));
    settings.households_layer = *v;
  }
  auto* targets = (*r)["target"].as_array();
  if (!targets) return;
  settings.targets.clear();
  int index = 0;
  for (const auto& node : *targets) {
    const std::string twhere = fmt::format("{} [[reach.target]] #{}", path, ++index);
    auto* t = node.as_table();
    if (!t) throw UsageError(fmt::format("{}: must be a table", twhere));
    analysis::ReachTarget target;
    auto category = optional_string(*t, "category", twhere);
    if (!category) throw UsageError(fmt::format("{}: «category» is missing", twhere));
    target.category = *category;
    if (const toml::node* radius = t->get("radius_m")) {
      auto v = radius->value<double>();
      if (!v || *v <= 0) throw UsageError(fmt::format("{}: «radius_m» must be > 0", twhere));
      target.radius_m = *v;
    }
    for (const auto& [key, value] : *t)
      if (key.str() != "category" && key.str() != "radius_m")
        throw UsageError(
            fmt::format("{}: unknown key «{}» (known: category, radius_m)", twhere, key.str()));
    settings.targets.push_back(target);
  }
  check_reach_targets(settings, where);
}

}  // namespace

void check_category(const std::string& category, const std::string& where) {
  std::vector<std::string> known;
  for (const auto& c : import::facility_categories()) known.emplace_back(c.key);
  if (std::find(known.begin(), known.end(), category) == known.end())
    throw UsageError(fmt::format("{}: unknown facility category «{}» (known: {})", where, category,
                                 fmt::join(known, ", ")));
}

void check_reach_targets(const analysis::ReachSettings& settings, const std::string& where) {
  for (const auto& t : settings.targets) check_category(t.category, where);
}

analysis::SitingObjective parse_objective(const std::string& name, const std::string& where) {
  if (name == "mclp") return analysis::SitingObjective::mclp;
  if (name == "lscp") return analysis::SitingObjective::lscp;
  if (name == "pmedian" || name == "p-median") return analysis::SitingObjective::pmedian;
  throw UsageError(
      fmt::format("{}: unknown objective «{}» (known: mclp, lscp, pmedian)", where, name));
}

namespace {

std::optional<SiteProject> site_settings_from(const toml::table& root, const std::string& path,
                                              const analysis::RoadReachJobSettings& roads) {
  auto* t = root["site"].as_table();
  if (!t) return std::nullopt;
  const std::string where = path + " [site]";
  static constexpr std::string_view known[] = {
      "objective",  "k",          "category",           "by",       "radius_m",   "minutes",
      "candidates", "capacities", "candidate_capacity", "cutoff_m", "cutoff_min", "time_limit_s"};
  for (const auto& [key, value] : *t)
    if (std::find(std::begin(known), std::end(known), key.str()) == std::end(known))
      throw UsageError(fmt::format("{}: unknown key «{}» (known: {})", where, key.str(),
                                   fmt::join(known, ", ")));
  SiteProject site;
  auto& s = site.settings;
  s.road = roads.reach;
  s.network = roads.network;
  if (auto o = optional_string(*t, "objective", where)) s.objective = parse_objective(*o, where);
  s.k = static_cast<size_t>(positive_integer(*t, "k", static_cast<int64_t>(s.k), where));
  if (auto c = optional_string(*t, "category", where)) s.category = *c;
  check_category(s.category, where);
  if (auto by = optional_string(*t, "by", where)) {
    if (*by != "line" && *by != "road")
      throw UsageError(fmt::format("{}: «by» must be \"line\" or \"road\", not «{}»", where, *by));
    s.by_road = *by == "road";
  }
  s.radius_m = positive_number(*t, "radius_m", s.radius_m, where);
  s.minutes = positive_number(*t, "minutes", s.minutes, where);
  s.cutoff_m = positive_number(*t, "cutoff_m", s.cutoff_m, where);
  s.cutoff_min = positive_number(*t, "cutoff_min", s.cutoff_min, where);
  s.time_limit_s = positive_number(*t, "time_limit_s", s.time_limit_s, where);
  if (const toml::node* n = t->get("capacities")) {
    auto b = n->value<bool>();
    if (!b) throw UsageError(fmt::format("{}: «capacities» must be true or false", where));
    s.capacities = *b;
  }
  if (t->get("candidate_capacity"))
    s.candidate_capacity = positive_number(*t, "candidate_capacity", 0, where);
  site.candidates = optional_string(*t, "candidates", where).value_or("");
  return site;
}

}  // namespace

std::optional<SiteProject> read_site_settings(const std::string& path) {
  auto root = parse(path);
  analysis::RoadReachJobSettings roads;
  road_reach_settings_from(root, path, roads);
  return site_settings_from(root, path, roads);
}

void read_reach_settings(const std::string& path, analysis::ReachSettings& settings,
                         analysis::RoadReachJobSettings& roads) {
  auto root = parse(path);
  reach_settings_from(root, path, settings);
  road_reach_settings_from(root, path, roads);
}

void read_grid_settings(const std::string& path, analysis::GridSettings& settings) {
  grid_settings_from(parse(path), path, settings);
}

ProjectFile read_project_file(const std::string& path) {
  toml::table root = parse(path);
  ProjectFile project;
  grid_settings_from(root, path, project.grids);
  reach_settings_from(root, path, project.reach);
  road_reach_settings_from(root, path, project.road_reach);
  project.site = site_settings_from(root, path, project.road_reach);
  project.path = path;
  const fs::path base = fs::path(path).parent_path();
  if (auto* p = root["project"].as_table()) {
    project.name = optional_string(*p, "name", path + " [project]").value_or("");
    project.crs = optional_string(*p, "crs", path + " [project]");
  }
  if (auto* e = root["export"].as_table()) {
    if (auto* formats = (*e)["formats"].as_array()) {
      project.export_formats.clear();
      for (const auto& f : *formats) {
        auto s = f.value<std::string>();
        if (!s) throw UsageError(fmt::format("{} [export]: formats must be strings", path));
        project.export_formats.push_back(*s);
      }
    }
  }
  auto* layers = root["layer"].as_array();
  if (!layers || layers->empty())
    throw UsageError(fmt::format("{}: no [[layer]] entries: the project imports nothing", path));
  int index = 0;
  for (const auto& node : *layers) {
    ++index;
    std::string where = fmt::format("{} [[layer]] #{}", path, index);
    auto* t = node.as_table();
    if (!t) throw UsageError(fmt::format("{}: must be a table", where));
    // A misspelt key would otherwise be ignored and the import silently differ from the file.
    static constexpr std::string_view known[] = {
        "kind", "source", "source_layer", "name", "encoding", "crs", "coords", "repair", "fields"};
    for (const auto& [key, value] : *t)
      if (std::find(std::begin(known), std::end(known), key.str()) == std::end(known))
        throw UsageError(fmt::format("{}: unknown key «{}» (known: {})", where, key.str(),
                                     fmt::join(known, ", ")));
    ProjectLayer layer;
    auto kind = optional_string(*t, "kind", where);
    auto source = optional_string(*t, "source", where);
    if (!kind) throw UsageError(fmt::format("{}: «kind» is missing", where));
    if (!source) throw UsageError(fmt::format("{}: «source» is missing", where));
    layer.kind = *kind;
    layer.name = optional_string(*t, "name", where).value_or(*kind);
    layer.source = (base / *source).lexically_normal().string();
    layer.source_layer = optional_string(*t, "source_layer", where);
    layer.encoding = optional_string(*t, "encoding", where);
    layer.crs = optional_string(*t, "crs", where);
    layer.coords = optional_string(*t, "coords", where);
    if (auto r = (*t)["repair"].value<bool>()) layer.repair = *r;
    if (auto* fields = (*t)["fields"].as_table()) {
      for (const auto& [key, value] : *fields) {
        auto s = value.value<std::string>();
        if (!s) throw UsageError(fmt::format("{}: fields.{} must be a string", where, key.str()));
        layer.fields[std::string(key.str())] = *s;
      }
    }
    project.layers.push_back(std::move(layer));
  }
  return project;
}

}  // namespace rz::app
