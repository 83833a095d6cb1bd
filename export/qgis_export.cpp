#include "export/qgis_export.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "export/style_classes.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/sqlite.hpp"
#include "geo/zip_file.hpp"

namespace rz::exporting {

namespace fs = std::filesystem;

namespace {

const geo::Bilingual& kInputGroup = geo::kInputDataGroup;
constexpr int64_t kMaxShownFeatures = 500000;
const geo::Bilingual kOtherGroup{"其他图层", "Other layers"};

std::optional<geo::GeometryKind> kind_of(const std::string& geometry_type) {
  std::string t = geometry_type;
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::toupper(c); });
  if (t.find("POINT") != std::string::npos) return geo::GeometryKind::point;
  if (t.find("LINE") != std::string::npos) return geo::GeometryKind::line;
  return geo::GeometryKind::polygon;
}

geo::LayerPresentation plain_presentation(const std::string& table) {
  geo::LayerPresentation p;
  p.layer = table;
  p.group = kOtherGroup;
  p.title = {table, table};
  p.style.symbol = geo::solid_fill("#bdbdbd", 0.6);
  return p;
}

// A declared style that names a field the output lacks falls back to what still works.
void drop_missing_fields(geo::LayerStyle& style, const std::set<std::string>& fields) {
  if (style.kind != geo::StyleKind::single && !fields.count(style.field)) {
    style.kind = geo::StyleKind::single;
    style.classes.clear();
  }
  if (!style.band_min_field.empty() &&
      (!fields.count(style.band_min_field) || !fields.count(style.band_max_field))) {
    style.band_min_field.clear();
    style.band_max_field.clear();
  }
  if (!style.label_field.empty() && !fields.count(style.label_field)) style.label_field.clear();
}

int geometry_rank(const ProjectLayer& l) {
  if (!l.styled.geometry) return 3;
  switch (*l.styled.geometry) {
    case geo::GeometryKind::point:
      return 0;
    case geo::GeometryKind::line:
      return 1;
    case geo::GeometryKind::polygon:
      return 2;
  }
  return 2;
}

}  // namespace

std::vector<ProjectLayer> styled_layers(geo::Store& store, const fs::path& gpkg,
                                        const std::vector<std::string>& tables,
                                        const QgisExport& qgis) {
  std::map<std::string, const geo::LayerPresentation*> declared;
  for (const auto& p : qgis.presentations) declared.emplace(p.layer, &p);
  geo::Database db(gpkg.string(), false, false);
  auto contents = db.prepare(
      "SELECT c.data_type, c.min_x, c.min_y, c.max_x, c.max_y, g.column_name, "
      "g.geometry_type_name FROM gpkg_contents c LEFT JOIN gpkg_geometry_columns g "
      "ON g.table_name = c.table_name WHERE c.table_name = ?");
  std::vector<ProjectLayer> out;
  for (const auto& table : tables) {
    contents.reset();
    contents.bind(1, std::string_view(table));
    if (!contents.step())
      throw DataError(fmt::format(fmt::runtime(tr("{}: the GeoPackage has no layer {}")),
                                  gpkg.string(), in_quotes(table)));
    ProjectLayer layer;
    layer.table = table;
    std::string geometry_column;
    if (contents.get_text(0) == "features") {
      layer.styled.geometry = kind_of(contents.get_text(6));
      geometry_column = contents.get_text(5);
      if (!contents.is_null(1))
        layer.extent = geo::Envelope{contents.get_double(1), contents.get_double(2),
                                     contents.get_double(3), contents.get_double(4)};
    }
    // The fields as QGIS lists them: fid first, then the columns, without the geometry.
    auto columns = db.prepare(fmt::format("PRAGMA table_info({})", geo::quote_identifier(table)));
    while (columns.step()) {
      std::string name = columns.get_text(1);
      if (name != geometry_column) layer.styled.fields.push_back(name);
    }
    auto count = db.prepare(fmt::format("SELECT count(*) FROM {}", geo::quote_identifier(table)));
    if (count.step()) layer.features = count.get_int(0);

    auto it = declared.find(table);
    layer.styled.presentation = it != declared.end() ? *it->second : plain_presentation(table);
    const std::set<std::string> names(layer.styled.fields.begin(), layer.styled.fields.end());
    auto& style = layer.styled.presentation.style;
    drop_missing_fields(style, names);
    for (auto& alternative : style.alternatives) drop_missing_fields(alternative.style, names);
    if (layer.styled.geometry) {
      auto alternatives = std::move(style.alternatives);
      style = resolved_style(store, table, style);
      for (auto& alternative : alternatives)
        alternative.style = resolved_style(store, table, alternative.style);
      style.alternatives = std::move(alternatives);
    } else {
      style.alternatives.clear();
    }
    out.push_back(std::move(layer));
  }
  return out;
}

