#include "app/project_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::app {

namespace fs = std::filesystem;

namespace {
std::optional<std::string> optional_string(const toml::table& t, std::string_view key,
                                           const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (auto s = n->value<std::string>()) return *s;
  throw UsageError(fmt::format(fmt::runtime(tr("{}: {} must be a string")), where, in_quotes(key)));
}

// A value of the wrong type is refused: read as absent it would silently be the default.
bool optional_bool(const toml::table& t, std::string_view key, const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return false;
  if (auto* b = n->as_boolean()) return b->get();  // not value<bool>(): it takes 1 for true
  throw UsageError(
      fmt::format(fmt::runtime(tr("{}: {} must be true or false")), where, in_quotes(key)));
}
}  // namespace

ProjectSettings read_settings_file(const std::string& path) {
  return read_project_settings(parse_project_toml(path), path);
}

ProjectFile read_project_file(const std::string& path) {
  toml::table root = parse_project_toml(path);
  ProjectFile project;
  project.settings = read_project_settings(root, path);
  project.path = path;
  const fs::path base = fs::path(path).parent_path();
  if (auto* p = root["project"].as_table()) {
    project.name = optional_string(*p, "name", path + " [project]").value_or("");
    project.crs = optional_string(*p, "crs", path + " [project]");
  }
  if (auto* e = root["export"].as_table()) {
    if (e->contains("formats") && !(*e)["formats"].as_array())
      throw UsageError(
          fmt::format(fmt::runtime(tr("{} [export]: formats must be a list of strings")), path));
    if (auto* formats = (*e)["formats"].as_array()) {
      project.export_formats.clear();
      for (const auto& f : *formats) {
        auto s = f.value<std::string>();
        if (!s)
          throw UsageError(
              fmt::format(fmt::runtime(tr("{} [export]: formats must be strings")), path));
        project.export_formats.push_back(*s);
      }
    }
  }
  auto* layers = root["layer"].as_array();
  if (!layers || layers->empty())
    throw UsageError(fmt::format(
        fmt::runtime(tr("{}: no [[layer]] entries: the project imports nothing")), path));
  int index = 0;
  for (const auto& node : *layers) {
    ++index;
    std::string where = fmt::format("{} [[layer]] #{}", path, index);
    auto* t = node.as_table();
    if (!t) throw UsageError(fmt::format(fmt::runtime(tr("{}: must be a table")), where));
    // A misspelt key would otherwise be ignored and the import silently differ from the file.
    static constexpr std::string_view known[] = {"kind",         "source", "source_layer", "name",
                                                 "encoding",     "crs",    "coords",       "repair",
                                                 "skip_invalid", "fields"};
    for (const auto& [key, value] : *t)
      if (std::find(std::begin(known), std::end(known), key.str()) == std::end(known))
        throw UsageError(fmt::format(fmt::runtime(tr("{}: unknown key {} (known: {})")), where,
                                     in_quotes(key.str()), fmt::join(known, ", ")));
    ProjectLayer layer;
    auto kind = optional_string(*t, "kind", where);
    auto source = optional_string(*t, "source", where);
    if (!kind)
      throw UsageError(
          fmt::format(fmt::runtime(tr("{}: {} is missing")), where, in_quotes("kind")));
    if (!source)
      throw UsageError(
          fmt::format(fmt::runtime(tr("{}: {} is missing")), where, in_quotes("source")));
    layer.kind = *kind;
    layer.name = optional_string(*t, "name", where).value_or(*kind);
    layer.source = (base / *source).lexically_normal().string();
    layer.source_layer = optional_string(*t, "source_layer", where);
    layer.encoding = optional_string(*t, "encoding", where);
    layer.crs = optional_string(*t, "crs", where);
    layer.coords = optional_string(*t, "coords", where);
    layer.repair = optional_bool(*t, "repair", where);
    layer.skip_invalid = optional_bool(*t, "skip_invalid", where);
    if (t->contains("fields") && !(*t)["fields"].as_table())
      throw UsageError(fmt::format(fmt::runtime(tr("{}: {} must be a table ([layer.fields])")),
                                   where, in_quotes("fields")));
    if (auto* fields = (*t)["fields"].as_table()) {
      for (const auto& [key, value] : *fields) {
        auto s = value.value<std::string>();
        if (!s)
          throw UsageError(
              fmt::format(fmt::runtime(tr("{}: fields.{} must be a string")), where, key.str()));
        layer.fields[std::string(key.str())] = *s;
      }
    }
    project.layers.push_back(std::move(layer));
  }
  return project;
}

}  // namespace rz::app
