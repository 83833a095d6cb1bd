#pragma once
// What a shapefile's .dbf can hold: text in the chosen encoding, at most 254 bytes a value, and
// numbers in a fixed width. A character the encoding lacks fails the export before any file is
// written (GDAL would drop it); a longer text is cut at a character with "…" and its full value
// goes into `<layer>.long_values.csv` (shapefile_sidecars.hpp).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "export/text_encoding.hpp"

namespace rz::exporting {

constexpr size_t kDbfMaxTextBytes = 254;
// GDAL's width for real fields; the precision is what the largest value leaves of it.
constexpr int kDbfRealWidth = 24;

// Decimals a real field of width kDbfRealWidth keeps when its largest magnitude is `max_abs`:
// 15 (GDAL's default) for small values, fewer for areas of hundreds of km² in m², so that the
// integer digits always fit.
int dbf_real_precision(double max_abs);

// Checks and measures text values and field names bound for one layer's .dbf.
class DbfText {
 public:
  DbfText(DbfEncoding encoding, std::string layer);
  ~DbfText();
  DbfText(const DbfText&) = delete;
  DbfText& operator=(const DbfText&) = delete;

  // The value's size in the output encoding; throws DataError naming the layer, feature and field
  // when a character cannot be encoded.
  size_t bytes(std::string_view text, int64_t fid, std::string_view field);
  // `text` cut at a character so that it, with "…" appended, takes at most kDbfMaxTextBytes.
  std::string cut(std::string_view text, int64_t fid, std::string_view field);
  // Throws DataError when a (shortened) field name holds a character the encoding lacks.
  void check_name(const std::string& short_name, const std::string& full_name);

 private:
  DbfEncoding encoding_;
  std::string layer_;
  std::unique_ptr<TextEncoder> encoder_;
};

}  // namespace rz::exporting
