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
#include "app/presentations.hpp"
#include "app/progress.hpp"
#include "app/project_file.hpp"
#include "app/report_outputs.hpp"
#include "app/shared_options.hpp"
#include "export/exporter.hpp"
#include "export/staging.hpp"
#include "geo/error.hpp"
#include "geo/store.hpp"
#include "import/importer.hpp"

#include "geo/messages.hpp"

namespace rz::app {

namespace fs = std::filesystem;

namespace {

// Import order: layers that others are located in come first; the village register right after
// the villages it joins.
int kind_rank(const std::string& kind) {
  static const std::vector<std::string> order = {"townships", "villages",   "village_register",
                                                 "grids",     "households", "facilities",
                                                 "roads",     "zones"};
  auto it = std::find(order.begin(), order.end(), kind);
  return static_cast<int>(it - order.begin());
}

// `.project.sqlite.tmp-<pid>`, with SQLite's `-journal`, `-wal` or `-shm` after it: the pid.
std::optional<long> temporary_store_pid(std::string_view name) {
  constexpr std::string_view prefix = ".project.sqlite.tmp-";
  if (!name.starts_with(prefix)) return std::nullopt;
  name.remove_prefix(prefix.size());
  size_t digits = 0;
  while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') ++digits;
  const auto rest = name.substr(digits);
  if (digits == 0 || digits > 9 ||
      !(rest.empty() || rest == "-journal" || rest == "-wal" || rest == "-shm"))
    return std::nullopt;
  return std::stol(std::string(name.substr(0, digits)));
}

void remove_temporary_store(const fs::path& tmp) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    std::error_code ec;
    fs::remove(tmp.string() + suffix, ec);
  }
}

class RunCommand : public Command {
 public:
  void setup(CLI::App& sub) override {
    sub.add_option("project", project_path_, "Project file (TOML)")->required();
    sub.add_option("-o,--out", out_, "Output folder (default: out/<project folder name>)");
    sub.add_flag("--overwrite", overwrite_,
                 "Replace the output folder's project.sqlite and exported files even when they "
                 "are not ruralzone's (its own earlier ones are replaced anyway)");
    add_household_rows_option(sub, household_rows_);
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
        report_skipped(a,
                       fmt::format(fmt::runtime(tr("the project file has no [{}] table")), a.table),
                       global.quiet);
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
        throw UsageError(fmt::format(fmt::runtime(tr("{}: unknown layer kind {} (known: {})")),
                                     project.path, in_quotes(layer.kind), import::kind_names()));
      import::ImportOptions o;
      o.kind = *kind;
      o.source = layer.source;
      o.source_layer = layer.source_layer;
      o.layer_name = layer.name;
      o.encoding = layer.encoding;
      o.crs = layer.crs;
      o.project_crs = project.crs;
      o.repair = layer.repair;
      o.skip_invalid = layer.skip_invalid;
      o.field_overrides = layer.fields;
      const auto& canonical = import::spec(*kind).fields;
      // No structured binding captured in the lambda, no ranges view: clang 14 with libstdc++ 12
      // compiles neither (the fuzz build, tests/fuzz).
      for (const auto& entry : layer.fields) {
        const std::string& field = entry.first;
        if (std::none_of(canonical.begin(), canonical.end(),
                         [&](const auto& f) { return f.name == field; })) {
          std::vector<std::string> known;
          for (const auto& f : canonical) known.push_back(f.name);
          throw UsageError(fmt::format(
              fmt::runtime(tr("{}: layer {}: [layer.fields] {} is not a field of {} (known: {})")),
              project.path, layer.name, in_quotes(field), layer.kind, fmt::join(known, ", ")));
        }
      }
      if (layer.coords) {
        auto c = geo::parse_web_coords(*layer.coords);
        if (!c)
          throw UsageError(
              fmt::format(fmt::runtime(tr("{}: layer {}: coords {} must be wgs84, gcj02 or bd09")),
                          project.path, layer.name, in_quotes(*layer.coords)));
        o.coords = *c;
      }
      imports.push_back(std::move(o));
    }
    std::vector<exporting::Format> formats;
    for (const auto& name : project.export_formats) {
      auto format = exporting::parse_format(name);
      if (!format)
        throw UsageError(fmt::format(
            fmt::runtime(tr("{}: [export] unknown format {} (known: gpkg, geojson, shp, "
                            "csv, xlsx)")),
            project.path, in_quotes(name)));
      formats.push_back(*format);
    }
    // Nothing of the user's is replaced: no source is the store, the store is a ruralzone store
    // (or absent), and a single-file export replaces only an earlier ruralzone output.
    const fs::path store_path = fs::path(out_) / "project.sqlite";
    for (const auto& o : imports) geo::check_store_apart_from_input(store_path.string(), o.source);
    if (!overwrite_ && fs::exists(store_path)) {
      try {
        geo::Store::open(store_path.string(), false);
      } catch (const DataError& e) {
        throw DataError(
            fmt::format(fmt::runtime(tr("{}; run replaces it only when it is one (--overwrite "
                                        "replaces it anyway)")),
                        e.what()));
      }
    }
    std::vector<std::string> outputs;
    for (size_t i = 0; i < formats.size(); ++i)
      outputs.push_back(output_of(formats[i], project.export_formats[i]));
    for (size_t i = 0; i < formats.size(); ++i)
      if (exporting::is_single_file(formats[i]))
        exporting::check_replaceable({fs::path(outputs[i])}, overwrite_);

