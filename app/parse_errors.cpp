#include "app/parse_errors.hpp"

#include <array>
#include <regex>

#include <fmt/format.h>

#include "geo/messages.hpp"

namespace rz::app {

std::string language_in_arguments(int argc, const char* const* argv) {
  std::string language;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg == "--lang" && i + 1 < argc)
      language = argv[i + 1];
    else if (arg.starts_with("--lang="))
      language = std::string(arg.substr(7));
  }
  return language == "zh" || language == "en" || language == "both" ? language : "";
}

std::string translated_parse_error(std::string_view what) {
  // CLI11 2.3's wordings (CLI/Error.hpp, CLI/Validators.hpp), each with the message that says
  // the same; the captured parts (option names, values) go in as they are. Made on the first
  // error, after main() has chosen the language.
  struct Wording {
    const char* pattern;
    const char* message;
  };
  static const std::array<Wording, 9> wordings{{
      {"The following argument was not expected: (.*)",
       tr("The following argument was not expected: {}")},
      {"The following arguments were not expected: (.*)",
       tr("The following arguments were not expected: {}")},
      {"A subcommand is required", tr("A subcommand is required")},
      {"(.*) is required", tr("{} is required")},
      {"(\\S+) requires (.*)", tr("{} requires {}")},
      {"(\\S+) excludes (.*)", tr("{} excludes {}")},
      {"(.*): (.*) not in (\\{.*\\})", tr("{}: {} is not one of {}")},
      {"(.*): Value (.*) not in range (.*)", tr("{}: the value {} is not in the range {}")},
      {"Could not convert: (\\S+) = (.*)", tr("Could not convert: {} = {}")},
  }};
  const std::string text(what);
  for (const auto& w : wordings) {
    std::smatch m;
    if (!std::regex_match(text, m, std::regex(w.pattern))) continue;
    switch (m.size()) {
      case 1:
        return w.message;
      case 2:
        return fmt::format(fmt::runtime(w.message), m[1].str());
      case 3:
        return fmt::format(fmt::runtime(w.message), m[1].str(), m[2].str());
      default:
        return fmt::format(fmt::runtime(w.message), m[1].str(), m[2].str(), m[3].str());
    }
  }
  return text;
}

std::string parse_error_report(std::string_view what) {
  return fmt::format("{}\n{}\n", translated_parse_error(what),
                     tr("Run with --help for more information."));
}

}  // namespace rz::app
