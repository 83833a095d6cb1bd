#include "export/layer_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <span>
#include <utility>

#include <fmt/format.h>

#include "export/dbf_text.hpp"
#include "export/driver_settings.hpp"
#include "export/spreadsheet.hpp"
#include "geo/error.hpp"
#include "geo/geos_transform.hpp"
#include "geo/messages.hpp"

namespace rz::exporting {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

// Multi types whatever the feature holds: a layer's features must share the layer's type.
geo::gdal::Geometry gdal_from_wkb(std::span<const unsigned char> wkb, geo::GeometryKind kind) {
  geo::gdal::Geometry g = geo::gdal::Geometry::from_wkb(wkb);
  if (!g) return g;
  if (kind == geo::GeometryKind::polygon) g.force_to_multi_polygon();
  if (kind == geo::GeometryKind::line) g.force_to_multi_line_string();
  return g;
}

struct XYTransform {
  const geo::CrsTransform* transform = nullptr;
  bool ok = true;
};

int transform_xy(double* x, double* y, void* user) {
  auto* t = static_cast<XYTransform*>(user);
  if (!t->transform->transform(std::span<double>(x, 1), std::span<double>(y, 1))) {
    t->ok = false;
    return 0;
  }
  return 1;
}

// A value of an integer or real column. SQLite keeps whatever was stored, so a text or a fraction
// can sit in an integer column: GDAL would quietly write 0 or cut the fraction, we refuse.
void set_number(geo::gdal::Feature& feature, int idx, const OutField& f, const geo::Value& v,
                const std::string& output, const std::string& layer, int64_t fid) {
  auto refuse = [&](const std::string& text) {
    return DataError(fmt::format(
        fmt::runtime(f.type == OFTInteger64
                         ? tr("export to {}: layer {}, feature {}, field {}: {} is not an integer")
                         : tr("export to {}: layer {}, feature {}, field {}: {} is not a number")),
        output, in_quotes(layer), fid, in_quotes(f.name), in_quotes(text)));
  };
  if (auto* n = std::get_if<int64_t>(&v)) {
    feature.set_integer64(idx, *n);
  } else if (auto* d = std::get_if<double>(&v)) {
    if (f.type != OFTInteger64) {
      feature.set_double(idx, *d);
    } else if (std::trunc(*d) == *d && std::abs(*d) < 9.2e18) {
      feature.set_integer64(idx, static_cast<int64_t>(*d));
    } else {
      throw refuse(value_text(v));
    }
  } else {
    const std::string& s = std::get<std::string>(v);
    const char* end = s.data() + s.size();
    if (f.type == OFTInteger64) {
      int64_t parsed = 0;
      auto r = std::from_chars(s.data(), end, parsed);
      if (s.empty() || r.ec != std::errc() || r.ptr != end) throw refuse(s);
      feature.set_integer64(idx, parsed);
    } else {
      double parsed = 0;
      auto r = std::from_chars(s.data(), end, parsed);
      if (s.empty() || r.ec != std::errc() || r.ptr != end) throw refuse(s);
      feature.set_double(idx, parsed);
    }
  }
}

}  // namespace

void Writer::check(const std::string& output, const std::string& layer, std::string_view what) {
  if (errors.any())
    throw DataError(fmt::format(fmt::runtime(tr("export to {}: layer {}: {} failed: {}")), output,
                                in_quotes(layer), what, errors.take_all()));
}

geo::gdal::Dataset create_dataset(Format format, const fs::path& path, const std::string& output,
                                  const std::string& layer, Writer& w) {
  geo::gdal::Dataset ds = geo::gdal::Dataset::create(driver_name(format), path.string());
  if (!ds && !w.errors.any())
    throw DataError(
        fmt::format(fmt::runtime(tr("export to {}: GDAL could not create the file")), output));
  w.check(output, layer, tr("creating the file"));
  return ds;
}

void close_dataset(geo::gdal::Dataset& ds, const std::string& output, const std::string& layer,
                   Writer& w) {
  ds.close();
  w.check(output, layer, tr("closing the file"));
}

namespace {

std::vector<OutField> output_fields(const LayerPlan& plan, Format format) {
  std::vector<OutField> fields = plan.fields;
  if (format == Format::xlsx && !plan.table)
    fields.push_back({"WKT", "WKT", OFTString, Source::attr, 0, 0});
  return fields;
}

}  // namespace

