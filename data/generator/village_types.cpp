// The type of each village, by kind of unit and distance to the township seat.
#include "data/generator/village_types.hpp"

#include "data/generator/rng.hpp"

namespace rz::gen {

void assign_types(County& c) {
  Rng rng = stream("types");
  for (Township& t : c.townships) {
    for (int vi : t.villages) {
      Village& v = c.villages[static_cast<std::size_t>(vi)];
      const double d = dist(v.seed, t.seat);
      const double u = rng.uniform();
      if (vi == t.seat_village) {
        v.type = VType::hub;
      } else if (v.community && v.name.find("矿") != std::string::npos) {
        v.type = u < 0.5 ? VType::hollow : VType::basic;  // closed mines empty out
      } else if (v.community) {
        v.type = u < 0.35 ? VType::hub : u < 0.85 ? VType::tidal : VType::basic;
      } else if (d < 4000.0) {
        v.type = u < 0.12   ? VType::hub
                 : u < 0.50 ? VType::tidal
                 : u < 0.82 ? VType::basic
                            : VType::hollow;
      } else {
        v.type = u < 0.04   ? VType::hub
                 : u < 0.14 ? VType::tidal
                 : u < 0.56 ? VType::basic
                            : VType::hollow;
      }
    }
  }
}

}  // namespace rz::gen
