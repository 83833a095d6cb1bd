// Export to every format, read back through GDAL: counts, types, CRS, and Chinese text that must
// come back byte for byte (𠮷 U+20BB7 is outside the BMP, 䶮 U+4DAE is outside GBK).
#include <cpl_conv.h>
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "export/exporter.hpp"
#include "export/shapefile_field_names.hpp"
#include "export/staging.hpp"
#include "export/text_encoding.hpp"
#include "geo/error.hpp"
#include "geo/geos.hpp"
#include "geo/store.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace rz;
using rz::exporting::ExportOptions;
using rz::exporting::Format;

namespace {

const std::string kJi = "\xF0\xA0\xAE\xB7";  // 𠮷 U+20BB7 (outside the BMP, not in GBK)
const std::string kYan = "\xE4\xB6\xAE";     // 䶮 U+4DAE (CJK Ext. A, not in GBK)
const std::string kRemark = "备注说明字段";  // 6 characters, 18 bytes in UTF-8, 12 in GBK

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += len;
  }
  return true;
}

size_t gbk_bytes(const std::string& s) {
  exporting::TextEncoder enc(exporting::DbfEncoding::cp936);
  auto out = enc.encode(s);
  return out ? out->size() : 999;
}

// --- a store with Chinese names in typed fields, attrs values and attrs keys ------------------

struct VillageRow {
  std::string code, name;
  int64_t population;
  double income;
  std::string attrs;
};

const std::vector<VillageRow>& village_rows() {
  static const std::vector<VillageRow> rows = {
      {"431081101001", "晋屏村", 1200, 12.5,
       R"({"备注说明字段":"核心村，党群服务中心","户数":310,"得分":3,"混合":1,"类型":"枢纽型"})"},
      {"431081101002", kJi + "家村", 860, 3.25,
       R"({"备注说明字段":")" + kJi +
           R"(姓聚居","户数":215,"得分":4.5,"混合":"二","类型":"潮汐型"})"},
      {"431081101003", kYan + "山村", 430, 0.0,
       R"({"备注说明字段":"刘)" + kYan + R"(故里","户数":null,"混合":true,"类型":"空心型"})"},
  };
  return rows;
}

std::string square(double x, double y, double size) {
  std::ostringstream s;
  s.precision(12);
  s << "MULTIPOLYGON(((" << x << " " << y << "," << x + size << " " << y << "," << x + size << " "
    << y + size << "," << x << " " << y + size << "," << x << " " << y << ")))";
  return s.str();
}

// villages (polygons, 𠮷 and 䶮), stations (points, GBK-only text), roads (lines).
void build_store(const std::string& path, bool with_bad_layers = false) {
  auto store = geo::Store::open(path, true);
  geo::GeosContext ctx;
  geo::Transaction tx(store.db());
  store.set_srid(4546);
  {
    geo::LayerWriter w(store,
                       {"villages",
                        "villages",
                        geo::GeometryKind::polygon,
                        {{"村代码", geo::FieldType::text},
                         {"名称", geo::FieldType::text},
                         {"人口", geo::FieldType::integer},
                         {"集体收入万元", geo::FieldType::real}}},
                       std::nullopt);
    int i = 0;
    for (const auto& r : village_rows()) {
      std::vector<geo::Value> values{r.code, r.name, r.population, r.income};
      auto wkb =
          geo::to_wkb(ctx, geo::from_wkt(ctx, square(540000 + 1000.0 * i, 2830000, 800)).get());
      w.add(i + 1, values, r.attrs, wkb,
            geo::Envelope{540000 + 1000.0 * i, 2830000, 540800 + 1000.0 * i, 2830800});
      ++i;
    }
    w.finish();
  }
  {
    geo::LayerWriter w(
        store,
        {"stations",
         "service_stations",
         geo::GeometryKind::point,
         {{"名称", geo::FieldType::text}, {"村代码村名称乡镇", geo::FieldType::text}}},
        std::nullopt);
    w.add_point(1, std::vector<geo::Value>{std::string("晋屏村党群服务中心"), std::string("甲")},
                R"({"备注说明字段":"村级综合服务站","村代码村名称乡镇名称":"乙"})", 540000,
                2830000);
    w.add_point(2, std::vector<geo::Value>{std::string("龙溪村服务站"), std::monostate{}},
                R"({"备注说明字段":"示范点"})", 541234.5, 2831234.25);
    w.finish();
  }
  {
    geo::LayerWriter w(
        store, {"roads", "roads", geo::GeometryKind::line, {{"名称", geo::FieldType::text}}},
        std::nullopt);
    auto wkb = geo::to_wkb(
        ctx, geo::from_wkt(ctx, "MULTILINESTRING((540000 2830000,541000 2830500,542000 2830000))")
                 .get());
    w.add(1, std::vector<geo::Value>{std::string("晋屏大道")}, "{}", wkb,
          geo::Envelope{540000, 2830000, 542000, 2830500});
    w.finish();
  }
  if (with_bad_layers) {
    // A point far outside the projection's domain: PROJ cannot invert it.
    geo::LayerWriter far(
        store, {"zz_far", "x", geo::GeometryKind::point, {{"名称", geo::FieldType::text}}},
        std::nullopt);
    far.add_point(1, std::vector<geo::Value>{std::string("坏点")}, "{}", 1e10, 1e10);
    far.finish();
    // Text in an integer column (SQLite keeps it): no format may turn it into 0.
    geo::LayerWriter text(
        store, {"zz_text", "x", geo::GeometryKind::point, {{"人口", geo::FieldType::integer}}},
        std::nullopt);
    text.add_point(1, std::vector<geo::Value>{std::string("一千")}, "{}", 540000, 2830000);
    text.finish();
  }
  tx.commit();
}

