#pragma once
// The planner's report as plain text blocks in one language, built from the store
// (export/report_build.hpp) and drawn as HTML (report_html.hpp) or PDF (report_pdf.hpp): what
// the two show is the same because they draw the same document.
#include <cstdint>
#include <string>
#include <vector>

namespace rz::exporting {

struct ReportTable {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // per column: right-aligned
};

struct ReportChart {
  std::vector<std::string> labels;
  std::vector<double> values;
  bool percent = false;  // values are shares, drawn as %
};

struct ReportBlock {
  enum class Kind { paragraph, figures, table, chart, names, map, note };
  Kind kind = Kind::paragraph;
  std::string title;
  std::string text;                                          // paragraph, names, note
  std::vector<std::pair<std::string, std::string>> figures;  // label, value
  ReportTable table;
  ReportChart chart;
  std::string png;    // map: the PNG file's bytes
  double aspect = 1;  // map: height / width
};

struct ReportSection {
  std::string title;
  bool ran = true;
  std::vector<ReportBlock> blocks;
};

struct ReportDocument {
  std::string lang;  // the HTML lang attribute: zh-CN or en
  std::string title, subtitle;
  std::vector<std::pair<std::string, std::string>> facts;  // the store, CRS, date
  std::vector<ReportSection> sections;
};

}  // namespace rz::exporting
