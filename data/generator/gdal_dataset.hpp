#pragma once
// The owner of a GDAL dataset, for the reader of the reference and the writers alike.
#include <gdal_priv.h>

#include <memory>

namespace rz::gen {

using DatasetPtr = std::unique_ptr<GDALDataset>;

}  // namespace rz::gen
