#pragma once
// An OGR feature as an RAII type: read from a layer, or made by one to be written into it.
#include <ogr_api.h>

#include <cstdint>
#include <optional>
#include <string>

#include "geo/gdal_geometry.hpp"

namespace rz::geo::gdal {

class Feature {
 public:
  Feature() = default;
  explicit Feature(OGRFeatureH owned) : handle_(owned) {}
  ~Feature();
  Feature(Feature&& other) noexcept;
  Feature& operator=(Feature&& other) noexcept;
  Feature(const Feature&) = delete;
  Feature& operator=(const Feature&) = delete;
  explicit operator bool() const { return handle_ != nullptr; }
  OGRFeatureH handle() const { return handle_; }

  // nullopt when the source has no feature ids.
  std::optional<int64_t> fid() const;
  bool is_set(int field) const;  // set and not null
  const char* as_string(int field) const;
  int64_t as_integer64(int field) const;
  double as_double(int field) const;
  GeometryRef geometry() const;

  void set_fid(int64_t fid);
  void set_null(int field);
  void set_integer64(int field, int64_t value);
  void set_double(int field, double value);
  void set_string(int field, const std::string& value);
  void set_geometry(Geometry geometry);

 private:
  OGRFeatureH handle_ = nullptr;
};

}  // namespace rz::geo::gdal
