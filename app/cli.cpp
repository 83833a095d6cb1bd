#include <map>
#include <string>

#include "app/command.hpp"

namespace rz::app {

namespace {

// On every command, as --quiet: `ruralzone --lang en run ...` and `ruralzone run --lang en ...`.
void add_language_option(CLI::App& app, GlobalOptions& global) {
  app.add_option("--lang", global.language,
                 "Language of messages, the report, the workbook and the web map: zh, en or both "
                 "(default: from LANG / LC_MESSAGES; the report: zh unless that is English)")
      ->check(CLI::IsMember({"zh", "en", "both"}));
}

}  // namespace

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
  add_language_option(app, cli->global);
  // A nested command ("zone check") is a subcommand of its group's ("zone"), made where the
  // group's first command comes in the list; the group itself runs nothing but needs one of its
  // commands, and its --help lists them.
  std::map<std::string, CLI::App*> groups;
  for (const auto& info : command_registry()) {
    CLI::App* parent = &app;
    if (const std::string group = group_of(info.name); !group.empty()) {
      auto& made = groups[group];
      if (!made) {
        std::string description;
        for (const auto& g : command_groups())
          if (g.name == group) description = g.description;
        made = app.add_subcommand(group, description);
        made->require_subcommand(1);
        made->add_flag("-q,--quiet", cli->global.quiet, "Print only warnings and errors");
        add_language_option(*made, cli->global);
      }
      parent = made;
    }
    CLI::App* sub = parent->add_subcommand(leaf_of(info.name), info.description);
    auto command = info.make();
    command->setup(*sub);
    sub->add_flag("-q,--quiet", cli->global.quiet, "Print only warnings and errors");
    add_language_option(*sub, cli->global);
    cli->commands.emplace_back(sub, std::move(command));
  }
  return cli;
}

}  // namespace rz::app
