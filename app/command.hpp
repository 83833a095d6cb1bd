#pragma once
// One class per subcommand (after osmium-tool): setup() declares the options, run() does the
// work. The list in commands.cpp (with a command per analysis of analysis/registry.hpp) builds
// the CLI, its help and the man pages.
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace rz::app {

struct GlobalOptions {
  bool quiet = false;
  // --lang: zh, en or both; empty for the environment's (LANG, LC_MESSAGES). Messages in
  // Chinese or English (both: Chinese); the report, workbook and web map in it.
  std::string language;
};

class Command {
 public:
  virtual ~Command() = default;
  // Declares options on the subcommand; no I/O here.
  virtual void setup(CLI::App& sub) = 0;
  // Does the work; returns the exit code. Throws rz::DataError / rz::UsageError for failures.
  virtual int run(const GlobalOptions& global) = 0;
};

struct CommandInfo {
  // As typed: "grids", or a nested command "zone check" (subcommand `check` of the group
  // `zone`, which command_groups() describes).
  std::string name;
  std::string description;
  std::function<std::unique_ptr<Command>()> make;
  bool analysis = false;  // an analysis command of the registry
};

const std::vector<CommandInfo>& command_registry();

// A group of nested commands ("zone" of "zone check", "zone design", "zone tour"): its name and
// the description `ruralzone --help` shows for it.
struct CommandGroup {
  std::string name;
  std::string description;
};
const std::vector<CommandGroup>& command_groups();
// The group of a command ("zone" of "zone check"); "" for a command of its own ("grids").
std::string group_of(const std::string& command);
// The subcommand's own name: "check" of "zone check", "grids" of "grids".
std::string leaf_of(const std::string& command);
// Its man page: "ruralzone-grids", "ruralzone-zone-check".
std::string man_page_of(const std::string& command);

// The CLI of every command, as main.cpp parses it and rz-man documents it: each command's
// options declared on its subcommand, --quiet on all. The commands are kept alive in `commands`.
struct Cli {
  std::unique_ptr<CLI::App> app;
  std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> commands;
  GlobalOptions global;
};
std::unique_ptr<Cli> make_cli();

}  // namespace rz::app
