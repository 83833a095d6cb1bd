#include "geo/spatialite_blob.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace rz::geo {

std::optional<StoredGeometryHeader> read_stored_header(std::span<const unsigned char> b) {
  // The shortest blob is a point's: header, class, two doubles and the 0xFE end mark.
  if (b.size() < 60 || b[0] != 0x00 || b[38] != 0x7C || (b[1] != 0x00 && b[1] != 0x01))
    return std::nullopt;
  const bool swap = (b[1] == 0x01) != (std::endian::native == std::endian::little);
  auto read = [&]<typename T>(size_t offset, T& out) {
    unsigned char bytes[sizeof(T)];
    std::memcpy(bytes, b.data() + offset, sizeof(T));
    if (swap) std::reverse(bytes, bytes + sizeof(T));
    std::memcpy(&out, bytes, sizeof(T));
  };
  StoredGeometryHeader h;
  read(2, h.srid);
  read(6, h.minx);
  read(14, h.miny);
  read(22, h.maxx);
  read(30, h.maxy);
  read(39, h.class_type);
  return h;
}

}  // namespace rz::geo
