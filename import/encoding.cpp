#include "import/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

#include <fmt/format.h>

#include "geo/ascii.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::import {

std::optional<Encoding> parse_encoding(std::string_view name) {
  std::string n = geo::lower_ascii(name);
  n.erase(std::remove(n.begin(), n.end(), '-'), n.end());
  n.erase(std::remove(n.begin(), n.end(), '_'), n.end());
  if (n == "utf8") return Encoding::utf8;
  if (n == "gbk" || n == "gb18030" || n == "cp936" || n == "gb2312" || n == "936" ||
      n == "ansi936" || n == "euccn")
    return Encoding::gb18030;
  return std::nullopt;
}

std::string_view to_string(Encoding encoding) {
  return encoding == Encoding::utf8 ? "UTF-8" : "GB18030";
}

bool is_ascii(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c >> 5) == 0x6) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c >> 4) == 0xE) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c >> 3) == 0x1E) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return false;
    i += len;
  }
  return true;
}

namespace {
std::string convert(std::string_view in, const char* from, const char* to,
                    std::string_view context) {
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1))
    throw std::runtime_error(fmt::format("iconv cannot convert {} to {}", from, to));
  std::string out(in.size() * 2 + 8, '\0');
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  while (src_left > 0) {
    if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {
        size_t used = static_cast<size_t>(dst - out.data());
        out.resize(out.size() * 2);
        dst = out.data() + used;
        dst_left = out.size() - used;
        continue;
      }
      iconv_close(cd);
      throw DataError(fmt::format(fmt::runtime(tr("{}{}text is not valid {} (byte offset {})")),
                                  context, context.empty() ? "" : ": ", from,
                                  static_cast<size_t>(src - in.data())));
    }
  }
  iconv_close(cd);
  out.resize(static_cast<size_t>(dst - out.data()));
  return out;
}
}  // namespace

std::string to_utf8(std::string_view bytes, Encoding encoding, std::string_view context) {
  if (encoding == Encoding::utf8 || is_ascii(bytes)) {
    if (!is_valid_utf8(bytes))
      throw DataError(
          fmt::format(fmt::runtime(tr("{}{}text is not valid UTF-8 (try --encoding gbk)")), context,
                      context.empty() ? "" : ": "));
    return std::string(bytes);
  }
  return convert(bytes, "GB18030", "UTF-8", context);
}

std::string from_utf8(std::string_view utf8, Encoding encoding, std::string_view context) {
  if (encoding == Encoding::utf8 || is_ascii(utf8)) return std::string(utf8);
  return convert(utf8, "UTF-8", "GB18030", context);
}

void EncodingDetector::add(std::string_view bytes) {
  if (is_ascii(bytes)) return;
  ++non_ascii_;
  if (!is_valid_utf8(bytes)) ++invalid_utf8_;
}

}  // namespace rz::import