// --- reading back with GDAL -------------------------------------------------------------------

struct Row {
  int64_t fid = 0;
  std::map<std::string, std::string> fields;  // name -> value as string; absent when null/unset
  std::string wkt;
};

struct Layer {
  std::string name;
  std::vector<std::string> field_names;
  std::map<std::string, OGRFieldType> types;
  OGRwkbGeometryType geometry = wkbUnknown;
  std::string srs_code;  // authority code, "" when none
  std::vector<Row> rows;
};

std::map<std::string, Layer> read_all(const std::string& path,
                                      std::vector<const char*> open_options = {}) {
  GDALAllRegister();
  open_options.push_back(nullptr);
  GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                               open_options.data(), nullptr);
  std::map<std::string, Layer> out;
  if (!ds) {
    ADD_FAILURE() << "GDAL cannot open " << path;
    return out;
  }
  for (int i = 0; i < GDALDatasetGetLayerCount(ds); ++i) {
    OGRLayerH lyr = GDALDatasetGetLayer(ds, i);
    Layer l;
    l.name = OGR_L_GetName(lyr);
    l.geometry = OGR_L_GetGeomType(lyr);
    if (OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(lyr)) {
      if (const char* code = OSRGetAuthorityCode(srs, nullptr)) l.srs_code = code;
    }
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(lyr);
    for (int f = 0; f < OGR_FD_GetFieldCount(defn); ++f) {
      OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, f);
      l.field_names.push_back(OGR_Fld_GetNameRef(fd));
      l.types[OGR_Fld_GetNameRef(fd)] = OGR_Fld_GetType(fd);
    }
    OGR_L_ResetReading(lyr);
    while (OGRFeatureH feat = OGR_L_GetNextFeature(lyr)) {
      Row r;
      r.fid = OGR_F_GetFID(feat);
      for (int f = 0; f < OGR_FD_GetFieldCount(defn); ++f)
        if (OGR_F_IsFieldSetAndNotNull(feat, f))
          r.fields[l.field_names[static_cast<size_t>(f)]] = OGR_F_GetFieldAsString(feat, f);
      if (OGRGeometryH g = OGR_F_GetGeometryRef(feat)) {
        char* wkt = nullptr;
        OGR_G_ExportToWkt(g, &wkt);
        r.wkt = wkt;
        CPLFree(wkt);
      }
      l.rows.push_back(std::move(r));
      OGR_F_Destroy(feat);
    }
    out[l.name] = std::move(l);
  }
  GDALClose(ds);
  return out;
}

std::set<std::string> list_dir(const fs::path& dir) {
  std::set<std::string> out;
  if (!fs::exists(dir)) return out;
  // The manifest of previous outputs every export writes (export/staging.hpp) is not an output.
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename() != exporting::kManifestName) out.insert(e.path().filename().string());
  return out;
}

bool has_temporaries(const fs::path& dir) {
  for (const auto& name : list_dir(dir))
    if (name.find(".tmp-") != std::string::npos) return true;
  return false;
}

std::vector<exporting::ExportedFile> run_export(const std::string& store_path, Format format,
                                                const std::string& output,
                                                std::vector<std::string> layers = {},
                                                const std::string& encoding = "UTF-8") {
  auto store = geo::Store::open(store_path, false);
  ExportOptions options;
  options.format = format;
  options.output = output;
  options.layers = std::move(layers);
  options.shapefile_encoding = encoding;
  return exporting::export_layers(store, options);
}

