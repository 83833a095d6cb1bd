#include <stdexcept>

#include <fmt/format.h>

#include "analysis/registry.hpp"
#include "app/command.hpp"

namespace rz::app {

std::unique_ptr<Command> make_import_command();
std::unique_ptr<Command> make_info_command();
std::unique_ptr<Command> make_export_command();
std::unique_ptr<Command> make_run_command();
std::unique_ptr<Command> make_map_command();
std::unique_ptr<Command> make_report_command();
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
    out.push_back({"map",
                   "Draw printable maps (PNG, PDF, SVG) of the analyses that have run, styled as "
                   "in QGIS",
                   make_map_command, false});
    out.push_back({"report",
                   "Write the planner's report (HTML, PDF), the workbook (XLSX) and the offline "
                   "web map of the analyses that have run, in Chinese, English or both",
                   make_report_command, false});
    return out;
  }();
  return commands;
}

const std::vector<CommandGroup>& command_groups() {
  static const std::vector<CommandGroup> groups = {
      {"zone",
       "The \"1+12\" demonstration zones (示范区): check a zone layout, design one, plan the "
       "observation tour (观摩拉练)"},
  };
  return groups;
}

std::string group_of(const std::string& command) {
  const auto space = command.find(' ');
  if (space == std::string::npos) return "";
  std::string group = command.substr(0, space);
  for (const auto& g : command_groups())
    if (g.name == group) return group;
  // A declaration naming a group app/commands.cpp does not describe: a bug, found by any test.
  throw std::logic_error(
      fmt::format("command «{}»: «{}» is no command group (app/commands.cpp)", command, group));
}

std::string leaf_of(const std::string& command) {
  const auto space = command.find(' ');
  return space == std::string::npos ? command : command.substr(space + 1);
}

std::string man_page_of(const std::string& command) {
  std::string page = "ruralzone-" + command;
  for (char& c : page)
    if (c == ' ') c = '-';
  return page;
}

}  // namespace rz::app
