#include "app/gdal_io.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace rz::app {

namespace {

constexpr const char* kModule = "ruralzone-gdal.so";

const GdalIo* load_gdal_io() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  const auto dir = ec ? std::filesystem::current_path() : exe.parent_path();
  const std::filesystem::path candidates[] = {dir / kModule,
                                              dir / ".." / "lib" / "ruralzone" / kModule};
  for (const auto& path : candidates) {
    if (!std::filesystem::exists(path)) continue;
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) throw DataError(fmt::format("cannot load {}: {}", path.string(), dlerror()));
    auto* entry = reinterpret_cast<const GdalIo* (*)()>(dlsym(handle, "rz_gdal_io_module"));
    if (!entry)
      throw DataError(
          fmt::format("{} is not ruralzone's GDAL module (no rz_gdal_io_module)", path.string()));
    return entry();
  }
  throw DataError(fmt::format("{}, which import and export need, is neither in {} nor in {}",
                              kModule, dir.string(), (dir / ".." / "lib" / "ruralzone").string()));
}

}  // namespace

const GdalIo& gdal_io() {
  static const GdalIo* io = load_gdal_io();
  return *io;
}

}  // namespace rz::app
