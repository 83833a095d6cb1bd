// GeoPackage export in SQL (export/gpkg_copy.hpp) against the same export feature by feature
// through GDAL: read back through GDAL, every layer must have the same fields, features, values,
// geometries, extent and spatial index, and SQLite must find the files sound (integrity_check,
// rtreecheck) with the same triggers.
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "export/exporter.hpp"
#include "geo/geos.hpp"
#include "geo/sqlite.hpp"
#include "geo/store.hpp"
#include "test_support.hpp"

using namespace rz;
using rz::exporting::ExportOptions;
using rz::exporting::Format;

namespace {

struct Feature {
  int64_t fid = 0;
  std::vector<std::string> values;  // "<null>" for NULL; reals with 17 digits
  std::vector<unsigned char> wkb;
};

struct Layer {
  std::vector<std::pair<std::string, int>> fields;  // name, OGRFieldType
  int geometry_type = 0;
  size_t in_whole_extent = 0;
  std::string srs;
  std::vector<Feature> features;
  std::array<double, 4> extent{};
  std::vector<int64_t> in_middle;  // fids a spatial filter on the middle of the extent gives
  bool fast_spatial_filter = false;
};

std::map<std::string, Layer> read_gpkg(const std::string& path) {
  std::map<std::string, Layer> out;
  GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
  EXPECT_TRUE(ds) << path;
  if (!ds) return out;
  for (int i = 0; i < GDALDatasetGetLayerCount(ds); ++i) {
    OGRLayerH lyr = GDALDatasetGetLayer(ds, i);
    Layer& l = out[OGR_L_GetName(lyr)];
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(lyr);
    for (int k = 0; k < OGR_FD_GetFieldCount(defn); ++k) {
      OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, k);
      l.fields.emplace_back(OGR_Fld_GetNameRef(fd), static_cast<int>(OGR_Fld_GetType(fd)));
    }
    l.geometry_type = static_cast<int>(OGR_L_GetGeomType(lyr));
    if (OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(lyr)) {
      const char* code = OSRGetAuthorityCode(srs, nullptr);
      l.srs = code ? code : "";
    }
    OGREnvelope env;
    if (OGR_L_GetExtent(lyr, &env, 1) == OGRERR_NONE)
      l.extent = {env.MinX, env.MinY, env.MaxX, env.MaxY};
    l.fast_spatial_filter = OGR_L_TestCapability(lyr, OLCFastSpatialFilter) != 0;
    OGR_L_ResetReading(lyr);
    while (OGRFeatureH f = OGR_L_GetNextFeature(lyr)) {
      Feature feature;
      feature.fid = OGR_F_GetFID(f);
      for (int k = 0; k < OGR_F_GetFieldCount(f); ++k) {
        if (!OGR_F_IsFieldSetAndNotNull(f, k))
          feature.values.emplace_back("<null>");
        else if (OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, k)) == OFTReal)
          feature.values.push_back(fmt::format("{:.17g}", OGR_F_GetFieldAsDouble(f, k)));
        else
          feature.values.emplace_back(OGR_F_GetFieldAsString(f, k));
      }
      if (OGRGeometryH g = OGR_F_GetGeometryRef(f)) {
        feature.wkb.resize(static_cast<size_t>(OGR_G_WkbSize(g)));
        OGR_G_ExportToIsoWkb(g, wkbNDR, feature.wkb.data());
      }
      l.features.push_back(std::move(feature));
      OGR_F_Destroy(f);
    }
    const double cx = (l.extent[0] + l.extent[2]) / 2, cy = (l.extent[1] + l.extent[3]) / 2;
    const double dx = (l.extent[2] - l.extent[0]) / 4, dy = (l.extent[3] - l.extent[1]) / 4;
    OGR_L_SetSpatialFilterRect(lyr, cx - dx, cy - dy, cx + dx, cy + dy);
    while (OGRFeatureH f = OGR_L_GetNextFeature(lyr)) {
      l.in_middle.push_back(OGR_F_GetFID(f));
      OGR_F_Destroy(f);
    }
    // A filter holding the whole extent: GDAL then tests each geometry in SQL (ST_IsEmpty),
    // which takes only a blob for a geometry.
    OGR_L_SetSpatialFilterRect(lyr, l.extent[0] - 1, l.extent[1] - 1, l.extent[2] + 1,
                               l.extent[3] + 1);
    while (OGRFeatureH f = OGR_L_GetNextFeature(lyr)) {
      ++l.in_whole_extent;
      OGR_F_Destroy(f);
    }
    OGR_L_SetSpatialFilter(lyr, nullptr);
    std::sort(l.in_middle.begin(), l.in_middle.end());  // the R-tree's order is its own
  }
  GDALClose(ds);
  return out;
}

