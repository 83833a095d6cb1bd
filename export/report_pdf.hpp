#pragma once
// The report as a PDF, drawn on the printed maps' cairo/pango canvas (geo/canvas.hpp): A4
// pages, Chinese shaped by pango in Noto Sans CJK SC and embedded, tables that carry on over
// pages with their header repeated, charts as vectors, maps as their images.
#include <string>

#include "export/report_document.hpp"

namespace rz::exporting {

// Writes `path` (the caller renames it into place). DataError when cairo cannot write it.
void write_report_pdf(const ReportDocument& document, const std::string& path);

}  // namespace rz::exporting
