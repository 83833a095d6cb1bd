// ruralzone run: the main job. Imports every layer the project file lists into a fresh store,
// runs every analysis of the registry the layers allow, and exports the results.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <ranges>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/registry.hpp"
#include "app/analysis_runner.hpp"
#include "app/command.hpp"
#include "app/import_report.hpp"
#include "app/progress.hpp"
#include "app/project_file.hpp"
#include "app/shared_options.hpp"
#include "export/exporter.hpp"
#include "geo/error.hpp"
#include "geo/store.hpp"
#include "import/importer.hpp"

namespace rz::app {

namespace fs = std::filesystem;

namespace {

// Import order: layers that others are located in come first.
int kind_rank(const std::string& kind) {
  static const std::vector<std::string> order = {"townships",  "villages", "grids", "households",
                                                 "facilities", "roads",    "zones"};
  auto it = std::find(order.begin(), order.end(), kind);
  return static_cast<int>(it - order.begin());
}

class RunCommand : public Command {
 public:
  void setup(CLI::App& sub) override {
    sub.add_option("project", project_path_, "Project file (TOML)")->required();
    sub.add_option("-o,--out", out_, "Output folder (default: out/<project folder name>)");
  }

  // Every analysis of the registry, in its order, that the project's layers and tables allow,
  // on the store being built: a failure leaves no store behind, like a failed import. Each one
  // skipped is named, with why.
  static void run_analyses(const ProjectFile& project, geo::Store& store,
                           const GlobalOptions& global) {
    analysis::RunContext context;
    for (const auto& layer : project.layers)
      if (!context.layer_of_kind.count(layer.kind)) context.layer_of_kind[layer.kind] = layer.name;
    context.threads = threads_or_default(0);
    for (const auto& a : analysis::analyses()) {
      const auto& values = project.settings.values.at(a.name);
      if (a.runs_only_with_table && !project.settings.has_table(a.table)) {
        report_skipped(a, fmt::format("the project file has no [{}] table", a.table), global.quiet);
        continue;
      }
      if (auto why = why_not_runnable(a, values, store, context)) {
        report_skipped(a, *why, global.quiet);
        continue;
      }
      run_and_report(a, values, store, context, global.quiet);
    }
  }

  int run(const GlobalOptions& global) override {
    ProjectFile project = read_project_file(project_path_);
    if (out_.empty())
      out_ = (fs::path("out") / fs::absolute(project_path_).parent_path().filename()).string();

    // Validate the settings, every layer entry and export format before touching anything.
    for (const auto& a : analysis::analyses())
      if (a.check && (!a.runs_only_with_table || project.settings.has_table(a.table)))
        a.check(project.settings.values.at(a.name));
    std::vector<import::ImportOptions> imports;
    for (const auto& layer : project.layers) {
      auto kind = import::parse_kind(layer.kind);
      if (!kind)
        throw UsageError(fmt::format("{}: unknown layer kind «{}» (known: {})", project.path,
                                     layer.kind, import::kind_names()));
      import::ImportOptions o;
      o.kind = *kind;
      o.source = layer.source;
      o.source_layer = layer.source_layer;
      o.layer_name = layer.name;
      o.encoding = layer.encoding;
      o.crs = layer.crs;
      o.project_crs = project.crs;
      o.repair = layer.repair;
      o.field_overrides = layer.fields;
      const auto& canonical = import::spec(*kind).fields;
      for (const auto& [field, source_field] : layer.fields)
        if (std::none_of(canonical.begin(), canonical.end(),
                         [&](const auto& f) { return f.name == field; }))
          throw UsageError(fmt::format(
              "{}: layer {}: [layer.fields] «{}» is not a field of {} "
              "(known: {})",
              project.path, layer.name, field, layer.kind,
              fmt::join(canonical | std::views::transform([](const auto& f) { return f.name; }),
                        ", ")));
      if (layer.coords) {
        auto c = geo::parse_web_coords(*layer.coords);
        if (!c)
          throw UsageError(fmt::format("{}: layer {}: coords «{}» must be wgs84, gcj02 or bd09",
                                       project.path, layer.name, *layer.coords));
        o.coords = *c;
      }
      imports.push_back(std::move(o));
    }
    std::vector<exporting::Format> formats;
    for (const auto& name : project.export_formats) {
      auto format = exporting::parse_format(name);
      if (!format)
        throw UsageError(
            fmt::format("{}: [export] unknown format «{}» (known: gpkg, geojson, shp, "
                        "csv, xlsx)",
                        project.path, name));
      formats.push_back(*format);
    }
    fs::create_directories(out_);
    std::stable_sort(imports.begin(), imports.end(), [](const auto& a, const auto& b) {
      return kind_rank(import::spec(a.kind).name) < kind_rank(import::spec(b.kind).name);
    });

    // The store is built under a temporary name and replaces the previous one only when every
    // step has succeeded.
    const fs::path store_path = fs::path(out_) / "project.sqlite";
    const fs::path tmp_path = fs::path(out_) / fmt::format(".project.sqlite.tmp-{}", ::getpid());
    fs::remove(tmp_path);
    try {
      {
        auto store = geo::Store::open(tmp_path.string(), true);
        for (auto& o : imports) {
          Progress progress(fmt::format("importing {}", o.source), global.quiet);
          o.progress = [&](double f) { progress.update(f); };
          auto report = import::import_layer(store, o);
          progress.done();
          print_import_report(report, global.quiet);
        }
        run_analyses(project, store, global);
      }
      fs::rename(tmp_path, store_path);
    } catch (...) {
      fs::remove(tmp_path);
      throw;
    }

    auto store = geo::Store::open(store_path.string(), false);
    for (size_t i = 0; i < formats.size(); ++i) {
      const auto& name = project.export_formats[i];
      const auto* format = &formats[i];
      exporting::ExportOptions options;
      options.format = *format;
      bool single_file = *format == exporting::Format::gpkg || *format == exporting::Format::xlsx;
      options.output =
          single_file ? (fs::path(out_) / fmt::format("ruralzone{}", exporting::extension(*format)))
                            .string()
                      : (fs::path(out_) / name).string();
      for (const auto& f : exporting::export_layers(store, options))
        if (!global.quiet)
          fmt::print("exported {} -> {} ({} features)\n", f.layer, f.path, f.features);
    }
    if (!global.quiet) fmt::print("project store: {}\n", store_path.string());
    return 0;
  }

 private:
  std::string project_path_, out_;
};

}  // namespace

std::unique_ptr<Command> make_run_command() {
  return std::make_unique<RunCommand>();
}

}  // namespace rz::app