// SQLite's own view of a GeoPackage: integrity, every R-tree's check, the triggers, the counts.
struct SqliteView {
  std::string integrity;
  std::map<std::string, std::string> rtree_checks;
  std::map<std::string, std::string> triggers;  // name -> sql
  std::map<std::string, int64_t> counts;        // gpkg_ogr_contents
};

SqliteView inspect(const std::string& path) {
  SqliteView v;
  geo::Database db(path, false, false);
  auto one = [&](const std::string& sql) {
    auto st = db.prepare(sql);
    return st.step() ? st.get_text(0) : std::string();
  };
  v.integrity = one("PRAGMA integrity_check");
  std::vector<std::string> rtrees;
  auto st = db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE "
      "'rtree_%' AND sql LIKE 'CREATE VIRTUAL TABLE%'");
  while (st.step()) rtrees.push_back(st.get_text(0));
  for (const auto& r : rtrees) v.rtree_checks[r] = one("SELECT rtreecheck('" + r + "')");
  auto tr = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'");
  while (tr.step()) v.triggers[tr.get_text(0)] = tr.get_text(1);
  auto counts = db.prepare("SELECT table_name, feature_count FROM gpkg_ogr_contents");
  while (counts.step()) v.counts[counts.get_text(0)] = counts.get_int(1);
  return v;
}

void export_both_ways(const std::string& store_path, const std::string& copied,
                      const std::string& through_gdal) {
  auto store = geo::Store::open(store_path, false);
  ExportOptions options;
  options.format = Format::gpkg;
  options.output = copied;
  exporting::export_layers(store, options);
  options.output = through_gdal;
  options.feature_by_feature = true;
  exporting::export_layers(store, options);
}

