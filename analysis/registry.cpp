#include "analysis/registry.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace rz::analysis {

std::vector<Analysis> in_dependency_order(std::vector<Analysis> listed) {
  std::vector<Analysis> ordered;
  std::vector<bool> placed(listed.size(), false);
  auto is_placed = [&](const std::string& name) {
    return std::any_of(ordered.begin(), ordered.end(),
                       [&](const Analysis& a) { return a.name == name; });
  };
  for (const auto& a : listed)
    for (const auto& before : a.after)
      if (std::none_of(listed.begin(), listed.end(),
                       [&](const Analysis& b) { return b.name == before; }))
        throw std::logic_error(
            fmt::format("analysis {} comes after «{}», which is no analysis", a.name, before));
  while (ordered.size() < listed.size()) {
    bool progress = false;
    for (size_t i = 0; i < listed.size(); ++i) {
      if (placed[i]) continue;
      const auto& after = listed[i].after;
      if (std::all_of(after.begin(), after.end(), is_placed)) {
        ordered.push_back(listed[i]);
        placed[i] = true;
        progress = true;
        break;  // from the top again: the listed order wins among those ready
      }
    }
    if (!progress) {
      auto stuck = std::find(placed.begin(), placed.end(), false) - placed.begin();
      throw std::logic_error(fmt::format("analysis {} is in a cycle of `after`",
                                         listed[static_cast<size_t>(stuck)].name));
    }
  }
  return ordered;
}

const std::vector<Analysis>& analyses() {
  static const std::vector<Analysis> all = in_dependency_order({
      grid_coverage_analysis(),
      reach_analysis(),
      road_reach_analysis(),
      siting_analysis(),
      od_matrix_analysis(),
      village_assessment_analysis(),
      zone_check_analysis(),
      zone_design_analysis(),
      zone_tour_analysis(),
  });
  return all;
}

const Analysis* find_analysis(std::string_view name) {
  for (const auto& a : analyses())
    if (a.name == name) return &a;
  return nullptr;
}

std::vector<const Analysis*> analyses_of_command(std::string_view command) {
  std::vector<const Analysis*> out;
  for (const auto& a : analyses())
    if (a.command == command) out.push_back(&a);
  return out;
}

const Setting* Analysis::setting(const std::string& key) const {
  for (const auto& s : settings)
    if (s.key == key) return &s;
  return nullptr;
}

const ResultLayer* Analysis::layer(const std::string& layer_name) const {
  for (const auto& l : layers)
    if (l.name == layer_name) return &l;
  return nullptr;
}

std::string RunContext::layer(const std::string& kind) const {
  auto it = layer_of_kind.find(kind);
  return it == layer_of_kind.end() ? kind : it->second;
}

}  // namespace rz::analysis
