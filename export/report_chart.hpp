#pragma once
// A report chart laid out once, as bars, lines and texts in chart units, and drawn by both the
// HTML report (as SVG) and the PDF report (on the cairo canvas): horizontal bars, one per
// label, the value at the bar's end.
#include <array>
#include <string>
#include <vector>

#include "export/report_document.hpp"

namespace rz::exporting {

struct ChartText {
  double x = 0, y = 0;  // the baseline's start (or end, for right-aligned text)
  std::string text;
  bool right_aligned = false;
  double size = 11;
};

struct ChartDrawing {
  double width = 640, height = 0;
  struct Bar {
    double x, y, w, h;
  };
  std::vector<Bar> bars;
  std::vector<std::array<double, 4>> lines;  // x0, y0, x1, y1: the axis
  std::vector<ChartText> texts;
  std::string colour = "#2b8cbe";
};

ChartDrawing layout_chart(const ReportChart& chart);

// The chart's value as its label: "97.4%" for shares, else the number.
std::string chart_value_text(double value, bool percent);

}  // namespace rz::exporting
