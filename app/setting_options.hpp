#pragma once
// Command-line options made from the analyses' setting declarations: one option per setting
// (a setting two analyses of one command share, such as --no-areas, is one option setting both),
// with the default, unit, range and project-file key in its help.
#include <CLI/CLI.hpp>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "analysis/common/analysis.hpp"

namespace rz::app {

// The help line of a setting: its help, default (or what happens without one), allowed values
// and where the project file sets it.
std::string setting_help(const analysis::Setting& setting, const std::string& table);
// The project-file table a setting of `analysis` is read from.
std::string table_of(const analysis::Analysis& analysis, const analysis::Setting& setting);

class SettingOptions {
 public:
  void add(CLI::App& sub, const std::vector<const analysis::Analysis*>& analyses);
  // Sets the values given on the command line in `values` (by analysis name), replacing the
  // project file's. UsageError naming the option for a value that is not one.
  void apply(std::map<std::string, analysis::SettingValues>& values) const;

 private:
  struct Bound {
    const analysis::Setting* setting = nullptr;
    std::vector<std::string> analyses;  // the names of those that declare it
    std::string option;                 // "--radius", for messages
    std::set<std::string> tables;       // the project-file tables it stands for
    CLI::Option* cli = nullptr;
    std::vector<std::string> texts;  // the option's values
    bool flag = false;               // a boolean's flag
  };
  std::vector<std::unique_ptr<Bound>> bound_;  // stable addresses: CLI11 writes into them
};

}  // namespace rz::app
