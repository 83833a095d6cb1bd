#pragma once
// The registry: every analysis ruralzone has, in the order the main job runs them (each after
// the analyses it names in `after`). Adding an analysis is one folder, analysis/<name>/ with its
// entry.cpp declaring it, and one line in registry.cpp.
#include <string_view>
#include <vector>

#include "analysis/common/analysis.hpp"

namespace rz::analysis {

// Each analysis's declaration (analysis/<name>/entry.cpp).
Analysis grid_coverage_analysis();
Analysis reach_analysis();
Analysis road_reach_analysis();
Analysis siting_analysis();
Analysis od_matrix_analysis();
Analysis village_assessment_analysis();
Analysis zone_check_analysis();
Analysis zone_design_analysis();
Analysis zone_tour_analysis();

// All of them, ordered so that each comes after those it names in `after` (otherwise in the
// order registry.cpp lists them).
const std::vector<Analysis>& analyses();
// nullptr when there is none of that name.
const Analysis* find_analysis(std::string_view name);
// The analyses of a subcommand, in registry order (empty when it is no analysis's).
std::vector<const Analysis*> analyses_of_command(std::string_view command);

// `listed` ordered by `after` (stable); std::logic_error naming the analysis for an unknown name
// in `after` or a cycle. Public for its test.
std::vector<Analysis> in_dependency_order(std::vector<Analysis> listed);

}  // namespace rz::analysis
