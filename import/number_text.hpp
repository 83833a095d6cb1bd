#pragma once
// Numbers and codes as county offices' tables write them: padded, with thousands separators or
// full-width digits, in words (一千二), and codes that Excel turned into scientific notation.
#include <optional>
#include <string>
#include <string_view>

namespace rz::import {

// The number a text cell holds: blanks trimmed, full-width digits and signs folded, thousands
// separators ("1,234") accepted. nullopt for anything else, including numbers in words.
std::optional<double> parse_number(std::string_view text);

// True when the text spells a number in Chinese numerals (一千二, 三十五, 两百): the cause to give
// when parse_number refuses it.
bool is_number_in_words(std::string_view utf8);

// A code cell after Excel: "4.20115101201E+11" still carries every digit of 420115101201 and is
// restored; "4.20115E+11" lost digits (they became zeros) and cannot be.
enum class CodeForm { as_written, restored, lossy };
struct CodeText {
  std::string text;  // the digits when restored, else the input
  CodeForm form = CodeForm::as_written;
};
CodeText restore_code(std::string_view code);

}  // namespace rz::import
