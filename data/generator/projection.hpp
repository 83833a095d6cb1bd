#pragma once
// PROJ between CGCS2000 lon/lat (EPSG:4490, treated as WGS84) and the EPSG:4546 metres the county
// is built in.
#include <proj.h>

#include <stdexcept>

#include "data/generator/geometry.hpp"
#include "geo/web_coords.hpp"

namespace rz::gen {

class Projection {
 public:
  Projection() {
    ctx_ = proj_context_create();
    PJ* raw = proj_create_crs_to_crs(ctx_, "EPSG:4490", "EPSG:4546", nullptr);
    if (!raw) throw std::runtime_error("PROJ: cannot create EPSG:4490 -> EPSG:4546");
    pj_ = proj_normalize_for_visualization(ctx_, raw);
    proj_destroy(raw);
    if (!pj_) throw std::runtime_error("PROJ: cannot normalize axis order");
  }
  ~Projection() {
    proj_destroy(pj_);
    proj_context_destroy(ctx_);
  }
  Projection(const Projection&) = delete;
  Projection& operator=(const Projection&) = delete;

  Pt forward(rz::geo::LonLat ll) const {
    const PJ_COORD c = proj_trans(pj_, PJ_FWD, proj_coord(ll.lon, ll.lat, 0, 0));
    return {c.xy.x, c.xy.y};
  }
  rz::geo::LonLat inverse(Pt p) const {
    const PJ_COORD c = proj_trans(pj_, PJ_INV, proj_coord(p.x, p.y, 0, 0));
    return {c.lp.lam, c.lp.phi};
  }

 private:
  PJ_CONTEXT* ctx_ = nullptr;
  PJ* pj_ = nullptr;
};

}  // namespace rz::gen