geo::gdal::Layer create_layer(geo::gdal::Dataset& ds, const LayerPlan& plan,
                              const std::string& layer_name, const std::string& output, Writer& w) {
  const auto& schema = plan.info.schema;
  const std::string& layer = schema.name;
  const geo::gdal::SpatialRef* srs = plan.table || w.format == Format::xlsx ? nullptr
                                     : w.format == Format::geojson          ? &w.wgs84
                                                                            : &w.store_srs;
  geo::gdal::Layer lyr = ds.create_layer(
      layer_name, srs, plan.table ? wkbNone : layer_geometry_type(w.format, schema.geometry),
      layer_options(w.format, w.dbf_encoding));
  if (!lyr && !w.errors.any())
    throw DataError(
        fmt::format(fmt::runtime(tr("export to {}: layer {}: GDAL could not create the layer")),
                    output, in_quotes(layer)));
  w.check(output, layer, tr("creating the layer"));

  const std::vector<OutField> fields = output_fields(plan, w.format);
  for (const auto& f : fields) {
    // Shapefile widths from the first pass: the longest text (a longer one is cut, see
    // write_layer), and for reals the decimals the largest value leaves room for.
    int width = 0, precision = -1;
    if (w.format == Format::shapefile && f.type == OFTString)
      width = static_cast<int>(std::clamp<size_t>(f.text_bytes, 1, kDbfMaxTextBytes));
    if (w.format == Format::shapefile && f.type == OFTReal) {
      width = kDbfRealWidth;
      precision = dbf_real_precision(f.max_abs);
    }
    if (!lyr.create_field(f.out_name, f.type, width, precision) && !w.errors.any())
      throw DataError(
          fmt::format(fmt::runtime(tr("export to {}: layer {}: GDAL could not create field {}")),
                      output, in_quotes(layer), in_quotes(f.name)));
    w.check(output, layer, fmt::format(fmt::runtime(tr("creating field {}")), in_quotes(f.name)));
  }
  // The driver must have kept every name as given (no laundering, no truncation).
  if (lyr.field_count() != static_cast<int>(fields.size()))
    throw DataError(fmt::format(
        fmt::runtime(tr("export to {}: layer {}: GDAL created {} fields instead of {}")), output,
        in_quotes(layer), lyr.field_count(), fields.size()));
  for (size_t i = 0; i < fields.size(); ++i) {
    const char* got = lyr.field_name(static_cast<int>(i));
    if (fields[i].out_name != got)
      throw DataError(
          fmt::format(fmt::runtime(tr("export to {}: layer {}: GDAL renamed field {} to {}")),
                      output, in_quotes(layer), in_quotes(fields[i].out_name), in_quotes(got)));
  }
  return lyr;
}

