#pragma once
// What each format asks of its GDAL driver: the driver, the layer creation options and the
// layer's geometry type.
#include "export/format.hpp"
#include "export/text_encoding.hpp"
#include "geo/gdal_dataset.hpp"
#include "geo/layer_schema.hpp"

namespace rz::exporting {

const char* driver_name(Format format);
geo::gdal::Options layer_options(Format format, DbfEncoding dbf_encoding);
OGRwkbGeometryType layer_geometry_type(Format format, geo::GeometryKind kind);

}  // namespace rz::exporting
