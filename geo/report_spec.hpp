#pragma once
// What an analysis's section of the planner's report shows, declared once beside its result
// layers (analysis/<name>/entry.cpp) and read by the report (export/report_build.hpp): key
// figures, tables, bar charts, histograms, lists of village names and the analysis's map, each
// drawn from one result layer of the store. Plain values, no handles.
#include <cstdint>
#include <string>
#include <vector>

#include "geo/presentation.hpp"

namespace rz::geo {

// A row is shown when every filter holds: `field` compared with `value` (a number when both
// read as numbers, else text); `nonempty` ignores `value`.
struct RowFilter {
  enum class Op { eq, ne, gt, ge, lt, le, nonempty };
  std::string field;
  Op op = Op::eq;
  std::string value;
};

enum class ReportItemKind {
  figures,    // one row's fields as labelled numbers (a county or summary row)
  table,      // rows × fields
  bar_chart,  // one bar per row: label_field against value_field
  histogram,  // value_field's rows counted in `bins` equal classes
  name_list,  // the rows' label_field joined ("丙穴居委会（珠泉镇）、…"), with a count
  map,        // the analysis's printed map (export/map_render.hpp)
  // `layer` beside `other_layer`, row by row on key_field: each of `fields` from both (the
  // current zone's checks beside the designed zone's).
  side_by_side,
};

// A value from another layer, found by this row's `via` field equal to that layer's `key`
// field: the township of a site from the villages layer (the layer of kind `kind`).
struct Lookup {
  std::string kind;  // the store layer of this kind (an input kind: villages)
  std::string key, value, via;
  Bilingual title;  // the column's header
};

struct ReportItem {
  ReportItemKind kind = ReportItemKind::table;
  Bilingual title;
  std::string layer;
  std::vector<std::string> fields;  // figures, table: the fields shown, in order
  std::string label_field;          // bar_chart, name_list: the row's name
  std::string context_field;        // name_list: shown in brackets after the name (township)
  std::string value_field;          // bar_chart, histogram
  std::vector<RowFilter> filters;
  std::string order_by;  // a field; rows in store order when empty
  bool descending = false;
  int64_t limit = 0;  // rows shown at most (0: all); the report says how many more there are
  int bins = 10;      // histogram
  // A table, chart or list per distinct value of this field (a reach's rows per facility
  // category), each titled with the value's name.
  std::string split_field;
  // Integer fields read as yes/no (pass, proven_optimal): 是/否.
  std::vector<std::string> yes_no_fields;
  Bilingual empty_text;         // said when no row matches (e.g. "every village has a grid")
  std::vector<Lookup> lookups;  // table: more columns; name_list: the context
  // side_by_side
  std::string other_layer, key_field;
  Bilingual first_name, second_name;
};

struct ReportSpec {
  Bilingual question;  // the planner's question the section answers, its first line
  std::vector<ReportItem> items;
};

// Shorthands for the declarations.
RowFilter where(std::string field, RowFilter::Op op, std::string value = "");
ReportItem report_figures(Bilingual title, std::string layer, std::vector<std::string> fields);
ReportItem report_table(Bilingual title, std::string layer, std::vector<std::string> fields);
ReportItem report_bars(Bilingual title, std::string layer, std::string label_field,
                       std::string value_field);
ReportItem report_histogram(Bilingual title, std::string layer, std::string value_field,
                            int bins = 10);
ReportItem report_names(Bilingual title, std::string layer, std::string label_field,
                        std::string context_field, std::vector<RowFilter> filters,
                        Bilingual empty_text);
ReportItem report_map();
ReportItem report_side_by_side(Bilingual title, std::string layer, std::string other_layer,
                               std::string key_field, std::vector<std::string> fields,
                               Bilingual first_name, Bilingual second_name);

}  // namespace rz::geo