int64_t write_layer(geo::Store& store, geo::gdal::Dataset& ds, const LayerPlan& plan,
                    const std::string& layer_name, const std::string& output, Writer& w,
                    std::vector<std::string>& warnings) {
  const auto& schema = plan.info.schema;
  const std::string& layer = schema.name;
  geo::gdal::Layer lyr = create_layer(ds, plan, layer_name, output, w);
  const std::vector<OutField> fields = output_fields(plan, w.format);

  const bool transaction = w.format == Format::gpkg;
  if (transaction && !ds.start_transaction()) w.check(output, layer, tr("starting a transaction"));

  const int wkt_field =
      w.format == Format::xlsx && !plan.table ? static_cast<int>(fields.size()) - 1 : -1;
  std::vector<int64_t> too_long;
  // Shapefile: a text longer than the .dbf holds is cut; its full value goes to the sidecar.
  std::unique_ptr<DbfText> dbf;
  if (w.format == Format::shapefile) dbf = std::make_unique<DbfText>(w.dbf_encoding, layer);
  w.cut_values.clear();
  auto fitting = [&](const OutField& f, std::string text, int64_t fid) {
    if (!dbf || f.text_bytes <= kDbfMaxTextBytes ||
        dbf->bytes(text, fid, f.name) <= kDbfMaxTextBytes)
      return text;
    std::string shortened = dbf->cut(text, fid, f.name);
    w.cut_values.push_back({fid, f.name, std::move(text)});
    return shortened;
  };
  int64_t count = 0;
  store.read_features(layer, [&](const geo::FeatureRow& row) {
    geo::gdal::Feature feature = lyr.new_feature();
    if (traits(w.format).settable_fid) feature.set_fid(row.fid);
    for (size_t i = 0; i < plan.fields.size(); ++i) {
      const auto& f = plan.fields[i];
      const int idx = static_cast<int>(i);
      if (f.source == Source::fid) {
        feature.set_integer64(idx, row.fid);
      } else if (f.source == Source::column) {
        const auto& v = row.values[f.column];
        if (std::holds_alternative<std::monostate>(v))
          feature.set_null(idx);
        else if (f.type == OFTString)
          feature.set_string(idx, fitting(f, value_text(v), row.fid));
        else
          set_number(feature, idx, f, v, output, layer, row.fid);
      }
    }
    ojson attrs = parse_attrs(row.attrs, layer, row.fid);
    for (const auto& [key, value] : attrs.items()) {
      auto it = plan.attr_field.find(key);
      if (it == plan.attr_field.end()) continue;
      const int idx = static_cast<int>(it->second);
      const auto type = plan.fields[it->second].type;
      if (value.is_null())
        feature.set_null(idx);
      else if (type == OFTInteger64)
        feature.set_integer64(idx, value.get<int64_t>());
      else if (type == OFTReal)
        feature.set_double(idx, value.get<double>());
      else
        feature.set_string(idx, fitting(plan.fields[it->second], json_text(value), row.fid));
    }

    if (!row.wkb.empty() && !plan.table) {
      geo::gdal::Geometry g;
      if (w.format == Format::geojson || w.format == Format::xlsx) {
        auto geom = geo::from_wkb(w.geos, row.wkb);
        if (w.format == Format::xlsx) {
          std::string wkt = geo::to_wkt(w.geos, geom.get(), w.wkt_decimals);
          if (!fits_excel_cell(wkt))
            too_long.push_back(row.fid);
          else
            feature.set_string(wkt_field, wkt);
        } else {
          XYTransform t{w.to_wgs84.get()};
          auto lonlat = geo::transform_xy(w.geos, geom.get(), &transform_xy, &t);
          if (!lonlat || !t.ok)
            throw DataError(fmt::format(
                fmt::runtime(
                    tr("export to {}: layer {}, feature {}: coordinates could not be transformed "
                       "from EPSG:{} to WGS84")),
                output, in_quotes(layer), row.fid, w.srid));
          g = gdal_from_wkb(geo::to_wkb(w.geos, lonlat.get()), schema.geometry);
          if (!g)
            throw DataError(
                fmt::format(fmt::runtime(tr("export to {}: layer {}, feature {}: bad geometry")),
                            output, in_quotes(layer), row.fid));
        }
      } else {
        g = gdal_from_wkb(row.wkb, schema.geometry);
        if (!g)
          throw DataError(fmt::format(
              fmt::runtime(tr("export to {}: layer {}, feature {}: unreadable geometry")), output,
              in_quotes(layer), row.fid));
      }
      if (g) feature.set_geometry(std::move(g));
    }
    if (!lyr.create_feature(feature) && !w.errors.any())
      throw DataError(fmt::format(
          fmt::runtime(tr("export to {}: layer {}, feature {}: GDAL could not write it")), output,
          in_quotes(layer), row.fid));
    w.check(output, layer, fmt::format(fmt::runtime(tr("writing feature {}")), row.fid));
    ++count;
  });

  if (transaction && !ds.commit_transaction()) w.check(output, layer, tr("committing"));
  w.check(output, layer, tr("writing"));
  if (!too_long.empty()) warnings.push_back(wkt_too_long_warning(layer, too_long));
  if (!w.cut_values.empty())
    warnings.push_back(fmt::format(
        fmt::runtime(w.cut_values.size() == 1
                         ? tr("layer {}: {} text value longer than a shapefile field holds ({} "
                              "bytes) cut, ending in {}; the full values are in {}.long_values.csv "
                              "(and in GeoPackage, GeoJSON and CSV exports)")
                         : tr("layer {}: {} text values longer than a shapefile field holds ({} "
                              "bytes) cut, ending in {}; the full values are in {}.long_values.csv "
                              "(and in GeoPackage, GeoJSON and CSV exports)")),
        in_quotes(layer), w.cut_values.size(), kDbfMaxTextBytes, in_quotes("…"), layer));
  return count;
}

}  // namespace rz::exporting
