#pragma once
// ruralzone report's report: the document of export/report_build.hpp, with each analysis's
// map (drawn by export/map_render.hpp as A4 PNGs into a temporary folder), written as
// <stem>.html and <stem>.pdf in the folder, under temporary names first.
#include <filesystem>
#include <string>
#include <vector>

#include "export/report_build.hpp"

namespace rz::exporting {

struct ReportOptions {
  std::filesystem::path folder;  // must exist
  std::string stem = "ruralzone-report";
  Language language = Language::zh;
  bool html = true, pdf = true;
  bool overwrite = false;  // replace files that are not previous ruralzone outputs
  double map_dpi = 110;
};

struct WrittenReport {
  std::vector<std::string> paths;
  std::vector<std::string> notes;  // maps' layers left out
  int sections_run = 0, sections = 0;
};

WrittenReport write_report(geo::Store& store, ReportInput input, const ReportOptions& options);

}  // namespace rz::exporting
