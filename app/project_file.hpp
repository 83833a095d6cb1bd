#pragma once
// The project file (TOML): the project's name, optional CRS, and the layers to import with their
// per-layer options. Paths in it are relative to the file.
#include <map>
#include <optional>
#include <string>
#include <vector>

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
  std::map<std::string, std::string> fields;  // canonical -> source
};

struct ProjectFile {
  std::string path;
  std::string name;
  std::optional<std::string> crs;
  std::vector<ProjectLayer> layers;
  std::vector<std::string> export_formats = {"gpkg"};
};

// Throws UsageError naming the file and the key for anything malformed.
ProjectFile read_project_file(const std::string& path);

}  // namespace rz::app
