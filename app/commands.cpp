#include "app/command.hpp"

#include <algorithm>
#include <thread>

namespace rz::app {

std::unique_ptr<Command> make_import_command();
std::unique_ptr<Command> make_info_command();
std::unique_ptr<Command> make_export_command();
std::unique_ptr<Command> make_run_command();
std::unique_ptr<Command> make_grids_command();
std::unique_ptr<Command> make_reach_command();
std::unique_ptr<Command> make_site_command();

int default_threads() {
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 2u));
}

// The registry: name, one-line description, factory. main.cpp builds the CLI and its help from it.
const std::vector<CommandInfo>& command_registry() {
  static const std::vector<CommandInfo> commands = {
      {"run", "Run the main job of a project file: import every layer, export the results",
       make_run_command},
      {"import", "Import one layer (any format GDAL reads) into a project store",
       make_import_command},
      {"grids", "Grid coverage (网格全覆盖、零遗漏): households per grid, gaps, overlaps, load",
       make_grids_command},
      {"reach", "Straight-line reach (最后一公里): households within reach of service centers",
       make_reach_command},
      {"site", "Siting (选址): where K new centers reach the most, or the fewest reach everyone",
       make_site_command},
      {"info", "Show the layers, counts, CRS, extents and import problems of a project store",
       make_info_command},
      {"export", "Export store layers to GeoPackage, GeoJSON, Shapefile, CSV or XLSX",
       make_export_command},
  };
  return commands;
}

}  // namespace rz::app
