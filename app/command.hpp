#pragma once
// One class per subcommand (after osmium-tool): setup() declares the options, run() does the
// work. The registry in commands.cpp builds the CLI and its help from these.
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
};

const std::vector<CommandInfo>& command_registry();

// Threads for the analyses: the machine's cores, at most 2 (what the project is sized for).
int default_threads();

}  // namespace rz::app
