#include "export/qgis_project.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "export/qgis_layout.hpp"

namespace rz::exporting {

namespace {

constexpr const char* kDefaultStyleName = "默认 default";

std::string source_of(const ProjectSpec& spec, const std::string& table) {
  return fmt::format("./{}|layername={}", spec.gpkg_file, table);
}

Xml spatial_ref(const ProjectSpec& spec) {
  Xml s("spatialrefsys");
  s.child("wkt").text(spec.crs_wkt);
  s.child("proj4");
  s.child("srsid").text("0");
  s.child("srid").text(std::to_string(spec.srid));
  s.child("authid").text(fmt::format("EPSG:{}", spec.srid));
  s.child("description").text(spec.crs_name);
  s.child("projectionacronym");
  s.child("ellipsoidacronym");
  s.child("geographicflag").text("false");
  return s;
}

Xml extent_element(const char* tag, const geo::Envelope& e) {
  Xml x(tag);
  x.child("xmin").text(fmt::format("{:.6f}", e.minx));
  x.child("ymin").text(fmt::format("{:.6f}", e.miny));
  x.child("xmax").text(fmt::format("{:.6f}", e.maxx));
  x.child("ymax").text(fmt::format("{:.6f}", e.maxy));
  return x;
}

Xml map_layer(const ProjectSpec& spec, const ProjectLayer& layer) {
  const auto& styled = layer.styled;
  Xml m("maplayer");
  m.attr("type", "vector")
      .attr("geometry", qgis_geometry_name(styled.geometry))
      .attr("wkbType", qgis_wkb_type(styled.geometry))
      .attr("autoRefreshEnabled", "0")
      .attr("autoRefreshTime", "0")
      .attr("refreshOnNotifyEnabled", "0")
      .attr("refreshOnNotifyMessage", "")
      .attr("readOnly", "0")
      .attr("hasScaleBasedVisibilityFlag", "0")
      .attr("minScale", "100000000")
      .attr("maxScale", "0")
      .attr("simplifyDrawingHints", "1")
      .attr("simplifyDrawingTol", "1")
      .attr("simplifyLocal", "1")
      .attr("simplifyMaxScale", "1")
      .attr("simplifyAlgorithm", "0")
      .attr("symbologyReferenceScale", "-1")
      .attr("styleCategories", "AllStyleCategories")
      .attr("legendPlaceholderImage", "");
  if (layer.extent) m.add(extent_element("extent", *layer.extent));
  m.child("id").text(project_layer_id(layer.table));
  m.child("datasource").text(source_of(spec, layer.table));
  m.child("keywordList").child("value");
  m.child("layername").text(styled.presentation.title.zh);
  if (styled.geometry) m.child("srs").add(spatial_ref(spec));
  auto& metadata = m.child("resourceMetadata");
  metadata.child("identifier").text(layer.table);
  metadata.child("title").text(styled.presentation.title.zh);
  metadata.child("abstract").text(styled.presentation.title.en);
  metadata.child("type").text("dataset");
  m.child("provider").attr("encoding", "UTF-8").text("ogr");
  m.child("vectorjoins");
  m.child("layerDependencies");
  m.child("dataDependencies");
  m.child("expressionfields");
  // The declared style is current; the other looks are named styles QGIS lists beside it.
  auto& styles = m.child("map-layer-style-manager").attr("current", kDefaultStyleName);
  styles.child("map-layer-style").attr("name", kDefaultStyleName);
  for (const auto& [name, look] : alternative_looks(styled))
    styles.child("map-layer-style").attr("name", name.zh).add(qml_element(look));
  m.child("auxiliaryLayer");
  auto& flags = m.child("flags");
  flags.child("Identifiable").text("1");
  flags.child("Removable").text("1");
  flags.child("Searchable").text("1");
  flags.child("Private").text("0");
  add_style_elements(m, styled);
  return m;
}

Xml tree_layer(const ProjectSpec& spec, const ProjectLayer& layer) {
  Xml t("layer-tree-layer");
  t.attr("id", project_layer_id(layer.table))
      .attr("name", layer.styled.presentation.title.zh)
      .attr("source", source_of(spec, layer.table))
      .attr("providerKey", "ogr")
      .attr("checked", layer.styled.presentation.style.shown ? "Qt::Checked" : "Qt::Unchecked")
      .attr("expanded", "0")
      .attr("legend_exp", "")
      .attr("patch_size", "-1,-1")
      .attr("legend_split_behavior", "0");
  t.child("customproperties").child("Option");
  return t;
}

const ProjectLayer* find_layer(const ProjectSpec& spec, const std::string& table) {
  for (const auto& g : spec.groups)
    for (const auto& l : g.layers)
      if (l.table == table) return &l;
  return nullptr;
}

}  // namespace

std::optional<geo::Envelope> union_of(std::optional<geo::Envelope> a,
                                      const std::optional<geo::Envelope>& b) {
  if (!b) return a;
  if (!a) return b;
  return geo::Envelope{std::min(a->minx, b->minx), std::min(a->miny, b->miny),
                       std::max(a->maxx, b->maxx), std::max(a->maxy, b->maxy)};
}

std::string project_layer_id(const std::string& table) {
  return "rz_" + table;
}

std::string qgis_project_xml(const ProjectSpec& spec) {
  Xml q("qgis");
  q.attr("projectname", spec.title).attr("version", "3.22.0-Białowieża");
  q.child("homePath").attr("path", "");
  q.child("title").text(spec.title);
  q.child("autotransaction").attr("active", "0");
  q.child("evaluateDefaultValues").attr("active", "0");
  q.child("trust").attr("active", "0");
  q.child("projectCrs").add(spatial_ref(spec));

  auto& root = q.child("layer-tree-group");
  root.child("customproperties").child("Option");
  for (const auto& g : spec.groups) {
    auto& group = root.child("layer-tree-group");
    group.attr("name", g.title.zh)
        .attr("expanded", "1")
        .attr("checked", g.checked ? "Qt::Checked" : "Qt::Unchecked");
    group.child("customproperties").child("Option");
    for (const auto& l : g.layers) group.add(tree_layer(spec, l));
  }

  auto& layers = q.child("projectlayers");
  for (const auto& g : spec.groups)
    for (const auto& l : g.layers) layers.add(map_layer(spec, l));
  auto& order = q.child("layerorder");
  for (const auto& g : spec.groups)
    for (const auto& l : g.layers) order.child("layer").attr("id", project_layer_id(l.table));

  auto& properties = q.child("properties");
  properties.child("Paths").child("Absolute").attr("type", "bool").text("false");
  // QGIS 3.22 reads <projectCrs> only when this says projections are on.
  properties.child("SpatialRefSys").child("ProjectionsEnabled").attr("type", "int").text("1");
  auto& units = properties.child("Measurement");
  units.child("DistanceUnits").attr("type", "QString").text("meters");
  units.child("AreaUnits").attr("type", "QString").text("m2");
  if (!spec.notes.empty()) {
    std::string text;
    for (const auto& n : spec.notes) text += (text.empty() ? "" : "\n") + n;
    properties.child("ruralzone").child("notes").attr("type", "QString").text(text);
  }
  auto& metadata = q.child("projectMetadata");
  metadata.child("identifier");
  metadata.child("title").text(spec.title);
  metadata.child("abstract")
      .text(spec.notes.empty() ? std::string("ruralzone") : "ruralzone. " + [&] {
        std::string t;
        for (const auto& n : spec.notes) t += n + " ";
        return t;
      }());
  metadata.child("type").text("dataset");
  metadata.child("language").text("zh");

  // A print layout per analysis group: its layers over the base layers.
  auto& layouts = q.child("Layouts");
  int index = 0;
  for (const auto& g : spec.groups) {
    if (!g.layout) continue;
    LayoutSpec layout;
    layout.name = g.title.zh;
    layout.title = fmt::format("{}　{}", g.title.zh, g.title.en);
    layout.index = ++index;
    std::optional<geo::Envelope> extent;
    auto add = [&](const ProjectLayer& l) {
      if (!l.styled.geometry) return;
      layout.layers.push_back(
          {project_layer_id(l.table), l.styled.presentation.title.zh, source_of(spec, l.table)});
      extent = union_of(extent, l.extent);
    };
    for (const auto& l : g.layers)
      if (l.styled.presentation.style.shown) add(l);
    if (layout.layers.empty()) continue;
    for (const auto& table : spec.base_tables)
      if (const auto* l = find_layer(spec, table)) add(*l);
    if (!extent) continue;
    layout.extent = *extent;
    layout.source_note = fmt::format("数据来源 Data: {}（ruralzone）  坐标系 CRS: EPSG:{} {}",
                                     spec.gpkg_file, spec.srid, spec.crs_name);
    layouts.add(qgis_layout(layout));
  }
  q.child("Bookmarks");
  q.child("ProjectViewSettings").attr("UseProjectScales", "0").attr("rotation", "0");
  return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + q.str();
}

}  // namespace rz::exporting
