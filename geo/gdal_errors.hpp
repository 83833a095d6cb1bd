#pragma once
// GDAL reports errors through a callback, not through return values alone: a read can return a
// feature and still have failed on the way. ErrorCapture collects what GDAL reports on this
// thread while it lives, so that callers can turn it into a DataError naming the file and the
// cause, instead of GDAL printing it to stderr.
#include <cpl_error.h>

#include <string>
#include <vector>

namespace rz::geo::gdal {

class ErrorCapture {
 public:
  // `forget`: also clear this thread's "last error" first, so that drivers which consult it do
  // not see one left over from earlier work.
  enum class LastError { keep, forget };
  explicit ErrorCapture(LastError last_error = LastError::keep);
  ~ErrorCapture();
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

  // Errors (CE_Failure, CE_Fatal) only: for readers, to whom a warning is no reason to stop.
  bool has_failures() const { return !failures_.empty(); }
  const std::vector<std::string>& failures() const { return failures_; }
  // Throws DataError "<file>: <context>: GDAL: <first failure>" when a failure was captured.
  void throw_if_failed(const std::string& file, const std::string& context) const;

  // Warnings and errors: for writers, to whom a warning means data was changed on the way out.
  bool any() const { return !messages_.empty(); }
  // Every warning and error not taken yet, joined by "; ".
  std::string take_all();

 private:
  static void CPL_STDCALL handler(CPLErr level, CPLErrorNum num, const char* message);
  std::vector<std::string> failures_;
  std::vector<std::string> messages_;
};

}  // namespace rz::geo::gdal
