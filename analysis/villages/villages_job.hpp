#pragma once
// The village assessment as a step of a project (ruralzone villages): reads the villages layer
// (its canonical fields; a 六无 condition's field may also be one the layer keeps in its attrs),
// refuses values out of range (DataError naming each village code and field; nothing written),
// assesses every village and writes, in one transaction replacing an earlier run's:
//   village_assessment  one row per village, on its polygon (type, 十好, 六无, collective economy)
//   village_townships   one row per township (table): demonstration points against the ratio,
//                       十好 + 六无 coverage, types, the best candidates for new points
//   village_county      one row per county (table): the same over the county
#include <string>
#include <vector>

#include "analysis/villages/assessment.hpp"
#include "geo/store.hpp"

namespace rz::analysis {

struct VillageLayers {
  std::string villages = "villages";
  std::string townships = "townships";  // their polygons go on village_townships, when there
};

struct VillageAssessmentReport {
  std::string layer;
  std::vector<VillageValues> villages;
  std::vector<VillageAssessment> assessed;
  std::vector<AreaAssessment> townships, counties;
  AssessmentSettings settings;
  std::vector<std::string> absent_fields;  // needed fields the layer has no column for
  std::vector<std::string> warnings, layers_written;
};

const std::vector<std::string>& village_result_layers();

VillageAssessmentReport run_village_assessment(geo::Store& store,
                                               const AssessmentSettings& settings,
                                               const VillageLayers& layers = {});

}  // namespace rz::analysis