// The typed and attrs values of `villages` must come back unchanged, whatever the field names.
void expect_villages(const Layer& l, const std::map<std::string, std::string>& names) {
  ASSERT_EQ(l.rows.size(), 3u);
  auto col = [&](const std::string& full) {
    auto it = names.find(full);
    return it == names.end() ? full : it->second;
  };
  for (size_t i = 0; i < 3; ++i) {
    const auto& want = village_rows()[i];
    const auto& got = l.rows[i].fields;
    ASSERT_TRUE(got.count(col("名称"))) << "no field " << col("名称");
    EXPECT_EQ(got.at(col("村代码")), want.code);
    EXPECT_EQ(got.at(col("名称")), want.name);
    EXPECT_EQ(got.at(col("人口")), std::to_string(want.population));
    auto remark = nlohmann::ordered_json::parse(want.attrs).at(kRemark).get<std::string>();
    EXPECT_EQ(got.at(col(kRemark)), remark);
  }
  EXPECT_EQ(l.rows[0].fields.at(col("户数")), "310");
  EXPECT_EQ(l.rows[2].fields.count(col("户数")), 0u);  // JSON null stays null
  EXPECT_EQ(l.rows[1].fields.at(col("混合")), "二");
  EXPECT_EQ(l.rows[2].fields.at(col("混合")), "true");
  EXPECT_EQ(l.rows[2].fields.at(col("类型")), "空心型");
}

std::map<std::string, std::string> read_field_mapping(const std::string& path) {
  std::string text = rz::test::read_file(path);
  EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  std::istringstream in(text.substr(3));
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "short_name,full_name\r");
  std::map<std::string, std::string> full_to_short;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto comma = line.find(',');
    full_to_short[line.substr(comma + 1)] = line.substr(0, comma);
  }
  return full_to_short;
}

}  // namespace

// --- shapefile_field_names --------------------------------------------------------------------

TEST(ShapefileFieldNames, UniqueAndNeverCutACharacterInUtf8) {
  std::vector<std::string> names{
      "村代码村名称乡镇", "村代码村名称乡镇名称", kRemark, "name", "NAME",
      "population_total", kJi + kJi + kJi};
  auto out = exporting::shapefile_field_names(names);
  ASSERT_EQ(out.size(), names.size());
  std::set<std::string> folded;
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_LE(out[i].size(), 10u) << out[i];
    EXPECT_FALSE(out[i].empty());
    EXPECT_TRUE(valid_utf8(out[i])) << out[i];
    std::string f = out[i];
    std::transform(f.begin(), f.end(), f.begin(), [](unsigned char c) { return std::tolower(c); });
    EXPECT_TRUE(folded.insert(f).second) << "duplicate " << out[i];
  }
  EXPECT_EQ(out[0], "村代码");  // 9 bytes: a 4th character would need 12
  EXPECT_EQ(out[1], "村代_2");  // the stem shrinks so the suffix fits
  EXPECT_EQ(out[2], "备注说");
  EXPECT_EQ(out[3], "name");
  EXPECT_EQ(out[4], "NAME_2");  // .dbf names compare case-insensitively
  EXPECT_EQ(out[5], "population");
  EXPECT_EQ(out[6], kJi + kJi);  // two 4-byte characters, never half of the third
}

TEST(ShapefileFieldNames, GbkCountsTwoBytesPerChineseCharacter) {
  std::vector<std::string> names{"村代码村名称乡镇", "村代码村名称乡镇名称", kRemark};
  auto out = exporting::shapefile_field_names(names, "GBK");
  EXPECT_EQ(out[0], "村代码村名");  // 5 x 2 bytes
  EXPECT_EQ(out[1], "村代码村_2");
  EXPECT_EQ(out[2], "备注说明字");
  for (const auto& n : out) EXPECT_LE(gbk_bytes(n), 10u) << n;
  EXPECT_EQ(exporting::encoded_char_bytes("村", "GBK"), 2u);
  EXPECT_EQ(exporting::encoded_char_bytes("a", "GBK"), 1u);
  EXPECT_EQ(exporting::encoded_char_bytes("村", "UTF-8"), 3u);
  // GB18030 takes four bytes beyond the BMP and for most of CJK Extension A (㐀 U+3400).
  EXPECT_EQ(exporting::encoded_char_bytes(kJi, "GB18030"), 4u);
  EXPECT_EQ(exporting::encoded_char_bytes("\xE3\x90\x80", "GB18030"), 4u);
  auto gb = exporting::shapefile_field_names({"\xE3\x90\x80\xE3\x90\x80\xE3\x90\x80"}, "GB18030");
  EXPECT_EQ(gb[0], "\xE3\x90\x80\xE3\x90\x80");  // 8 bytes; a third would make 12
}

