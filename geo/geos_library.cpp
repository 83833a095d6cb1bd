#include "geo/geos_library.hpp"

// GEOS is loaded by dlopen when first called instead of linked (geo/geos_library.hpp says why).
// Each GEOS function ruralzone calls is defined here, with the very parameter list geos_c.h
// declares (the compiler refuses any other for a C function of that name): the first call binds
// the library's function, every call forwards to it. A GEOS function used anywhere in ruralzone
// and missing here fails at link time, naming it.
#include <geos_c.h>

#include "geo/shared_library.hpp"

namespace rz::geo {

void* geos_library() {
  // Opened once, by the first thread that needs it (a function-local static is initialised once),
  // and never closed.
  static void* const handle = open_shared_library(RZ_GEOS_SONAME, "GEOS", kGeosPackage);
  return handle;
}

}  // namespace rz::geo

namespace {

template <typename Function>
Function geos_function(const char* name) {
  Function function = nullptr;
  rz::geo::bind_function(rz::geo::geos_library(), RZ_GEOS_SONAME, name, rz::geo::kGeosPackage,
                         function);
  return function;
}

}  // namespace

#define RZ_GEOS_FORWARD(result, name, parameters, arguments)            \
  extern "C" result name parameters {                                   \
    static const auto function = geos_function<decltype(&name)>(#name); \
    return function arguments;                                          \
  }

RZ_GEOS_FORWARD(int, GEOSArea_r, (GEOSContextHandle_t handle, const GEOSGeometry* g, double* area),
                (handle, g, area))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSBoundary_r, (GEOSContextHandle_t handle, const GEOSGeometry* g),
                (handle, g))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSBuffer_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g, double width, int quadsegs),
                (handle, g, width, quadsegs))
RZ_GEOS_FORWARD(GEOSMessageHandler, GEOSContext_setErrorHandler_r,
                (GEOSContextHandle_t extHandle, GEOSMessageHandler ef), (extHandle, ef))
RZ_GEOS_FORWARD(GEOSMessageHandler_r, GEOSContext_setErrorMessageHandler_r,
                (GEOSContextHandle_t extHandle, GEOSMessageHandler_r ef, void* userData),
                (extHandle, ef, userData))
RZ_GEOS_FORWARD(GEOSMessageHandler, GEOSContext_setNoticeHandler_r,
                (GEOSContextHandle_t extHandle, GEOSMessageHandler nf), (extHandle, nf))
RZ_GEOS_FORWARD(GEOSCoordSequence*, GEOSCoordSeq_copyFromBuffer_r,
                (GEOSContextHandle_t handle, const double* buf, unsigned int size, int hasZ,
                 int hasM),
                (handle, buf, size, hasZ, hasM))
RZ_GEOS_FORWARD(int, GEOSCoordSeq_copyToBuffer_r,
                (GEOSContextHandle_t handle, const GEOSCoordSequence* s, double* buf, int hasZ,
                 int hasM),
                (handle, s, buf, hasZ, hasM))
RZ_GEOS_FORWARD(GEOSCoordSequence*, GEOSCoordSeq_create_r,
                (GEOSContextHandle_t handle, unsigned int size, unsigned int dims),
                (handle, size, dims))
RZ_GEOS_FORWARD(int, GEOSCoordSeq_getSize_r,
                (GEOSContextHandle_t handle, const GEOSCoordSequence* s, unsigned int* size),
                (handle, s, size))
RZ_GEOS_FORWARD(int, GEOSCoordSeq_getXY_r,
                (GEOSContextHandle_t handle, const GEOSCoordSequence* s, unsigned int idx,
                 double* x, double* y),
                (handle, s, idx, x, y))
RZ_GEOS_FORWARD(int, GEOSCoordSeq_setXY_r,
                (GEOSContextHandle_t handle, GEOSCoordSequence* s, unsigned int idx, double x,
                 double y),
                (handle, s, idx, x, y))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSCoverageUnion_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSDifferencePrec_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2,
                 double gridSize),
                (handle, g1, g2, gridSize))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSDifference_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2),
                (handle, g1, g2))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSEnvelope_r, (GEOSContextHandle_t handle, const GEOSGeometry* g),
                (handle, g))
