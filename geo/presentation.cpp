#include "geo/presentation.hpp"

#include <string_view>
#include <utility>

namespace rz::geo {

std::optional<std::array<int, 3>> rgb_of(std::string_view hex) {
  if (hex.size() != 7 || hex[0] != '#') return std::nullopt;
  auto digit = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::array<int, 3> rgb{};
  for (size_t i = 0; i < 3; ++i) {
    const int hi = digit(hex[1 + 2 * i]), lo = digit(hex[2 + 2 * i]);
    if (hi < 0 || lo < 0) return std::nullopt;
    rgb[i] = hi * 16 + lo;
  }
  return rgb;
}

Symbol solid_fill(std::string colour, double opacity, std::string outline) {
  Symbol s;
  s.colour = std::move(colour);
  s.opacity = opacity;
  s.outline = std::move(outline);
  return s;
}

Symbol hatch_fill(std::string colour) {
  Symbol s;
  s.outline = colour;
  s.colour = std::move(colour);
  s.fill = Fill::hatch;
  s.outline_width = 0.4;
  return s;
}

Symbol outline_only(std::string colour, double width) {
  Symbol s;
  s.outline = std::move(colour);
  s.outline_width = width;
  s.fill = Fill::none;
  return s;
}

Symbol point_marker(Marker marker, std::string colour, double size) {
  Symbol s;
  s.marker = marker;
  s.colour = std::move(colour);
  s.size = size;
  s.outline_width = 0.2;
  return s;
}

Symbol line_symbol(std::string colour, double width, bool arrows) {
  Symbol s;
  s.colour = std::move(colour);
  s.size = width;
  s.arrows = arrows;
  return s;
}

namespace {

constexpr std::string_view kThreshold = "{threshold}";

std::string filled(std::string text, const std::string& number) {
  for (size_t at; (at = text.find(kThreshold)) != std::string::npos;)
    text.replace(at, kThreshold.size(), number);
  return text;
}

}  // namespace

std::optional<Bilingual> value_name(const FieldPresentation& field, const std::string& value) {
  for (const auto& v : field.value_names)
    if (v.value == value) return v.name;
  return std::nullopt;
}

std::optional<Bilingual> field_alias(const LayerPresentation& layer, const std::string& name) {
  for (const auto& f : layer.fields)
    if (f.name == name) return f.alias;
  for (const auto& f : layer.fields) {
    const size_t at = f.name.find(kThreshold);
    if (at == std::string::npos) continue;
    const std::string prefix = f.name.substr(0, at), suffix = f.name.substr(at + kThreshold.size());
    if (name.size() <= prefix.size() + suffix.size() || !name.starts_with(prefix) ||
        !name.ends_with(suffix))
      continue;
    const std::string number =
        name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    if (number.find_first_not_of("0123456789.") != std::string::npos) continue;
    return Bilingual{filled(f.alias.zh, number), filled(f.alias.en, number)};
  }
  return std::nullopt;
}

}  // namespace rz::geo
