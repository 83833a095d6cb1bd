#pragma once
// Import and export are the only steps that use GDAL, and GDAL with the hundred shared libraries
// it pulls in takes about 30 ms to load and bind at every start: more than a county's whole
// reach analysis. So they live in a module, ruralzone-gdal.so, loaded the first time a command
// imports or exports; the analyses start without it.
#include <vector>

#include "export/exporter.hpp"
#include "geo/store.hpp"
#include "import/importer.hpp"

namespace rz::app {

struct GdalIo {
  import::ImportReport (*import_layer)(geo::Store& store, const import::ImportOptions& options);
  std::vector<exporting::ExportedFile> (*export_layers)(geo::Store& store,
                                                        const exporting::ExportOptions& options);
};

// The module's functions, loaded on first use from next to the executable (or from
// ../lib/ruralzone/ beside it). Throws DataError naming the file when it cannot be loaded.
const GdalIo& gdal_io();

}  // namespace rz::app

// The module's one entry point (app/gdal_module/gdal_io_module.cpp).
extern "C" const rz::app::GdalIo* rz_gdal_io_module();
