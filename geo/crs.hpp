#pragma once
// Coordinate reference systems through PROJ: the project's Gauss-Krüger zone and point-array
// transforms. Every transform in ruralzone goes through CrsTransform.
#include <proj.h>

#include <span>
#include <string>

namespace rz::geo {

// EPSG code of the CGCS2000 3-degree Gauss-Krüger zone (no zone prefix, EPSG:4534-4554, central
// meridians 75°E..135°E) whose central meridian is nearest to `longitude`.
int gauss_kruger_epsg_for_longitude(double longitude);

// A CRS definition PROJ understands ("EPSG:4490", WKT, PROJJSON), parsed once.
class Crs {
 public:
  explicit Crs(const std::string& definition);
  ~Crs();
  Crs(const Crs&) = delete;
  Crs& operator=(const Crs&) = delete;
  bool is_geographic() const;
  // "EPSG:4546" when PROJ identifies it with confidence, else empty.
  std::string epsg() const;
  std::string name() const;
  const std::string& definition() const { return definition_; }
  PJ* handle() const { return pj_; }

 private:
  PJ_CONTEXT* ctx_;
  PJ* pj_;
  std::string definition_;
};

// source -> target, axis order normalised to x/east, y/north (lon, lat for geographic CRSs).
// Owns its own PROJ context, so one per thread.
class CrsTransform {
 public:
  CrsTransform(const std::string& source, const std::string& target);
  ~CrsTransform();
  CrsTransform(const CrsTransform&) = delete;
  CrsTransform& operator=(const CrsTransform&) = delete;
  // Transforms in place; returns false if any coordinate failed (it is then set to HUGE_VAL).
  bool transform(std::span<double> xs, std::span<double> ys) const;

 private:
  PJ_CONTEXT* ctx_;
  PJ* pj_;
};

}  // namespace rz::geo
