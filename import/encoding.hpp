#pragma once
// Text encodings of attribute data. Everything inside ruralzone is UTF-8; sources may be UTF-8 or
// GBK/GB18030 (Chinese agency shapefiles, often without a .cpg). GBK is decoded as GB18030, its
// superset, so characters outside GBK (𠮷, 䶮) survive.
#include <optional>
#include <string>
#include <string_view>

namespace rz::import {

enum class Encoding { utf8, gb18030 };

std::optional<Encoding> parse_encoding(std::string_view name);  // utf-8, gbk, gb18030, cp936, ...
std::string_view to_string(Encoding encoding);

bool is_valid_utf8(std::string_view bytes);
bool is_ascii(std::string_view bytes);

// Decodes `bytes` to UTF-8. Throws DataError with `context` in the message if the bytes are not
// valid in that encoding.
std::string to_utf8(std::string_view bytes, Encoding encoding, std::string_view context = {});
// UTF-8 to GB18030 (for GBK shapefile export).
std::string from_utf8(std::string_view utf8, Encoding encoding, std::string_view context = {});

// Votes over sampled strings: any non-ASCII string that is not valid UTF-8 means GB18030.
class EncodingDetector {
 public:
  void add(std::string_view bytes);
  bool saw_non_ascii() const { return non_ascii_ > 0; }
  Encoding result() const { return invalid_utf8_ > 0 ? Encoding::gb18030 : Encoding::utf8; }

 private:
  long non_ascii_ = 0;
  long invalid_utf8_ = 0;
};

}  // namespace rz::import
