#pragma once
// ASCII case folding for the names users type (formats, encodings, kinds, extensions): letters
// A-Z only, so UTF-8 text such as Chinese names passes through unchanged whatever the locale.
#include <string>
#include <string_view>

namespace rz::geo {

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace rz::geo