void expect_same_geopackage(const std::string& copied, const std::string& through_gdal) {
  const auto a = read_gpkg(copied), b = read_gpkg(through_gdal);
  // The copy writes a per-household layer as a view of the households' points over a table
  // <layer>_rows of its values (GpkgCopy::copy_view); GDAL writes the points.
  size_t views = 0;
  for (const auto& [name, la] : a) {
    if (b.count(name) || !name.ends_with("_rows")) continue;
    SCOPED_TRACE(name);
    const std::string view = name.substr(0, name.size() - 5);
    ASSERT_TRUE(a.count(view));
    EXPECT_EQ(la.geometry_type, static_cast<int>(wkbNone));
    EXPECT_EQ(la.features.size(), a.at(view).features.size());
    EXPECT_FALSE(a.at(view).fast_spatial_filter);  // a view has no R-tree of its own
    ++views;
  }
  // The main job's GeoPackage also carries the layers' QGIS styles (qgis_export.hpp).
  const size_t styles = a.count("layer_styles") && !b.count("layer_styles");
  EXPECT_EQ(a.size(), b.size() + views + styles);
  for (const auto& [name, la] : a) {
    if (!b.count(name)) continue;
    SCOPED_TRACE(name);
    const Layer& lb = b.at(name);
    const bool view = a.count(name + "_rows") && !b.count(name + "_rows");
    EXPECT_EQ(la.fields, lb.fields);
    EXPECT_EQ(la.geometry_type, lb.geometry_type);
    EXPECT_EQ(la.srs, lb.srs);
    // GDAL keeps the extent in gpkg_contents to 15 significant digits, the copy exactly.
    for (int k = 0; k < 4; ++k) EXPECT_NEAR(la.extent[k], lb.extent[k], 1e-6);
    // A summary without geometries is an attributes table in both, with no R-tree.
    const bool table = lb.geometry_type == static_cast<int>(wkbNone);
    EXPECT_EQ(lb.fast_spatial_filter, !table);
    EXPECT_EQ(la.fast_spatial_filter, !view && !table);
    EXPECT_EQ(la.in_middle, lb.in_middle);
    if (la.geometry_type != static_cast<int>(wkbNone)) {
      size_t with_geometry = 0;
      for (const auto& f : la.features) with_geometry += !f.wkb.empty();
      EXPECT_EQ(la.in_whole_extent, with_geometry);
    }
    ASSERT_EQ(la.features.size(), lb.features.size());
    for (size_t i = 0; i < la.features.size(); ++i) {
      EXPECT_EQ(la.features[i].fid, lb.features[i].fid);
      EXPECT_EQ(la.features[i].values, lb.features[i].values) << "fid " << la.features[i].fid;
      EXPECT_EQ(la.features[i].wkb, lb.features[i].wkb) << "fid " << la.features[i].fid;
    }
  }
  const SqliteView sa = inspect(copied), sb = inspect(through_gdal);
  EXPECT_EQ(sa.integrity, "ok");
  for (const auto& [rtree, check] : sa.rtree_checks) EXPECT_EQ(check, "ok") << rtree;
  EXPECT_EQ(sa.rtree_checks.size() + views, sb.rtree_checks.size());
  // GDAL's triggers, less those of the tables that are views in the copy.
  auto without_views = [&](SqliteView v) {
    for (const auto& [name, la] : a)
      if (name.ends_with("_rows") && !b.count(name)) {
        const std::string view = name.substr(0, name.size() - 5);
        std::erase_if(v.triggers, [&](const auto& t) {
          return t.first.ends_with("_" + view) || t.first.starts_with("rtree_" + view + "_geom_");
        });
      }
    return v;
  };
  EXPECT_EQ(without_views(sa).triggers, without_views(sb).triggers);
  EXPECT_EQ(sa.counts, sb.counts);
  for (const auto& [name, la] : a) {
    if (!sa.counts.count(name)) continue;
    EXPECT_EQ(sa.counts.at(name), static_cast<int64_t>(la.features.size())) << name;
  }
}

