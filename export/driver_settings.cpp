#include "export/driver_settings.hpp"

namespace rz::exporting {

const char* driver_name(Format format) {
  return format == Format::gpkg        ? "GPKG"
         : format == Format::geojson   ? "GeoJSON"
         : format == Format::shapefile ? "ESRI Shapefile"
         : format == Format::csv       ? "CSV"
                                       : "XLSX";
}

geo::gdal::Options layer_options(Format format, DbfEncoding dbf_encoding) {
  switch (format) {
    case Format::gpkg:
      return {{"FID", "fid"}, {"GEOMETRY_NAME", "geom"}, {"SPATIAL_INDEX", "YES"}};
    case Format::geojson:
      // RFC 7946 GeoJSON is in degrees: 9 decimals keep every point within 1 mm of the store's
      // (1e-9 degree is 0.11 mm of latitude); 7 moved points by up to 1 cm.
      return {{"RFC7946", "YES"}, {"WRITE_NAME", "NO"}, {"COORDINATE_PRECISION", "9"}};
    case Format::shapefile:
      // GBK: language driver 77 (code page 936) in the .dbf header; GDAL recodes to CP936 from
      // it. The .cpg saying 936 is written beside it (GDAL only writes a .cpg for names).
      return {
          {"ENCODING", dbf_encoding == DbfEncoding::cp936 ? "LDID/77" : iconv_name(dbf_encoding)}};
    case Format::csv:
      return {{"GEOMETRY", "AS_WKT"}, {"WRITE_BOM", "YES"}};
    case Format::xlsx:
      break;
  }
  return {};
}

OGRwkbGeometryType layer_geometry_type(Format format, geo::GeometryKind kind) {
  // XLSX has no geometry column: the geometry goes into a WKT text field.
  if (format == Format::xlsx) return wkbNone;
  switch (kind) {
    case geo::GeometryKind::point:
      return wkbPoint;
    case geo::GeometryKind::line:
      return wkbMultiLineString;
    case geo::GeometryKind::polygon:
      return wkbMultiPolygon;
  }
  return wkbUnknown;
}

}  // namespace rz::exporting
