#include "import/number_text.hpp"

#include <array>
#include <cctype>
#include <cstdlib>

namespace rz::import {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

// Full-width forms (U+FF01..U+FF5E, 3 bytes EF BC/BD xx) of digits, signs, '.', ',' and 'E' to
// ASCII; false when the text holds anything else outside ASCII.
bool fold_full_width(std::string_view in, std::string& out) {
  out.clear();
  for (size_t i = 0; i < in.size(); ++i) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (i + 2 >= in.size() || c != 0xEF) return false;
    auto b1 = static_cast<unsigned char>(in[i + 1]), b2 = static_cast<unsigned char>(in[i + 2]);
    unsigned code = 0;
    if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF)
      code = 0xFF01 + (b2 - 0x81);
    else if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E)
      code = 0xFF40 + (b2 - 0x80);
    else
      return false;
    out.push_back(static_cast<char>(code - 0xFF01 + 0x21));
    i += 2;
  }
  return true;
}

// "1,234,567" (groups of three after the first) without its commas; other commas refuse.
bool drop_thousands_separators(std::string& s) {
  if (s.find(',') == std::string::npos) return true;
  size_t start = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  size_t end = s.find('.');
  if (end == std::string::npos) end = s.size();
  std::string digits;
  size_t group = 0;
  bool first = true;
  for (size_t i = start; i < end; ++i) {
    if (s[i] == ',') {
      if ((first && (group == 0 || group > 3)) || (!first && group != 3)) return false;
      first = false;
      group = 0;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    digits.push_back(s[i]);
    ++group;
  }
  if (!first && group != 3) return false;
  s = s.substr(0, start) + digits + s.substr(end);
  return true;
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  std::string s;
  if (!fold_full_width(trim(text), s)) return std::nullopt;
  if (s.empty() || !drop_thousands_separators(s)) return std::nullopt;
  const char* begin = s.c_str();
  char* end = nullptr;
  double v = std::strtod(begin, &end);
  if (end != begin + s.size()) return std::nullopt;
  return v;
}

bool is_number_in_words(std::string_view utf8) {
  static constexpr std::array<std::string_view, 20> numerals = {
      "零", "〇", "一", "二", "两", "三", "四", "五", "六", "七",
      "八", "九", "十", "百", "千", "万", "亿", "壹", "贰", "叁"};
  std::string_view s = trim(utf8);
  bool numeral = false;
  while (!s.empty()) {
    bool matched = false;
    for (auto n : numerals)
      if (s.starts_with(n)) {
        s.remove_prefix(n.size());
        matched = numeral = true;
        break;
      }
    if (!matched && (s.starts_with("余") || s.starts_with("多") || s.starts_with("点") ||
                     s.starts_with("人") || s.starts_with("户"))) {
      s.remove_prefix(3);
      matched = true;
    }
    if (!matched) return false;
  }
  return numeral;
}

CodeText restore_code(std::string_view code) {
  CodeText out{std::string(code), CodeForm::as_written};
  // d[.ddd]E[+]nn, as Excel writes a number it shows in scientific notation.
  size_t e = code.find_first_of("eE");
  if (e == std::string_view::npos || e == 0 || e + 1 >= code.size()) return out;
  std::string_view mantissa = code.substr(0, e), exponent = code.substr(e + 1);
  if (exponent.front() == '+') exponent.remove_prefix(1);
  if (exponent.empty() || exponent.size() > 2) return out;
  for (char c : exponent)
    if (!std::isdigit(static_cast<unsigned char>(c))) return out;
  std::string digits;
  size_t fraction_digits = 0;
  bool seen_point = false;
  for (char c : mantissa) {
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) return out;
    digits.push_back(c);
    if (seen_point) ++fraction_digits;
  }
  if (digits.empty() || digits.front() == '0' || (seen_point && mantissa.find('.') != 1))
    return out;
  const auto power = static_cast<size_t>(std::stoi(std::string(exponent)));
  if (fraction_digits > power) return out;  // not an integer: not a code Excel reformatted
  // Digits Excel did not write are gone; zeros in their place may or may not be the code's.
  out.form = fraction_digits == power ? CodeForm::restored : CodeForm::lossy;
  if (out.form == CodeForm::restored) out.text = digits;
  return out;
}

}  // namespace rz::import
