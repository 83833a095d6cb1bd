#include "import/text_damage.hpp"

#include "import/encoding.hpp"

namespace rz::import {

bool has_replacement_characters(std::string_view utf8) {
  return utf8.find("\xEF\xBF\xBD") != std::string_view::npos ||
         utf8.find("锟斤拷") != std::string_view::npos;
}

std::string without_cut_utf8_tail(std::string_view bytes) {
  if (is_valid_utf8(bytes)) return std::string(bytes);
  // The lead byte of the last sequence, at most 3 bytes back, and how long it says it is.
  for (size_t back = 1; back <= 3 && back <= bytes.size(); ++back) {
    auto c = static_cast<unsigned char>(bytes[bytes.size() - back]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte: keep looking for the lead
    size_t length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (length <= back) break;  // not a lead byte, or a complete sequence
    std::string_view kept = bytes.substr(0, bytes.size() - back);
    if (!kept.empty() && is_valid_utf8(kept)) return std::string(kept);
    break;
  }
  return std::string(bytes);
}

}  // namespace rz::import