void write_layer_styles(const fs::path& gpkg, const std::vector<ProjectLayer>& layers) {
  geo::Database db(gpkg.string(), false, false);
  geo::Transaction tx(db);
  if (!db.table_exists("layer_styles")) {
    // The table QGIS creates when it saves a style into a GeoPackage, registered as a table.
    db.exec(R"sql(
      CREATE TABLE layer_styles (
        id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256),
        f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT,
        styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
        update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
      INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change)
        VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles',
                strftime('%Y-%m-%dT%H:%M:%fZ','now'));
    )sql");
  }
  auto geometry_column =
      db.prepare("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?");
  auto drop = db.prepare("DELETE FROM layer_styles WHERE f_table_name = ? AND owner = 'ruralzone'");
  auto insert = db.prepare(
      "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
      "styleName, styleQML, styleSLD, useAsDefault, description, owner) "
      "VALUES ('', '', ?, ?, ?, ?, '', ?, ?, 'ruralzone')");
  for (const auto& l : layers) {
    geometry_column.reset();
    geometry_column.bind(1, std::string_view(l.table));
    const std::string column = geometry_column.step() ? geometry_column.get_text(0) : std::string();
    drop.bind(1, std::string_view(l.table));
    drop.run();
    auto add = [&](const StyledLayer& look, const geo::Bilingual& name, bool is_default) {
      insert.bind(1, std::string_view(l.table))
          .bind(2, std::string_view(column))
          .bind(3, std::string_view(name.zh))
          .bind(4, std::string_view(qml_document(look)))
          .bind(5, static_cast<int64_t>(is_default))
          .bind(6, std::string_view(name.en));
      insert.run();
    };
    add(l.styled, l.styled.presentation.title, true);
    for (const auto& [name, look] : alternative_looks(l.styled)) add(look, name, false);
  }
  tx.commit();
}

void write_qgis_project(const fs::path& path, const std::string& gpkg_file, const std::string& stem,
                        geo::Store& store, const std::vector<ProjectLayer>& layers,
                        const QgisExport& qgis) {
  ProjectSpec spec;
  spec.title = qgis.title;
  spec.gpkg_file = gpkg_file;
  spec.srid = store.srid();
  spec.crs_name = store.crs_name();
  spec.notes = qgis.notes;
  {
    auto st = store.db().prepare("SELECT srtext FROM spatial_ref_sys WHERE srid = ?");
    st.bind(1, static_cast<int64_t>(spec.srid));
    if (st.step()) spec.crs_wkt = st.get_text(0);
  }
  // Groups in the order their first layer was declared; the input data at the bottom.
  std::map<std::string, size_t> group_of;
  for (const auto& p : qgis.presentations)
    if (!group_of.count(p.group.zh) && p.group.zh != kInputGroup.zh)
      group_of.emplace(p.group.zh, group_of.size());
  std::vector<ProjectGroup> analysis_groups(group_of.size());
  ProjectGroup input{kInputGroup, {}, true, false}, other{kOtherGroup, {}, false, false};
  for (const auto& l : layers) {
    const auto& group = l.styled.presentation.group;
    auto it = group_of.find(group.zh);
    ProjectGroup& g = group.zh == kInputGroup.zh ? input
                      : it != group_of.end()     ? analysis_groups[it->second]
                                                 : other;
    g.title = group;
    g.layers.push_back(l);
    // A province's households would take minutes to draw at every pan: switched off, one click
    // from the map.
    if (l.features > kMaxShownFeatures) g.layers.back().styled.presentation.style.shown = false;
    if (l.styled.presentation.base_map) spec.base_tables.push_back(l.table);
  }
  bool first = true;
  for (auto& g : analysis_groups) {
    if (g.layers.empty()) continue;
    // Only the first analysis is switched on: the others would hide it.
    g.checked = first;
    first = false;
    spec.groups.push_back(std::move(g));
  }
  if (!other.layers.empty()) spec.groups.push_back(std::move(other));
  if (!input.layers.empty()) spec.groups.push_back(std::move(input));
  for (auto& g : spec.groups)
    std::stable_sort(g.layers.begin(), g.layers.end(), [](const auto& a, const auto& b) {
      return geometry_rank(a) < geometry_rank(b);
    });
  geo::write_zip(path.string(), {{stem + ".qgs", qgis_project_xml(spec)}});
}

}  // namespace rz::exporting
