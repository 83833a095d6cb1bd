#include "export/format.hpp"

#include <string>

#include "geo/ascii.hpp"

namespace rz::exporting {

std::optional<Format> parse_format(std::string_view name) {
  std::string n = geo::lower_ascii(name);
  if (n == "gpkg" || n == "geopackage") return Format::gpkg;
  if (n == "geojson") return Format::geojson;
  if (n == "shp" || n == "shapefile") return Format::shapefile;
  if (n == "csv") return Format::csv;
  if (n == "xlsx") return Format::xlsx;
  return std::nullopt;
}

std::string_view extension(Format format) {
  switch (format) {
    case Format::gpkg:
      return ".gpkg";
    case Format::geojson:
      return ".geojson";
    case Format::shapefile:
      return ".shp";
    case Format::csv:
      return ".csv";
    case Format::xlsx:
      return ".xlsx";
  }
  return "";
}

bool is_single_file(Format format) {
  return format == Format::gpkg || format == Format::xlsx;
}

}  // namespace rz::exporting
