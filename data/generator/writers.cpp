// The GDAL writers of writers.hpp and their small helpers (WKB from GEOS, layer and field
// creation).
#include "data/generator/writers.hpp"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <initializer_list>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <vector>

#include "data/generator/constants.hpp"
#include "data/generator/gdal_dataset.hpp"
#include "data/generator/text.hpp"
#include "geo/web_coords.hpp"

namespace fs = std::filesystem;

namespace rz::gen {

namespace {

OGRGeometry* to_ogr(const GEOSGeometry* g) {
  const std::vector<unsigned char> wkb = geo::to_wkb(geos(), g);
  OGRGeometry* out = nullptr;
  const OGRErr err = OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &out, wkb.size());
  if (err != OGRERR_NONE) throw std::runtime_error("WKB conversion failed");
  return out;
}

OGRGeometry* to_ogr_polygonal(const GEOSGeometry* g, bool multi) {
  OGRGeometry* o = to_ogr(g);
  if (multi && wkbFlatten(o->getGeometryType()) == wkbPolygon)
    return OGRGeometryFactory::forceToMultiPolygon(o);
  return o;
}

void delete_if_exists(const fs::path& p) {
  std::error_code ec;
  fs::remove(p, ec);
}

struct CharList {
  char** list = nullptr;
  CharList() = default;
  CharList(std::initializer_list<std::pair<const char*, const char*>> kv) {
    for (const auto& [k, v] : kv) list = CSLSetNameValue(list, k, v);
  }
  ~CharList() { CSLDestroy(list); }
  CharList(const CharList&) = delete;
  CharList& operator=(const CharList&) = delete;
};

DatasetPtr create(const char* driver, const fs::path& path, const CharList& options = {}) {
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver);
  if (!drv) throw std::runtime_error(std::string("GDAL driver missing: ") + driver);
  GDALDataset* ds = drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, options.list);
  if (!ds) throw std::runtime_error("cannot create " + path.string());
  return DatasetPtr(ds);
}

OGRLayer* create_layer(GDALDataset& ds, const char* name, const OGRSpatialReference* srs,
                       OGRwkbGeometryType type, const CharList& options = {}) {
  OGRLayer* l = ds.CreateLayer(name, const_cast<OGRSpatialReference*>(srs), type, options.list);
  if (!l) throw std::runtime_error(std::string("cannot create layer ") + name);
  return l;
}

void add_field(OGRLayer* l, const std::string& name, OGRFieldType type, int width = 0,
               int precision = 0) {
  OGRFieldDefn f(name.c_str(), type);
  f.SetWidth(width);
  f.SetPrecision(precision);
  if (l->CreateField(&f) != OGRERR_NONE) throw std::runtime_error("cannot create field " + name);
}

void create_feature(OGRLayer* l, OGRFeature& f) {
  if (l->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write feature");
}

bool any_multi(const std::vector<const GEOSGeometry*>& gs) {
  for (const GEOSGeometry* g : gs)
    if (geo::type_id(geos(), g) != GEOS_POLYGON) return true;
  return false;
}

}  // namespace

void write_villages_shp(const County& c, const fs::path& dir, const OGRSpatialReference& srs) {
  const fs::path shp = dir / "villages.shp";
  for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx"})
    delete_if_exists(fs::path(dir / "villages").replace_extension(ext));
  DatasetPtr ds = create("ESRI Shapefile", shp);
  // ENCODING="" makes GDAL write the bytes unchanged and no .cpg: we hand it GBK, as the
  // agencies' shapefiles come.
  OGRLayer* l = create_layer(*ds, "villages", &srs, wkbPolygon,
                             {{"ENCODING", ""}, {"DBF_DATE_LAST_UPDATE", kFixedDate}});
  add_field(l, to_gbk("村代码"), OFTString, 12);
  add_field(l, to_gbk("村名"), OFTString, 40);
  add_field(l, to_gbk("乡镇代码"), OFTString, 9);
  add_field(l, to_gbk("乡镇名称"), OFTString, 20);
  for (const char* n : {"户籍人口", "常住人口", "户数", "党员数", "外出务工", "企业数"})
    add_field(l, to_gbk(n), OFTInteger, 9);
  add_field(l, to_gbk("集体收入"), OFTReal, 12, 2);
  for (const char* n : kTenGoods) add_field(l, to_gbk(n), OFTInteger, 1);
  for (const Village& v : c.villages) {
    const Township& t = c.townships[static_cast<std::size_t>(v.tw)];
    OGRFeature f(l->GetLayerDefn());
    int i = 0;
    f.SetField(i++, to_gbk(v.code).c_str());
    f.SetField(i++, to_gbk(v.name).c_str());
    f.SetField(i++, to_gbk(t.code).c_str());
    f.SetField(i++, to_gbk(t.name).c_str());
    for (int val : {v.registered, v.resident, v.households, v.party, v.migrants, v.enterprises})
      f.SetField(i++, val);
    f.SetField(i++, v.income);
    for (int g : v.ten) f.SetField(i++, g);
    f.SetGeometryDirectly(to_ogr(v.geom.get()));
    create_feature(l, f);
  }
  ds.reset();
  delete_if_exists(dir / "villages.cpg");
}