TEST(ShapefileFieldNames, TextEncoderReportsTheCharacterGbkLacks) {
  exporting::TextEncoder gbk(exporting::DbfEncoding::cp936);
  std::string bad;
  EXPECT_EQ(gbk.encode("晋屏村"), std::optional<std::string>("\xBD\xFA\xC6\xC1\xB4\xE5"));
  EXPECT_FALSE(gbk.encode("刘" + kYan, &bad));
  EXPECT_EQ(bad, kYan);
  EXPECT_EQ(exporting::code_point_label(kYan), "U+4DAE");
  EXPECT_FALSE(gbk.encode(kJi + "家村", &bad));
  EXPECT_EQ(bad, kJi);
  EXPECT_EQ(exporting::code_point_label(kJi), "U+20BB7");
  exporting::TextEncoder gb18030(exporting::DbfEncoding::gb18030);
  EXPECT_TRUE(gb18030.encode(kJi + kYan));
}

// --- formats ----------------------------------------------------------------------------------

TEST(Export, ParsesFormatNames) {
  EXPECT_EQ(exporting::parse_format("gpkg"), Format::gpkg);
  EXPECT_EQ(exporting::parse_format("shp"), Format::shapefile);
  EXPECT_EQ(exporting::parse_format("Shapefile"), Format::shapefile);
  EXPECT_EQ(exporting::parse_format("geojson"), Format::geojson);
  EXPECT_EQ(exporting::parse_format("csv"), Format::csv);
  EXPECT_EQ(exporting::parse_format("xlsx"), Format::xlsx);
  EXPECT_FALSE(exporting::parse_format("kml"));
  EXPECT_EQ(exporting::extension(Format::shapefile), ".shp");
  EXPECT_EQ(exporting::extension(Format::gpkg), ".gpkg");
}

TEST(Export, GeoPackageKeepsNamesTypesIdsAndCrs) {
  rz::test::ScratchDir dir;
  build_store(dir / "p.sqlite");
  auto files = run_export(dir / "p.sqlite", Format::gpkg, dir / "out.gpkg");
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].layer, "villages");
  EXPECT_EQ(files[0].path, dir / "out.gpkg");
  EXPECT_EQ(files[0].features, 3);
  EXPECT_EQ(list_dir(dir.path()), (std::set<std::string>{"p.sqlite", "out.gpkg"}));

  auto layers = read_all(dir / "out.gpkg");
  ASSERT_EQ(layers.size(), 3u);
  const auto& v = layers.at("villages");
  expect_villages(v, {});
  EXPECT_EQ(v.srs_code, "4546");
  EXPECT_EQ(wkbFlatten(v.geometry), wkbMultiPolygon);
  EXPECT_EQ(v.rows[1].fid, 2);
  EXPECT_EQ(v.types.at("人口"), OFTInteger64);
  EXPECT_EQ(v.types.at("集体收入万元"), OFTReal);
  EXPECT_EQ(v.types.at("户数"), OFTInteger64);  // all JSON integers
  EXPECT_EQ(v.types.at("得分"), OFTReal);       // integers and reals
  EXPECT_EQ(v.types.at("混合"), OFTString);     // numbers, text and a boolean
  // Typed columns first, then attrs keys in first-seen order.
  EXPECT_EQ(v.field_names, (std::vector<std::string>{"村代码", "名称", "人口", "集体收入万元",
                                                     kRemark, "户数", "得分", "混合", "类型"}));
  EXPECT_EQ(v.rows[1].fields.at("得分"), "4.5");
  EXPECT_EQ(wkbFlatten(layers.at("stations").geometry), wkbPoint);
  EXPECT_EQ(wkbFlatten(layers.at("roads").geometry), wkbMultiLineString);
  EXPECT_EQ(layers.at("stations").rows[1].wkt, "POINT (541234.5 2831234.25)");

  // The spatial index is there.
  GDALDatasetH ds =
      GDALOpenEx((dir / "out.gpkg").c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
  ASSERT_TRUE(ds);
  OGRLayerH sql =
      GDALDatasetExecuteSQL(ds, "SELECT count(*) FROM rtree_villages_geom", nullptr, nullptr);
  ASSERT_TRUE(sql);
  OGRFeatureH f = OGR_L_GetNextFeature(sql);
  EXPECT_EQ(OGR_F_GetFieldAsInteger64(f, 0), 3);
  OGR_F_Destroy(f);
  GDALDatasetReleaseResultSet(ds, sql);
  GDALClose(ds);
}

