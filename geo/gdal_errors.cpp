#include "geo/gdal_errors.hpp"

#include <fmt/format.h>

#include "geo/error.hpp"

namespace rz::geo::gdal {

ErrorCapture::ErrorCapture(LastError last_error) {
  if (last_error == LastError::forget) CPLErrorReset();
  CPLPushErrorHandlerEx(&ErrorCapture::handler, this);
}

ErrorCapture::~ErrorCapture() {
  CPLPopErrorHandler();
}

void CPL_STDCALL ErrorCapture::handler(CPLErr level, CPLErrorNum, const char* message) {
  auto* self = static_cast<ErrorCapture*>(CPLGetErrorHandlerUserData());
  if (!self) return;
  if (level != CE_Warning && level != CE_Failure && level != CE_Fatal) return;
  if (level != CE_Warning) self->failures_.emplace_back(message ? message : "");
  self->messages_.emplace_back(message ? message : "unknown GDAL error");
}

void ErrorCapture::throw_if_failed(const std::string& file, const std::string& context) const {
  if (failures_.empty()) return;
  throw DataError(fmt::format("{}: {}{}GDAL: {}", file, context, context.empty() ? "" : ": ",
                              failures_.front()));
}

std::string ErrorCapture::take_all() {
  std::string out;
  for (const auto& m : messages_) out += (out.empty() ? "" : "; ") + m;
  messages_.clear();
  return out;
}

}  // namespace rz::geo::gdal
