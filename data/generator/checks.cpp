// The final checks of checks.hpp: they warn, they do not stop the generator.
#include "data/generator/checks.hpp"

#include <geos_c.h>

#include <cstddef>
#include <cstdio>

namespace rz::gen {

void check(const County& c) {
  // Tiling: village areas add up to the county, township areas too.
  double va = 0;
  for (const Village& v : c.villages) va += area(v.geom.get());
  double ta = 0;
  for (const Township& t : c.townships) ta += area(t.geom.get());
  const double ca = area(c.outline.get());
  std::printf("areas: county outline %.1f m2, villages %.1f m2, townships %.1f m2\n", ca, va, ta);
  int invalid = 0;
  for (const Village& v : c.villages) invalid += GEOSisValid_r(G, v.geom.get()) == 1 ? 0 : 1;
  for (const Grid& g : c.grids) invalid += GEOSisValid_r(G, g.geom.get()) == 1 ? 0 : 1;
  for (const Township& t : c.townships) invalid += GEOSisValid_r(G, t.geom.get()) == 1 ? 0 : 1;
  if (invalid) std::printf("WARNING: %d invalid polygons\n", invalid);
  int outside = 0;
  for (const Household& h : c.households)
    outside += c.villages[static_cast<std::size_t>(h.village)].poly.contains(h.p) ? 0 : 1;
  if (outside) std::printf("WARNING: %d households outside their village\n", outside);
}

}  // namespace rz::gen
