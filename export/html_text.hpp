#pragma once
// Text for HTML pages: escaping for element text and attribute values, and base64 for the
// images embedded as data: URLs (a self-contained page loads nothing).
#include <string>
#include <string_view>

namespace rz::exporting {

// & < > " ' as entities: safe in element text and in quoted attribute values.
std::string html_escape(std::string_view text);
std::string base64(std::string_view bytes);

}  // namespace rz::exporting
