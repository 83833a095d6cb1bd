#include "analysis/registry.hpp"
#include "app/command.hpp"

namespace rz::app {

std::unique_ptr<Command> make_import_command();
std::unique_ptr<Command> make_info_command();
std::unique_ptr<Command> make_export_command();
std::unique_ptr<Command> make_run_command();
std::unique_ptr<Command> make_analysis_command(const std::string& command);

// The commands: the main job and import first, then one per analysis command of the analysis
// registry (analysis/registry.hpp), then info and export. main.cpp builds the CLI and its help
// from it, and rz-man the man pages.
const std::vector<CommandInfo>& command_registry() {
  static const std::vector<CommandInfo> commands = [] {
    std::vector<CommandInfo> out = {
        {"run",
         "Run the main job of a project file: import every layer, run every analysis the layers "
         "allow, export the results",
         make_run_command, false},
        {"import", "Import one layer (any format GDAL reads) into a project store",
         make_import_command, false},
    };
    for (const auto& a : analysis::analyses()) {
      bool listed = false;
      for (const auto& c : out) listed = listed || c.name == a.command;
      if (listed) continue;
      const std::string command = a.command;
      out.push_back(
          {command, a.description, [command] { return make_analysis_command(command); }, true});
    }
    out.push_back({"info", "Show the layers, counts, CRS, extents and import problems of a store",
                   make_info_command, false});
    out.push_back({"export", "Export store layers to GeoPackage, GeoJSON, Shapefile, CSV or XLSX",
                   make_export_command, false});
    return out;
  }();
  return commands;
}

}  // namespace rz::app
