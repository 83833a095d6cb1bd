#include "analysis/cbc_library.hpp"

#include <dlfcn.h>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace rz::analysis {

namespace {

template <typename Function>
void bind(void* handle, const char* name, Function& out) {
  // POSIX guarantees that a function's address survives the round trip through void*.
  out = reinterpret_cast<Function>(dlsym(handle, name));
  if (!out)
    throw DataError(
        fmt::format("{} has no function {}: is coinor-libcbc3 the version ruralzone "
                    "was built with?",
                    RZ_CBC_SONAME, name));
}

CbcLibrary load() {
  // Never unloaded: CBC's static objects must outlive every model.
  void* handle = dlopen(RZ_CBC_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    throw DataError(fmt::format("cannot load the MILP solver CBC ({}): {}; install coinor-libcbc3",
                                RZ_CBC_SONAME, dlerror()));
  CbcLibrary cbc{};
  bind(handle, "Cbc_newModel", cbc.newModel);
  bind(handle, "Cbc_deleteModel", cbc.deleteModel);
  bind(handle, "Cbc_loadProblem", cbc.loadProblem);
  bind(handle, "Cbc_setInteger", cbc.setInteger);
  bind(handle, "Cbc_setObjSense", cbc.setObjSense);
  bind(handle, "Cbc_setLogLevel", cbc.setLogLevel);
  bind(handle, "Cbc_setParameter", cbc.setParameter);
  bind(handle, "Cbc_setMaximumSeconds", cbc.setMaximumSeconds);
  bind(handle, "Cbc_setMIPStartI", cbc.setMIPStartI);
  bind(handle, "Cbc_solve", cbc.solve);
  bind(handle, "Cbc_isProvenOptimal", cbc.isProvenOptimal);
  bind(handle, "Cbc_secondaryStatus", cbc.secondaryStatus);
  bind(handle, "Cbc_isProvenInfeasible", cbc.isProvenInfeasible);
  bind(handle, "Cbc_getColSolution", cbc.getColSolution);
  bind(handle, "Cbc_getObjValue", cbc.getObjValue);
  bind(handle, "Cbc_getBestPossibleObjValue", cbc.getBestPossibleObjValue);
  return cbc;
}

}  // namespace

const CbcLibrary& cbc_library() {
  static const CbcLibrary cbc = load();
  return cbc;
}

}  // namespace rz::analysis
