#pragma once
#include <string>
#include <string_view>

namespace rz::geo {
// Hex SHA-256 of a file's bytes, streamed (recorded for every import source).
std::string sha256_file(const std::string& path);
// The SHA-256 of `bytes`, in lower-case hex.
std::string sha256_hex(std::string_view bytes);
}  // namespace rz::geo
