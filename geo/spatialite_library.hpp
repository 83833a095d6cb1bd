#pragma once
// SpatiaLite, loaded on a second thread while the first reads the store. Linked as usual,
// libspatialite and the fifty libraries it needs (PROJ, GEOS, libxml2, curl, ...) are mapped and
// bound before main() at every start, 10-14 ms, and each connection's cache costs 5 ms more
// (it opens PROJ's proj.db): a third of a county-scale reach, spent before the first row is read
// although reading tables needs no SpatiaLite. Loaded by dlopen on a thread started when a store
// is opened, that time passes while the caller reads; the first statement that names a
// SpatiaLite function or virtual table waits for it (sqlite.hpp).
// spatialite.h uses sqlite3.h's types without including it.
#include <sqlite3.h>

#include <spatialite.h>

namespace rz::geo {

// The functions a connection needs, with the types the header declares.
struct SpatiaLiteLibrary {
  decltype(&::spatialite_alloc_connection) alloc_connection;
  decltype(&::spatialite_init_ex) init_ex;
  decltype(&::spatialite_cleanup_ex) cleanup_ex;
};

// Starts loading the library (by the soname found at build time, RZ_SPATIALITE_SONAME) and
// allocating one connection cache on a thread of its own. Once per process: later calls return
// at once. When no thread can be started, spatialite_connection() loads it on the caller's.
void prefetch_spatialite();

struct SpatiaLiteConnection {
  const SpatiaLiteLibrary* library;
  void* cache;  // for init_ex; the caller frees it with cleanup_ex
};
// The library and a fresh connection cache (the prefetched one, the first time): waits for the
// prefetch. Throws DataError naming the library and the cause when it cannot be loaded.
SpatiaLiteConnection spatialite_connection();

}  // namespace rz::geo
