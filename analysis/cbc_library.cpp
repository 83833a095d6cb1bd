#include "analysis/cbc_library.hpp"

#include "geo/shared_library.hpp"

namespace rz::analysis {

namespace {

CbcLibrary load() {
  constexpr const char* kPackage = "coinor-libcbc3";
  void* handle = geo::open_shared_library(RZ_CBC_SONAME, "the MILP solver CBC", kPackage);
  CbcLibrary cbc{};
  auto bind = [&](const char* name, auto& function) {
    geo::bind_function(handle, RZ_CBC_SONAME, name, kPackage, function);
  };
  bind("Cbc_newModel", cbc.newModel);
  bind("Cbc_deleteModel", cbc.deleteModel);
  bind("Cbc_loadProblem", cbc.loadProblem);
  bind("Cbc_setInteger", cbc.setInteger);
  bind("Cbc_setObjSense", cbc.setObjSense);
  bind("Cbc_setLogLevel", cbc.setLogLevel);
  bind("Cbc_setParameter", cbc.setParameter);
  bind("Cbc_setMaximumSeconds", cbc.setMaximumSeconds);
  bind("Cbc_setMIPStartI", cbc.setMIPStartI);
  bind("Cbc_solve", cbc.solve);
  bind("Cbc_isProvenOptimal", cbc.isProvenOptimal);
  bind("Cbc_secondaryStatus", cbc.secondaryStatus);
  bind("Cbc_isProvenInfeasible", cbc.isProvenInfeasible);
  bind("Cbc_getColSolution", cbc.getColSolution);
  bind("Cbc_getObjValue", cbc.getObjValue);
  bind("Cbc_getBestPossibleObjValue", cbc.getBestPossibleObjValue);
  return cbc;
}

}  // namespace

const CbcLibrary& cbc_library() {
  static const CbcLibrary cbc = load();
  return cbc;
}

}  // namespace rz::analysis
