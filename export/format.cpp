#include "export/format.hpp"

#include <string>

namespace rz::exporting {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  std::string n = lower_ascii(name);
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
