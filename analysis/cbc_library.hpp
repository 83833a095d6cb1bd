#pragma once
// CBC's C interface, loaded the first time a siting problem is solved. Linked as usual, CBC and
// the twelve libraries it needs (Clp, Cgl, Osi, LAPACK, BLAS, gfortran, ...) would be mapped and
// bound at the start of every command, about 3 ms that reach, grids and run spend for nothing.
#include <coin/Cbc_C_Interface.h>

namespace rz::analysis {

// The functions solve_mip calls, with the types the header declares.
struct CbcLibrary {
  decltype(&::Cbc_newModel) newModel;
  decltype(&::Cbc_deleteModel) deleteModel;
  decltype(&::Cbc_loadProblem) loadProblem;
  decltype(&::Cbc_setInteger) setInteger;
  decltype(&::Cbc_setObjSense) setObjSense;
  decltype(&::Cbc_setLogLevel) setLogLevel;
  decltype(&::Cbc_setParameter) setParameter;
  decltype(&::Cbc_setMaximumSeconds) setMaximumSeconds;
  decltype(&::Cbc_setMIPStartI) setMIPStartI;
  decltype(&::Cbc_solve) solve;
  decltype(&::Cbc_isProvenOptimal) isProvenOptimal;
  decltype(&::Cbc_secondaryStatus) secondaryStatus;
  decltype(&::Cbc_isProvenInfeasible) isProvenInfeasible;
  decltype(&::Cbc_getColSolution) getColSolution;
  decltype(&::Cbc_getObjValue) getObjValue;
  decltype(&::Cbc_getBestPossibleObjValue) getBestPossibleObjValue;
};

// Loads CBC by the soname found at build time (RZ_CBC_SONAME) on first use; throws DataError
// naming the library and the missing function when that fails.
const CbcLibrary& cbc_library();

}  // namespace rz::analysis
