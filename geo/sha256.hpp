#pragma once
#include <string>

namespace rz::geo {
// Hex SHA-256 of a file's bytes, streamed (recorded for every import source).
std::string sha256_file(const std::string& path);
}  // namespace rz::geo
