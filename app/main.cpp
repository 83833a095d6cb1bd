// ruralzone: import, analyse and export the layers of rural revitalization demonstration zones.
// Exit codes: 0 ok, 1 bad data (files, store), 2 bad usage (command line, project file).
#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include "app/command.hpp"
#include "geo/error.hpp"

namespace {
constexpr int kExitOk = 0;
constexpr int kExitData = 1;
constexpr int kExitUsage = 2;
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "ruralzone: coverage analysis and maps for Party-building-led rural revitalization "
      "demonstration zones (党建引领乡村振兴示范区)",
      "ruralzone"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ruralzone 0.1.0");
  rz::app::GlobalOptions global;
  app.add_flag("-q,--quiet", global.quiet, "Print only warnings and errors");

  std::vector<std::pair<CLI::App*, std::unique_ptr<rz::app::Command>>> commands;
  for (const auto& info : rz::app::command_registry()) {
    CLI::App* sub = app.add_subcommand(info.name, info.description);
    auto command = info.make();
    command->setup(*sub);
    sub->add_flag("-q,--quiet", global.quiet, "Print only warnings and errors");
    commands.emplace_back(sub, std::move(command));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  try {
    for (auto& [sub, command] : commands)
      if (sub->parsed()) return command->run(global);
  } catch (const rz::UsageError& e) {
    fmt::print(stderr, "ruralzone: error: {}\n", e.what());
    return kExitUsage;
  } catch (const rz::DataError& e) {
    fmt::print(stderr, "ruralzone: error: {}\n", e.what());
    return kExitData;
  } catch (const std::exception& e) {
    fmt::print(stderr, "ruralzone: error: {}\n", e.what());
    return kExitData;
  }
  return kExitUsage;
}
