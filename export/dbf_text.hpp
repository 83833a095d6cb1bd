#pragma once
// What a shapefile's .dbf can hold: text in the chosen encoding, at most 254 bytes a value. Checked
// before any file is written, so that the export fails naming the value instead of GDAL cutting or
// dropping it.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "export/text_encoding.hpp"

namespace rz::exporting {

constexpr size_t kDbfMaxTextBytes = 254;

// Checks and measures text values and field names bound for one layer's .dbf.
class DbfText {
 public:
  DbfText(DbfEncoding encoding, std::string layer);
  ~DbfText();
  DbfText(const DbfText&) = delete;
  DbfText& operator=(const DbfText&) = delete;

  // The value's size in the output encoding; throws DataError naming the layer, feature and field
  // when a character cannot be encoded or the value is too long.
  size_t bytes(std::string_view text, int64_t fid, std::string_view field);
  // Throws DataError when a (shortened) field name holds a character the encoding lacks.
  void check_name(const std::string& short_name, const std::string& full_name);

 private:
  DbfEncoding encoding_;
  std::string layer_;
  std::unique_ptr<TextEncoder> encoder_;
};

}  // namespace rz::exporting
