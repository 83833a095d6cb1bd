#include "export/shapefile_field_names.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "export/text_encoding.hpp"

namespace rz::exporting {

namespace {

size_t utf8_char_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;  // stray continuation byte: treat as one to make progress
}

bool is_gb(const std::string& encoding) {
  std::string e = encoding;
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::toupper(c); });
  return e == "GBK" || e == "GB18030" || e == "CP936" || e == "GB2312";
}

std::string fold_case(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The longest prefix of whole characters that fits in `max_bytes` of the target encoding.
std::string cut(const std::string& name, const std::string& encoding, size_t max_bytes) {
  std::string out;
  size_t used = 0;
  for (size_t i = 0; i < name.size();) {
    size_t len = std::min(utf8_char_length(static_cast<unsigned char>(name[i])), name.size() - i);
    std::string_view ch(name.data() + i, len);
    size_t cost = encoded_char_bytes(ch, encoding);
    if (used + cost > max_bytes) break;
    out.append(ch);
    used += cost;
    i += len;
  }
  return out;
}

}  // namespace

size_t encoded_char_bytes(std::string_view utf8_char, const std::string& encoding) {
  if (!is_gb(encoding) || utf8_char.size() == 1) return utf8_char.size();
  // GB18030 keeps GBK's two bytes for the common CJK characters but takes four for the rest (most
  // of CJK Extension A, everything beyond the BMP), so ask iconv rather than guess from the UTF-8
  // length. A character GBK lacks is refused later by the encoder; GB18030's count is still right
  // for choosing names.
  thread_local TextEncoder encoder(DbfEncoding::gb18030);
  if (auto bytes = encoder.encode(utf8_char)) return bytes->size();
  return utf8_char.size();  // not valid UTF-8: count it as it is
}

std::vector<std::string> shapefile_field_names(const std::vector<std::string>& names,
                                               const std::string& encoding, size_t max_bytes) {
  std::vector<std::string> out;
  std::set<std::string> taken;
  for (const auto& name : names) {
    std::string candidate = cut(name.empty() ? std::string("field") : name, encoding, max_bytes);
    if (taken.count(fold_case(candidate))) {
      // Append _2, _3, ... cutting the stem further so the suffix fits.
      for (int n = 2;; ++n) {
        std::string suffix = fmt::format("_{}", n);
        std::string stem = cut(name, encoding, max_bytes - suffix.size());
        candidate = stem + suffix;
        if (!taken.count(fold_case(candidate))) break;
      }
    }
    taken.insert(fold_case(candidate));
    out.push_back(candidate);
  }
  return out;
}

}  // namespace rz::exporting
