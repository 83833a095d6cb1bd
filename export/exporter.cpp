#include "export/exporter.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "export/gpkg_copy.hpp"
#include "export/layer_plan.hpp"
#include "export/layer_writer.hpp"
#include "export/shapefile_sidecars.hpp"
#include "export/spreadsheet.hpp"
#include "export/staging.hpp"
#include "export/text_encoding.hpp"
#include "export/view_extent.hpp"
#include "geo/crs.hpp"
#include "geo/error.hpp"
#include "geo/gdal_dataset.hpp"
#include "geo/messages.hpp"
#include "geo/phase_timer.hpp"

namespace rz::exporting {

namespace fs = std::filesystem;

namespace {

geo::gdal::SpatialRef make_srs(int epsg) {
  geo::gdal::SpatialRef srs = geo::gdal::SpatialRef::from_epsg(epsg);
  if (!srs)
    throw DataError(
        fmt::format(fmt::runtime(tr("GDAL does not know the store CRS EPSG:{}")), epsg));
  return srs;
}

std::vector<geo::LayerInfo> select_layers(geo::Store& store,
                                          const std::vector<std::string>& wanted) {
  auto all = store.layers();
  if (wanted.empty()) return all;
  std::vector<geo::LayerInfo> out;
  std::set<std::string> seen;
  for (const auto& name : wanted) {
    if (!seen.insert(name).second) continue;
    auto it = std::find_if(all.begin(), all.end(),
                           [&](const geo::LayerInfo& l) { return l.schema.name == name; });
    if (it == all.end()) {
      std::string names;
      for (const auto& l : all) names += (names.empty() ? "" : ", ") + l.schema.name;
      throw UsageError(fmt::format(fmt::runtime(tr("{}: no layer named {}; the store has: {}")),
                                   store.path(), in_quotes(name),
                                   names.empty() ? "(no layers)" : names));
    }
    out.push_back(*it);
  }
  return out;
}

// A layer the GeoPackage gets as a view (GpkgCopy::copy_view): the store's key column, its output
// name, and the layer whose geometry it shows, with that layer's plan.
struct GpkgView {
  std::string key_column, key_out_name;
  const LayerPlan* base = nullptr;
};

// For each layer the GeoPackage gets as a view, what GpkgView holds. That takes a layer the
// store shows through another's geometry, when that other layer goes into the same GeoPackage by
// SQL copy (which keeps its fids); otherwise the layer is copied with its geometry.
std::vector<std::optional<GpkgView>> gpkg_views(geo::Store& store,
                                                const std::vector<LayerPlan>& plans,
                                                const std::vector<bool>& copied) {
  std::vector<std::optional<GpkgView>> views(plans.size());
  for (size_t i = 0; i < plans.size(); ++i) {
    if (!copied[i]) continue;
    const auto source = store.geometry_source(plans[i].info.schema.name);
    if (!source) continue;
    const auto base = std::find_if(plans.begin(), plans.end(), [&](const LayerPlan& p) {
      return p.info.schema.name == source->second;
    });
    if (base == plans.end() || !copied[static_cast<size_t>(base - plans.begin())]) continue;
    const auto key =
        std::find_if(plans[i].fields.begin(), plans[i].fields.end(), [&](const OutField& f) {
          return f.source == Source::column &&
                 plans[i].info.schema.fields[f.column].name == source->first;
        });
    if (key == plans[i].fields.end()) continue;
    views[i] = GpkgView{source->first, key->out_name, &*base};
  }
  return views;
}

}  // namespace

std::vector<ExportedFile> export_layers(geo::Store& store, const ExportOptions& options) {
  // Before the Writer listens: what registration reports is not about this export.
  geo::gdal::register_drivers();
  auto dbf_encoding = parse_dbf_encoding(options.shapefile_encoding);
  if (!dbf_encoding)
    throw UsageError(
        fmt::format(fmt::runtime(tr("unknown shapefile encoding {} (use UTF-8, GBK or GB18030)")),
                    in_quotes(options.shapefile_encoding)));
  if (options.output.empty()) throw UsageError(tr("no export output given"));
  auto layers = select_layers(store, options.layers);
  if (layers.empty())
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: the store has no layers to export")), store.path()));
  const int srid = store.srid();
  if (srid == 0)
    throw DataError(fmt::format(fmt::runtime(tr("{}: the store has no CRS")), store.path()));

  const Format format = options.format;
  const std::string ext(extension(format));
  const fs::path output(options.output);

  // Where the files go; nothing is created before the checks pass.
  fs::path dir;
  bool create_dir = false;
  std::error_code ec;
  if (is_single_file(format)) {
    if (fs::is_directory(output, ec))
      throw UsageError(
          fmt::format(fmt::runtime(tr("{} is a folder; {} export writes one file, e.g. {}")),
                      options.output, ext.substr(1), (output / ("ruralzone" + ext)).string()));
    dir = output.parent_path().empty() ? fs::path(".") : output.parent_path();
    if (!fs::is_directory(dir, ec))
      throw DataError(fmt::format(fmt::runtime(tr("export to {}: the folder {} does not exist")),
                                  options.output, dir.string()));
  } else {
    dir = output;
    if (fs::exists(output, ec)) {
      if (!fs::is_directory(output, ec))
        throw UsageError(fmt::format(
            fmt::runtime(tr("{} is a file; {} export writes one file per layer into a folder")),
            options.output, ext.substr(1)));
    } else {
      fs::path parent = output.parent_path().empty() ? fs::path(".") : output.parent_path();
      if (!fs::is_directory(parent, ec))
        throw DataError(fmt::format(fmt::runtime(tr("export to {}: the folder {} does not exist")),
                                    options.output, parent.string()));
      create_dir = true;
    }
  }

  // A killed export's temporaries, before this one adds its own.
  if (fs::is_directory(dir, ec)) {
    auto removed = remove_dead_temporaries(dir, export_temporary_pid);
    if (!removed.empty() && options.note)
      options.note(fmt::format(
          fmt::runtime(
              removed.size() == 1
                  ? tr("removed {} temporary file that an interrupted export left in {}: {}")
                  : tr("removed {} temporary files that an interrupted export left in {}: {}")),
          removed.size(), dir.string(), fmt::join(removed, ", ")));
  }

  // What this export would replace: each must be a previous output, or --overwrite given.
  std::vector<fs::path> targets;
  if (is_single_file(format)) {
    if (fs::exists(output, ec) && fs::equivalent(output, fs::path(store.path()), ec))
      throw UsageError(fmt::format(
          fmt::runtime(tr("{} is the store being exported; give another output")), options.output));
    targets.push_back(output);
    if (format == Format::gpkg && options.qgis_project)
      targets.push_back(output.parent_path() / (output.stem().string() + ".qgz"));
  } else {
    for (const auto& l : layers) {
      targets.push_back(dir / (l.schema.name + ext));
      if (format == Format::shapefile)
        for (const char* sidecar : {".shx", ".dbf", ".prj", ".cpg"})
          targets.push_back(dir / (l.schema.name + sidecar));
    }
  }
  check_replaceable(targets, options.overwrite);

  Staging staging;
  Writer w(format);
  w.dbf_encoding = *dbf_encoding;
  w.srid = srid;
  w.store_srs = make_srs(srid);
  w.wkt_decimals = geo::Crs(fmt::format("EPSG:{}", srid)).is_geographic() ? 8 : 3;
  if (format == Format::geojson) {
    w.wgs84 = make_srs(4326);
    w.to_wgs84 = std::make_unique<geo::CrsTransform>(fmt::format("EPSG:{}", srid), "EPSG:4326");
  }

  // First pass over every layer before any file exists: a value the format cannot hold fails
  // the export here.
  geo::PhaseTimer phases("export");
  phases.phase("plan");
  std::vector<LayerPlan> plans;
  for (const auto& l : layers) plans.push_back(plan_layer(store, l, format, *dbf_encoding));

  if (create_dir) {
    fs::create_directory(dir, ec);
    if (ec)
      throw DataError(fmt::format(fmt::runtime(tr("export to {}: cannot create the folder: {}")),
                                  options.output, ec.message()));
    staging.created_folder(dir);
  }

  std::vector<ExportedFile> out;
  if (is_single_file(format)) {
    std::string stem = output.stem().string();
    const auto& set =
        staging.add({dir, temp_prefix(stem), stem, temp_prefix(stem) + ext, output, {}});
    geo::gdal::Dataset ds = create_dataset(format, set.dir / set.single_temp, options.output,
                                           layers.front().schema.name, w);
    auto sheets = sheet_names(layers);
    // GeoPackage: GDAL creates every layer; those whose values go in as stored are filled in
    // SQL after GDAL has closed the file (gpkg_copy.hpp), the others feature by feature now.
    std::vector<bool> copied(plans.size(), false);
    phases.phase("layers through GDAL (and the SQL copy's checks)");
    for (size_t i = 0; i < plans.size(); ++i) {
      ExportedFile file{layers[i].schema.name, options.output, 0, {}};
      std::string name = format == Format::xlsx ? sheets[i] : layers[i].schema.name;
      phases.phase("checks " + layers[i].schema.name);
      copied[i] =
          format == Format::gpkg && !options.feature_by_feature && sql_copyable(store, plans[i]);
      phases.phase((copied[i] ? "GDAL creates " : "GDAL writes ") + layers[i].schema.name);
      if (copied[i])
        create_layer(ds, plans[i], name, options.output, w);
      else
        file.features = write_layer(store, ds, plans[i], name, options.output, w, file.warnings);
      out.push_back(std::move(file));
    }
    phases.phase("closing GDAL's file");
    close_dataset(ds, options.output, layers.back().schema.name, w);
    phases.phase("SQL copy");
    if (std::find(copied.begin(), copied.end(), true) != copied.end()) {
      const auto views = gpkg_views(store, plans, copied);
      GpkgCopy copy(set.dir / set.single_temp, store, options.output);
      for (size_t i = 0; i < plans.size(); ++i)
        if (copied[i] && !views[i])
          out[i].features = copy.copy(plans[i], layers[i].schema.name, srid);
      // The base layers' points, read once for every view over them; a base layer with a
      // feature that has no point leaves its views' extents to the store's view.
      std::map<std::string, std::optional<PointExtents>> points;
      for (size_t i = 0; i < plans.size(); ++i) {
        if (!views[i]) continue;
        const std::string& base = views[i]->base->info.schema.name;
        std::optional<GpkgCopy::Extent> extent;
        if (views[i]->base->info.schema.geometry == geo::GeometryKind::point) {
          auto it = points.find(base);
          if (it == points.end()) {
            std::optional<PointExtents> read;
            try {
              read.emplace(store, base);
            } catch (const DataError&) {
            }
            it = points.emplace(base, std::move(read)).first;
          }
          if (it->second)
            extent = it->second->of_keys(store, layers[i].schema.name, views[i]->key_column);
        }
        out[i].features =
            copy.copy_view(plans[i], layers[i].schema.name, views[i]->key_out_name, base, extent);
      }
      phases.phase("SQL copy: commit");
      copy.commit();
    }
    phases.phase({});
    if (format == Format::gpkg && !options.qgis.presentations.empty()) {
      std::vector<std::string> tables;
      for (const auto& l : layers) tables.push_back(l.schema.name);
      const fs::path gpkg = set.dir / set.single_temp;
      geo::PhaseTimer timer("export");
      timer.phase("styles (classes from the data)");
      const auto styled = styled_layers(store, gpkg, tables, options.qgis);
      timer.phase("layer_styles");
      write_layer_styles(gpkg, styled);
      timer.phase("QGIS project");
      if (options.qgis_project) {
        // A prefix of its own: a set's prefix claims every temporary that starts with it.
        const std::string project_stem = stem + ".qgz";
        const auto& project = staging.add({dir,
                                           temp_prefix(project_stem),
                                           project_stem,
                                           temp_prefix(project_stem) + ".qgz",
                                           dir / (stem + ".qgz"),
                                           {}});
        write_qgis_project(project.dir / project.single_temp, output.filename().string(), stem,
                           store, styled, options.qgis);
      }
    }
  } else {
    std::vector<std::string> stale;
    if (format == Format::shapefile)
      stale = {".shp", ".shx", ".dbf", ".prj",        ".cpg",
               ".qix", ".sbn", ".sbx", ".fields.csv", ".long_values.csv"};
    if (format == Format::csv) stale = {".csv", ".csvt", ".prj"};
    for (const auto& plan : plans) {
      const std::string& layer = plan.info.schema.name;
      const std::string final_path = (dir / (layer + ext)).string();
      const auto& set = staging.add({dir, temp_prefix(layer), layer, {}, {}, stale});
      const fs::path temp = set.dir / (set.temp_prefix + ext);
      geo::gdal::Dataset ds = create_dataset(format, temp, final_path, layer, w);
      ExportedFile file{layer, final_path, 0, {}};
      file.features = write_layer(store, ds, plan, layer, final_path, w, file.warnings);
      close_dataset(ds, final_path, layer, w);
      if (format == Format::shapefile)
        write_shapefile_sidecars(set.dir, set.temp_prefix, plan, *dbf_encoding, w.cut_values,
                                 final_path);
      out.push_back(std::move(file));
    }
  }
  staging.commit();
  return out;
}

}  // namespace rz::exporting
