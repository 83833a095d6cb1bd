#include "geo/spatialite_library.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <future>
#include <mutex>
#include <system_error>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace rz::geo {

namespace {

template <typename Function>
void bind(void* handle, const char* name, Function& out) {
  // POSIX guarantees that a function's address survives the round trip through void*.
  out = reinterpret_cast<Function>(dlsym(handle, name));
  if (!out)
    throw DataError(
        fmt::format("{} has no function {}: is libspatialite7 the version ruralzone "
                    "was built with?",
                    RZ_SPATIALITE_SONAME, name));
}

struct Prefetched {
  SpatiaLiteLibrary library;
  void* cache;
};

Prefetched load() {
  // Never unloaded: connections and their caches may live until exit.
  void* handle = dlopen(RZ_SPATIALITE_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    throw DataError(fmt::format("cannot load SpatiaLite ({}): {}; install libspatialite7",
                                RZ_SPATIALITE_SONAME, dlerror()));
  Prefetched out{};
  bind(handle, "spatialite_alloc_connection", out.library.alloc_connection);
  bind(handle, "spatialite_init_ex", out.library.init_ex);
  bind(handle, "spatialite_cleanup_ex", out.library.cleanup_ex);
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
