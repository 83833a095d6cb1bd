#pragma once
// Libraries loaded by dlopen when first needed instead of linked (analysis/cbc_library.hpp and
// geo/spatialite_library.hpp say why): opening one and typing its functions, with errors that
// name the library, the function and the Debian package to install.
#include <dlfcn.h>

#include <string_view>

namespace rz::geo {

// dlopen(soname), never closed (the library's static objects must outlive every use). Throws
// DataError naming `what`, the soname and `package` when it cannot be loaded.
void* open_shared_library(const char* soname, std::string_view what, std::string_view package);

[[noreturn]] void throw_missing_function(const char* soname, const char* name,
                                         std::string_view package);

// Sets `out` to the library's function `name`, typed as the caller declares it (POSIX guarantees
// that a function's address survives the round trip through void*).
template <typename Function>
void bind_function(void* handle, const char* soname, const char* name, std::string_view package,
                   Function& out) {
  out = reinterpret_cast<Function>(dlsym(handle, name));
  if (!out) throw_missing_function(soname, name, package);
}

}  // namespace rz::geo
