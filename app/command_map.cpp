// ruralzone map: printable maps of the analyses that have run, drawn without QGIS.
#include <fmt/format.h>

#include "app/command.hpp"
#include "app/presentations.hpp"
#include "app/shared_options.hpp"
#include "export/map_render.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/store.hpp"

namespace rz::app {

namespace {

class MapCommand : public Command {
 public:
  void setup(CLI::App& sub) override {
    store_option_.add(sub);
    sub.add_option("-o,--output", folder_, "Folder receiving map-<analysis>.<format>")->required();
    sub.add_option("-f,--format", format_, "png (default), pdf or svg (vector)");
    sub.add_option("--paper", paper_, "A3 (default) or A4, landscape");
    sub.add_option("--dpi", dpi_, "PNG resolution: 150 (default) or 300");
    sub.add_flag("--overwrite", overwrite_,
                 "Replace existing files that are not previous ruralzone outputs");
  }

  int run(const GlobalOptions& global) override {
    exporting::MapOptions options;
    if (format_ == "png")
      options.format = geo::CanvasFormat::png;
    else if (format_ == "pdf")
      options.format = geo::CanvasFormat::pdf;
    else if (format_ == "svg")
      options.format = geo::CanvasFormat::svg;
    else
      throw UsageError(fmt::format(fmt::runtime(tr("unknown map format {} (use png, pdf or svg)")),
                                   in_quotes(format_)));
    if (dpi_ < 50 || dpi_ > 600)
      throw UsageError(fmt::format(
          fmt::runtime(tr("--dpi {} is outside 50-600 (150 or 300 print well)")), dpi_));
    options.paper = paper_;
    options.dpi = dpi_;
    options.folder = folder_;
    options.overwrite = overwrite_;
    auto store = geo::Store::open(store_option_.path(), false);
    std::vector<std::string> warnings;
    const auto presentations = qgis_export_for(store, &warnings);
    for (const auto& w : warnings) fmt::print(stderr, fmt::runtime(tr("warning: {}\n")), w);
    for (const auto& m : exporting::render_maps(store, presentations, options)) {
      if (!global.quiet) fmt::print("{} -> {}\n", m.title, m.path);
      for (const auto& n : m.notes)
        fmt::print(stderr, fmt::runtime(tr("warning: {}: {}\n")), m.path, n);
    }
    return 0;
  }

 private:
  StoreOption store_option_;
  std::string folder_, format_ = "png", paper_ = "A3";
  double dpi_ = 150;
  bool overwrite_ = false;
};

}  // namespace

std::unique_ptr<Command> make_map_command() {
  return std::make_unique<MapCommand>();
}

}  // namespace rz::app
