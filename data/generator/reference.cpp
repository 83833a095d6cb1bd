// Reads the reference CSVs and the GCJ-02 outline with GDAL, for reference.hpp.
#include "data/generator/reference.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

#include "data/generator/constants.hpp"
#include "data/generator/gdal_dataset.hpp"
#include "geo/web_coords.hpp"

namespace fs = std::filesystem;

namespace rz::gen {

namespace {

DatasetPtr open_vector(const fs::path& path) {
  auto* ds = static_cast<GDALDataset*>(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds) throw std::runtime_error("cannot open " + path.string());
  return DatasetPtr(ds);
}

}  // namespace

void read_reference(const fs::path& ref, County& county, const Projection& proj) {
  {
    DatasetPtr ds = open_vector(ref / "townships.csv");
    OGRLayer* lyr = ds->GetLayer(0);
    for (auto& f : *lyr) {
      Township t;
      t.code = f->GetFieldAsString("township_code");
      t.name = f->GetFieldAsString("township_name");
      county.townships.push_back(std::move(t));
    }
  }
  std::map<std::string, int> tw_index;
  for (std::size_t i = 0; i < county.townships.size(); ++i)
    tw_index[county.townships[i].code] = static_cast<int>(i);
  {
    DatasetPtr ds = open_vector(ref / "villages.csv");
    OGRLayer* lyr = ds->GetLayer(0);
    for (auto& f : *lyr) {
      Village v;
      v.code = f->GetFieldAsString("village_code");
      v.name = f->GetFieldAsString("village_name");
      const auto it = tw_index.find(f->GetFieldAsString("township_code"));
      if (v.code.size() != 12 || it == tw_index.end())
        throw std::runtime_error("bad village row: " + v.code);
      v.tw = it->second;
      const int suffix = std::stoi(v.code.substr(9));
      v.community =
          suffix < 200 || suffix >= 400 || v.name.ends_with("居委会") || v.name.ends_with("社区");
      v.enclave = v.community && (v.name.find("矿") != std::string::npos ||
                                  v.name.find("茶场") != std::string::npos ||
                                  v.name.find("开发区") != std::string::npos);
      county.townships[static_cast<std::size_t>(v.tw)].villages.push_back(
          static_cast<int>(county.villages.size()));
      county.villages.push_back(std::move(v));
    }
  }
  {
    DatasetPtr ds = open_vector(ref / "county_outline_gcj02.geojson");
    OGRLayer* lyr = ds->GetLayer(0);
    OGRFeatureUniquePtr f(lyr->GetNextFeature());
    if (!f) throw std::runtime_error("empty county outline");
    // The DataV "center" property is the seat of the county government (GCJ-02).
    int n = 0;
    const double* center = f->GetFieldAsDoubleList("center", &n);
    if (n != 2) throw std::runtime_error("county outline has no center");
    county.county_seat = snap(proj.forward(rz::geo::gcj02_to_wgs84({center[0], center[1]})));

    const OGRGeometry* g = f->GetGeometryRef();
    const OGRPolygon* poly = nullptr;
    if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon) {
      const auto* mp = g->toMultiPolygon();
      // The largest part (the Jiahe outline has one).
      double best = -1;
      for (const OGRPolygon* p : *mp) {
        if (p->get_Area() > best) {
          best = p->get_Area();
          poly = p;
        }
      }
    } else if (wkbFlatten(g->getGeometryType()) == wkbPolygon) {
      poly = g->toPolygon();
    }
    if (!poly) throw std::runtime_error("county outline is not a polygon");
    Ring shell;
    for (const OGRPoint& p : *poly->getExteriorRing())
      shell.push_back(snap(proj.forward(rz::geo::gcj02_to_wgs84({p.getX(), p.getY()}))));
    if (!(shell.front() == shell.back())) shell.push_back(shell.front());
    geo::Geometry raw = make_polygon(shell);
    geo::Geometry valid = geo::make_valid(geos(), raw.get());
    county.outline = geo::set_precision(geos(), valid.get(), kGrid, 0);
    county.outline_poly = to_poly(county.outline.get());
  }
}

}  // namespace rz::gen
