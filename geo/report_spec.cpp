#include "geo/report_spec.hpp"

#include <utility>

namespace rz::geo {

RowFilter where(std::string field, RowFilter::Op op, std::string value) {
  return {std::move(field), op, std::move(value)};
}

ReportItem report_figures(Bilingual title, std::string layer, std::vector<std::string> fields) {
  ReportItem item;
  item.kind = ReportItemKind::figures;
  item.title = std::move(title);
  item.layer = std::move(layer);
  item.fields = std::move(fields);
  return item;
}

ReportItem report_table(Bilingual title, std::string layer, std::vector<std::string> fields) {
  ReportItem item = report_figures(std::move(title), std::move(layer), std::move(fields));
  item.kind = ReportItemKind::table;
  return item;
}

ReportItem report_bars(Bilingual title, std::string layer, std::string label_field,
                       std::string value_field) {
  ReportItem item;
  item.kind = ReportItemKind::bar_chart;
  item.title = std::move(title);
  item.layer = std::move(layer);
  item.label_field = std::move(label_field);
  item.value_field = std::move(value_field);
  return item;
}

ReportItem report_histogram(Bilingual title, std::string layer, std::string value_field, int bins) {
  ReportItem item;
  item.kind = ReportItemKind::histogram;
  item.title = std::move(title);
  item.layer = std::move(layer);
  item.value_field = std::move(value_field);
  item.bins = bins;
  return item;
}

ReportItem report_names(Bilingual title, std::string layer, std::string label_field,
                        std::string context_field, std::vector<RowFilter> filters,
                        Bilingual empty_text) {
  ReportItem item;
  item.kind = ReportItemKind::name_list;
  item.title = std::move(title);
  item.layer = std::move(layer);
  item.label_field = std::move(label_field);
  item.context_field = std::move(context_field);
  item.filters = std::move(filters);
  item.empty_text = std::move(empty_text);
  return item;
}

ReportItem report_map() {
  ReportItem item;
  item.kind = ReportItemKind::map;
  item.title = {"地图", "Map"};
  return item;
}

ReportItem report_side_by_side(Bilingual title, std::string layer, std::string other_layer,
                               std::string key_field, std::vector<std::string> fields,
                               Bilingual first_name, Bilingual second_name) {
  ReportItem item = report_table(std::move(title), std::move(layer), std::move(fields));
  item.kind = ReportItemKind::side_by_side;
  item.other_layer = std::move(other_layer);
  item.key_field = std::move(key_field);
  item.first_name = std::move(first_name);
  item.second_name = std::move(second_name);
  return item;
}

}  // namespace rz::geo
