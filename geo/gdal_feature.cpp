#include "geo/gdal_feature.hpp"

#include <utility>

namespace rz::geo::gdal {

Feature::~Feature() {
  if (handle_) OGR_F_Destroy(handle_);
}

Feature::Feature(Feature&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}

Feature& Feature::operator=(Feature&& other) noexcept {
  if (this != &other) {
    if (handle_) OGR_F_Destroy(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

std::optional<int64_t> Feature::fid() const {
  GIntBig fid = OGR_F_GetFID(handle_);
  if (fid == OGRNullFID) return std::nullopt;
  return fid;
}

bool Feature::is_set(int field) const {
  return OGR_F_IsFieldSetAndNotNull(handle_, field);
}

const char* Feature::as_string(int field) const {
  return OGR_F_GetFieldAsString(handle_, field);
}

int64_t Feature::as_integer64(int field) const {
  return OGR_F_GetFieldAsInteger64(handle_, field);
}

double Feature::as_double(int field) const {
  return OGR_F_GetFieldAsDouble(handle_, field);
}

GeometryRef Feature::geometry() const {
  return GeometryRef(OGR_F_GetGeometryRef(handle_));
}

void Feature::set_fid(int64_t fid) {
  OGR_F_SetFID(handle_, fid);
}

void Feature::set_null(int field) {
  OGR_F_SetFieldNull(handle_, field);
}

void Feature::set_integer64(int field, int64_t value) {
  OGR_F_SetFieldInteger64(handle_, field, value);
}

void Feature::set_double(int field, double value) {
  OGR_F_SetFieldDouble(handle_, field, value);
}

void Feature::set_string(int field, const std::string& value) {
  OGR_F_SetFieldString(handle_, field, value.c_str());
}

void Feature::set_geometry(Geometry geometry) {
  OGR_F_SetGeometryDirectly(handle_, geometry.release());
}

}  // namespace rz::geo::gdal