RZ_GEOS_FORWARD(void, GEOSFree_r, (GEOSContextHandle_t handle, void* buffer), (handle, buffer))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSGeomFromWKB_buf_r,
                (GEOSContextHandle_t handle, const unsigned char* wkb, size_t size),
                (handle, wkb, size))
RZ_GEOS_FORWARD(int, GEOSGeomGetX_r, (GEOSContextHandle_t handle, const GEOSGeometry* g, double* x),
                (handle, g, x))
RZ_GEOS_FORWARD(int, GEOSGeomGetY_r, (GEOSContextHandle_t handle, const GEOSGeometry* g, double* y),
                (handle, g, y))
RZ_GEOS_FORWARD(int, GEOSGeomTypeId_r, (GEOSContextHandle_t handle, const GEOSGeometry* g),
                (handle, g))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSGeom_clone_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSGeom_createCollection_r,
                (GEOSContextHandle_t handle, int type, GEOSGeometry** geoms, unsigned int ngeoms),
                (handle, type, geoms, ngeoms))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSGeom_createEmptyCollection_r,
                (GEOSContextHandle_t handle, int type), (handle, type))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSGeom_createEmptyPolygon_r, (GEOSContextHandle_t handle),
                (handle))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSGeom_createLineString_r,
                (GEOSContextHandle_t handle, GEOSCoordSequence* s), (handle, s))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSGeom_createLinearRing_r,
                (GEOSContextHandle_t handle, GEOSCoordSequence* s), (handle, s))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSGeom_createPointFromXY_r,
                (GEOSContextHandle_t handle, double x, double y), (handle, x, y))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSGeom_createPolygon_r,
                (GEOSContextHandle_t handle, GEOSGeometry* shell, GEOSGeometry** holes,
                 unsigned int nholes),
                (handle, shell, holes, nholes))
RZ_GEOS_FORWARD(void, GEOSGeom_destroy_r, (GEOSContextHandle_t handle, GEOSGeometry* g),
                (handle, g))
RZ_GEOS_FORWARD(const GEOSCoordSequence*, GEOSGeom_getCoordSeq_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g))
RZ_GEOS_FORWARD(int, GEOSGeom_getExtent_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g, double* xmin, double* ymin,
                 double* xmax, double* ymax),
                (handle, g, xmin, ymin, xmax, ymax))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSGeom_setPrecision_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g, double gridSize, int flags),
                (handle, g, gridSize, flags))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSGeom_transformXY_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g,
                 GEOSTransformXYCallback callback, void* userdata),
                (handle, g, callback, userdata))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSGetCentroid_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g))
RZ_GEOS_FORWARD(const GEOSGeometry*, GEOSGetExteriorRing_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g))
RZ_GEOS_FORWARD(const GEOSGeometry*, GEOSGetGeometryN_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g, int n), (handle, g, n))
RZ_GEOS_FORWARD(const GEOSGeometry*, GEOSGetInteriorRingN_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g, int n), (handle, g, n))
RZ_GEOS_FORWARD(int, GEOSGetNumGeometries_r, (GEOSContextHandle_t handle, const GEOSGeometry* g),
                (handle, g))
RZ_GEOS_FORWARD(int, GEOSGetNumInteriorRings_r, (GEOSContextHandle_t handle, const GEOSGeometry* g),
                (handle, g))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSInterpolate_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* line, double d), (handle, line, d))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSIntersectionPrec_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2,
                 double gridSize),
                (handle, g1, g2, gridSize))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSIntersection_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2),
                (handle, g1, g2))
RZ_GEOS_FORWARD(int, GEOSLength_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g, double* length),
                (handle, g, length))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSMakeValid_r, (GEOSContextHandle_t handle, const GEOSGeometry* g),
                (handle, g))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSPointOnSurface_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSPolygonize_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* const geoms[],
                 unsigned int ngeoms),
                (handle, geoms, ngeoms))
RZ_GEOS_FORWARD(const GEOSPreparedGeometry*, GEOSPrepare_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g))
RZ_GEOS_FORWARD(char, GEOSPreparedContains_r,
                (GEOSContextHandle_t handle, const GEOSPreparedGeometry* pg1,
                 const GEOSGeometry* g2),
                (handle, pg1, g2))
