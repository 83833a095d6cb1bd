#include "export/spreadsheet.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "geo/ascii.hpp"
#include "geo/messages.hpp"

namespace rz::exporting {

namespace {

constexpr size_t kExcelCellMaxChars = 32767;
constexpr size_t kExcelSheetNameMax = 31;

size_t utf8_chars(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::vector<std::string> sheet_names(const std::vector<geo::LayerInfo>& layers) {
  std::vector<std::string> out;
  std::set<std::string> taken;
  for (const auto& l : layers) {
    std::string name = l.schema.name.substr(0, kExcelSheetNameMax);
    for (int n = 2; taken.count(geo::lower_ascii(name)); ++n) {
      std::string suffix = fmt::format("~{}", n);
      name = l.schema.name.substr(0, kExcelSheetNameMax - suffix.size()) + suffix;
    }
    taken.insert(geo::lower_ascii(name));
    out.push_back(name);
  }
  return out;
}

bool fits_excel_cell(std::string_view utf8) {
  return utf8_chars(utf8) <= kExcelCellMaxChars;
}

std::string wkt_too_long_warning(const std::string& layer, const std::vector<int64_t>& fids) {
  std::string ids;
  for (size_t i = 0; i < fids.size() && i < 10; ++i)
    ids += (i ? ", " : "") + std::to_string(fids[i]);
  if (fids.size() > 10) ids += ", ...";
  return fmt::format(
      fmt::runtime(tr("layer {}: the WKT of {} feature(s) (fid {}) is longer than an Excel cell "
                      "holds ({} characters) and was left empty; export to gpkg or csv for the "
                      "full geometry")),
      in_quotes(layer), fids.size(), ids, kExcelCellMaxChars);
}

}  // namespace rz::exporting
