#include "geo/spatialite_library.hpp"

#include <cstdlib>
#include <future>
#include <mutex>
#include <system_error>

#include "geo/shared_library.hpp"

namespace rz::geo {

namespace {

struct Prefetched {
  SpatiaLiteLibrary library;
  void* cache;
};

Prefetched load() {
  constexpr const char* kPackage = "libspatialite7";
  void* handle = open_shared_library(RZ_SPATIALITE_SONAME, "SpatiaLite", kPackage);
  Prefetched out{};
  auto bind = [&](const char* name, auto& function) {
    bind_function(handle, RZ_SPATIALITE_SONAME, name, kPackage, function);
  };
  bind("spatialite_alloc_connection", out.library.alloc_connection);
  bind("spatialite_init_ex", out.library.init_ex);
  bind("spatialite_cleanup_ex", out.library.cleanup_ex);
  out.cache = out.library.alloc_connection();
  return out;
}

struct Loader {
  std::once_flag started;
  std::shared_future<Prefetched> loaded;
  std::mutex mutex;  // guards spare_taken
  bool spare_taken = false;
};

Loader& loader() {
  // Never destroyed: a connection closed by a static destructor still finds the library.
  static Loader* instance = new Loader;
  return *instance;
}

}  // namespace

void prefetch_spatialite() {
  Loader& l = loader();
  std::call_once(l.started, [&l] {
    try {
      l.loaded = std::async(std::launch::async, load).share();
    } catch (const std::system_error&) {  // no thread: load when first needed
      l.loaded = std::async(std::launch::deferred, load).share();
      return;
    }
    // A process that ends while the thread still loads (an error found before SpatiaLite was
    // needed) would otherwise run the libraries' destructors under the thread's feet.
    std::atexit([] { loader().loaded.wait(); });
  });
}

SpatiaLiteConnection spatialite_connection() {
  prefetch_spatialite();
  Loader& l = loader();
  const Prefetched& p = l.loaded.get();  // rethrows the loader's DataError
  {
    std::lock_guard lock(l.mutex);
    if (!l.spare_taken) {
      l.spare_taken = true;
      return {&p.library, p.cache};
    }
  }
  return {&p.library, p.library.alloc_connection()};
}

}  // namespace rz::geo
