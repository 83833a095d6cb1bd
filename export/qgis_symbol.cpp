#include "export/qgis_symbol.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace rz::exporting {

namespace {

using Props = std::vector<std::pair<std::string, std::string>>;

std::string mm(double v) {
  return xml_number(v);
}

// <data_defined_properties> with an empty collection, as QGIS writes for every symbol and layer.
Xml no_data_defined(const char* tag) {
  Xml e(tag);
  auto& map = e.child("Option").attr("type", "Map");
  map.child("Option").attr("name", "name").attr("type", "QString").attr("value", "");
  map.child("Option").attr("name", "properties");
  map.child("Option").attr("name", "type").attr("type", "QString").attr("value", "collection");
  return e;
}

// A symbol layer of `cls` with its properties in both forms.
Xml symbol_layer(const char* cls, const Props& props) {
  Xml layer("layer");
  layer.attr("class", cls).attr("enabled", "1").attr("locked", "0").attr("pass", "0");
  auto& map = layer.child("Option").attr("type", "Map");
  for (const auto& [k, v] : props)
    map.child("Option").attr("name", k).attr("type", "QString").attr("value", v);
  for (const auto& [k, v] : props) layer.child("prop").attr("k", k).attr("v", v);
  layer.add(no_data_defined("data_defined_properties"));
  return layer;
}

Xml symbol_element(const char* type, const std::string& name, double opacity) {
  Xml s("symbol");
  s.attr("type", type)
      .attr("name", name)
      .attr("alpha", opacity)
      .attr("clip_to_extent", "1")
      .attr("force_rhr", "0");
  s.add(no_data_defined("data_defined_properties"));
  return s;
}

Props simple_line_props(const std::string& colour, double width) {
  return {{"capstyle", "round"},     {"joinstyle", "round"},
          {"line_color", colour},    {"line_style", "solid"},
          {"line_width", mm(width)}, {"line_width_unit", "MM"},
          {"offset", "0"},           {"offset_unit", "MM"},
          {"use_custom_dash", "0"},  {"draw_inside_polygon", "0"}};
}

const char* marker_name(geo::Marker m) {
  switch (m) {
    case geo::Marker::circle:
      return "circle";
    case geo::Marker::square:
      return "square";
    case geo::Marker::triangle:
      return "triangle";
    case geo::Marker::diamond:
      return "diamond";
    case geo::Marker::star:
      return "star";
    case geo::Marker::cross:
      return "cross_fill";
  }
  return "circle";
}

Props marker_props(const char* shape, const std::string& fill, const std::string& outline,
                   double outline_width, double size) {
  return {{"angle", "0"},
          {"color", fill},
          {"horizontal_anchor_point", "1"},
          {"joinstyle", "bevel"},
          {"name", shape},
          {"offset", "0,0"},
          {"offset_unit", "MM"},
          {"outline_color", outline},
          {"outline_style", "solid"},
          {"outline_width", mm(outline_width)},
          {"outline_width_unit", "MM"},
          {"scale_method", "diameter"},
          {"size", mm(size)},
          {"size_unit", "MM"},
          {"vertical_anchor_point", "1"}};
}

// A polygon drawn with a star (the zone's core village) carries it at its centre as well.
void add_centre_marker(Xml& fill, const geo::Symbol& symbol, const std::string& name) {
  if (symbol.marker != geo::Marker::star) return;
  Xml centre =
      symbol_layer("CentroidFill", {{"point_on_all_parts", "0"}, {"point_on_surface", "1"}});
  Xml marker = symbol_element("marker", "@" + name + "@9", 1);
  const std::string colour = qgis_colour(symbol.outline);
  marker.add(symbol_layer("SimpleMarker",
                          marker_props("star", colour, "255,255,255,255", 0.3, symbol.size)));
  centre.add(std::move(marker));
  fill.add(std::move(centre));
}

}  // namespace

std::string qgis_colour(const std::string& hex, double opacity) {
  const auto rgb = geo::rgb_of(hex);
  if (!rgb) throw std::invalid_argument(fmt::format("colour «{}» is not #rrggbb", hex));
  const int alpha = static_cast<int>(std::lround(std::clamp(opacity, 0.0, 1.0) * 255));
  return fmt::format("{},{},{},{}", (*rgb)[0], (*rgb)[1], (*rgb)[2], alpha);
}

Xml qgis_symbol(const geo::Symbol& symbol, geo::GeometryKind kind, const std::string& name) {
  const std::string colour = qgis_colour(symbol.colour);
  const std::string outline = qgis_colour(symbol.outline);
  if (kind == geo::GeometryKind::point) {
    Xml s = symbol_element("marker", name, symbol.opacity);
    s.add(symbol_layer("SimpleMarker", marker_props(marker_name(symbol.marker), colour, outline,
                                                    symbol.outline_width, symbol.size)));
    return s;
  }
  if (kind == geo::GeometryKind::line) {
    Xml s = symbol_element("line", name, symbol.opacity);
    s.add(symbol_layer("SimpleLine", simple_line_props(colour, symbol.size)));
    if (symbol.arrows) {
      // Arrow heads every 20 mm along the line, turned with it: the direction of travel.
      Xml arrows = symbol_layer("MarkerLine", {{"interval", "20"},
                                               {"interval_unit", "MM"},
                                               {"offset", "0"},
                                               {"offset_along_line", "0"},
                                               {"offset_unit", "MM"},
                                               {"placement", "interval"},
                                               {"rotate", "1"}});
      Xml head = symbol_element("marker", "@" + name + "@1", 1);
      head.add(symbol_layer("SimpleMarker", marker_props("filled_arrowhead", colour, colour, 0,
                                                         std::max(3.0, symbol.size * 4))));
      arrows.add(std::move(head));
      s.add(std::move(arrows));
    }
    return s;
  }
  Xml s = symbol_element("fill", name, symbol.opacity);
  if (symbol.fill == geo::Fill::hatch) {
    Xml hatch = symbol_layer("LinePatternFill", {{"angle", "45"},
                                                 {"color", colour},
                                                 {"distance", "2"},
                                                 {"distance_unit", "MM"},
                                                 {"line_width", mm(symbol.outline_width)},
                                                 {"line_width_unit", "MM"},
                                                 {"offset", "0"},
                                                 {"offset_unit", "MM"}});
    Xml line = symbol_element("line", "@" + name + "@0", 1);
    line.add(symbol_layer("SimpleLine", simple_line_props(colour, symbol.outline_width)));
    hatch.add(std::move(line));
    s.add(std::move(hatch));
    s.add(symbol_layer("SimpleLine", simple_line_props(outline, symbol.outline_width)));
    add_centre_marker(s, symbol, name);
    return s;
  }
  s.add(symbol_layer("SimpleFill", {{"color", colour},
                                    {"joinstyle", "bevel"},
                                    {"offset", "0,0"},
                                    {"offset_unit", "MM"},
                                    {"outline_color", outline},
                                    {"outline_style", symbol.outline_width > 0 ? "solid" : "no"},
                                    {"outline_width", mm(symbol.outline_width)},
                                    {"outline_width_unit", "MM"},
                                    {"style", symbol.fill == geo::Fill::none ? "no" : "solid"}}));
  add_centre_marker(s, symbol, name);
  return s;
}

}  // namespace rz::exporting
