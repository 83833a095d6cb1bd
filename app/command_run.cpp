// ruralzone run: the main job. Imports every layer the project file lists into a fresh store and
// exports the results; the analyses of later steps plug in between the two.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <ranges>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/grid_coverage_job.hpp"
#include "analysis/reach_job.hpp"
#include "app/command.hpp"
#include "app/gdal_io.hpp"
#include "app/grid_report.hpp"
#include "app/import_report.hpp"
#include "app/progress.hpp"
#include "app/project_file.hpp"
#include "app/reach_report.hpp"
#include "app/site_report.hpp"
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

  // The analysis steps whose inputs the project has, on the store being built: a failure leaves
  // no store behind, like a failed import.
  static void run_analyses(const ProjectFile& project, geo::Store& store,
                           const GlobalOptions& global) {
    // The store name of each kind's layer (the project may name them).
    auto layer_of = [&](std::string_view kind) {
      for (const auto& layer : project.layers)
        if (layer.kind == kind) return layer.name;
      return std::string(kind);
    };
    auto have = [&](std::initializer_list<std::string_view> kinds) {
      for (auto kind : kinds)
        if (!store.layer(layer_of(kind))) return false;
      return true;
    };
    if (have({"villages", "grids", "households"})) {
      analysis::GridSettings settings = project.grids;
      settings.threads = default_threads();
      const analysis::GridLayers layers{layer_of("villages"), layer_of("grids"),
                                        layer_of("households"), layer_of("townships")};
      print_grid_report(analysis::run_grid_coverage(store, settings, layers), global.quiet);
    }
    if (have({"villages", "households", "facilities"})) {
      analysis::ReachSettings settings = project.reach;
      settings.threads = default_threads();
      const analysis::ReachLayers layers{layer_of("villages"), layer_of("households"),
                                         layer_of("facilities"), layer_of("townships")};
      print_reach_report(analysis::run_reach(store, settings, layers), global.quiet);
      if (have({"roads"})) {
        const analysis::RoadReachLayers road_layers{layer_of("villages"), layer_of("households"),
                                                    layer_of("facilities"), layer_of("roads"),
                                                    layer_of("townships")};
        print_road_reach_report(
            analysis::run_road_reach(
                store, analysis::for_reach_targets(project.road_reach, settings), road_layers),
            global.quiet);
      }
      if (project.site && (!project.site->settings.by_road || have({"roads"}))) {
        analysis::SitingJobSettings settings_site = project.site->settings;
        settings_site.threads = default_threads();
        analysis::SitingLayers site_layers{layer_of("villages"), layer_of("households"),
                                           layer_of("facilities"), layer_of("roads"),
                                           project.site->candidates};
        print_site_report(analysis::run_siting(store, settings_site, site_layers), global.quiet);
      }
    }
  }

  int run(const GlobalOptions& global) override {
    ProjectFile project = read_project_file(project_path_);
    if (out_.empty())
      out_ = (fs::path("out") / fs::absolute(project_path_).parent_path().filename()).string();

    // Validate every layer entry and export format before touching anything.
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
          auto report = gdal_io().import_layer(store, o);
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
      for (const auto& f : gdal_io().export_layers(store, options))
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
