#pragma once
// OGR geometries and spatial references as RAII types. A GeometryRef is a view of a geometry
// someone else owns (a feature's); a Geometry owns its handle.
#include <ogr_api.h>

#include <span>
#include <vector>

namespace rz::geo::gdal {

class Geometry;

class GeometryRef {
 public:
  GeometryRef() = default;
  explicit GeometryRef(OGRGeometryH handle) : handle_(handle) {}
  explicit operator bool() const { return handle_ != nullptr; }
  OGRGeometryH handle() const { return handle_; }

  bool is_empty() const;
  // Without Z or M: wkbPoint for a PointZ, wkbMultiPolygon for a MultiPolygonM.
  OGRwkbGeometryType flat_type() const;
  int part_count() const;
  GeometryRef part(int i) const;
  // The first vertex's coordinates.
  double x() const;
  double y() const;
  Geometry clone() const;
  // ISO WKB, little-endian.
  std::vector<unsigned char> to_iso_wkb() const;

 protected:
  OGRGeometryH handle_ = nullptr;
};

class Geometry : public GeometryRef {
 public:
  Geometry() = default;
  explicit Geometry(OGRGeometryH owned) : GeometryRef(owned) {}
  ~Geometry();
  Geometry(Geometry&& other) noexcept;
  Geometry& operator=(Geometry&& other) noexcept;
  Geometry(const Geometry&) = delete;
  Geometry& operator=(const Geometry&) = delete;

  static Geometry point(double x, double y);
  // Empty when the bytes are not WKB GDAL reads.
  static Geometry from_wkb(std::span<const unsigned char> wkb);

  void force_to_multi_polygon();
  void force_to_multi_line_string();
  void drop_z_and_m();
  // Hands the handle over to a caller that takes ownership (OGR's "Directly" functions).
  OGRGeometryH release();
};

// "Point", "Multi Polygon", ...: GDAL's display name of a geometry type.
const char* geometry_type_name(OGRwkbGeometryType type);

class SpatialRef {
 public:
  SpatialRef() = default;
  ~SpatialRef();
  SpatialRef(SpatialRef&& other) noexcept;
  SpatialRef& operator=(SpatialRef&& other) noexcept;
  SpatialRef(const SpatialRef&) = delete;
  SpatialRef& operator=(const SpatialRef&) = delete;

  // Axis order x = east / longitude, y = north / latitude, as the store and geo::CrsTransform
  // have it (EPSG's own order for geographic CRSs is latitude first). Empty when GDAL does not
  // know the code.
  static SpatialRef from_epsg(int epsg);
  explicit operator bool() const { return handle_ != nullptr; }
  OGRSpatialReferenceH handle() const { return handle_; }

 private:
  OGRSpatialReferenceH handle_ = nullptr;
};

}  // namespace rz::geo::gdal
