#include "geo/presentation.hpp"

#include <utility>

namespace rz::geo {

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

}  // namespace rz::geo
