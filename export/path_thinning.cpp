#include "export/path_thinning.hpp"

#include <cstddef>

namespace rz::exporting {

double thinning_tolerance(double dpi) {
  return dpi > 0 ? 25.4 / dpi / 2 : 0.05;
}

void thin_path(const std::vector<PagePoint>& part, double tolerance, std::vector<PagePoint>& out) {
  out.clear();
  if (part.empty()) return;
  const double squared = tolerance * tolerance;
  out.push_back(part.front());
  for (std::size_t i = 1; i + 1 < part.size(); ++i) {
    const double dx = part[i].first - out.back().first, dy = part[i].second - out.back().second;
    if (dx * dx + dy * dy >= squared) out.push_back(part[i]);
  }
  if (part.size() > 1) out.push_back(part.back());
}

}  // namespace rz::exporting
