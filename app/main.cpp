// ruralzone: import, analyse and export the layers of rural revitalization demonstration zones.
// Exit codes: 0 ok, 1 bad data (files, store), 2 bad usage (command line, project file),
// 3 internal error (a bug: anything else).
#include <cstdio>
#include <exception>
#include <filesystem>

#include <fmt/format.h>

#include "app/command.hpp"
#include "geo/error.hpp"

namespace {
constexpr int kExitOk = 0;
constexpr int kExitData = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInternal = 3;
}  // namespace

int main(int argc, char** argv) {
  auto cli = rz::app::make_cli();
  try {
    cli->app->parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = cli->app->exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  try {
    for (auto& [sub, command] : cli->commands)
      if (sub->parsed()) return command->run(cli->global);
  } catch (const rz::UsageError& e) {
    fmt::print(stderr, "ruralzone: error: {}\n", e.what());
    return kExitUsage;
  } catch (const rz::DataError& e) {
    fmt::print(stderr, "ruralzone: error: {}\n", e.what());
    return kExitData;
  } catch (const std::filesystem::filesystem_error& e) {
    // A folder that cannot be made, a file that cannot be renamed: the user's files, not a bug.
    fmt::print(stderr, "ruralzone: error: {}\n", e.what());
    return kExitData;
  } catch (const std::exception& e) {
    fmt::print(stderr, "ruralzone: internal error: {}\n", e.what());
    return kExitInternal;
  }
  return kExitUsage;
}
