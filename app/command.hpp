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
  std::string name;
  std::string description;
  std::function<std::unique_ptr<Command>()> make;
  bool analysis = false;  // an analysis command of the registry
};

const std::vector<CommandInfo>& command_registry();

// The CLI of every command, as main.cpp parses it and rz-man documents it: each command's
// options declared on its subcommand, --quiet on all. The commands are kept alive in `commands`.
struct Cli {
  std::unique_ptr<CLI::App> app;
  std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> commands;
  GlobalOptions global;
};
std::unique_ptr<Cli> make_cli();

}  // namespace rz::app
