#pragma once
// The files a shapefile export writes beside what GDAL writes: the .cpg for GBK (GDAL writes the
// code page only into the .dbf header), `<layer>.fields.csv` mapping shortened field names back
// to the full ones, and `<layer>.long_values.csv` with the full text of values cut to fit.
#include <filesystem>
#include <string>

#include "export/layer_plan.hpp"
#include "export/layer_writer.hpp"
#include "export/text_encoding.hpp"

namespace rz::exporting {

// Writes them as `<dir>/<temp_prefix>.cpg` and `.fields.csv`, for Staging to move into place;
// throws DataError naming `output` when a file cannot be written.
void write_shapefile_sidecars(const std::filesystem::path& dir, const std::string& temp_prefix,
                              const LayerPlan& plan, DbfEncoding encoding,
                              const std::vector<Writer::CutValue>& cut_values,
                              const std::string& output);

}  // namespace rz::exporting
