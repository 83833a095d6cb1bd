// ruralzone import: one source layer into the project store.
#include <filesystem>

#include <fmt/format.h>

#include "app/command.hpp"
#include "app/import_report.hpp"
#include "app/progress.hpp"
#include "app/shared_options.hpp"
#include "export/exporter.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/store.hpp"
#include "import/importer.hpp"

namespace rz::app {

namespace {

class ImportCommand : public Command {
 public:
  void setup(CLI::App& sub) override {
    sub.add_option("source", source_, "File (or GDAL dataset) to import")->required();
    sub.add_option("-k,--kind", kind_, "Layer kind: " + import::kind_names())->required();
    store_option_.add(sub, true, false);
    sub.add_option("-l,--layer", layer_, "Name of the layer in the store (default: the kind)");
    sub.add_option("--source-layer", source_layer_, "Layer of a multi-layer source");
    sub.add_option("--encoding", encoding_,
                   "Attribute encoding: utf-8, gbk or gb18030 (overrides a missing or wrong .cpg)");
    sub.add_option("--crs", crs_, "Source CRS, e.g. EPSG:4490 (overrides the file's)");
    sub.add_option("--coords", coords_, "Lon/lat offsets to undo: wgs84 (none), gcj02, bd09")
        ->check(CLI::IsMember({"wgs84", "gcj02", "bd09"}));
    sub.add_option("--project-crs", project_crs_,
                   "Projected CRS of a new store (default: the CGCS2000 3-degree Gauss-Kruger "
                   "zone of the data)");
    sub.add_flag("--repair", repair_, "Repair invalid polygons with GEOS MakeValid");
    sub.add_option("--field", fields_, "Field mapping override CANONICAL=SOURCE (repeatable)");
    sub.add_flag("--skip-invalid", skip_invalid_,
                 "Leave out the features that fail a check (listed by `ruralzone info`) instead of "
                 "failing");
    sub.add_option("--x-field", x_field_,
                   "Column of a table without geometry holding longitude (or X); default: found "
                   "by name (经度, lon, x, ...)");
    sub.add_option("--y-field", y_field_,
                   "Column holding latitude (or Y); default: found by name (纬度, lat, y, ...)");
  }

  int run(const GlobalOptions& global) override {
    store_ = store_option_.path();
    auto kind = import::parse_kind(kind_);
    if (!kind)
      throw UsageError(fmt::format(fmt::runtime(tr("unknown kind {} (known: {})")),
                                   in_quotes(kind_), import::kind_names()));
    import::ImportOptions options;
    options.kind = *kind;
    options.source = source_;
    if (!source_layer_.empty()) options.source_layer = source_layer_;
    options.layer_name = layer_;
    if (!encoding_.empty()) options.encoding = encoding_;
    if (!crs_.empty()) options.crs = crs_;
    if (!project_crs_.empty()) options.project_crs = project_crs_;
    options.coords = *geo::parse_web_coords(coords_);
    options.repair = repair_;
    options.skip_invalid = skip_invalid_;
    if (!x_field_.empty()) options.x_field = x_field_;
    if (!y_field_.empty()) options.y_field = y_field_;
    if (options.x_field.has_value() != options.y_field.has_value())
      throw UsageError(tr("--x-field and --y-field go together: give both"));
    for (const auto& f : fields_) {
      auto eq = f.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == f.size())
        throw UsageError(
            fmt::format(fmt::runtime(tr("--field {}: expected CANONICAL=SOURCE")), in_quotes(f)));
      options.field_overrides[f.substr(0, eq)] = f.substr(eq + 1);
    }
    Progress progress(fmt::format(fmt::runtime(tr("importing {}")), source_), global.quiet);
    options.progress = [&](double fraction) { progress.update(fraction); };
    // The store never overwrites what it imports; Store::open refuses any file that is no store.
    geo::check_store_apart_from_input(store_, source_);
    // A store this command creates is removed again if the import fails: nothing is left behind.
    const bool existed = std::filesystem::exists(store_);
    import::ImportReport report;
    try {
      auto store = geo::Store::open(store_, true);
      report = import::import_layer(store, options);
    } catch (...) {
      if (!existed) std::filesystem::remove(store_);
      throw;
    }
    progress.done();
    print_import_report(report, global.quiet);
    return 0;
  }

 private:
  StoreOption store_option_;
  std::string source_, kind_, store_, layer_, source_layer_, encoding_, crs_, project_crs_;
  std::string coords_ = "wgs84";
  bool repair_ = false, skip_invalid_ = false;
  std::string x_field_, y_field_;
  std::vector<std::string> fields_;
};

}  // namespace

std::unique_ptr<Command> make_import_command() {
  return std::make_unique<ImportCommand>();
}

}  // namespace rz::app
