// ruralzone-gdal.so: import and export, the GDAL users, as a module the command loads on demand
// (app/gdal_io.hpp says why).
#include <gdal.h>

#include <mutex>

#include "app/gdal_io.hpp"

extern "C" const rz::app::GdalIo* rz_gdal_io_module() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
  static const rz::app::GdalIo io{&rz::import::import_layer, &rz::exporting::export_layers};
  return &io;
}
