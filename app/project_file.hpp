#pragma once
// The project file (TOML): the project's name, optional CRS, the layers to import with their
// per-layer options, the export formats, and the analyses' settings. Paths in it are relative to
// the file.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/setting_table.hpp"

namespace rz::app {

struct ProjectLayer {
  std::string kind;
  std::string name;    // store layer name; default = kind
  std::string source;  // resolved against the project file's folder
  std::optional<std::string> source_layer;
  std::optional<std::string> encoding;
  std::optional<std::string> crs;
  std::optional<std::string> coords;
  bool repair = false;
  bool skip_invalid = false;  // leave out features that fail a check (import --skip-invalid)
  std::map<std::string, std::string> fields;  // canonical -> source
};

struct ProjectFile {
  std::string path;
  std::string name;
  std::optional<std::string> crs;
  std::vector<ProjectLayer> layers;
  std::vector<std::string> export_formats = {"gpkg"};
  // Every analysis's settings: the tables the registry's analyses declare ([grids], [reach],
  // [reach.roads], [site], ...).
  ProjectSettings settings;
};

// The analyses' settings of a project file alone (for `-p` on an analysis command): no
// [[layer]] entries needed.
ProjectSettings read_settings_file(const std::string& path);

// Throws UsageError naming the file and the key for anything malformed.
ProjectFile read_project_file(const std::string& path);

}  // namespace rz::app
