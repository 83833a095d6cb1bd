#include "export/dbf_text.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"

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
          fmt::runtime(
              tr("layer {}, feature {}, field {}: {} holds the character {} ({}), which {} "
                 "cannot represent; export the shapefile as UTF-8 (the default) or GB18030, or use "
                 "GeoPackage")),
          in_quotes(layer_), fid, in_quotes(field), in_quotes(text), in_quotes(bad),
          code_point_label(bad), display_name(encoding_)));
    n = encoded->size();
  }
  return n;
}

std::string DbfText::cut(std::string_view text, int64_t fid, std::string_view field) {
  static constexpr std::string_view kEllipsis = "\u2026";
  // No output encoding takes fewer than 2 bytes for 3 of UTF-8, so no longer prefix can fit.
  size_t end = std::min(text.size(), kDbfMaxTextBytes * 3 / 2 + 1);
  while (end > 0) {
    // Back to the start of a UTF-8 character.
    do --end;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80);
    std::string candidate = std::string(text.substr(0, end)) + std::string(kEllipsis);
    if (bytes(candidate, fid, field) <= kDbfMaxTextBytes) return candidate;
  }
  return std::string(kEllipsis);
}

int dbf_real_precision(double max_abs) {
  int integer_digits = 1;
  for (double limit = 10; max_abs >= limit && integer_digits < 20; limit *= 10) ++integer_digits;
  // Sign and decimal point take one character each.
  return std::clamp(kDbfRealWidth - 2 - integer_digits, 0, 15);
}

void DbfText::check_name(const std::string& short_name, const std::string& full_name) {
  if (!encoder_) return;
  std::string bad;
  if (!encoder_->encode(short_name, &bad))
    throw DataError(fmt::format(
        fmt::runtime(tr("layer {}, field {}: the name holds the character {} ({}), which {} cannot "
                        "represent; export the shapefile as UTF-8 (the default) or GB18030")),
        in_quotes(layer_), in_quotes(full_name), in_quotes(bad), code_point_label(bad),
        display_name(encoding_)));
}

}  // namespace rz::exporting
