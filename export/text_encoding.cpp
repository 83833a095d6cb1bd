#include "export/text_encoding.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <stdexcept>

#include <fmt/format.h>

namespace rz::exporting {

namespace {

size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace

std::optional<DbfEncoding> parse_dbf_encoding(std::string_view name) {
  std::string n;
  for (char c : name)
    if (c != '-' && c != '_' && c != ' ')
      n.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  if (n == "UTF8") return DbfEncoding::utf8;
  if (n == "GBK" || n == "CP936" || n == "936" || n == "GB2312") return DbfEncoding::cp936;
  if (n == "GB18030") return DbfEncoding::gb18030;
  return std::nullopt;
}

const char* iconv_name(DbfEncoding encoding) {
  switch (encoding) {
    case DbfEncoding::cp936:
      return "CP936";
    case DbfEncoding::gb18030:
      return "GB18030";
    case DbfEncoding::utf8:
      break;
  }
  return "UTF-8";
}

std::string_view display_name(DbfEncoding encoding) {
  switch (encoding) {
    case DbfEncoding::cp936:
      return "GBK (CP936)";
    case DbfEncoding::gb18030:
      return "GB18030";
    case DbfEncoding::utf8:
      break;
  }
  return "UTF-8";
}

TextEncoder::TextEncoder(DbfEncoding target) : cd_(iconv_open(iconv_name(target), "UTF-8")) {
  if (cd_ == reinterpret_cast<iconv_t>(-1))
    throw std::runtime_error(fmt::format("iconv cannot convert UTF-8 to {}", iconv_name(target)));
}

TextEncoder::~TextEncoder() {
  iconv_close(cd_);
}

std::optional<std::string> TextEncoder::encode(std::string_view utf8, std::string* bad_char) {
  iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // back to the initial shift state
  std::string out(utf8.size() * 2 + 8, '\0');
  char* src = const_cast<char*>(utf8.data());
  size_t src_left = utf8.size();
  size_t done = 0;
  while (src_left > 0) {
    char* dst = out.data() + done;
    size_t dst_left = out.size() - done;
    size_t r = iconv(cd_, &src, &src_left, &dst, &dst_left);
    done = out.size() - dst_left;
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    // EILSEQ (no representation, or invalid UTF-8) or EINVAL (truncated sequence).
    if (bad_char) {
      size_t at = utf8.size() - src_left;
      size_t len = std::min(utf8_length(static_cast<unsigned char>(utf8[at])), utf8.size() - at);
      *bad_char = std::string(utf8.substr(at, len));
    }
    return std::nullopt;
  }
  // Flush any final shift sequence (none for these encodings, but iconv asks for it).
  for (;;) {
    char* dst = out.data() + done;
    size_t dst_left = out.size() - done;
    size_t r = iconv(cd_, nullptr, nullptr, &dst, &dst_left);
    done = out.size() - dst_left;
    if (r != static_cast<size_t>(-1) || errno != E2BIG) break;
    out.resize(out.size() * 2);
  }
  out.resize(done);
  return out;
}

std::string code_point_label(std::string_view s) {
  if (s.empty()) return {};
  auto lead = static_cast<unsigned char>(s[0]);
  size_t len = std::min(utf8_length(lead), s.size());
  uint32_t cp = len == 1   ? lead
                : len == 2 ? (lead & 0x1Fu)
                : len == 3 ? (lead & 0x0Fu)
                           : (lead & 0x07u);
  for (size_t i = 1; i < len; ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3Fu);
  return fmt::format("U+{:04X}", cp);
}

}  // namespace rz::exporting
