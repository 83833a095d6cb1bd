// ruralzone: import, analyse and export the layers of rural revitalization demonstration zones.
// Exit codes (app/exit_status.hpp): 0 ok, 1 bad data, 2 bad usage, 3 internal error.
#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include "app/command.hpp"
#include "app/exit_status.hpp"
#include "app/parse_errors.hpp"
#include "geo/messages.hpp"

int main(int argc, char** argv) {
  using namespace rz::app;
  // Parse errors come before CLI11 has read --lang.
  rz::init_messages(language_in_arguments(argc, argv));
  auto cli = make_cli();
  cli->app->failure_message(
      [](const CLI::App*, const CLI::Error& e) { return parse_error_report(e.what()); });
  try {
    cli->app->parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = cli->app->exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  rz::init_messages(cli->global.language);
  try {
    for (auto& [sub, command] : cli->commands)
      if (sub->parsed()) return command->run(cli->global);
  } catch (...) {
    const Failure failure = failure_of(std::current_exception());
    fmt::print(stderr, "{}\n", failure.message);
    return failure.exit_code;
  }
  return kExitUsage;
}
