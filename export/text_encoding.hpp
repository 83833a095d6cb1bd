#pragma once
// UTF-8 to the legacy Chinese encodings a shapefile may be written in, through iconv. Export owns
// this small copy on purpose: modules do not reach into each other (import has its own decoder).
#include <iconv.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rz::exporting {

// The encodings a shapefile .dbf can be written in.
enum class DbfEncoding {
  utf8,     // .cpg "UTF-8": every character, the default
  cp936,    // GBK: LDID 77 in the .dbf header and .cpg "936"; characters outside GBK are refused
  gb18030,  // .cpg "GB18030": every character; GBK characters keep their GBK bytes
};

// "UTF-8"/"UTF8", "GBK"/"CP936"/"936"/"GB2312", "GB18030" (any case); nullopt otherwise.
std::optional<DbfEncoding> parse_dbf_encoding(std::string_view name);
// The name iconv (and GDAL's recoding, which uses iconv) knows: "UTF-8", "CP936", "GB18030".
const char* iconv_name(DbfEncoding encoding);
// Human-readable name for messages: "UTF-8", "GBK (CP936)", "GB18030".
std::string_view display_name(DbfEncoding encoding);

// One UTF-8 -> target converter (an iconv descriptor), reused across calls. Not thread-safe.
class TextEncoder {
 public:
  explicit TextEncoder(DbfEncoding target);
  ~TextEncoder();
  TextEncoder(const TextEncoder&) = delete;
  TextEncoder& operator=(const TextEncoder&) = delete;

  // The text in the target encoding, or nullopt when a character has no representation there (or
  // the input is not valid UTF-8); `bad_char` then receives that character as UTF-8.
  std::optional<std::string> encode(std::string_view utf8, std::string* bad_char = nullptr);

 private:
  iconv_t cd_;
};

// "U+20BB7" for the first character of a UTF-8 string (empty input: "").
std::string code_point_label(std::string_view utf8_char);

}  // namespace rz::exporting