void write_gpkg(const County& c, const fs::path& dir, const OGRSpatialReference& srs) {
  const fs::path path = dir / "sample.gpkg";
  delete_if_exists(path);
  DatasetPtr ds = create("GPKG", path);
  {
    std::vector<const GEOSGeometry*> gs;
    for (const Township& t : c.townships) gs.push_back(t.geom.get());
    const bool multi = any_multi(gs);
    OGRLayer* l = create_layer(*ds, "townships", &srs, multi ? wkbMultiPolygon : wkbPolygon);
    add_field(l, "乡镇代码", OFTString);
    add_field(l, "乡镇名称", OFTString);
    ds->StartTransaction();
    for (const Township& t : c.townships) {
      OGRFeature f(l->GetLayerDefn());
      f.SetField("乡镇代码", t.code.c_str());
      f.SetField("乡镇名称", t.name.c_str());
      f.SetGeometryDirectly(to_ogr_polygonal(t.geom.get(), multi));
      create_feature(l, f);
    }
    ds->CommitTransaction();
  }
  {
    std::vector<const GEOSGeometry*> gs;
    for (const Grid& g : c.grids)
      if (!g.dropped) gs.push_back(g.geom.get());
    const bool multi = any_multi(gs);
    OGRLayer* l = create_layer(*ds, "grids", &srs, multi ? wkbMultiPolygon : wkbPolygon);
    add_field(l, "网格编码", OFTString);
    add_field(l, "网格名称", OFTString);
    add_field(l, "村代码", OFTString);
    add_field(l, "网格员数", OFTInteger);
    ds->StartTransaction();
    for (const Grid& g : c.grids) {
      if (g.dropped) continue;
      OGRFeature f(l->GetLayerDefn());
      f.SetField("网格编码", g.code.c_str());
      f.SetField("网格名称", g.name.c_str());
      f.SetField("村代码", c.villages[static_cast<std::size_t>(g.village)].code.c_str());
      f.SetField("网格员数", g.workers);
      f.SetGeometryDirectly(to_ogr_polygonal(g.geom.get(), multi));
      create_feature(l, f);
    }
    ds->CommitTransaction();
  }
  {
    OGRLayer* l = create_layer(*ds, "roads", &srs, wkbLineString);
    add_field(l, "道路名称", OFTString);
    add_field(l, "道路等级", OFTString);
    add_field(l, "道路编码", OFTString);
    add_field(l, "单行", OFTInteger);
    ds->StartTransaction();
    for (const Road& r : c.roads) {
      OGRFeature f(l->GetLayerDefn());
      f.SetField("道路名称", r.name.c_str());
      f.SetField("道路等级", grade_name(r.grade));
      f.SetField("道路编码", r.code.c_str());
      f.SetField("单行", r.oneway);
      auto* ls = new OGRLineString();
      for (const Pt& p : r.pts) ls->addPoint(p.x, p.y);
      f.SetGeometryDirectly(ls);
      create_feature(l, f);
    }
    ds->CommitTransaction();
  }
}

void write_households(const County& c, const fs::path& dir, const Projection& proj) {
  const fs::path path = dir / "households.csv";
  delete_if_exists(path);
  DatasetPtr ds = create("CSV", path);
  OGRLayer* l = create_layer(*ds, "households", nullptr, wkbNone,
                             {{"LINEFORMAT", "LF"}, {"STRING_QUOTING", "IF_NEEDED"}});
  add_field(l, "户编号", OFTString);
  add_field(l, "村代码", OFTString);
  add_field(l, "人口", OFTInteger);
  add_field(l, "经度", OFTReal, 11, 6);
  add_field(l, "纬度", OFTReal, 10, 6);
  for (const Village& v : c.villages) {
    int n = 0;
    for (int hi : v.hh) {
      const Household& h = c.households[static_cast<std::size_t>(hi)];
      const rz::geo::LonLat gcj = rz::geo::wgs84_to_gcj02(proj.inverse(h.p));
      OGRFeature f(l->GetLayerDefn());
      f.SetField(0, (v.code + four_digits(++n)).c_str());
      f.SetField(1, v.code.c_str());
      f.SetField(2, h.persons);
      f.SetField(3, gcj.lon);
      f.SetField(4, gcj.lat);
      create_feature(l, f);
    }
  }
}

