#pragma once
// GEOS, loaded by dlopen when a GEOS function is first called instead of linked. Loading
// libgeos_c and the C++ libgeos under it costs some 1.5 ms at every start of the process, the
// tenth of a reach summary that computes no geometry; commands that need GEOS pay it on their
// first call instead. The GEOS C API is called as declared in geos_c.h: geo/geos_library.cpp
// defines each function ruralzone uses as a forward to the library's own.
#include <string_view>

namespace rz::geo {

inline constexpr std::string_view kGeosPackage = "libgeos-c1v5";

// The handle of libgeos_c, opened on first use. Throws DataError naming the library and the
// Debian package when it cannot be loaded.
void* geos_library();

}  // namespace rz::geo