TEST(Export, GeoJsonIsRfc7946LonLatThroughProj) {
  rz::test::ScratchDir dir;
  build_store(dir / "p.sqlite");
  auto files = run_export(dir / "p.sqlite", Format::geojson, dir / "geojson");
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[1].path, dir / "geojson/stations.geojson");
  EXPECT_EQ(list_dir(dir.path() / "geojson"),
            (std::set<std::string>{"villages.geojson", "stations.geojson", "roads.geojson"}));

  // PROJ's answer for the first station. EPSG:4546 declares northing first, so cs2cs takes
  // "y x" (CM 111°E: x=540000 is 40 km east of it, ~111.4°E) and gives "lat lon".
  auto proj = rz::test::run_shell("echo 2830000 540000 | cs2cs -f %.9f EPSG:4546 EPSG:4326");
  ASSERT_EQ(proj.exit_code, 0) << proj.err;
  double lat = 0, lon = 0;
  ASSERT_EQ(std::sscanf(proj.out.c_str(), "%lf %lf", &lat, &lon), 2) << proj.out;
  EXPECT_NEAR(lon, 111.398, 0.01);
  EXPECT_NEAR(lat, 25.577, 0.01);

  auto layers = read_all(dir / "geojson/stations.geojson");
  ASSERT_EQ(layers.size(), 1u);
  const auto& s = layers.begin()->second;
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.srs_code, "4326");
  double x = 0, y = 0;
  ASSERT_EQ(std::sscanf(s.rows[0].wkt.c_str(), "POINT (%lf %lf)", &x, &y), 2) << s.rows[0].wkt;
  // Within 1 mm: 2e-9 degree is 0.2 mm of latitude (and less of longitude).
  EXPECT_NEAR(x, lon, 2e-9);
  EXPECT_NEAR(y, lat, 2e-9);
  EXPECT_EQ(s.rows[0].fields.at("名称"), "晋屏村党群服务中心");

  auto villages = read_all(dir / "geojson/villages.geojson");
  expect_villages(villages.begin()->second, {});
  std::string raw = rz::test::read_file(dir / "geojson/villages.geojson");
  EXPECT_NE(raw.find(kJi + "家村"), std::string::npos);  // literal UTF-8, not \u escapes
  EXPECT_NE(raw.find("刘" + kYan + "故里"), std::string::npos);
  EXPECT_EQ(raw.find("\"crs\""), std::string::npos);    // RFC 7946 has no crs member
  EXPECT_EQ(raw.find("\"name\""), std::string::npos);   // WRITE_NAME=NO
  EXPECT_NE(raw.find("\"id\": 2"), std::string::npos);  // the store fid is the feature id
  EXPECT_NE(raw.find("111.39"), std::string::npos);
}

TEST(Export, ShapefileUtf8ShortNamesAndMapping) {
  rz::test::ScratchDir dir;
  build_store(dir / "p.sqlite");
  auto files = run_export(dir / "p.sqlite", Format::shapefile, dir / "shp");
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].path, dir / "shp/villages.shp");
  auto names = list_dir(dir.path() / "shp");
  for (const char* f : {"villages.shp", "villages.shx", "villages.dbf", "villages.prj",
                        "villages.cpg", "villages.fields.csv", "stations.shp", "roads.shp"})
    EXPECT_TRUE(names.count(f)) << f;
  EXPECT_FALSE(has_temporaries(dir.path() / "shp"));
  EXPECT_EQ(rz::test::read_file(dir / "shp/villages.cpg"), "UTF-8");
  EXPECT_FALSE(names.count("roads.fields.csv"));  // "fid" and "名称" fit: nothing renamed

  auto mapping = read_field_mapping(dir / "shp/villages.fields.csv");
  EXPECT_EQ(mapping.at(kRemark), "备注说");
  EXPECT_EQ(mapping.at("集体收入万元"), "集体收");
  EXPECT_EQ(mapping.at("fid"), "fid");

  auto layers = read_all(dir / "shp/villages.shp");
  const auto& v = layers.begin()->second;
  std::set<std::string> seen;
  for (const auto& n : v.field_names) {
    EXPECT_LE(n.size(), 10u) << n;
    EXPECT_TRUE(valid_utf8(n)) << n;
    EXPECT_TRUE(seen.insert(n).second) << n;
  }
  EXPECT_EQ(v.field_names.size(), mapping.size());
  expect_villages(v, mapping);
  EXPECT_EQ(v.rows[2].fields.at("fid"), "3");  // the store fid, as a field
  EXPECT_EQ(wkbFlatten(v.geometry), wkbPolygon);
  // ESRI WKT in the .prj, which GDAL identifies as EPSG:4546 again.
  EXPECT_EQ(v.srs_code, "4546");
  EXPECT_NE(rz::test::read_file(dir / "shp/villages.prj").find("CGCS2000"), std::string::npos);

  auto stations = read_all(dir / "shp/stations.shp").begin()->second;
  EXPECT_EQ(wkbFlatten(stations.geometry), wkbPoint);
  auto smap = read_field_mapping(dir / "shp/stations.fields.csv");
  EXPECT_EQ(smap.at("村代码村名称乡镇"), "村代码");
  EXPECT_EQ(smap.at("村代码村名称乡镇名称"), "村代_2");
  EXPECT_EQ(stations.rows[0].fields.at("村代_2"), "乙");
  auto roads = read_all(dir / "shp/roads.shp").begin()->second;
  EXPECT_EQ(wkbFlatten(roads.geometry), wkbLineString);
  EXPECT_EQ(roads.rows[0].fields.at("名称"), "晋屏大道");
}