// A store with what the SQL copy must carry over: Chinese text, NULLs, integers and reals,
// points, lines and polygons, attrs keys of each type, a per-household view layer, an empty
// layer, a feature without geometry, and layers it must leave to GDAL (text attrs holding
// numbers, an integer in a text column).
void build_store(const std::string& path) {
  auto store = geo::Store::open(path, true);
  geo::GeosContext ctx;
  geo::Transaction tx(store.db());
  store.set_srid(4546);
  using geo::FieldType;
  using geo::GeometryKind;
  using geo::Value;
  {
    geo::LayerWriter w(store,
                       {"households",
                        "households",
                        GeometryKind::point,
                        {{"id", FieldType::text},
                         {"村名", FieldType::text},
                         {"人口", FieldType::integer},
                         {"收入", FieldType::real}}},
                       std::nullopt);
    for (int i = 1; i <= 300; ++i) {
      std::vector<Value> values{fmt::format("H{:04d}", i),
                                std::string(i % 2 ? "晋屏村" : "\xF0\xA0\xAE\xB7家村"), Value(),
                                Value()};
      if (i % 7 != 0) values[2] = int64_t{i % 5 + 1};
      if (i % 11 != 0) values[3] = i * 0.1 + 1e-13;
      const std::string attrs = i % 3 == 0 ? R"({"备注":"户主在外","门牌":12,"面积":80.5})"
                                           : (i % 3 == 1 ? R"({"门牌":7})" : "{}");
      w.add_point(i, values, attrs, 540000 + (i % 20) * 97.3, 2830000 + (i / 20) * 61.7);
    }
    w.finish();
  }
  {
    geo::LayerWriter w(
        store,
        {"beyond",
         "reach",
         GeometryKind::point,
         {{"household_fid", FieldType::integer},
          {"household_id", FieldType::text},
          {"distance_m", FieldType::real}}},
        geo::GeometryFrom{"households", "household_fid", {{"household_id", "id"}}, {}});
    for (int i = 1; i <= 300; i += 4)
      w.add_row(i, std::vector<Value>{int64_t{i}, Value(), i * 3.5}, "{}");
    w.finish();
  }
  {
    geo::LayerWriter w(store,
                       {"areas", "villages", GeometryKind::polygon, {{"名称", FieldType::text}}},
                       std::nullopt);
    for (int i = 0; i < 5; ++i) {
      const double x = 540000 + 500.0 * i, y = 2830000;
      auto wkb = geo::to_wkb(
          ctx, geo::from_wkt(ctx, fmt::format("MULTIPOLYGON((({0} {1},{2} {1},{2} {3},{0} {1})))",
                                              x, y, x + 400, y + 300))
                   .get());
      w.add(i + 1, std::vector<Value>{fmt::format("片区{}", i)}, "{}", wkb,
            geo::Envelope{x, y, x + 400, y + 300});
    }
    w.add_without_geometry(6, std::vector<Value>{std::string("无界")}, "{}");
    w.finish();
  }
  {
    geo::LayerWriter w(store,
                       {"roads", "roads", GeometryKind::line, {{"等级", FieldType::integer}}},
                       std::nullopt);
    auto wkb = geo::to_wkb(
        ctx, geo::from_wkt(ctx, "MULTILINESTRING((540000 2830000,541000 2831000,541500 2830500))")
                 .get());
    w.add(1, std::vector<Value>{int64_t{3}}, "{}", wkb,
          geo::Envelope{540000, 2830000, 541500, 2831000});
    w.finish();
  }
  {
    geo::LayerWriter w(store, {"empty", "sites", GeometryKind::point, {{"名称", FieldType::text}}},
                       std::nullopt);
    w.finish();
  }
  {
    // Left to GDAL: a text attrs key holding numbers and a boolean, and a number in a text field.
    geo::LayerWriter w(store, {"mixed", "sites", GeometryKind::point, {{"名称", FieldType::text}}},
                       std::nullopt);
    w.add_point(1, std::vector<Value>{std::string("甲")}, R"({"混合":"二"})", 540100, 2830100);
    w.add_point(2, std::vector<Value>{int64_t{42}}, R"({"混合":true})", 540200, 2830200);
    w.add_point(3, std::vector<Value>{std::string("丙")}, R"({"混合":3.5})", 540300, 2830300);
    w.finish();
  }
  tx.commit();
}

}  // namespace

TEST(GpkgCopy, EqualsTheExportFeatureByFeature) {
  test::ScratchDir dir;
  build_store(dir / "p.sqlite");
  export_both_ways(dir / "p.sqlite", dir / "copied.gpkg", dir / "gdal.gpkg");
  expect_same_geopackage(dir / "copied.gpkg", dir / "gdal.gpkg");
  const auto layers = read_gpkg(dir / "copied.gpkg");
  EXPECT_EQ(layers.at("households").features.size(), 300u);
  EXPECT_EQ(layers.at("beyond").features.size(), 75u);
  EXPECT_EQ(layers.at("beyond").features[1].values[1], "H0005");  // through the view
  EXPECT_EQ(layers.at("mixed").features[1].values[0], "42");
}

TEST(GpkgCopy, SampleCountyMainJobEqualsTheExportFeatureByFeature) {
  test::ScratchDir dir;
  auto r = test::run_ruralzone("run " + test::sample_file("project.toml") + " --out " +
                               (dir / "out") + " --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  export_both_ways(dir / "out/project.sqlite", dir / "copied.gpkg", dir / "gdal.gpkg");
  expect_same_geopackage(dir / "copied.gpkg", dir / "gdal.gpkg");
  // The main job's own GeoPackage is the SQL copy.
  expect_same_geopackage(dir / "out/ruralzone.gpkg", dir / "gdal.gpkg");
}
