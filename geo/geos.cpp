#include "geo/geos.hpp"

#include <atomic>
#include <chrono>
#include <cstdarg>
#include <cstdio>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::geo {

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
  GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::on_error, this);
}

GeosContext::~GeosContext() {
  GEOS_finish_r(handle_);
}

void GeosContext::on_error(const char* message, void* self) {
  static_cast<GeosContext*>(self)->last_error_ = message ? message : "";
}

Geometry own(const GeosContext& ctx, GEOSGeometry* g, const char* operation) {
  if (!g)
    throw DataError(
        fmt::format(fmt::runtime(tr("GEOS {} failed: {}")), operation, ctx.last_error()));
  return Geometry(g, GeometryDeleter{ctx.get()});
}

Geometry from_wkb(const GeosContext& ctx, std::span<const unsigned char> wkb) {
  return own(ctx, GEOSGeomFromWKB_buf_r(ctx.get(), wkb.data(), wkb.size()), "WKB reading");
}

std::vector<unsigned char> to_wkb(const GeosContext& ctx, const GEOSGeometry* g) {
  GEOSWKBWriter* writer = GEOSWKBWriter_create_r(ctx.get());
  size_t size = 0;
  unsigned char* buf = GEOSWKBWriter_write_r(ctx.get(), writer, g, &size);
  GEOSWKBWriter_destroy_r(ctx.get(), writer);
  if (!buf)
    throw DataError(fmt::format(fmt::runtime(tr("GEOS WKB writing failed: {}")), ctx.last_error()));
  std::vector<unsigned char> out(buf, buf + size);
  GEOSFree_r(ctx.get(), buf);
  return out;
}

std::string to_wkt(const GeosContext& ctx, const GEOSGeometry* g, int decimals) {
  GEOSWKTWriter* writer = GEOSWKTWriter_create_r(ctx.get());
  GEOSWKTWriter_setRoundingPrecision_r(ctx.get(), writer, decimals);
  GEOSWKTWriter_setTrim_r(ctx.get(), writer, 1);
  char* text = GEOSWKTWriter_write_r(ctx.get(), writer, g);
  GEOSWKTWriter_destroy_r(ctx.get(), writer);
  std::string out = text ? text : "";
  GEOSFree_r(ctx.get(), text);
  return out;
}

Geometry from_wkt(const GeosContext& ctx, const std::string& wkt) {
  GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx.get());
  GEOSGeometry* g = GEOSWKTReader_read_r(ctx.get(), reader, wkt.c_str());
  GEOSWKTReader_destroy_r(ctx.get(), reader);
  return own(ctx, g, "WKT reading");
}

Geometry make_point(const GeosContext& ctx, double x, double y) {
  return own(ctx, GEOSGeom_createPointFromXY_r(ctx.get(), x, y), "point creation");
}

PreparedGeometry prepare(const GeosContext& ctx, const GEOSGeometry* g) {
  const GEOSPreparedGeometry* p = GEOSPrepare_r(ctx.get(), g);
  if (!p)
    throw DataError(fmt::format(fmt::runtime(tr("GEOS prepare failed: {}")), ctx.last_error()));
  return PreparedGeometry(p, PreparedDeleter{ctx.get()});
}

std::optional<std::string> invalid_reason(const GeosContext& ctx, const GEOSGeometry* g) {
  char* reason = nullptr;
  GEOSGeometry* location = nullptr;
  char valid = GEOSisValidDetail_r(ctx.get(), g, 0, &reason, &location);
  if (valid == 1) return std::nullopt;
  std::string text = reason ? reason : ctx.last_error();
  if (location) {
    double x = 0, y = 0;
    GEOSGeomGetX_r(ctx.get(), location, &x);
    GEOSGeomGetY_r(ctx.get(), location, &y);
    text += fmt::format(" at ({:.3f} {:.3f})", x, y);
    GEOSGeom_destroy_r(ctx.get(), location);
  }
  GEOSFree_r(ctx.get(), reason);
  return text;
}

Geometry make_valid_polygonal(const GeosContext& ctx, const GEOSGeometry* g) {
  Geometry valid = own(ctx, GEOSMakeValid_r(ctx.get(), g), "MakeValid");
  // MakeValid may return a GeometryCollection holding lines or points where rings collapsed;
  // a polygon layer keeps only the areal part, as one MultiPolygon.
  std::vector<GEOSGeometry*> polygons;
  auto collect = [&](const GEOSGeometry* part) {
    int type = GEOSGeomTypeId_r(ctx.get(), part);
    if (type == GEOS_POLYGON) {
      polygons.push_back(GEOSGeom_clone_r(ctx.get(), part));
    } else if (type == GEOS_MULTIPOLYGON) {
      for (int i = 0; i < GEOSGetNumGeometries_r(ctx.get(), part); ++i)
        polygons.push_back(GEOSGeom_clone_r(ctx.get(), GEOSGetGeometryN_r(ctx.get(), part, i)));
    }
  };
  if (GEOSGeomTypeId_r(ctx.get(), valid.get()) == GEOS_GEOMETRYCOLLECTION) {
    for (int i = 0; i < GEOSGetNumGeometries_r(ctx.get(), valid.get()); ++i)
      collect(GEOSGetGeometryN_r(ctx.get(), valid.get(), i));
  } else {
    collect(valid.get());
  }
  return own(ctx,
             GEOSGeom_createCollection_r(ctx.get(), GEOS_MULTIPOLYGON, polygons.data(),
                                         static_cast<unsigned>(polygons.size())),
             "MultiPolygon creation");
}

namespace {
// GEOS calls the interrupt callback at its check points, from whichever thread is working.
std::atomic<int64_t> interrupt_deadline_ns{0};  // 0: no deadline
int64_t steady_now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
void interrupt_after_deadline() {
  int64_t deadline = interrupt_deadline_ns.load(std::memory_order_relaxed);
  if (deadline != 0 && steady_now_ns() > deadline) GEOS_interruptRequest();
}
}  // namespace

Geometry make_valid_polygonal_within(const GeosContext& ctx, const GEOSGeometry* g,
                                     double seconds) {
  interrupt_deadline_ns = steady_now_ns() + static_cast<int64_t>(seconds * 1e9);
  GEOSInterruptCallback* previous = GEOS_interruptRegisterCallback(&interrupt_after_deadline);
  Geometry out;
  try {
    out = make_valid_polygonal(ctx, g);
  } catch (const DataError&) {
    if (steady_now_ns() <= interrupt_deadline_ns) {
      interrupt_deadline_ns = 0;
      GEOS_interruptRegisterCallback(previous);
      throw;
    }
  }
  interrupt_deadline_ns = 0;
  GEOS_interruptRegisterCallback(previous);
  GEOS_interruptCancel();
  return out;
}

double area(const GeosContext& ctx, const GEOSGeometry* g) {
  double a = 0;
  GEOSArea_r(ctx.get(), g, &a);
  return a;
}

std::array<double, 4> envelope(const GeosContext& ctx, const GEOSGeometry* g) {
  std::array<double, 4> e{0, 0, 0, 0};
  GEOSGeom_getExtent_r(ctx.get(), g, &e[0], &e[1], &e[2], &e[3]);
  return e;
}

double length(const GeosContext& ctx, const GEOSGeometry* g) {
  double l = 0;
  GEOSLength_r(ctx.get(), g, &l);
  return l;
}

}  // namespace rz::geo