TEST(Export, ShapefileGbkWritesCp936WithLdidAndCpg) {
  rz::test::ScratchDir dir;
  build_store(dir / "p.sqlite");
  auto files =
      run_export(dir / "p.sqlite", Format::shapefile, dir / "shp", {"stations", "roads"}, "GBK");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(rz::test::read_file(dir / "shp/stations.cpg"), "936");
  std::string dbf = rz::test::read_file(dir / "shp/stations.dbf");
  ASSERT_GT(dbf.size(), 32u);
  EXPECT_EQ(static_cast<unsigned char>(dbf[29]), 77);  // language driver: code page 936
  EXPECT_NE(dbf.find("\xBD\xFA\xC6\xC1\xB4\xE5"), std::string::npos);  // 晋屏村 in GBK
  EXPECT_EQ(dbf.find("晋屏村"), std::string::npos);                    // no UTF-8 left

  auto mapping = read_field_mapping(dir / "shp/stations.fields.csv");
  EXPECT_EQ(mapping.at(kRemark), "备注说明字");  // 10 bytes in GBK
  EXPECT_EQ(mapping.at("村代码村名称乡镇名称"), "村代码村_2");
  auto s = read_all(dir / "shp/stations.shp").begin()->second;
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[0].fields.at("名称"), "晋屏村党群服务中心");
  EXPECT_EQ(s.rows[0].fields.at("备注说明字"), "村级综合服务站");
  EXPECT_EQ(s.rows[1].fields.at("备注说明字"), "示范点");
  for (const auto& n : s.field_names) EXPECT_LE(gbk_bytes(n), 10u) << n;

  // Without the .cpg, the language driver id alone still decodes it.
  fs::remove(dir.path() / "shp/stations.cpg");
  auto again = read_all(dir / "shp/stations.shp").begin()->second;
  EXPECT_EQ(again.rows[0].fields.at("名称"), "晋屏村党群服务中心");
}

TEST(Export, ShapefileGbkRefusesCharactersGbkLacksAndKeepsOldOutput) {
  rz::test::ScratchDir dir;
  build_store(dir / "p.sqlite");
  run_export(dir / "p.sqlite", Format::shapefile, dir / "shp");  // a previous UTF-8 export
  std::map<std::string, std::string> before;
  for (const auto& n : list_dir(dir.path() / "shp"))
    before[n] = rz::test::file_sha256(dir / ("shp/" + n));

  try {
    run_export(dir / "p.sqlite", Format::shapefile, dir / "shp", {}, "GBK");
    FAIL() << "expected a DataError";
  } catch (const DataError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("villages"), std::string::npos) << m;
    EXPECT_NE(m.find("feature 2"), std::string::npos) << m;
    EXPECT_NE(m.find("名称"), std::string::npos) << m;
    EXPECT_NE(m.find(kJi), std::string::npos) << m;
    EXPECT_NE(m.find("U+20BB7"), std::string::npos) << m;
    EXPECT_NE(m.find("GB18030"), std::string::npos) << m;
  }
  std::map<std::string, std::string> after;
  for (const auto& n : list_dir(dir.path() / "shp"))
    after[n] = rz::test::file_sha256(dir / ("shp/" + n));
  EXPECT_EQ(before, after);

  // Into a new folder: nothing is left behind, not even the folder.
  EXPECT_THROW(run_export(dir / "p.sqlite", Format::shapefile, dir / "gbk", {"villages"}, "GBK"),
               DataError);
  EXPECT_FALSE(fs::exists(dir.path() / "gbk"));
}

