#pragma once
// The project file (TOML): the project's name, optional CRS, and the layers to import with their
// per-layer options. Paths in it are relative to the file.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/grid_coverage.hpp"
#include "analysis/reach.hpp"
#include "analysis/road_reach_job.hpp"
#include "analysis/siting_job.hpp"

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

struct SiteProject {
  analysis::SitingJobSettings settings;
  std::string candidates;  // empty: the village seats
};

struct ProjectFile {
  std::string path;
  std::string name;
  std::optional<std::string> crs;
  std::vector<ProjectLayer> layers;
  std::vector<std::string> export_formats = {"gpkg"};
  // [grids]: households_min / households_max (the load band), sliver_m2, and per township
  // [grids.townships.<9-digit code>] households_min / households_max.
  analysis::GridSettings grids;
  // [[reach.target]]: category (a facility category key) and radius_m; default: service centers
  // and service stations, 2 km each.
  analysis::ReachSettings reach;
  // [reach.roads]: thresholds_min, walk_kmh, access_limit_m, snap_m, default_speed_kmh, areas
  // (service areas and isochrones as polygons, default true), area_spacing_m,
  // assignment_cutoff_min.
  analysis::RoadReachJobSettings road_reach;
  // [site]: objective (mclp, lscp, pmedian), k, category, by ("line" or "road"), radius_m,
  // minutes, candidates (a store layer; default the village seats), capacities,
  // candidate_capacity, cutoff_m, cutoff_min, time_limit_s. `run` sites when the table exists.
  std::optional<SiteProject> site;
};

// Reads a [grids] table into `settings` (shared by `run` and `grids --project`).
void read_grid_settings(const std::string& path, analysis::GridSettings& settings);
// Reads [[reach.target]] entries into `settings` (replacing the default targets when present);
// an unknown category is a UsageError listing the known ones.
void read_reach_settings(const std::string& path, analysis::ReachSettings& settings,
                         analysis::RoadReachJobSettings& roads);
// Reads the [site] table (nullopt when there is none), with [reach.roads]'s road settings.
std::optional<SiteProject> read_site_settings(const std::string& path);
// Parses "mclp" / "lscp" / "pmedian" (also "p-median"); UsageError naming `where` otherwise.
analysis::SitingObjective parse_objective(const std::string& name, const std::string& where);
// Checks a facility category against those import knows (UsageError listing them).
void check_category(const std::string& category, const std::string& where);
// Checks reach targets' categories against the facility categories import knows.
void check_reach_targets(const analysis::ReachSettings& settings, const std::string& where);

// Throws UsageError naming the file and the key for anything malformed.
ProjectFile read_project_file(const std::string& path);

}  // namespace rz::app
