#include "export/xml.hpp"

#include <fmt/format.h>

namespace rz::exporting {

namespace {

std::string escaped(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string xml_number(double value) {
  return fmt::format("{}", value);
}

Xml& Xml::attr(std::string_view key, std::string_view value) {
  attrs_.emplace_back(std::string(key), std::string(value));
  return *this;
}

Xml& Xml::attr(std::string_view key, double value) {
  return attr(key, xml_number(value));
}

Xml& Xml::attr(std::string_view key, int value) {
  return attr(key, std::to_string(value));
}

Xml& Xml::text(std::string_view text) {
  text_ = text;
  return *this;
}

Xml& Xml::child(std::string name) {
  children_.push_back(std::make_unique<Xml>(std::move(name)));
  return *children_.back();
}

Xml& Xml::add(Xml element) {
  children_.push_back(std::make_unique<Xml>(std::move(element)));
  return *this;
}

std::string Xml::str(int depth) const {
  const std::string indent(static_cast<size_t>(depth) * 2, ' ');
  std::string out = indent + "<" + name_;
  for (const auto& [k, v] : attrs_) out += " " + k + "=\"" + escaped(v, true) + "\"";
  if (children_.empty() && text_.empty()) return out + "/>\n";
  out += ">";
  out += escaped(text_, false);
  if (!children_.empty()) {
    out += "\n";
    for (const auto& c : children_) out += c->str(depth + 1);
    out += indent;
  }
  return out + "</" + name_ + ">\n";
}

}  // namespace rz::exporting
