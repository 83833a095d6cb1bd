#pragma once
// Writing a ZIP archive (a QGIS .qgz holds its .qgs this way), through GDAL's minizip.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rz::geo {

// Writes `path` as a new ZIP holding `entries` (name, bytes), deflated. Throws DataError naming
// the file when GDAL cannot create or write it.
void write_zip(const std::string& path,
               const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace rz::geo
