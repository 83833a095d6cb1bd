#include "analysis/common/result_fields.hpp"

namespace rz::analysis {

using geo::FieldType;

ResultField field(std::string name, FieldType type, std::string unit, std::string description,
                  std::string alias_zh) {
  return {std::move(name), type, std::move(unit), std::move(description), std::move(alias_zh)};
}

std::vector<ResultField> household_id_fields() {
  return {field("household_fid", FieldType::integer, "", "The household's fid", "农户要素ID"),
          field("household_id", FieldType::text, "", "Household id (户编号)", "户编号")};
}

std::vector<ResultField> place_fields() {
  return {field("village_code", FieldType::text, "", "Village code (村代码)", "村代码"),
          field("village_name", FieldType::text, "", "Village name", "村名"),
          field("township_code", FieldType::text, "", "Township code (乡镇代码)", "乡镇代码"),
          field("township_name", FieldType::text, "", "Township name", "乡镇名称")};
}

std::vector<ResultField> village_and_township_code_fields() {
  auto out = place_fields();
  out.pop_back();
  return out;
}

ResultField village_fid_field() {
  return field("village_fid", geo::FieldType::integer, "",
               "fid of the household's village in the villages layer", "村要素ID");
}

ResultField facility_fid_field() {
  return field("facility_fid", geo::FieldType::integer, "",
               "fid of the nearest facility in the facilities layer", "最近设施要素ID");
}

std::vector<ResultField> concat(std::vector<ResultField> a, const std::vector<ResultField>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

geo::LayerStyle single_style(geo::Symbol symbol, std::string label_field) {
  geo::LayerStyle s;
  s.symbol = std::move(symbol);
  s.label_field = std::move(label_field);
  return s;
}

geo::LayerStyle categorized_style(std::string field, std::vector<geo::StyleClass> classes,
                                  std::string label_field) {
  geo::LayerStyle s;
  s.kind = geo::StyleKind::categorized;
  s.field = std::move(field);
  if (!classes.empty()) s.symbol = classes.front().symbol;
  s.classes = std::move(classes);
  s.label_field = std::move(label_field);
  return s;
}

geo::LayerStyle graduated_style(std::string field, geo::Symbol symbol,
                                std::vector<geo::StyleClass> classes, std::string label_field) {
  geo::LayerStyle s;
  s.kind = geo::StyleKind::graduated;
  s.field = std::move(field);
  s.symbol = std::move(symbol);
  s.classes = std::move(classes);
  s.label_field = std::move(label_field);
  return s;
}

geo::LayerStyle hidden(geo::LayerStyle style) {
  style.shown = false;
  return style;
}

geo::StyleClass category_class(std::string value, geo::Bilingual label, geo::Symbol symbol) {
  geo::StyleClass c;
  c.value = std::move(value);
  c.label = std::move(label);
  c.symbol = std::move(symbol);
  return c;
}

geo::StyleClass range_class(double lower, double upper, geo::Bilingual label, geo::Symbol symbol) {
  geo::StyleClass c;
  c.lower = lower;
  c.upper = upper;
  c.label = std::move(label);
  c.symbol = std::move(symbol);
  return c;
}

geo::LayerStyle share_style(std::string field, double fair, double good,
                            std::array<geo::Bilingual, 3> labels, std::string label_field) {
  auto fill = [](const char* colour) { return geo::solid_fill(colour, 0.6, "#636363"); };
  return graduated_style(std::move(field), fill("#1a9641"),
                         {range_class(0, fair, std::move(labels[0]), fill("#d7191c")),
                          range_class(fair, good, std::move(labels[1]), fill("#fdae61")),
                          range_class(good, 1, std::move(labels[2]), fill("#1a9641"))},
                         std::move(label_field));
}

}  // namespace rz::analysis
