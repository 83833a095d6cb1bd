#include "export/report_chart.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace rz::exporting {

std::string chart_value_text(double value, bool percent) {
  if (percent) return fmt::format("{:.1f}%", value * 100);
  if (value == static_cast<double>(static_cast<long long>(value)))
    return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{:.2f}", value);
}

ChartDrawing layout_chart(const ReportChart& chart) {
  ChartDrawing d;
  constexpr double kLabelWidth = 150, kRow = 18, kBar = 12, kValueRoom = 70, kTop = 4;
  const double max = std::max(
      chart.percent ? 1.0 : 0.0,
      chart.values.empty() ? 0.0 : *std::max_element(chart.values.begin(), chart.values.end()));
  const double span = d.width - kLabelWidth - kValueRoom;
  for (size_t i = 0; i < chart.values.size(); ++i) {
    const double y = kTop + static_cast<double>(i) * kRow;
    const double w = max > 0 ? std::max(0.0, chart.values[i]) / max * span : 0;
    d.bars.push_back({kLabelWidth, y + (kRow - kBar) / 2, std::max(w, 0.5), kBar});
    // Long names are cut so that they stay left of the bars.
    std::string label = i < chart.labels.size() ? chart.labels[i] : "";
    d.texts.push_back({kLabelWidth - 6, y + kRow - 5, label, true});
    d.texts.push_back({kLabelWidth + w + 4, y + kRow - 5,
                       chart_value_text(chart.values[i], chart.percent), false});
  }
  d.height = kTop + static_cast<double>(chart.values.size()) * kRow + 4;
  d.lines.push_back({kLabelWidth, kTop, kLabelWidth, d.height - 2});
  return d;
}

}  // namespace rz::exporting
