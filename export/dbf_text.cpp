#include "export/dbf_text.hpp"

#include <fmt/format.h>

#include "geo/error.hpp"

namespace rz::exporting {

DbfText::DbfText(DbfEncoding encoding, std::string layer)
    : encoding_(encoding), layer_(std::move(layer)) {
  if (encoding != DbfEncoding::utf8) encoder_ = std::make_unique<TextEncoder>(encoding);
}

DbfText::~DbfText() = default;

size_t DbfText::bytes(std::string_view text, int64_t fid, std::string_view field) {
  size_t n = text.size();
  if (encoder_) {
    std::string bad;
    auto encoded = encoder_->encode(text, &bad);
    if (!encoded)
      throw DataError(fmt::format(
          "layer «{}», feature {}, field «{}»: «{}» holds the character «{}» ({}), which {} "
          "cannot represent; export the shapefile as UTF-8 (the default) or GB18030, or use "
          "GeoPackage",
          layer_, fid, field, text, bad, code_point_label(bad), display_name(encoding_)));
    n = encoded->size();
  }
  if (n > kDbfMaxTextBytes)
    throw DataError(fmt::format(
        "layer «{}», feature {}, field «{}»: the value takes {} bytes in {}, more than a "
        "shapefile text field holds ({}); it would be cut. Use GeoPackage, GeoJSON or CSV",
        layer_, fid, field, n, display_name(encoding_), kDbfMaxTextBytes));
  return n;
}

void DbfText::check_name(const std::string& short_name, const std::string& full_name) {
  if (!encoder_) return;
  std::string bad;
  if (!encoder_->encode(short_name, &bad))
    throw DataError(fmt::format(
        "layer «{}», field «{}»: the name holds the character «{}» ({}), which {} cannot "
        "represent; export the shapefile as UTF-8 (the default) or GB18030",
        layer_, full_name, bad, code_point_label(bad), display_name(encoding_)));
}

}  // namespace rz::exporting
