#pragma once
// Small RAII types over the reentrant GEOS C API. One GeosContext per thread: GEOS contexts are
// not shared across threads, and every geometry remembers the context that made it.
#include <geos_c.h>

#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rz::geo {

class GeosContext {
 public:
  GeosContext();
  ~GeosContext();
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;
  GEOSContextHandle_t get() const { return handle_; }
  // The last message GEOS reported through its error handler (empty if none).
  const std::string& last_error() const { return last_error_; }

 private:
  static void on_error(const char* message, void* self);
  GEOSContextHandle_t handle_;
  std::string last_error_;
};

struct GeometryDeleter {
  GEOSContextHandle_t ctx = nullptr;
  void operator()(GEOSGeometry* g) const {
    if (g) GEOSGeom_destroy_r(ctx, g);
  }
};
using Geometry = std::unique_ptr<GEOSGeometry, GeometryDeleter>;

struct PreparedDeleter {
  GEOSContextHandle_t ctx = nullptr;
  void operator()(const GEOSPreparedGeometry* g) const {
    if (g) GEOSPreparedGeom_destroy_r(ctx, g);
  }
};
using PreparedGeometry = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

// Takes ownership of a geometry returned by GEOS; throws with GEOS's message when it is null.
Geometry own(const GeosContext& ctx, GEOSGeometry* g, const char* operation);

Geometry from_wkb(const GeosContext& ctx, std::span<const unsigned char> wkb);
std::vector<unsigned char> to_wkb(const GeosContext& ctx, const GEOSGeometry* g);
std::string to_wkt(const GeosContext& ctx, const GEOSGeometry* g, int decimals = 3);
Geometry from_wkt(const GeosContext& ctx, const std::string& wkt);
Geometry make_point(const GeosContext& ctx, double x, double y);
PreparedGeometry prepare(const GeosContext& ctx, const GEOSGeometry* g);

// GEOS's reason and location when invalid, nullopt when valid.
std::optional<std::string> invalid_reason(const GeosContext& ctx, const GEOSGeometry* g);
// GEOS MakeValid, keeping only the polygonal part (collapsed pieces are dropped).
Geometry make_valid_polygonal(const GeosContext& ctx, const GEOSGeometry* g);
// The same, given up after `seconds`: a null Geometry then. A polygon that crosses itself
// thousands of times can keep MakeValid busy for minutes. GEOS's interruption is process-wide:
// GEOS calls other threads make meanwhile may be interrupted too, so call it where no other
// thread uses GEOS (the importer's one GEOS thread).
Geometry make_valid_polygonal_within(const GeosContext& ctx, const GEOSGeometry* g, double seconds);
double area(const GeosContext& ctx, const GEOSGeometry* g);
// minx, miny, maxx, maxy
std::array<double, 4> envelope(const GeosContext& ctx, const GEOSGeometry* g);
double length(const GeosContext& ctx, const GEOSGeometry* g);

}  // namespace rz::geo