TEST(Export, ShapefileGb18030KeepsEveryCharacter) {
  rz::test::ScratchDir dir;
  build_store(dir / "p.sqlite");
  run_export(dir / "p.sqlite", Format::shapefile, dir / "shp", {"villages"}, "GB18030");
  EXPECT_EQ(rz::test::read_file(dir / "shp/villages.cpg"), "GB18030");
  std::string dbf = rz::test::read_file(dir / "shp/villages.dbf");
  EXPECT_NE(dbf.find("\x95\x34\xB2\x35"), std::string::npos);  // 𠮷 in GB18030
  EXPECT_EQ(dbf.find(kJi), std::string::npos);
  auto mapping = read_field_mapping(dir / "shp/villages.fields.csv");
  EXPECT_EQ(mapping.at(kRemark), "备注说明字");
  auto v = read_all(dir / "shp/villages.shp").begin()->second;
  expect_villages(v, mapping);
}

TEST(Export, ReplacingAShapefileDropsStaleSidecars) {
  rz::test::ScratchDir dir;
  build_store(dir / "p.sqlite");
  run_export(dir / "p.sqlite", Format::shapefile, dir / "shp", {"roads"}, "GBK");
  EXPECT_EQ(rz::test::read_file(dir / "shp/roads.cpg"), "936");
  std::ofstream(dir / "shp/roads.qix") << "old index";
  std::ofstream(dir / "shp/roads.fields.csv") << "old mapping";
  std::ofstream(dir / "shp/roads.qml") << "<qgis/>";  // a QGIS style is the user's: kept
  run_export(dir / "p.sqlite", Format::shapefile, dir / "shp", {"roads"});
  EXPECT_EQ(rz::test::read_file(dir / "shp/roads.cpg"), "UTF-8");
  auto names = list_dir(dir.path() / "shp");
  EXPECT_FALSE(names.count("roads.qix"));
  EXPECT_FALSE(names.count("roads.fields.csv"));
  EXPECT_TRUE(names.count("roads.qml"));
}

TEST(Export, CsvHasWktColumnAndBomForExcel) {
  rz::test::ScratchDir dir;
  build_store(dir / "p.sqlite");
  auto files = run_export(dir / "p.sqlite", Format::csv, dir / "csv");
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(list_dir(dir.path() / "csv"),
            (std::set<std::string>{"villages.csv", "stations.csv", "roads.csv"}));
  std::string raw = rz::test::read_file(dir / "csv/stations.csv");
  ASSERT_GT(raw.size(), 3u);
  EXPECT_EQ(raw.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(raw.substr(3, raw.find('\n') - 3).substr(0, 14), "WKT,fid,名称");
  EXPECT_NE(raw.find("POINT (541234.5 2831234.25)"), std::string::npos);

  // CSV has no null: an empty cell is the only way to write one.
  auto v = read_all(dir / "csv/villages.csv", {"EMPTY_STRING_AS_NULL=YES"}).begin()->second;
  expect_villages(v, {});
  EXPECT_EQ(v.rows[0].wkt.rfind("POLYGON", 0) == 0 || v.rows[0].wkt.rfind("MULTIPOLYGON", 0) == 0,
            true)
      << v.rows[0].wkt;
  EXPECT_EQ(v.rows[1].fields.at("fid"), "2");
}

TEST(Export, XlsxOneSheetPerLayerWithWkt) {
  rz::test::ScratchDir dir;
  build_store(dir / "p.sqlite");
  auto files = run_export(dir / "p.sqlite", Format::xlsx, dir / "tables.xlsx");
  ASSERT_EQ(files.size(), 3u);
  EXPECT_TRUE(files[0].warnings.empty());
  EXPECT_EQ(list_dir(dir.path()), (std::set<std::string>{"p.sqlite", "tables.xlsx"}));
  auto layers = read_all(dir / "tables.xlsx", {"HEADERS=FORCE", "FIELD_TYPES=STRING"});
  ASSERT_EQ(layers.size(), 3u);
  const auto& v = layers.at("villages");
  expect_villages(v, {});
  EXPECT_EQ(v.field_names.front(), "fid");
  EXPECT_EQ(v.field_names.back(), "WKT");
  EXPECT_EQ(v.rows[0].fields.at("WKT"),
            "MULTIPOLYGON (((540000 2830000, 540800 2830000, 540800 2830800, 540000 2830800, "
            "540000 2830000)))");
  EXPECT_EQ(layers.at("stations").rows[1].fields.at("WKT"), "POINT (541234.5 2831234.25)");
}

TEST(Export, UnknownLayerIsAUsageErrorListingLayers) {
  rz::test::ScratchDir dir;
  build_store(dir / "p.sqlite");
  run_export(dir / "p.sqlite", Format::gpkg, dir / "out.gpkg");
  auto sha = rz::test::file_sha256(dir / "out.gpkg");
  try {
    run_export(dir / "p.sqlite", Format::gpkg, dir / "out.gpkg", {"villages", "households"});
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("households"), std::string::npos) << m;
    EXPECT_NE(m.find("villages, stations, roads"), std::string::npos) << m;
  }
  EXPECT_EQ(rz::test::file_sha256(dir / "out.gpkg"), sha);
  EXPECT_EQ(list_dir(dir.path()), (std::set<std::string>{"p.sqlite", "out.gpkg"}));
  EXPECT_THROW(run_export(dir / "p.sqlite", Format::shapefile, dir / "shp", {}, "Big5"),
               UsageError);
}

