#include "geo/gdal_geometry.hpp"

#include <ogr_srs_api.h>

#include <utility>

namespace rz::geo::gdal {

bool GeometryRef::is_empty() const {
  return OGR_G_IsEmpty(handle_);
}

OGRwkbGeometryType GeometryRef::flat_type() const {
  return wkbFlatten(OGR_G_GetGeometryType(handle_));
}

int GeometryRef::part_count() const {
  return OGR_G_GetGeometryCount(handle_);
}

GeometryRef GeometryRef::part(int i) const {
  return GeometryRef(OGR_G_GetGeometryRef(handle_, i));
}

double GeometryRef::x() const {
  return OGR_G_GetX(handle_, 0);
}

double GeometryRef::y() const {
  return OGR_G_GetY(handle_, 0);
}

Geometry GeometryRef::clone() const {
  return Geometry(OGR_G_Clone(handle_));
}

std::vector<unsigned char> GeometryRef::to_iso_wkb() const {
  std::vector<unsigned char> wkb(static_cast<size_t>(OGR_G_WkbSize(handle_)));
  OGR_G_ExportToIsoWkb(handle_, wkbNDR, wkb.data());
  return wkb;
}

Geometry::~Geometry() {
  if (handle_) OGR_G_DestroyGeometry(handle_);
}

Geometry::Geometry(Geometry&& other) noexcept : GeometryRef(other.release()) {}

Geometry& Geometry::operator=(Geometry&& other) noexcept {
  if (this != &other) {
    if (handle_) OGR_G_DestroyGeometry(handle_);
    handle_ = other.release();
  }
  return *this;
}

Geometry Geometry::point(double x, double y) {
  Geometry g(OGR_G_CreateGeometry(wkbPoint));
  OGR_G_SetPoint_2D(g.handle_, 0, x, y);
  return g;
}

Geometry Geometry::from_wkb(std::span<const unsigned char> wkb) {
  OGRGeometryH g = nullptr;
  if (OGR_G_CreateFromWkbEx(wkb.data(), nullptr, &g, wkb.size()) != OGRERR_NONE) {
    if (g) OGR_G_DestroyGeometry(g);
    return Geometry();
  }
  return Geometry(g);
}

// OGR's Force functions take the geometry and return its replacement (or the same one).
void Geometry::force_to_multi_polygon() {
  handle_ = OGR_G_ForceToMultiPolygon(handle_);
}

void Geometry::force_to_multi_line_string() {
  handle_ = OGR_G_ForceToMultiLineString(handle_);
}

void Geometry::drop_z_and_m() {
  OGR_G_FlattenTo2D(handle_);
  OGR_G_SetMeasured(handle_, FALSE);
}

OGRGeometryH Geometry::release() {
  return std::exchange(handle_, nullptr);
}

const char* geometry_type_name(OGRwkbGeometryType type) {
  return OGRGeometryTypeToName(type);
}

SpatialRef::~SpatialRef() {
  if (handle_) OSRRelease(handle_);
}

SpatialRef::SpatialRef(SpatialRef&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)) {}

SpatialRef& SpatialRef::operator=(SpatialRef&& other) noexcept {
  if (this != &other) {
    if (handle_) OSRRelease(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

SpatialRef SpatialRef::from_epsg(int epsg) {
  SpatialRef srs;
  srs.handle_ = OSRNewSpatialReference(nullptr);
  if (OSRImportFromEPSG(srs.handle_, epsg) != OGRERR_NONE) return SpatialRef();
  OSRSetAxisMappingStrategy(srs.handle_, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

}  // namespace rz::geo::gdal
