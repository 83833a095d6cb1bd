// ruralzone export: store layers to GeoPackage, GeoJSON, Shapefile, CSV or XLSX.
#include <fmt/format.h>

#include "app/command.hpp"
#include "app/presentations.hpp"
#include "app/shared_options.hpp"
#include "export/exporter.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/store.hpp"
#include "import/importer.hpp"

namespace rz::app {

namespace {

class ExportCommand : public Command {
 public:
  void setup(CLI::App& sub) override {
    store_option_.add(sub);
    sub.add_option("-o,--output", output_,
                   "Output file (gpkg, xlsx: all layers in one file) or folder (geojson, shp, "
                   "csv: one file per layer)")
        ->required();
    sub.add_option("-f,--format", format_, "gpkg (default), geojson, shp, csv or xlsx");
    sub.add_option("-l,--layer", layers_, "Layer to export (repeatable; default: all)");
    sub.add_option("--shp-encoding", shp_encoding_,
                   "Shapefile encoding: UTF-8 (default), GBK or GB18030");
    sub.add_flag("--qgis", qgis_,
                 "GeoPackage: also write the styled QGIS project <name>.qgz beside it (QGIS 3.22 "
                 "and later; layer groups per analysis, Chinese titles, print layouts)");
    sub.add_flag("--overwrite", overwrite_,
                 "Replace existing files that are not previous ruralzone outputs (those are "
                 "replaced anyway)");
  }

  int run(const GlobalOptions& global) override {
    store_ = store_option_.path();
    auto format = exporting::parse_format(format_);
    if (!format)
      throw UsageError(
          fmt::format(fmt::runtime(tr("unknown format {} (use gpkg, geojson, shp, csv or xlsx)")),
                      in_quotes(format_)));
    auto store = geo::Store::open(store_, false);
    exporting::ExportOptions options;
    options.format = *format;
    options.output = output_;
    options.layers = layers_;
    options.shapefile_encoding = shp_encoding_;
    options.overwrite = overwrite_;
    if (qgis_ && *format != exporting::Format::gpkg)
      throw UsageError(tr("--qgis needs the GeoPackage format (-f gpkg): the project reads it"));
    std::vector<std::string> warnings;
    if (*format == exporting::Format::gpkg)
      options.qgis = qgis_export_for(store, qgis_ ? &warnings : nullptr);
    options.qgis_project = qgis_;
    for (const auto& w : warnings) fmt::print(stderr, fmt::runtime(tr("warning: {}\n")), w);
    options.note = [&](const std::string& note) {
      if (!global.quiet) fmt::print(fmt::runtime(tr("note: {}\n")), note);
    };
    auto files = exporting::export_layers(store, options);
    for (const auto& f : files) {
      if (!global.quiet)
        fmt::print(fmt::runtime(tr("{} -> {} ({} features)\n")), f.layer, f.path, f.features);
      for (const auto& w : f.warnings)
        fmt::print(stderr, fmt::runtime(tr("warning: {}: {}\n")), f.path, w);
    }
    return 0;
  }

 private:
  StoreOption store_option_;
  std::string store_, output_, format_ = "gpkg", shp_encoding_ = "UTF-8";
  std::vector<std::string> layers_;
  bool overwrite_ = false;
  bool qgis_ = false;
};

}  // namespace

std::unique_ptr<Command> make_export_command() {
  return std::make_unique<ExportCommand>();
}

}  // namespace rz::app
