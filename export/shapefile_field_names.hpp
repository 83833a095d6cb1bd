#pragma once
// A .dbf field name holds at most 10 bytes. Long names (three Chinese characters are already 9
// bytes in UTF-8) are shortened to unique names that never cut a character in half; the mapping
// is written beside the shapefile so a reader can find the full names again.
#include <string>
#include <vector>

namespace rz::exporting {

// Short names, in the same order as `names`, each at most `max_bytes` bytes in `encoding`
// ("UTF-8" or "GB18030"/"GBK": Chinese characters take 3 or 2 bytes), unique ignoring ASCII case
// (the .dbf format compares names case-insensitively).
std::vector<std::string> shapefile_field_names(const std::vector<std::string>& names,
                                               const std::string& encoding = "UTF-8",
                                               size_t max_bytes = 10);

// Bytes one UTF-8 encoded character takes in the target encoding.
size_t encoded_char_bytes(std::string_view utf8_char, const std::string& encoding);

}  // namespace rz::exporting
