#pragma once
// The report as one self-contained HTML page: styles inline, charts as inline SVG, maps as
// data: URLs; it loads nothing, so it opens offline and can be mailed as one file.
#include <string>

#include "export/report_document.hpp"

namespace rz::exporting {

std::string report_html(const ReportDocument& document);

}  // namespace rz::exporting
