#include "export/report.hpp"

#include <unistd.h>

#include <fstream>

#include <fmt/format.h>

#include "export/report_html.hpp"
#include "export/report_pdf.hpp"
#include "export/staging.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/phase_timer.hpp"

namespace rz::exporting {

namespace fs = std::filesystem;

namespace {

// The maps' folder lives only while the report is made.
class TemporaryFolder {
 public:
  explicit TemporaryFolder(fs::path path) : path_(std::move(path)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TemporaryFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out)
    throw DataError(fmt::format(fmt::runtime(tr("{}: cannot write the report")), path.string()));
}

}  // namespace

WrittenReport write_report(geo::Store& store, ReportInput input, const ReportOptions& options) {
  const fs::path dir = options.folder;
  std::vector<fs::path> targets;
  if (options.html) targets.push_back(dir / (options.stem + ".html"));
  if (options.pdf) targets.push_back(dir / (options.stem + ".pdf"));
  check_replaceable(targets, options.overwrite);

  WrittenReport out;
  geo::PhaseTimer phases("report");
  phases.phase("maps");
  TemporaryFolder maps(dir / fmt::format(".report-maps.tmp-{}", ::getpid()));
  MapOptions map_options;
  map_options.format = geo::CanvasFormat::png;
  map_options.paper = "A4";
  map_options.dpi = options.map_dpi;
  map_options.folder = maps.path().string();
  input.maps = render_maps(store, input.presentations, map_options);
  for (const auto& m : input.maps)
    for (const auto& n : m.notes) out.notes.push_back(m.title + ": " + n);

  phases.phase("tables and charts");
  const auto document = build_report(store, input, options.language);
  for (const auto& s : document.sections) out.sections_run += s.ran ? 1 : 0;
  out.sections = static_cast<int>(document.sections.size());

  Staging staging;
  if (options.html) {
    const auto& set = staging.add({dir,
                                   temp_prefix(options.stem),
                                   options.stem,
                                   temp_prefix(options.stem) + ".html",
                                   dir / (options.stem + ".html"),
                                   {}});
    phases.phase("HTML");
    write_text(set.dir / set.single_temp, report_html(document));
    out.paths.push_back(set.single_target.string());
  }
  if (options.pdf) {
    const auto& set =
        // A prefix of its own: each set of a staging owns the temporaries under its prefix.
        staging.add({dir,
                     temp_prefix(options.stem + "-pdf"),
                     options.stem,
                     temp_prefix(options.stem + "-pdf") + ".pdf",
                     dir / (options.stem + ".pdf"),
                     {}});
    phases.phase("PDF");
    write_report_pdf(document, (set.dir / set.single_temp).string());
    out.paths.push_back(set.single_target.string());
  }
  staging.commit();
  return out;
}

}  // namespace rz::exporting
