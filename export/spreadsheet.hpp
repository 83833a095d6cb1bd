#pragma once
// The limits of an Excel workbook that an XLSX export must respect: sheet names of at most 31
// characters, cells of at most 32,767.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "geo/store.hpp"

namespace rz::exporting {

// One sheet name per layer, cut to Excel's length and made unique ignoring ASCII case (as Excel
// compares them) with a "~2", "~3", ... suffix.
std::vector<std::string> sheet_names(const std::vector<geo::LayerInfo>& layers);

bool fits_excel_cell(std::string_view utf8);

// The warning for the features whose WKT did not fit a cell and was left out.
std::string wkt_too_long_warning(const std::string& layer, const std::vector<int64_t>& fids);

}  // namespace rz::exporting
