// The final checks of checks.hpp: they warn, they do not stop the generator.
#include "data/generator/checks.hpp"

#include <cstddef>
#include <cstdio>

namespace rz::gen {

void check(const County& c) {
  // Tiling: village areas add up to the county, township areas too.
  double va = 0;
  for (const Village& v : c.villages) va += geo::area(geos(), v.geom.get());
  double ta = 0;
  for (const Township& t : c.townships) ta += geo::area(geos(), t.geom.get());
  const double ca = geo::area(geos(), c.outline.get());
  std::printf("areas: county outline %.1f m2, villages %.1f m2, townships %.1f m2\n", ca, va, ta);
  int invalid = 0;
  for (const Village& v : c.villages) invalid += geo::is_valid(geos(), v.geom.get()) ? 0 : 1;
  for (const Grid& g : c.grids) invalid += geo::is_valid(geos(), g.geom.get()) ? 0 : 1;
  for (const Township& t : c.townships) invalid += geo::is_valid(geos(), t.geom.get()) ? 0 : 1;
  if (invalid) std::printf("WARNING: %d invalid polygons\n", invalid);
  int outside = 0;
  for (const Household& h : c.households)
    outside += c.villages[static_cast<std::size_t>(h.village)].poly.contains(h.p) ? 0 : 1;
  if (outside) std::printf("WARNING: %d households outside their village\n", outside);
}

}  // namespace rz::gen
