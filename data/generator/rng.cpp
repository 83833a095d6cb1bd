// The per-purpose streams: the seed of each is kSeed mixed with a hash of its purpose.
#include "data/generator/rng.hpp"

#include <cstdint>
#include <string_view>

#include "data/generator/constants.hpp"

namespace rz::gen {

Rng stream(std::string_view purpose) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (const char c : purpose) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return Rng(kSeed ^ h);
}

}  // namespace rz::gen
