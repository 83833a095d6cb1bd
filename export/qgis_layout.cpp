#include "export/qgis_layout.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "export/qgis_layer_style.hpp"
#include "export/round_length.hpp"

namespace rz::exporting {

namespace {

// QGIS's item types (QgsLayoutItemRegistry).
constexpr int kPage = 65638, kMap = 65639, kPicture = 65640, kLabel = 65641, kLegend = 65642,
              kScaleBar = 65646;

// Where things go on the A3 sheet (mm).
constexpr double kMargin = 10, kTitleHeight = 14, kMapX = kMargin, kMapY = kMargin + kTitleHeight;
constexpr double kMapWidth = 300, kMapHeight = kA3Height - kMapY - 22;
constexpr double kSideX = kMapX + kMapWidth + 8, kSideWidth = kA3Width - kSideX - kMargin;

std::string uuid(int layout, int item) {
  return fmt::format("{{7a1c0000-0000-4000-8000-{:06d}{:06d}}}", layout, item);
}

std::string mm_pair(double a, double b) {
  return fmt::format("{},{},mm", a, b);
}

Xml colour_element(const char* tag, int r, int g, int b, int a = 255) {
  Xml e(tag);
  e.attr("red", r).attr("green", g).attr("blue", b).attr("alpha", a);
  return e;
}

Xml item(int type, const std::string& id, double x, double y, double w, double h, int z) {
  Xml e("LayoutItem");
  e.attr("type", type)
      .attr("uuid", id)
      .attr("templateUuid", id)
      .attr("id", "")
      .attr("groupUuid", "")
      .attr("position", mm_pair(x, y))
      .attr("positionOnPage", mm_pair(x, y))
      .attr("size", mm_pair(w, h))
      .attr("zValue", z)
      .attr("referencePoint", "0")
      .attr("itemRotation", "0")
      .attr("visibility", "1")
      .attr("positionLock", "false")
      .attr("frame", "false")
      .attr("frameJoinStyle", "miter")
      .attr("background", "false")
      .attr("blendMode", "0")
      .attr("opacity", "1")
      .attr("outlineWidthM", "0.3,mm")
      .attr("excludeFromExports", "0");
  e.add(colour_element("FrameColor", 0, 0, 0));
  e.add(colour_element("BackgroundColor", 255, 255, 255));
  auto& object = e.child("LayoutObject");
  object.child("dataDefinedProperties").child("Option").attr("type", "Map");
  object.child("customproperties").child("Option");
  return e;
}

// A QFont description as QGIS 3.22 reads it: family, points, pixels, hint, weight, italic, ...
std::string font_description(double points, bool bold) {
  return fmt::format("{},{},-1,5,{},0,0,0,0,0", kCjkFont, points, bold ? 75 : 50);
}

Xml text_style(double points, bool bold) {
  Xml t("text-style");
  t.attr("fontFamily", kCjkFont)
      .attr("namedStyle", bold ? "Bold" : "Regular")
      .attr("fontSize", points)
      .attr("fontSizeUnit", "Point")
      .attr("fontWeight", bold ? "75" : "50")
      .attr("textColor", "0,0,0,255")
      .attr("textOpacity", "1");
  t.child("families");
  return t;
}

Xml label(const std::string& id, const std::string& text, double x, double y, double w, double h,
          double points, bool bold, int z) {
  Xml e = item(kLabel, id, x, y, w, h, z);
  e.attr("labelText", text)
      .attr("htmlState", "0")
      .attr("marginX", "0")
      .attr("marginY", "0")
      .attr("halign", "1")
      .attr("valign", "128");
  // 3.22 reads the font from LabelFont; later versions from text-style.
  e.child("LabelFont").attr("description", font_description(points, bold)).attr("style", "");
  e.add(colour_element("FontColor", 0, 0, 0));
  e.add(text_style(points, bold));
  return e;
}

// The extent widened on one side to the map item's shape, with a margin all round.
geo::Envelope fitted(const geo::Envelope& e) {
  double w = std::max(e.maxx - e.minx, 1.0), h = std::max(e.maxy - e.miny, 1.0);
  const double cx = (e.minx + e.maxx) / 2, cy = (e.miny + e.maxy) / 2;
  w *= 1.05;
  h *= 1.05;
  const double shape = kMapWidth / kMapHeight;
  if (w / h < shape)
    w = h * shape;
  else
    h = w / shape;
  return {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
}

Xml legend_style(const char* name, double points, bool bold, double margin_top) {
  Xml s("style");
  s.attr("name", name).attr("alignment", "1").attr("indent", "0");
  if (margin_top > 0) s.attr("marginTop", margin_top);
  s.child("styleFont").attr("description", font_description(points, bold)).attr("style", "");
  s.add(text_style(points, bold));
  return s;
}

}  // namespace

Xml qgis_layout(const LayoutSpec& spec) {
  const int n = spec.index;
  Xml layout("Layout");
  layout.attr("name", spec.name).attr("units", "mm").attr("printResolution", "300");
  layout.attr("worldFileMap", "");
  layout.child("Snapper")
      .attr("snapToGrid", "0")
      .attr("snapToItems", "1")
      .attr("snapToGuides", "1")
      .attr("tolerance", "5");
  layout.child("Grid")
      .attr("resolution", "10")
      .attr("resUnits", "mm")
      .attr("offsetX", "0")
      .attr("offsetY", "0")
      .attr("offsetUnits", "mm");
  auto& pages = layout.child("PageCollection");
  Xml page = item(kPage, uuid(n, 0), 0, 0, kA3Width, kA3Height, 0);
  page.attr("background", "true");
  pages.add(std::move(page));
  pages.child("GuideCollection").attr("visible", "1");

  const std::string map_id = uuid(n, 1);
  Xml map = item(kMap, map_id, kMapX, kMapY, kMapWidth, kMapHeight, 1);
  map.attr("frame", "true")
      .attr("background", "true")
      .attr("keepLayerSet", "true")
      .attr("drawCanvasItems", "true")
      .attr("mapRotation", "0")
      .attr("followPreset", "false")
      .attr("followPresetName", "")
      .attr("isTemporal", "0")
      .attr("mapFlags", "0")
      .attr("labelMargin", "0,mm");
  const geo::Envelope e = fitted(spec.extent);
  map.child("Extent")
      .attr("xmin", fmt::format("{:.3f}", e.minx))
      .attr("ymin", fmt::format("{:.3f}", e.miny))
      .attr("xmax", fmt::format("{:.3f}", e.maxx))
      .attr("ymax", fmt::format("{:.3f}", e.maxy));
  auto& layer_set = map.child("LayerSet");
  for (const auto& l : spec.layers)
    layer_set.child("Layer")
        .attr("source", l.source)
        .attr("provider", "ogr")
        .attr("name", l.name)
        .text(l.id);
  map.child("AtlasMap").attr("atlasDriven", "0").attr("scalingMode", "2").attr("margin", "0.1");
  map.child("labelBlockingItems");
  layout.add(std::move(map));

  layout.add(label(uuid(n, 2), spec.title, kMargin, kMargin - 2, kA3Width - 2 * kMargin,
                   kTitleHeight - 2, 20, true, 2));

  // The legend lists the map's layers, in the same order, under their Chinese titles.
  Xml legend = item(kLegend, uuid(n, 3), kSideX, kMapY + 28, kSideWidth, 150, 3);
  legend.attr("title", "图例 Legend")
      .attr("map_uuid", map_id)
      .attr("resizeToContents", "1")
      .attr("columnCount", "1")
      .attr("columnSpace", "2")
      .attr("boxSpace", "2")
      .attr("lineSpacing", "1")
      .attr("symbolWidth", "7")
      .attr("symbolHeight", "4")
      .attr("wrapChar", "")
      .attr("titleAlignment", "1")
      .attr("equalColumnWidth", "0")
      .attr("splitLayer", "0")
      .attr("legendFilterByAtlas", "0")
      .attr("fontColor", "#000000")
      .attr("rasterBorder", "1")
      .attr("rasterBorderColor", "0,0,0,255")
      .attr("rasterBorderWidth", "0")
      .attr("wmsLegendWidth", "50")
      .attr("wmsLegendHeight", "25");
  auto& styles = legend.child("styles");
  styles.add(legend_style("title", 14, true, 0));
  styles.add(legend_style("group", 11, true, 3));
  styles.add(legend_style("subgroup", 10, false, 3));
  styles.add(legend_style("symbol", 9, false, 2.5));
  styles.add(legend_style("symbolLabel", 9, false, 2));
  auto& tree = legend.child("layer-tree-group");
  tree.child("customproperties").child("Option");
  for (const auto& l : spec.layers)
    tree.child("layer-tree-layer")
        .attr("id", l.id)
        .attr("name", l.name)
        .attr("source", l.source)
        .attr("providerKey", "ogr")
        .attr("checked", "Qt::Checked")
        .attr("expanded", "1")
        .child("customproperties")
        .child("Option");
  layout.add(std::move(legend));

  // North arrow at the map's top right, the scale bar under the map.
  Xml north = item(kPicture, uuid(n, 4), kSideX, kMapY, 14, 22, 4);
  north.attr("file", ":/images/north_arrows/layout_default_north_arrow.svg")
      .attr("mode", "0")
      .attr("resizeMode", "0")
      .attr("anchorPoint", "0")
      .attr("pictureWidth", "14")
      .attr("pictureHeight", "22")
      .attr("pictureRotation", "0")
      .attr("northMode", "0")
      .attr("northOffset", "0")
      .attr("mapUuid", map_id)
      .attr("svgFillColor", "0,0,0,255")
      .attr("svgBorderColor", "0,0,0,255")
      .attr("svgBorderWidth", "0.2");
  layout.add(std::move(north));

  // Four segments of a round length near 15 mm each, labelled in km.
  const double metres_per_mm = (e.maxx - e.minx) / kMapWidth;
  const double segment = round_length(15 * metres_per_mm);
  Xml scale = item(kScaleBar, uuid(n, 5), kMapX, kMapY + kMapHeight + 4, 120, 14, 5);
  scale.attr("style", "Single Box")
      .attr("mapUuid", map_id)
      .attr("unitType", "km")
      .attr("unitLabel", "km")
      .attr("numMapUnitsPerScaleBarUnit", "1000")
      .attr("numSegments", "4")
      .attr("numSegmentsLeft", "0")
      .attr("numSubdivisions", "1")
      .attr("subdivisionsHeight", "1.5")
      .attr("segmentSizeMode", "0")
      .attr("minBarWidth", "50")
      .attr("maxBarWidth", "150")
      .attr("numUnitsPerSegment", xml_number(segment))
      .attr("segmentMillimeters", "0")
      .attr("height", "3")
      .attr("labelBarSpace", "3")
      .attr("boxContentSpace", "1")
      .attr("alignment", "0")
      .attr("labelVerticalPlacement", "0")
      .attr("labelHorizontalPlacement", "0")
      .attr("outlineWidth", "0.3")
      .attr("lineJoinStyle", "miter")
      .attr("lineCapStyle", "square");
  scale.add(colour_element("fillColor", 0, 0, 0));
  scale.add(colour_element("fillColor2", 255, 255, 255));
  scale.add(colour_element("strokeColor", 0, 0, 0));
  scale.add(text_style(9, false));
  layout.add(std::move(scale));

  const double foot_y = kMapY + kMapHeight + 4;
  layout.add(label(uuid(n, 6), "制图日期 Date: [% format_date(now(), 'yyyy-MM-dd') %]", kSideX,
                   foot_y, kSideWidth, 6, 9, false, 6));
  layout.add(label(uuid(n, 7), spec.source_note, kSideX, foot_y + 7, kSideWidth, 10, 8, false, 7));
  layout.child("Atlas")
      .attr("enabled", "0")
      .attr("coverageLayer", "")
      .attr("hideCoverage", "0")
      .attr("filterFeatures", "0")
      .attr("sortFeatures", "0")
      .attr("pageNameExpression", "")
      .attr("filenamePattern", "'output_'||@atlas_featurenumber");
  return layout;
}

}  // namespace rz::exporting
