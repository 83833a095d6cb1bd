#include "app/command.hpp"

namespace rz::app {

std::unique_ptr<Cli> make_cli() {
  auto cli = std::make_unique<Cli>();
  cli->app = std::make_unique<CLI::App>(
      "ruralzone: coverage analysis and maps for Party-building-led rural revitalization "
      "demonstration zones (党建引领乡村振兴示范区)",
      "ruralzone");
  CLI::App& app = *cli->app;
  app.require_subcommand(1);
  app.set_version_flag("--version", "ruralzone 0.1.0");
  app.add_flag("-q,--quiet", cli->global.quiet, "Print only warnings and errors");
  for (const auto& info : command_registry()) {
    CLI::App* sub = app.add_subcommand(info.name, info.description);
    auto command = info.make();
    command->setup(*sub);
    sub->add_flag("-q,--quiet", cli->global.quiet, "Print only warnings and errors");
    cli->commands.emplace_back(sub, std::move(command));
  }
  return cli;
}

}  // namespace rz::app
