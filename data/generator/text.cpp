// Text helpers for text.hpp: iconv for GBK, snprintf for the codes.
#include "data/generator/text.hpp"

#include <iconv.h>

#include <cstddef>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace rz::gen {

std::string to_gbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv: no UTF-8 -> GBK");
  std::string out(utf8.size() * 2 + 4, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* o = out.data();
  std::size_t out_left = out.size();
  const std::size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1))
    throw std::runtime_error("iconv: cannot convert to GBK: " + utf8);
  out.resize(out.size() - out_left);
  return out;
}

std::string stem(const std::string& name) {
  for (const std::string suffix : {"居委会", "社区", "村"}) {
    if (name.size() > suffix.size() + 3 && name.ends_with(suffix))
      return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

std::string first_char(const std::string& s) {
  if (s.empty()) return s;
  const auto c = static_cast<unsigned char>(s[0]);
  const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return s.substr(0, n);
}

std::string fmt_code(char prefix, int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%03d", prefix, n);
  return buf;
}

std::string two_digits(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

std::string four_digits(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", n);
  return buf;
}

}  // namespace rz::gen