TEST(Export, MissingFolderFailsAndCreatesNothing) {
  rz::test::ScratchDir dir;
  build_store(dir / "p.sqlite");
  EXPECT_THROW(run_export(dir / "p.sqlite", Format::gpkg, dir / "nowhere/out.gpkg"), DataError);
  EXPECT_THROW(run_export(dir / "p.sqlite", Format::geojson, dir / "nowhere/geojson"), DataError);
  EXPECT_THROW(run_export(dir / "p.sqlite", Format::xlsx, dir / "nowhere/t.xlsx"), DataError);
  EXPECT_EQ(list_dir(dir.path()), (std::set<std::string>{"p.sqlite"}));
}

TEST(Export, FailureHalfWayRemovesTemporariesAndKeepsPreviousOutput) {
  rz::test::ScratchDir dir;
  build_store(dir / "p.sqlite", true);
  std::vector<std::string> good{"villages", "stations", "roads"};
  run_export(dir / "p.sqlite", Format::geojson, dir / "geojson", good);
  run_export(dir / "p.sqlite", Format::gpkg, dir / "out.gpkg", good);
  auto before = list_dir(dir.path() / "geojson");
  auto sha = rz::test::file_sha256(dir / "geojson/villages.geojson");
  auto gpkg_sha = rz::test::file_sha256(dir / "out.gpkg");

  // villages.geojson is written before zz_far fails: it must not replace the old one.
  try {
    run_export(dir / "p.sqlite", Format::geojson, dir / "geojson", {"villages", "zz_far"});
    FAIL() << "expected a DataError";
  } catch (const DataError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("zz_far.geojson"), std::string::npos) << m;
    EXPECT_NE(m.find("feature 1"), std::string::npos) << m;
  }
  EXPECT_EQ(list_dir(dir.path() / "geojson"), before);
  EXPECT_EQ(rz::test::file_sha256(dir / "geojson/villages.geojson"), sha);

  // Same in one GeoPackage: three layers are in the temporary file when zz_text fails.
  try {
    run_export(dir / "p.sqlite", Format::gpkg, dir / "out.gpkg",
               {"villages", "stations", "roads", "zz_text"});
    FAIL() << "expected a DataError";
  } catch (const DataError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("out.gpkg"), std::string::npos) << m;
    EXPECT_NE(m.find("zz_text"), std::string::npos) << m;
    EXPECT_NE(m.find("人口"), std::string::npos) << m;
    EXPECT_NE(m.find("一千"), std::string::npos) << m;
  }
  EXPECT_EQ(rz::test::file_sha256(dir / "out.gpkg"), gpkg_sha);
  EXPECT_THROW(run_export(dir / "p.sqlite", Format::xlsx, dir / "t.xlsx", {"zz_text"}), DataError);
  EXPECT_THROW(run_export(dir / "p.sqlite", Format::geojson, dir / "fresh", {"villages", "zz_far"}),
               DataError);
  EXPECT_FALSE(fs::exists(dir.path() / "fresh"));
  EXPECT_EQ(list_dir(dir.path()), (std::set<std::string>{"p.sqlite", "geojson", "out.gpkg"}));
  EXPECT_FALSE(has_temporaries(dir.path() / "geojson"));
}
