// rz-man: a man page's Markdown source with its OPTIONS made from the command's declaration.
//   rz-man TEMPLATE.md COMMAND    writes TEMPLATE.md with the line "<!-- OPTIONS -->" replaced by
//                                 the options of `ruralzone COMMAND` (for "ruralzone", the
//                                 global options and the list of commands); a nested command
//                                 is named as its page is, "zone-check" for `ruralzone zone check`
// The build turns the result into a man page with pandoc (man/CMakeLists.txt).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "app/command.hpp"

namespace {

std::string escape(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '*' || c == '_' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\')
      out += '\\';
    out += c;
  }
  return out;
}

std::string options_markdown(const CLI::App& app) {
  std::string out;
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_name() == "--help" || o->get_name().empty()) continue;
    std::string names;
    for (const auto& s : o->get_snames()) names += (names.empty() ? "" : ", ") + ("**-" + s + "**");
    for (const auto& l : o->get_lnames())
      names += (names.empty() ? "" : ", ") + ("**\\-\\-" + escape(l) + "**");
    if (o->get_positional() && names.empty()) names = "*" + escape(o->get_option_text()) + "*";
    if (names.empty()) continue;
    if (!o->get_positional() && o->get_type_size() != 0 && !o->get_option_text().empty())
      names += " *" + escape(o->get_option_text()) + "*";
    out += fmt::format("{}\n:   {}\n\n", names, escape(o->get_description()));
  }
  return out;
}

// Every command, a group's ("zone") as its nested commands ("zone check", "zone design"), each
// with its own page.
std::string commands_markdown(const CLI::App& app) {
  std::string out;
  for (const CLI::App* sub : app.get_subcommands({})) {
    const auto nested = sub->get_subcommands({});
    if (nested.empty()) {
      out += fmt::format("**{}**\n:   {} See **{}**(1).\n\n", sub->get_name(),
                         escape(sub->get_description()), rz::app::man_page_of(sub->get_name()));
      continue;
    }
    for (const CLI::App* leaf : nested) {
      const std::string name = sub->get_name() + " " + leaf->get_name();
      out += fmt::format("**{}**\n:   {} See **{}**(1).\n\n", name, escape(leaf->get_description()),
                         rz::app::man_page_of(name));
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: rz-man TEMPLATE.md COMMAND\n");
    return 2;
  }
  const std::string command = argv[2];
  auto cli = rz::app::make_cli();
  std::string generated;
  if (command == "ruralzone") {
    generated = options_markdown(*cli->app) + "# COMMANDS\n\n" + commands_markdown(*cli->app);
  } else {
    CLI::App* sub = nullptr;
    const auto& registry = rz::app::command_registry();  // in the order of cli->commands
    for (size_t i = 0; i < registry.size(); ++i)
      if (rz::app::man_page_of(registry[i].name) == "ruralzone-" + command ||
          registry[i].name == command)
        sub = cli->commands[i].first;
    if (!sub) {
      std::fprintf(stderr, "rz-man: no command %s\n", command.c_str());
      return 2;
    }
    generated = options_markdown(*sub);
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "rz-man: cannot read %s\n", argv[1]);
    return 1;
  }
  std::string line;
  bool replaced = false;
  while (std::getline(in, line)) {
    if (line == "<!-- OPTIONS -->") {
      std::cout << generated;
      replaced = true;
    } else {
      std::cout << line << '\n';
    }
  }
  if (!replaced) {
    std::fprintf(stderr, "rz-man: %s has no <!-- OPTIONS --> line\n", argv[1]);
    return 1;
  }
  return 0;
}
