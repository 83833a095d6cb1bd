#include "export/qgis_layer_style.hpp"

#include <fmt/format.h>

#include "export/qgis_symbol.hpp"

namespace rz::exporting {

namespace {

Xml renderer(const StyledLayer& layer) {
  const auto& style = layer.presentation.style;
  const geo::GeometryKind kind = *layer.geometry;
  Xml r("renderer-v2");
  r.attr("forceraster", "0").attr("symbollevels", "0").attr("enableorderby", "0");
  r.attr("referencescale", "-1");
  const bool classes = style.kind != geo::StyleKind::single && !style.classes.empty();
  if (!classes) {
    r.attr("type", "singleSymbol");
    r.child("symbols").add(qgis_symbol(style.symbol, kind, "0"));
  } else if (style.kind == geo::StyleKind::categorized) {
    r.attr("type", "categorizedSymbol").attr("attr", style.field);
    auto& categories = r.child("categories");
    auto& symbols = r.child("symbols");
    for (size_t i = 0; i < style.classes.size(); ++i) {
      const auto& c = style.classes[i];
      categories.child("category")
          .attr("render", "true")
          .attr("symbol", std::to_string(i))
          .attr("value", c.value)
          .attr("label", c.label.zh);
      symbols.add(qgis_symbol(c.symbol, kind, std::to_string(i)));
    }
    r.child("source-symbol").add(qgis_symbol(style.symbol, kind, "0"));
  } else {
    r.attr("type", "graduatedSymbol").attr("attr", style.field);
    r.attr("graduatedMethod", "GraduatedColor");
    auto& ranges = r.child("ranges");
    auto& symbols = r.child("symbols");
    for (size_t i = 0; i < style.classes.size(); ++i) {
      const auto& c = style.classes[i];
      ranges.child("range")
          .attr("render", "true")
          .attr("symbol", std::to_string(i))
          .attr("lower", fmt::format("{:.15g}", c.lower))
          .attr("upper", fmt::format("{:.15g}", c.upper))
          .attr("label", c.label.zh);
      symbols.add(qgis_symbol(c.symbol, kind, std::to_string(i)));
    }
    r.child("source-symbol").add(qgis_symbol(style.symbol, kind, "0"));
    auto& method = r.child("classificationMethod").attr("id", "Custom");
    method.child("symmetricMode")
        .attr("enabled", "0")
        .attr("symmetrypoint", "0")
        .attr("astride", "0");
    method.child("labelFormat")
        .attr("format", "%1 - %2")
        .attr("labelprecision", "4")
        .attr("trimtrailingzeroes", "1");
  }
  r.child("rotation");
  r.child("sizescale");
  return r;
}

// Simple labels of the label field in the CJK font, with a white halo; long names shortened.
Xml labeling(const StyledLayer& layer) {
  const std::string field = layer.presentation.style.label_field;
  const std::string quoted = "\"" + field + "\"";
  const std::string expression = fmt::format("if(length({0}) > {1}, left({0}, {2}) || '…', {0})",
                                             quoted, kLabelMaxChars, kLabelMaxChars - 1);
  Xml l("labeling");
  l.attr("type", "simple");
  auto& settings = l.child("settings").attr("calloutType", "simple");
  auto& text = settings.child("text-style");
  text.attr("fieldName", expression)
      .attr("isExpression", "1")
      .attr("fontFamily", kCjkFont)
      .attr("namedStyle", "Regular")
      .attr("fontSize", "9")
      .attr("fontSizeUnit", "Point")
      .attr("fontWeight", "50")
      .attr("fontItalic", "0")
      .attr("textColor", "0,0,0,255")
      .attr("textOpacity", "1")
      .attr("multilineHeight", "1")
      .attr("allowHtml", "0");
  text.child("families");
  text.child("text-buffer")
      .attr("bufferDraw", "1")
      .attr("bufferSize", "0.8")
      .attr("bufferSizeUnits", "MM")
      .attr("bufferColor", "255,255,255,255")
      .attr("bufferOpacity", "1")
      .attr("bufferNoFill", "1")
      .attr("bufferJoinStyle", "128");
  settings.child("text-format").attr("wrapChar", "").attr("multilineAlign", "3");
  // Around a point, over a polygon's inside, along a line.
  const geo::GeometryKind kind = *layer.geometry;
  const char* placement = kind == geo::GeometryKind::point  ? "6"
                          : kind == geo::GeometryKind::line ? "2"
                                                            : "1";
  settings.child("placement")
      .attr("placement", placement)
      .attr("placementFlags", "10")
      .attr("dist", "1")
      .attr("distUnits", "MM")
      .attr("priority", "5")
      .attr("fitInPolygonOnly", "0")
      .attr("centroidInside", "1");
  settings.child("rendering")
      .attr("drawLabels", "1")
      .attr("obstacle", "1")
      .attr("displayAll", "0")
      .attr("upsidedownLabels", "0")
      .attr("mergeLines", "0")
      .attr("scaleVisibility", "0")
      .attr("limitNumLabels", "0")
      .attr("maxNumLabels", "2000");
  return l;
}

}  // namespace

std::string qgis_geometry_name(const std::optional<geo::GeometryKind>& geometry) {
  if (!geometry) return "No geometry";
  switch (*geometry) {
    case geo::GeometryKind::point:
      return "Point";
    case geo::GeometryKind::line:
      return "Line";
    case geo::GeometryKind::polygon:
      return "Polygon";
  }
  return "Polygon";
}

std::string qgis_wkb_type(const std::optional<geo::GeometryKind>& geometry) {
  if (!geometry) return "NoGeometry";
  switch (*geometry) {
    case geo::GeometryKind::point:
      return "Point";
    case geo::GeometryKind::line:
      return "MultiLineString";
    case geo::GeometryKind::polygon:
      return "MultiPolygon";
  }
  return "MultiPolygon";
}

void add_style_elements(Xml& element, const StyledLayer& layer) {
  const bool labels = layer.geometry && !layer.presentation.style.label_field.empty();
  element.attr("labelsEnabled", labels ? "1" : "0");
  if (layer.geometry) element.add(renderer(layer));
  if (labels) element.add(labeling(layer));
  element.child("blendMode").text("0");
  element.child("featureBlendMode").text("0");
  element.child("layerOpacity").text("1");
  auto& configuration = element.child("fieldConfiguration");
  auto& aliases = element.child("aliases");
  for (size_t i = 0; i < layer.fields.size(); ++i) {
    const std::string& name = layer.fields[i];
    auto& field =
        configuration.child("field").attr("name", name).attr("configurationFlags", "None");
    const geo::FieldPresentation* declared = nullptr;
    for (const auto& f : layer.presentation.fields)
      if (f.name == name) declared = &f;
    if (declared && !declared->value_names.empty()) {
      // A value map: the attribute table and the identify panel show each stored value by its
      // Chinese name (the zone check's "ten_good" as 十好达标); the stored value is unchanged.
      auto& list = field.child("editWidget")
                       .attr("type", "ValueMap")
                       .child("config")
                       .child("Option")
                       .attr("type", "Map")
                       .child("Option")
                       .attr("name", "map")
                       .attr("type", "List");
      for (const auto& v : declared->value_names)
        list.child("Option")
            .attr("type", "Map")
            .child("Option")
            .attr("name", v.name.zh)
            .attr("type", "QString")
            .attr("value", v.value);
    } else {
      field.child("editWidget").attr("type", "TextEdit").child("config").child("Option");
    }
    const auto alias = geo::field_alias(layer.presentation, name);
    aliases.child("alias")
        .attr("field", name)
        .attr("index", static_cast<int>(i))
        .attr("name", alias ? alias->zh : std::string());
  }
  element.child("previewExpression")
      .text(layer.presentation.style.label_field.empty()
                ? std::string()
                : "\"" + layer.presentation.style.label_field + "\"");
  element.child("layerGeometryType")
      .text(!layer.geometry                               ? "4"
            : *layer.geometry == geo::GeometryKind::point ? "0"
            : *layer.geometry == geo::GeometryKind::line  ? "1"
                                                          : "2");
}

Xml qml_element(const StyledLayer& layer) {
  Xml qgis("qgis");
  qgis.attr("version", "3.22.0-Białowieża").attr("styleCategories", "AllStyleCategories");
  add_style_elements(qgis, layer);
  return qgis;
}

std::string qml_document(const StyledLayer& layer) {
  return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + qml_element(layer).str();
}

std::vector<std::pair<geo::Bilingual, StyledLayer>> alternative_looks(const StyledLayer& layer) {
  std::vector<std::pair<geo::Bilingual, StyledLayer>> out;
  for (const auto& alternative : layer.presentation.style.alternatives) {
    StyledLayer look = layer;
    look.presentation.style = alternative.style;
    out.emplace_back(alternative.name, std::move(look));
  }
  return out;
}

}  // namespace rz::exporting