RZ_GEOS_FORWARD(void, GEOSPreparedGeom_destroy_r,
                (GEOSContextHandle_t handle, const GEOSPreparedGeometry* g), (handle, g))
RZ_GEOS_FORWARD(char, GEOSPreparedIntersects_r,
                (GEOSContextHandle_t handle, const GEOSPreparedGeometry* pg1,
                 const GEOSGeometry* g2),
                (handle, pg1, g2))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSSymDifference_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2),
                (handle, g1, g2))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSUnaryUnionPrec_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g, double gridSize),
                (handle, g, gridSize))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSUnaryUnion_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g), (handle, g))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSUnionPrec_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g1, const GEOSGeometry* g2,
                 double gridSize),
                (handle, g1, g2, gridSize))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSVoronoiDiagram_r,
                (GEOSContextHandle_t extHandle, const GEOSGeometry* g, const GEOSGeometry* env,
                 double tolerance, int onlyEdges),
                (extHandle, g, env, tolerance, onlyEdges))
RZ_GEOS_FORWARD(GEOSWKBWriter*, GEOSWKBWriter_create_r, (GEOSContextHandle_t handle), (handle))
RZ_GEOS_FORWARD(void, GEOSWKBWriter_destroy_r, (GEOSContextHandle_t handle, GEOSWKBWriter* writer),
                (handle, writer))
RZ_GEOS_FORWARD(void, GEOSWKBWriter_setOutputDimension_r,
                (GEOSContextHandle_t handle, GEOSWKBWriter* writer, int newDimension),
                (handle, writer, newDimension))
RZ_GEOS_FORWARD(unsigned char*, GEOSWKBWriter_write_r,
                (GEOSContextHandle_t handle, GEOSWKBWriter* writer, const GEOSGeometry* g,
                 size_t* size),
                (handle, writer, g, size))
RZ_GEOS_FORWARD(GEOSWKTReader*, GEOSWKTReader_create_r, (GEOSContextHandle_t handle), (handle))
RZ_GEOS_FORWARD(void, GEOSWKTReader_destroy_r, (GEOSContextHandle_t handle, GEOSWKTReader* reader),
                (handle, reader))
RZ_GEOS_FORWARD(GEOSGeometry*, GEOSWKTReader_read_r,
                (GEOSContextHandle_t handle, GEOSWKTReader* reader, const char* wkt),
                (handle, reader, wkt))
RZ_GEOS_FORWARD(GEOSWKTWriter*, GEOSWKTWriter_create_r, (GEOSContextHandle_t handle), (handle))
RZ_GEOS_FORWARD(void, GEOSWKTWriter_destroy_r, (GEOSContextHandle_t handle, GEOSWKTWriter* writer),
                (handle, writer))
RZ_GEOS_FORWARD(void, GEOSWKTWriter_setRoundingPrecision_r,
                (GEOSContextHandle_t handle, GEOSWKTWriter* writer, int precision),
                (handle, writer, precision))
RZ_GEOS_FORWARD(void, GEOSWKTWriter_setTrim_r,
                (GEOSContextHandle_t handle, GEOSWKTWriter* writer, char trim),
                (handle, writer, trim))
RZ_GEOS_FORWARD(char*, GEOSWKTWriter_write_r,
                (GEOSContextHandle_t handle, GEOSWKTWriter* writer, const GEOSGeometry* g),
                (handle, writer, g))
RZ_GEOS_FORWARD(void, GEOS_finish_r, (GEOSContextHandle_t handle), (handle))
RZ_GEOS_FORWARD(GEOSContextHandle_t, GEOS_init_r, (), ())
RZ_GEOS_FORWARD(char, GEOSisEmpty_r, (GEOSContextHandle_t handle, const GEOSGeometry* g),
                (handle, g))
RZ_GEOS_FORWARD(char, GEOSisValidDetail_r,
                (GEOSContextHandle_t handle, const GEOSGeometry* g, int flags, char** reason,
                 GEOSGeometry** location),
                (handle, g, flags, reason, location))
RZ_GEOS_FORWARD(char, GEOSisValid_r, (GEOSContextHandle_t handle, const GEOSGeometry* g),
                (handle, g))

#undef RZ_GEOS_FORWARD
