#pragma once
// The analyses' settings read from a project file's tables ([grids], [reach], [reach.roads],
// [site], ...), each value checked against its declaration, and every key of those tables known
// to some analysis: a misspelt key would otherwise be ignored and the run silently differ from
// the file.
#include <toml++/toml.h>

#include <map>
#include <set>
#include <string>

#include "analysis/common/analysis.hpp"

namespace rz::app {

struct ProjectSettings {
  std::map<std::string, analysis::SettingValues> values;  // by analysis name
  std::set<std::string> tables;  // the analysis tables the file has ("site", "reach.roads")
  bool has_table(const std::string& table) const { return tables.count(table) > 0; }
};

// The settings of every analysis in the registry: defaults, then what `root` (the file `path`)
// sets. UsageError naming the file, the table and the key for anything unknown or malformed.
ProjectSettings read_project_settings(const toml::table& root, const std::string& path);
// The defaults of every analysis in the registry.
ProjectSettings default_settings();

// Parses a project file; UsageError with the file, line and column when it is not TOML.
toml::table parse_project_toml(const std::string& path);

}  // namespace rz::app