void write_facilities(const County& c, const fs::path& dir, const Projection& proj) {
  const fs::path path = dir / "facilities.geojson";
  delete_if_exists(path);
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  DatasetPtr ds = create("GeoJSON", path);
  OGRLayer* l = create_layer(*ds, "facilities", &wgs84, wkbPoint,
                             {{"RFC7946", "YES"}, {"COORDINATE_PRECISION", "7"}});
  add_field(l, "名称", OFTString);
  add_field(l, "类型", OFTString);
  add_field(l, "村代码", OFTString);
  add_field(l, "服务容量", OFTInteger);
  for (const Facility& fa : c.facilities) {
    OGRFeature f(l->GetLayerDefn());
    f.SetField("名称", fa.name.c_str());
    f.SetField("类型", fa.type.c_str());
    f.SetField("村代码", c.villages[static_cast<std::size_t>(fa.village)].code.c_str());
    if (fa.capacity >= 0)
      f.SetField("服务容量", fa.capacity);
    else
      f.SetFieldNull(f.GetFieldIndex("服务容量"));
    const rz::geo::LonLat ll = proj.inverse(fa.p);
    f.SetGeometryDirectly(new OGRPoint(ll.lon, ll.lat));
    create_feature(l, f);
  }
}

void write_zone(const County& c, const fs::path& dir) {
  const fs::path path = dir / "zone_1plus12.csv";
  delete_if_exists(path);
  DatasetPtr ds = create("CSV", path);
  OGRLayer* l = create_layer(*ds, "zone_1plus12", nullptr, wkbNone,
                             {{"LINEFORMAT", "LF"}, {"STRING_QUOTING", "IF_NEEDED"}});
  for (const char* n : {"示范区", "村代码", "村名", "角色"}) add_field(l, n, OFTString);
  auto row = [&](int vi, const char* role) {
    const Village& v = c.villages[static_cast<std::size_t>(vi)];
    OGRFeature f(l->GetLayerDefn());
    f.SetField(0, kZoneName);
    f.SetField(1, v.code.c_str());
    f.SetField(2, v.name.c_str());
    f.SetField(3, role);
    create_feature(l, f);
  };
  row(c.zone_core, "核心村");
  std::vector<int> pts = c.zone_points;
  std::sort(pts.begin(), pts.end(), [&](int a, int b) {
    return c.villages[static_cast<std::size_t>(a)].code <
           c.villages[static_cast<std::size_t>(b)].code;
  });
  for (int vi : pts) row(vi, "示范点");
}

void write_register(const County& c, const fs::path& dir) {
  const fs::path path = dir / "village_register.xlsx";
  delete_if_exists(path);
  DatasetPtr ds = create("XLSX", path);
  OGRLayer* l = create_layer(*ds, "村级台账", nullptr, wkbNone);
  // Codes as text (a number column would lose digits in Excel); flags as 是/否 as planners write
  // them, but 软弱涣散党组织 as 0/1 (registers mix both).
  for (const char* n : {"村代码", "村名", "乡镇名称"}) add_field(l, n, OFTString);
  add_field(l, "到外村务工", OFTInteger);
  add_field(l, "示范点", OFTString);
  add_field(l, "党建视频监管平台", OFTString);
  for (const char* n : {"软弱涣散党组织", "越级上访", "重大安全事故", "违法建设", "刑事案件"})
    add_field(l, n, OFTInteger);
  struct Row {
    std::string code;
    const Village* v;  // nullptr: the row for no village
  };
  std::vector<Row> rows;
  for (const Village& v : c.villages)
    if (v.in_register) rows.push_back({v.code, &v});
  rows.push_back({c.register_unknown_code, nullptr});
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.code < b.code; });
  for (const Row& r : rows) {
    OGRFeature f(l->GetLayerDefn());
    f.SetField(0, r.code.c_str());
    if (!r.v) {
      f.SetField(1, c.register_unknown_name.c_str());
      f.SetField(2, c.townships.front().name.c_str());
      for (int i = 3; i < 11; ++i)
        if (i == 4 || i == 5)
          f.SetField(i, "否");
        else
          f.SetField(i, 0);
      create_feature(l, f);
      continue;
    }
    const Village& v = *r.v;
    f.SetField(1, v.name.c_str());
    f.SetField(2, c.townships[static_cast<std::size_t>(v.tw)].name.c_str());
    f.SetField(3, v.out_commuters);
    f.SetField(4, v.demonstration_point ? "是" : "否");
    f.SetField(5, v.video_platform ? "是" : "否");
    int i = 6;
    for (int n : {v.weak_organization, v.petitions, v.safety_incidents, v.illegal_buildings,
                  v.criminal_cases})
      f.SetField(i++, n);
    create_feature(l, f);
  }
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace rz::gen
