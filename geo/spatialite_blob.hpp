#pragma once
// The header of a geometry as a SpatiaLite store keeps it: 0x00, an endianness byte (0x01
// little, 0x00 big), the SRID (4 bytes), the MBR as four doubles (min x, min y, max x, max y),
// 0x7C and the geometry's class (4 bytes: 1 point, 5 multilinestring, 6 multipolygon, ...).
// Read here, without SpatiaLite, where the header is all a job needs: a point's coordinates (its
// MBR), or the SRID, class and envelope of a geometry copied as it is from one layer to another
// (LayerWriter::add_stored). The geometry after the header is only ever read by SpatiaLite.
#include <cstdint>
#include <optional>
#include <span>

namespace rz::geo {

struct StoredGeometryHeader {
  int32_t srid = 0;
  int32_t class_type = 0;
  double minx = 0, miny = 0, maxx = 0, maxy = 0;
};

// std::nullopt for NULL or anything that is not such a blob.
std::optional<StoredGeometryHeader> read_stored_header(std::span<const unsigned char> blob);

}  // namespace rz::geo
