#pragma once
// CLI11's parse errors in the chosen language. CLI11 words them in English; the kinds a user
// meets (an unexpected argument, a missing, misused or excluded option, a value not among those
// allowed, a missing command) are recognised by CLI11's wording and given through gettext; any
// other keeps CLI11's own text.
#include <string>
#include <string_view>

namespace rz::app {

// The language asked for with --lang X or --lang=X (zh, en or both; "" for none or another):
// a parse error is reported before CLI11 has finished reading the options.
std::string language_in_arguments(int argc, const char* const* argv);

// CLI11's message `what`, in the chosen language.
std::string translated_parse_error(std::string_view what);

// The whole report of a parse error as CLI11 would print it: the message, then where to look.
std::string parse_error_report(std::string_view what);

}  // namespace rz::app
