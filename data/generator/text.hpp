#pragma once
// Text helpers: GBK for the agency-style shapefile, village name stems and fixed-width codes.
#include <string>

namespace rz::gen {

std::string to_gbk(const std::string& utf8);
// Village name without its suffix (村, 居委会, 社区): 石丘村 -> 石丘.
std::string stem(const std::string& name);
// The first UTF-8 character of a string.
std::string first_char(const std::string& s);
std::string fmt_code(char prefix, int n);
std::string two_digits(int n);
std::string four_digits(int n);

}  // namespace rz::gen
