#pragma once
// The fields several analyses' result layers share, declared once (analysis.hpp's ResultField).
#include <array>
#include <string>
#include <vector>

#include "analysis/common/analysis.hpp"

namespace rz::analysis {

ResultField field(std::string name, geo::FieldType type, std::string unit, std::string description,
                  std::string alias_zh = {});

// household_fid, household_id: which household a row is.
std::vector<ResultField> household_id_fields();
// village_code, village_name, township_code, township_name: where a row is.
std::vector<ResultField> place_fields();
// village_code, village_name, township_code (the road reach and siting households).
std::vector<ResultField> village_and_township_code_fields();

// village_fid, facility_fid: the fids through which a per-household view reads the village's
// and the facility's names (geo::ValuesFrom).
ResultField village_fid_field();
ResultField facility_fid_field();

std::vector<ResultField> concat(std::vector<ResultField> a, const std::vector<ResultField>& b);

// The styles result layers declare (geo/presentation.hpp), built alike in every entry.cpp.
// One symbol for every feature, labelled with `label_field` when given.
geo::LayerStyle single_style(geo::Symbol symbol, std::string label_field = {});
// A class per value of `field`.
geo::LayerStyle categorized_style(std::string field, std::vector<geo::StyleClass> classes,
                                  std::string label_field = {});
// Classes of `field`'s value: the declared ones, or (none declared) computed from the data with
// `symbol` as their template.
geo::LayerStyle graduated_style(std::string field, geo::Symbol symbol,
                                std::vector<geo::StyleClass> classes = {},
                                std::string label_field = {});
// The same style, unchecked in the project's layer tree and left off the maps: a layer of
// millions of rows, or a township or county summary that would cover the villages.
geo::LayerStyle hidden(geo::LayerStyle style);
// A categorized class: features whose value is `value`.
geo::StyleClass category_class(std::string value, geo::Bilingual label, geo::Symbol symbol);
// A graduated class: features with lower < value <= upper.
geo::StyleClass range_class(double lower, double upper, geo::Bilingual label, geo::Symbol symbol);
// A share 0-1 in three declared classes, red from 0 to `fair`, orange to `good`, green to 1,
// as translucent fills of the polygons; `labels` names them in that order.
geo::LayerStyle share_style(std::string field, double fair, double good,
                            std::array<geo::Bilingual, 3> labels, std::string label_field);

}  // namespace rz::analysis
