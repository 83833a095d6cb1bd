#include "geo/shared_library.hpp"

#include <fmt/format.h>

#include "geo/error.hpp"

namespace rz::geo {

void* open_shared_library(const char* soname, std::string_view what, std::string_view package) {
  void* handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    throw DataError(
        fmt::format("cannot load {} ({}): {}; install {}", what, soname, dlerror(), package));
  return handle;
}

void throw_missing_function(const char* soname, const char* name, std::string_view package) {
  throw DataError(fmt::format("{} has no function {}: is {} the version ruralzone was built with?",
                              soname, name, package));
}

}  // namespace rz::geo
