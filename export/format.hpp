#pragma once
// The export formats by name and file extension. Apart from the exporter so that code choosing a
// format (the commands, the project file) does not need GDAL, which only the export itself uses.
#include <optional>
#include <string_view>

namespace rz::exporting {

enum class Format { gpkg, geojson, shapefile, csv, xlsx };

// "gpkg", "geojson", "shp"/"shapefile", "csv", "xlsx" (any case).
std::optional<Format> parse_format(std::string_view name);
// ".gpkg", ".geojson", ".shp", ".csv", ".xlsx".
std::string_view extension(Format format);
// True for the formats that put every layer into one file (gpkg, xlsx).
bool is_single_file(Format format);

}  // namespace rz::exporting