    fs::create_directories(out_);
    // The temporary stores of runs that were killed.
    auto removed = exporting::remove_dead_temporaries(out_, temporary_store_pid);
    if (!removed.empty() && !global.quiet)
      fmt::print(
          fmt::runtime(
              removed.size() == 1
                  ? tr("note: removed {} temporary file that an interrupted run left in {}: {}\n")
                  : tr("note: removed {} temporary files that an interrupted run left in {}: "
                       "{}\n")),
          removed.size(), out_, fmt::join(removed, ", "));
    std::stable_sort(imports.begin(), imports.end(), [](const auto& a, const auto& b) {
      return kind_rank(import::spec(a.kind).name) < kind_rank(import::spec(b.kind).name);
    });

    // The store is built under a temporary name and replaces the previous one only when every
    // step has succeeded.
    const fs::path tmp_path = fs::path(out_) / fmt::format(".project.sqlite.tmp-{}", ::getpid());
    remove_temporary_store(tmp_path);
    try {
      {
        auto store = geo::Store::open(tmp_path.string(), true);
        for (auto& o : imports) {
          Progress progress(fmt::format(fmt::runtime(tr("importing {}")), o.source), global.quiet);
          o.progress = [&](double f) { progress.update(f); };
          auto report = import::import_layer(store, o);
          progress.done();
          print_import_report(report, global.quiet);
        }
        run_analyses(project, store, global);
      }
      fs::rename(tmp_path, store_path);
    } catch (...) {
      remove_temporary_store(tmp_path);
      throw;
    }

    auto store = geo::Store::open(store_path.string(), false);
    for (size_t i = 0; i < formats.size(); ++i) {
      const auto* format = &formats[i];
      exporting::ExportOptions options;
      options.format = *format;
      options.output = outputs[i];
      options.overwrite = overwrite_;
      options.note = [&](const std::string& note) {
        if (!global.quiet) fmt::print(fmt::runtime(tr("note: {}\n")), note);
      };
      // The GeoPackage comes with its styles and the QGIS project beside it.
      if (*format == exporting::Format::gpkg) {
        std::vector<std::string> warnings;
        options.qgis = qgis_export_for(store, &warnings);
        options.qgis_project = true;
        for (const auto& w : warnings) fmt::print(stderr, fmt::runtime(tr("warning: {}\n")), w);
      }
      for (const auto& f : exporting::export_layers(store, options)) {
        if (!global.quiet)
          fmt::print(fmt::runtime(tr("exported {} -> {} ({} features)\n")), f.layer, f.path,
                     f.features);
        for (const auto& w : f.warnings)
          fmt::print(stderr, fmt::runtime(tr("warning: {}: {}\n")), f.path, w);
      }
    }
    // What a planner reads without QGIS: the report, the workbook and the web map.
    ReportOutputsOptions report;
    report.folder = out_;
    report.language = output_language(global);
    report.overwrite = overwrite_;
    report.household_rows = household_rows_;
    write_report_outputs(store, report, global);
    if (!global.quiet) fmt::print(fmt::runtime(tr("project store: {}\n")), store_path.string());
    return 0;
  }

 private:
  // gpkg and xlsx: out/ruralzone.<ext>; the others a folder named as the format in the file.
  std::string output_of(exporting::Format format, const std::string& name) const {
    if (exporting::is_single_file(format))
      return (fs::path(out_) / fmt::format("ruralzone{}", exporting::extension(format))).string();
    return (fs::path(out_) / name).string();
  }

  std::string project_path_, out_;
  bool overwrite_ = false;
  int64_t household_rows_ = exporting::kHouseholdSheetRows;
};

}  // namespace

std::unique_ptr<Command> make_run_command() {
  return std::make_unique<RunCommand>();
}

}  // namespace rz::app
