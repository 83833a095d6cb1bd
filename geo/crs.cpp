#include "geo/crs.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::geo {

int gauss_kruger_epsg_for_longitude(double longitude) {
  // EPSG:4534 is CM 75°E, each following code 3° further east, up to EPSG:4554 at CM 135°E.
  long zone = std::lround((longitude - 75.0) / 3.0);
  zone = std::clamp(zone, 0L, 20L);
  return 4534 + static_cast<int>(zone);
}

Crs::Crs(const std::string& definition) : ctx_(proj_context_create()), definition_(definition) {
  pj_ = proj_create(ctx_, definition.c_str());
  if (!pj_ || !proj_is_crs(pj_)) {
    std::string why = proj_context_errno_string(ctx_, proj_context_errno(ctx_));
    if (pj_) proj_destroy(pj_);
    proj_context_destroy(ctx_);
    throw UsageError(
        fmt::format(fmt::runtime(tr("not a coordinate reference system PROJ knows: {} ({})")),
                    in_quotes(definition.substr(0, 80)), why));
  }
}

Crs::~Crs() {
  proj_destroy(pj_);
  proj_context_destroy(ctx_);
}

bool Crs::is_geographic() const {
  PJ_TYPE t = proj_get_type(pj_);
  if (t == PJ_TYPE_BOUND_CRS) {
    PJ* base = proj_get_source_crs(ctx_, pj_);
    t = proj_get_type(base);
    proj_destroy(base);
  }
  return t == PJ_TYPE_GEOGRAPHIC_2D_CRS || t == PJ_TYPE_GEOGRAPHIC_3D_CRS ||
         t == PJ_TYPE_GEOGRAPHIC_CRS;
}

std::string Crs::epsg() const {
  if (const char* auth = proj_get_id_auth_name(pj_, 0)) {
    if (std::string(auth) == "EPSG") return fmt::format("EPSG:{}", proj_get_id_code(pj_, 0));
  }
  int count = 0;
  int* confidence = nullptr;
  PJ_OBJ_LIST* matches = proj_identify(ctx_, pj_, "EPSG", nullptr, &confidence);
  std::string out;
  if (matches) count = proj_list_get_count(matches);
  if (count > 0 && confidence[0] >= 90) {
    PJ* best = proj_list_get(ctx_, matches, 0);
    out = fmt::format("EPSG:{}", proj_get_id_code(best, 0));
    proj_destroy(best);
  }
  proj_int_list_destroy(confidence);
  proj_list_destroy(matches);
  return out;
}

std::string Crs::name() const {
  const char* n = proj_get_name(pj_);
  return n ? n : "";
}

CrsTransform::CrsTransform(const std::string& source, const std::string& target)
    : ctx_(proj_context_create()) {
  PJ* raw = proj_create_crs_to_crs(ctx_, source.c_str(), target.c_str(), nullptr);
  if (!raw) {
    std::string why = proj_context_errno_string(ctx_, proj_context_errno(ctx_));
    proj_context_destroy(ctx_);
    throw UsageError(fmt::format(fmt::runtime(tr("PROJ cannot transform from {} to {}: {}")),
                                 in_quotes(source.substr(0, 80)), in_quotes(target), why));
  }
  pj_ = proj_normalize_for_visualization(ctx_, raw);
  proj_destroy(raw);
  if (!pj_) {
    proj_context_destroy(ctx_);
    throw UsageError(tr("PROJ could not normalise the axis order of a transform"));
  }
}

CrsTransform::~CrsTransform() {
  proj_destroy(pj_);
  proj_context_destroy(ctx_);
}

bool CrsTransform::transform(std::span<double> xs, std::span<double> ys) const {
  size_t n = xs.size();
  proj_trans_generic(pj_, PJ_FWD, xs.data(), sizeof(double), n, ys.data(), sizeof(double), n,
                     nullptr, 0, 0, nullptr, 0, 0);
  for (size_t i = 0; i < n; ++i)
    if (!std::isfinite(xs[i]) || !std::isfinite(ys[i]) || xs[i] == HUGE_VAL) return false;
  return true;
}

}  // namespace rz::geo
