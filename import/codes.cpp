#include "import/codes.hpp"

#include <algorithm>
#include <cctype>

namespace rz::import {

std::string clean_code(std::string_view raw) {
  std::string s(raw);
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}

namespace {
bool all_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}
bool valid_prefix(std::string_view code) {
  int province = (code[0] - '0') * 10 + (code[1] - '0');
  // Province codes run from 11 (Beijing) to 82 (Macao); the county part is never 00.
  return province >= 11 && province <= 82 && code.substr(4, 2) != "00";
}
}  // namespace

bool is_village_code(std::string_view code) {
  return code.size() == 12 && all_digits(code) && valid_prefix(code);
}

bool is_township_code(std::string_view code) {
  return code.size() == 9 && all_digits(code) && valid_prefix(code);
}

std::string township_of(std::string_view village_code) {
  return std::string(village_code.substr(0, 9));
}

std::string county_of(std::string_view code) {
  return std::string(code.substr(0, 6));
}

}  // namespace rz::import
