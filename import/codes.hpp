#pragma once
// Chinese statistical division codes: 12-digit village codes (province 2, city 2, county 2,
// township 3, village 3); the township code is the first 9 digits, the county code the first 6.
#include <optional>
#include <string>
#include <string_view>

namespace rz::import {

// Normalises a code read from a source: trims blanks, drops a trailing ".0" that spreadsheets add
// to numbers. Returns the cleaned text (may still be malformed).
std::string clean_code(std::string_view raw);

bool is_village_code(std::string_view code);   // 12 digits, province 11..82, non-zero county
bool is_township_code(std::string_view code);  // 9 digits
std::string township_of(std::string_view village_code);
std::string county_of(std::string_view code);

}  // namespace rz::import
