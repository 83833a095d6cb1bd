#pragma once
// A small XML tree for the documents ruralzone writes (QGIS projects and styles): elements with
// attributes in the order given, text, children, and escaping done once here.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rz::exporting {

class Xml {
 public:
  explicit Xml(std::string name) : name_(std::move(name)) {}

  Xml& attr(std::string_view key, std::string_view value);
  Xml& attr(std::string_view key, const char* value) { return attr(key, std::string_view(value)); }
  Xml& attr(std::string_view key, const std::string& value) {
    return attr(key, std::string_view(value));
  }
  Xml& attr(std::string_view key, double value);
  Xml& attr(std::string_view key, int value);
  Xml& text(std::string_view text);
  // Adds a child and returns it, for filling in.
  Xml& child(std::string name);
  // Adds a finished child; returns this element.
  Xml& add(Xml element);

  // The element and its children, indented by two spaces a level.
  std::string str(int depth = 0) const;

 private:
  std::string name_;
  std::vector<std::pair<std::string, std::string>> attrs_;
  std::string text_;
  std::vector<std::unique_ptr<Xml>> children_;
};

// A number as QGIS writes it: shortest text that reads back the same.
std::string xml_number(double value);

}  // namespace rz::exporting
