#include "import/importer.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "geo/crs.hpp"
#include "geo/error.hpp"
#include "geo/gdal_errors.hpp"
#include "geo/geos.hpp"
#include "geo/geos_ops.hpp"
#include "geo/geos_read.hpp"
#include "geo/geos_transform.hpp"
#include "geo/sha256.hpp"
#include "import/background_writer.hpp"
#include "import/classify.hpp"
#include "import/codes.hpp"
#include "import/encoding.hpp"
#include "import/field_mapping.hpp"
#include "import/gdal_source.hpp"
#include "import/village_locator.hpp"

namespace rz::import {

namespace fs = std::filesystem;

namespace {

// Lon/lat values that fit China (with a margin): used to accept a CSV without a CRS as CGCS2000.
bool fits_china(double lon, double lat) {
  return lon >= 72.0 && lon <= 136.0 && lat >= 3.0 && lat <= 54.0;
}

std::optional<double> parse_number(std::string_view text) {
  std::string s(text);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  if (start == s.size()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str() + start, &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

// What to store for one layer kind: the canonical fields plus the codes derived from them.
geo::LayerSchema store_schema(const KindSpec& kind, const std::string& layer_name) {
  geo::LayerSchema schema{layer_name, kind.name, kind.geometry, {}};
  for (const auto& f : kind.fields) schema.fields.push_back({f.name, f.type});
  if (kind.kind == LayerKind::villages || kind.kind == LayerKind::townships)
    schema.fields.push_back({"county_code", geo::FieldType::text});
  if (kind.kind == LayerKind::facilities)
    schema.fields.push_back({"category", geo::FieldType::text});  // from `type`, see classify.hpp
  return schema;
}

int field_index(const geo::LayerSchema& schema, std::string_view name) {
  for (size_t i = 0; i < schema.fields.size(); ++i)
    if (schema.fields[i].name == name) return static_cast<int>(i);
  return -1;
}

struct TransformContext {
  const geo::CrsTransform* crs;
  geo::WebCoords coords;
  bool geographic;
  bool non_finite = false;
  bool out_of_range = false;
  double bad_x = 0, bad_y = 0;
};

int transform_vertex(double* x, double* y, void* user) {
  auto* t = static_cast<TransformContext*>(user);
  if (!std::isfinite(*x) || !std::isfinite(*y)) {
    t->non_finite = true;
    t->bad_x = *x;
    t->bad_y = *y;
    return 0;
  }
  if (t->geographic && (std::abs(*x) > 180.0 || std::abs(*y) > 90.0)) {
    t->out_of_range = true;
    t->bad_x = *x;
    t->bad_y = *y;
    return 0;
  }
  if (t->coords != geo::WebCoords::wgs84) {
    auto p = geo::to_wgs84(t->coords, {*x, *y});
    *x = p.lon;
    *y = p.lat;
  }
  return t->crs->transform({x, 1}, {y, 1}) ? 1 : 0;
}

class Importer {
 public:
  Importer(geo::Store& store, const ImportOptions& options)
      : store_(store), opt_(options), kind_(spec(options.kind)) {}

  ImportReport run();

 private:
  void choose_encoding();
  void prescan();
  void choose_crs();
  void read_features();
  void convert_attributes(const geo::gdal::Feature& f, int64_t fid, std::vector<geo::Value>& values,
                          std::string& attrs);
  std::string decoded_string(const geo::gdal::Feature& f, int field, int64_t fid);
  std::optional<std::vector<unsigned char>> convert_geometry(geo::gdal::GeometryRef g, int64_t fid,
                                                             double* px, double* py);
  void check_codes(const std::vector<geo::Value>& values, int64_t fid);
  void classify(std::vector<geo::Value>& values);
  void finish_checks();
  std::string label(int64_t fid) const { return fmt::format("{}: feature {}", opt_.source, fid); }

  geo::Store& store_;
  const ImportOptions& opt_;
  const KindSpec& kind_;
  ImportReport report_;
  OpenedSource src_;
  Encoding encoding_ = Encoding::utf8;
  std::vector<std::string> field_names_;  // decoded
  FieldMapping mapping_;
  std::optional<int> lon_col_, lat_col_;
  std::string source_crs_def_;
  bool source_geographic_ = false;
  std::optional<double> center_lon_;
  std::optional<double> center_lat_;
  std::optional<int64_t> import_id_;
  std::unique_ptr<geo::CrsTransform> transform_;
  geo::GeosContext geos_;
  geo::LayerSchema schema_;
  std::vector<geo::Problem> problems_;
  // checks gathered over the whole layer, reported together
  std::vector<std::string> malformed_codes_;
  std::unordered_map<std::string, std::vector<int64_t>> code_fids_;
  std::vector<std::string> invalid_geometries_;
  int64_t bad_reference_codes_ = 0;
  int64_t outside_polygons_ = 0;
  int64_t located_ = 0;
  std::map<std::string, int64_t> unknown_facility_types_;
  int64_t speeds_from_class_ = 0, roads_without_speed_ = 0;
  geo::Envelope last_envelope_{};
};

void Importer::choose_encoding() {
  const std::string cpg_note;
  if (opt_.encoding) {
    auto e = parse_encoding(*opt_.encoding);
    if (!e)
      throw UsageError(
          fmt::format("unknown encoding «{}» (use utf-8, gbk or gb18030)", *opt_.encoding));
    encoding_ = *e;
    report_.encoding = fmt::format("{} (given)", to_string(encoding_));
    return;
  }
  if (!src_.raw_bytes) {
    encoding_ = Encoding::utf8;
    report_.encoding = "UTF-8";
    return;
  }
  if (src_.driver == "ESRI Shapefile") {
    if (auto cpg = read_cpg(opt_.source)) {
      if (auto e = parse_encoding(*cpg)) {
        encoding_ = *e;
        report_.encoding = fmt::format("{} (from .cpg)", to_string(encoding_));
        return;
      }
    }
  }
  report_.encoding.clear();  // decided by the prescan's content detection
}

// One pass over the attributes (geometry ignored) to detect the encoding from the bytes and, for
// tables with lon/lat columns, to find their centre and check they are lon/lat at all.
void Importer::prescan() {
  geo::gdal::Layer& layer = src_.layer;
  const int n = layer.field_count();
  const bool detect = report_.encoding.empty();
  const bool lonlat = lon_col_ && lat_col_;
  if (!detect && !lonlat) return;
  EncodingDetector detector;
  for (int i = 0; i < n; ++i) detector.add(layer.field_name(i));
  layer.ignore_geometry(true);
  layer.reset_reading();
  double lon_sum = 0, lat_sum = 0;
  int64_t count = 0;
  geo::gdal::ErrorCapture errors;
  while (geo::gdal::Feature f = layer.next_feature()) {
    if (detect) {
      for (int i = 0; i < n; ++i)
        if (f.is_set(i) && layer.field_type(i) == OFTString) detector.add(f.as_string(i));
    }
    if (lonlat) {
      auto lon = parse_number(f.as_string(*lon_col_));
      auto lat = parse_number(f.as_string(*lat_col_));
      if (lon && lat && std::isfinite(*lon) && std::isfinite(*lat)) {
        lon_sum += *lon;
        lat_sum += *lat;
        ++count;
      }
    }
  }
  errors.throw_if_failed(opt_.source, "reading");
  layer.ignore_geometry(false);
  layer.reset_reading();
  if (detect) {
    encoding_ = detector.result();
    report_.encoding = fmt::format("{} (detected{})", to_string(encoding_),
                                   detector.saw_non_ascii() ? "" : ": text is ASCII");
  }
  if (lonlat && count > 0) {
    center_lon_ = lon_sum / static_cast<double>(count);
    center_lat_ = lat_sum / static_cast<double>(count);
  }
}

void Importer::choose_crs() {
  if (opt_.crs) {
    source_crs_def_ = *opt_.crs;
  } else if (auto wkt = src_.layer.crs_wkt()) {
    source_crs_def_ = *wkt;
  } else if (lon_col_ && lat_col_) {
    if (!center_lon_ || !fits_china(*center_lon_, *center_lat_))
      throw DataError(fmt::format(
          "{}: the table has no CRS and its «{}»/«{}» values (centre {:.3f}, {:.3f}) are not "
          "longitude/latitude in China; name the CRS with --crs",
          opt_.source, field_names_[static_cast<size_t>(*lon_col_)],
          field_names_[static_cast<size_t>(*lat_col_)], center_lon_.value_or(NAN),
          center_lat_.value_or(NAN)));
    source_crs_def_ = "EPSG:4490";
    report_.warnings.push_back(
        "the table has lon/lat columns but no CRS: read as CGCS2000 lon/lat (EPSG:4490); "
        "give --crs if that is wrong");
  } else if (kind_.geometry_optional && src_.layer.geometry_field_count() == 0) {
    source_crs_def_.clear();  // a plain table: no geometry to transform
    report_.project_srid = store_.srid();
    if (report_.project_srid == 0)
      throw DataError(
          fmt::format("{}: a table without geometry can only be imported into a "
                      "store that already holds a layer with coordinates",
                      opt_.source));
    return;
  } else {
    throw DataError(
        fmt::format("{}: the layer has no coordinate reference system (no .prj or "
                    "CRS in the file); name it with --crs, e.g. --crs EPSG:4490",
                    opt_.source));
  }
  geo::Crs crs(source_crs_def_);
  source_geographic_ = crs.is_geographic();
  std::string epsg = crs.epsg();
  report_.source_crs = epsg.empty() ? crs.name() : fmt::format("{} ({})", epsg, crs.name());
  if (opt_.coords != geo::WebCoords::wgs84 && !source_geographic_)
    throw UsageError(fmt::format(
        "{}: --coords {} needs longitude/latitude data, but the CRS is "
        "projected ({})",
        opt_.source, opt_.coords == geo::WebCoords::gcj02 ? "gcj02" : "bd09", report_.source_crs));

  int srid = store_.srid();
  if (srid == 0) {
    if (opt_.project_crs) {
      geo::Crs project(*opt_.project_crs);
      std::string code = project.epsg();
      if (code.empty() || project.is_geographic())
        throw UsageError(fmt::format("project CRS «{}» must be a projected CRS with an EPSG code",
                                     *opt_.project_crs));
      srid = std::stoi(code.substr(5));
    } else {
      if (center_lon_ && !source_geographic_) {
        // A lon/lat-column table whose --crs is projected: its column means are not degrees.
        double cx = *center_lon_, cy = *center_lat_;
        geo::CrsTransform to_lonlat(source_crs_def_, "EPSG:4490");
        to_lonlat.transform({&cx, 1}, {&cy, 1});
        center_lon_ = cx;
      }
      if (!center_lon_) {
        auto env = src_.layer.extent(true);
        if (!env)
          throw DataError(fmt::format("{}: cannot compute the extent of the layer", opt_.source));
        double cx = (env->min_x + env->max_x) / 2, cy = (env->min_y + env->max_y) / 2;
        if (!source_geographic_) {
          geo::CrsTransform to_lonlat(source_crs_def_, "EPSG:4490");
          if (!to_lonlat.transform({&cx, 1}, {&cy, 1}))
            throw DataError(
                fmt::format("{}: the layer's extent cannot be located on the earth", opt_.source));
        }
        center_lon_ = cx;
      }
      if (!std::isfinite(*center_lon_) || std::abs(*center_lon_) > 180)
        throw DataError(
            fmt::format("{}: coordinates are not longitude/latitude (centre x = {}); "
                        "the file's CRS label is wrong: give the right one with --crs",
                        opt_.source, *center_lon_));
      srid = geo::gauss_kruger_epsg_for_longitude(*center_lon_);
    }
  }
  report_.project_srid = srid;
  transform_ = std::make_unique<geo::CrsTransform>(source_crs_def_, fmt::format("EPSG:{}", srid));
}

std::string Importer::decoded_string(const geo::gdal::Feature& f, int field, int64_t fid) {
  std::string_view raw = f.as_string(field);
  // Most values are ASCII (codes, numbers): skip building the error context for them.
  if (is_ascii(raw)) return std::string(raw);
  return to_utf8(raw, encoding_,
                 fmt::format("{}: feature {} field «{}»", opt_.source, fid,
                             field_names_[static_cast<size_t>(field)]));
}

void Importer::convert_attributes(const geo::gdal::Feature& f, int64_t fid,
                                  std::vector<geo::Value>& values, std::string& attrs) {
  const geo::gdal::Layer& layer = src_.layer;
  for (size_t c = 0; c < kind_.fields.size(); ++c) {
    auto& v = values[c];
    v = std::monostate{};
    auto src = mapping_.canonical_to_source[c];
    if (!src || !f.is_set(*src)) continue;
    const auto& canon = kind_.fields[c];
    OGRFieldType ftype = layer.field_type(*src);
    if (canon.type == geo::FieldType::text) {
      std::string text;
      if (ftype == OFTInteger || ftype == OFTInteger64)
        text = std::to_string(f.as_integer64(*src));
      else if (ftype == OFTReal && canon.name.ends_with("code"))
        text = fmt::format("{:.0f}", f.as_double(*src));
      else
        text = decoded_string(f, *src, fid);
      if (canon.name == "code" || canon.name.ends_with("_code")) text = clean_code(text);
      if (!text.empty()) v = std::move(text);
      continue;
    }
    std::optional<double> number;
    if (ftype == OFTInteger || ftype == OFTInteger64)
      number = static_cast<double>(f.as_integer64(*src));
    else if (ftype == OFTReal)
      number = f.as_double(*src);
    else
      number = parse_number(decoded_string(f, *src, fid));
    if (!number || !std::isfinite(*number)) {
      problems_.push_back({report_.layer, fid, "warning",
                           fmt::format("field «{}» ({}) is not a number: «{}»; left empty",
                                       field_names_[static_cast<size_t>(*src)], canon.name,
                                       decoded_string(f, *src, fid))});
      continue;
    }
    if (canon.type == geo::FieldType::integer)
      v = static_cast<int64_t>(std::llround(*number));
    else
      v = *number;
  }
  if (mapping_.kept.empty()) {
    attrs = "{}";
    return;
  }
  nlohmann::json kept = nlohmann::json::object();
  for (int i : mapping_.kept) {
    if (i == lon_col_ || i == lat_col_) continue;
    const std::string& name = field_names_[static_cast<size_t>(i)];
    if (!f.is_set(i)) {
      kept[name] = nullptr;
      continue;
    }
    switch (layer.field_type(i)) {
      case OFTInteger:
      case OFTInteger64:
        kept[name] = f.as_integer64(i);
        break;
      case OFTReal:
        kept[name] = f.as_double(i);
        break;
      default:
        kept[name] = decoded_string(f, i, fid);
    }
  }
  attrs = kept.dump();
}

std::optional<std::vector<unsigned char>> Importer::convert_geometry(geo::gdal::GeometryRef g,
                                                                     int64_t fid, double* px,
                                                                     double* py) {
  if (!g || g.is_empty()) {
    if (kind_.geometry_optional) return std::nullopt;
    throw DataError(fmt::format("{}: the feature has no geometry", label(fid)));
  }
  OGRwkbGeometryType type = g.flat_type();
  auto wrong_type = [&](const char* expected) {
    return DataError(fmt::format("{}: geometry is {}, but a {} layer needs {}", label(fid),
                                 geo::gdal::geometry_type_name(type), kind_.name, expected));
  };
  TransformContext tc{transform_.get(), opt_.coords, source_geographic_};
  auto check_transform = [&](bool ok) {
    if (tc.non_finite)
      throw DataError(fmt::format("{}: coordinate is not a finite number ({} {})", label(fid),
                                  tc.bad_x, tc.bad_y));
    if (tc.out_of_range)
      throw DataError(fmt::format(
          "{}: coordinate ({} {}) is not longitude/latitude, but the CRS says it is ({}): the "
          "values look projected; give the right CRS with --crs",
          label(fid), tc.bad_x, tc.bad_y, report_.source_crs));
    if (!ok) throw DataError(fmt::format("{}: PROJ cannot transform the coordinates", label(fid)));
  };

  if (kind_.geometry == geo::GeometryKind::point) {
    geo::gdal::GeometryRef point = g;
    if (type == wkbMultiPoint && g.part_count() == 1)
      point = g.part(0);
    else if (type != wkbPoint)
      throw wrong_type("points");
    double x = point.x(), y = point.y();
    check_transform(transform_vertex(&x, &y, &tc) == 1);
    *px = x;
    *py = y;
    return std::vector<unsigned char>{};
  }

  geo::gdal::Geometry copy = g.clone();
  if (kind_.geometry == geo::GeometryKind::polygon) {
    if (type != wkbPolygon && type != wkbMultiPolygon && type != wkbCurvePolygon &&
        type != wkbMultiSurface)
      throw wrong_type("polygons");
    copy.force_to_multi_polygon();
  } else {
    if (type != wkbLineString && type != wkbMultiLineString && type != wkbCircularString &&
        type != wkbCompoundCurve && type != wkbMultiCurve)
      throw wrong_type("lines");
    copy.force_to_multi_line_string();
  }
  copy.drop_z_and_m();  // planning maps are 2-D
  std::vector<unsigned char> wkb = copy.to_iso_wkb();

  auto geom = geo::from_wkb(geos_, wkb);
  geo::Geometry projected = geo::transform_xy(geos_, geom.get(), &transform_vertex, &tc);
  check_transform(projected != nullptr);
  if (kind_.geometry == geo::GeometryKind::polygon) {
    if (auto reason = geo::invalid_reason(geos_, projected.get())) {
      if (!opt_.repair) {
        invalid_geometries_.push_back(fmt::format("feature {}: {}", fid, *reason));
        return std::vector<unsigned char>{};
      }
      projected = geo::make_valid_polygonal(geos_, projected.get());
      ++report_.repaired;
      problems_.push_back({report_.layer, fid, "repaired",
                           fmt::format("invalid polygon ({}) repaired with MakeValid", *reason)});
    }
    std::tie(*px, *py) = geo::point_xy(geos_, geo::point_on_surface(geos_, projected.get()).get());
  } else {
    std::tie(*px, *py) = geo::point_xy(geos_, geo::interpolate(geos_, projected.get(), 0.0).get());
  }
  auto e = geo::envelope(geos_, projected.get());
  last_envelope_ = {e[0], e[1], e[2], e[3]};
  return geo::to_wkb(geos_, projected.get());
}

void Importer::classify(std::vector<geo::Value>& values) {
  if (kind_.kind == LayerKind::facilities) {
    const int type_col = field_index(schema_, "type");
    const int category_col = field_index(schema_, "category");
    const auto* type = std::get_if<std::string>(&values[static_cast<size_t>(type_col)]);
    const FacilityCategory& category = facility_category(type ? *type : std::string());
    values[static_cast<size_t>(category_col)] = std::string(category.key);
    if (category.key == "other" && unknown_facility_types_.size() < 1000)
      ++unknown_facility_types_[type ? *type : std::string("(empty)")];
  } else if (kind_.kind == LayerKind::roads) {
    auto& speed = values[static_cast<size_t>(field_index(schema_, "speed"))];
    if (!std::holds_alternative<std::monostate>(speed)) return;
    const auto* road_class =
        std::get_if<std::string>(&values[static_cast<size_t>(field_index(schema_, "road_class"))]);
    if (auto kmh = road_class ? default_speed_kmh(*road_class) : std::nullopt) {
      speed = *kmh;
      ++speeds_from_class_;
    } else {
      ++roads_without_speed_;
    }
  }
}

void Importer::check_codes(const std::vector<geo::Value>& values, int64_t fid) {
  auto text_of = [&](std::string_view field) -> const std::string* {
    int i = field_index(schema_, field);
    if (i < 0) return nullptr;
    return std::get_if<std::string>(&values[static_cast<size_t>(i)]);
  };
  if (kind_.kind == LayerKind::villages || kind_.kind == LayerKind::townships) {
    if (const std::string* code = text_of("code")) {
      bool ok =
          kind_.kind == LayerKind::villages ? is_village_code(*code) : is_township_code(*code);
      if (!ok && malformed_codes_.size() < 1000)
        malformed_codes_.push_back(fmt::format("feature {} «{}»", fid, *code));
      code_fids_[*code].push_back(fid);
    }
  } else if (const std::string* code = text_of("village_code")) {
    if (!is_village_code(*code)) ++bad_reference_codes_;
  }
}

void Importer::read_features() {
  geo::gdal::Layer& layer = src_.layer;
  const bool from_columns = lon_col_ && lat_col_;
  const int64_t expected = layer.feature_count(false);

  // Where features should fall: villages for the layers inside villages, townships for villages.
  std::unique_ptr<PolygonLocator> locator;
  int code_target = -1, name_target = -1;
  if (kind_.kind == LayerKind::villages) {
    locator = std::make_unique<PolygonLocator>(store_, geos_, "townships", "code", "name");
    code_target = field_index(schema_, "township_code");
    name_target = field_index(schema_, "township_name");
  } else if (kind_.kind != LayerKind::townships && kind_.kind != LayerKind::roads) {
    locator = std::make_unique<PolygonLocator>(store_, geos_, "villages", "code", "name");
    code_target = field_index(schema_, "village_code");
    name_target = field_index(schema_, "village_name");
  }
  if (locator && locator->empty()) locator.reset();

  geo::LayerWriter writer(store_, schema_, import_id_);
  BackgroundWriter background(writer);
  const int county_col = field_index(schema_, "county_code");
  const int township_col = field_index(schema_, "township_code");
  const int code_col = field_index(schema_, "code");

  geo::gdal::ErrorCapture errors;
  layer.reset_reading();
  int64_t read = 0;
  while (true) {
    geo::gdal::Feature f = layer.next_feature();
    if (errors.has_failures())
      errors.throw_if_failed(opt_.source, fmt::format("reading after feature {}", read));
    if (!f) break;
    int64_t fid = f.fid().value_or(read + 1);
    ++read;
    PendingRow& row = background.next_row();
    row.fid = fid;
    auto& values = row.values;
    values.assign(schema_.fields.size(), std::monostate{});
    convert_attributes(f, fid, values, row.attrs);

    if (code_col >= 0) {
      if (auto* code = std::get_if<std::string>(&values[static_cast<size_t>(code_col)])) {
        if (county_col >= 0 && code->size() >= 6)
          values[static_cast<size_t>(county_col)] = county_of(*code);
        if (kind_.kind == LayerKind::villages && township_col >= 0 && is_village_code(*code)) {
          auto& t = values[static_cast<size_t>(township_col)];
          std::string derived = township_of(*code);
          if (auto* given = std::get_if<std::string>(&t); given && *given != derived)
            problems_.push_back({report_.layer, fid, "warning",
                                 fmt::format("township code «{}» differs from the village code's "
                                             "prefix «{}»; kept the prefix",
                                             *given, derived)});
          t = derived;
        }
      }
    }
    check_codes(values, fid);
    classify(values);

    double x = 0, y = 0;
    std::optional<std::vector<unsigned char>> wkb;
    if (from_columns) {
      auto lon = parse_number(f.as_string(*lon_col_));
      auto lat = parse_number(f.as_string(*lat_col_));
      if (!lon || !lat)
        throw DataError(fmt::format("{}: no usable coordinates in «{}»/«{}» («{}», «{}»)",
                                    label(fid), field_names_[static_cast<size_t>(*lon_col_)],
                                    field_names_[static_cast<size_t>(*lat_col_)],
                                    f.as_string(*lon_col_), f.as_string(*lat_col_)));
      // GDAL treats a point with a NaN ordinate as empty: say what is wrong before it does.
      if (!std::isfinite(*lon) || !std::isfinite(*lat))
        throw DataError(
            fmt::format("{}: coordinate is not a finite number ({} {})", label(fid), *lon, *lat));
      geo::gdal::Geometry point = geo::gdal::Geometry::point(*lon, *lat);
      wkb = convert_geometry(point, fid, &x, &y);
    } else if (layer.geometry_field_count() > 0) {
      wkb = convert_geometry(f.geometry(), fid, &x, &y);
    }

    if (locator && wkb && code_target >= 0) {
      auto& target = values[static_cast<size_t>(code_target)];
      bool missing = std::holds_alternative<std::monostate>(target);
      if (auto hit = locator->locate(x, y)) {
        if (missing) {
          target = locator->code(*hit);
          ++located_;
        }
        if (name_target >= 0 &&
            std::holds_alternative<std::monostate>(values[static_cast<size_t>(name_target)]))
          values[static_cast<size_t>(name_target)] = locator->name(*hit);
      } else if (kind_.kind != LayerKind::villages) {
        ++outside_polygons_;
      }
    }

    if (!wkb) {
      background.commit_row();
    } else if (kind_.geometry == geo::GeometryKind::point) {
      row.geometry = PendingRow::Geometry::point;
      row.x = x;
      row.y = y;
      background.commit_row();
    } else if (!wkb->empty()) {  // empty: an invalid polygon, reported at the end
      row.geometry = PendingRow::Geometry::shape;
      row.x = x;  // PointOnSurface of a polygon, a line's start: kept for polygons
      row.y = y;
      row.wkb = std::move(*wkb);
      row.envelope = last_envelope_;
      background.commit_row();
    }

    if (opt_.progress && expected > 0 && read % 65536 == 0)
      opt_.progress(static_cast<double>(read) / static_cast<double>(expected));
  }
  errors.throw_if_failed(opt_.source, "reading");
  if (read == 0)
    throw DataError(fmt::format("{}: layer «{}» is empty", opt_.source, src_.layer_name));
  if (expected >= 0 && read != expected)
    throw DataError(fmt::format(
        "{}: read {} features but the layer reports {} (a shapefile whose .dbf has fewer records "
        "than its .shp, or a damaged file); nothing imported",
        opt_.source, read, expected));
  background.finish();
  finish_checks();
  report_.features = writer.finish();
}

void Importer::finish_checks() {
  if (!invalid_geometries_.empty())
    throw DataError(fmt::format(
        "{}: {} invalid polygon(s): {}{}. Fix them, or import with --repair to repair them with "
        "GEOS MakeValid",
        opt_.source, invalid_geometries_.size(),
        fmt::join(invalid_geometries_.begin(),
                  invalid_geometries_.begin() +
                      std::min<ptrdiff_t>(10, static_cast<ptrdiff_t>(invalid_geometries_.size())),
                  "; "),
        invalid_geometries_.size() > 10 ? "; ..." : ""));
  if (!malformed_codes_.empty())
    throw DataError(fmt::format(
        "{}: {} malformed {} code(s) (expected {} digits): {}", opt_.source,
        malformed_codes_.size(), kind_.kind == LayerKind::villages ? "village" : "township",
        kind_.kind == LayerKind::villages ? 12 : 9,
        fmt::join(malformed_codes_.begin(),
                  malformed_codes_.begin() +
                      std::min<ptrdiff_t>(20, static_cast<ptrdiff_t>(malformed_codes_.size())),
                  ", ")));
  std::vector<std::string> duplicates;
  for (const auto& [code, fids] : code_fids_)
    if (fids.size() > 1)
      duplicates.push_back(fmt::format("«{}» in features {}", code, fmt::join(fids, ", ")));
  if (!duplicates.empty()) {
    std::sort(duplicates.begin(), duplicates.end());
    throw DataError(
        fmt::format("{}: duplicate codes: {}", opt_.source, fmt::join(duplicates, "; ")));
  }
  if (bad_reference_codes_ > 0)
    report_.warnings.push_back(fmt::format(
        "{} feature(s) carry a village code that is not 12 valid digits", bad_reference_codes_));
  if (located_ > 0)
    report_.warnings.push_back(
        fmt::format("{} feature(s) without a {} code were linked by location", located_,
                    kind_.kind == LayerKind::villages ? "township" : "village"));
  if (!unknown_facility_types_.empty()) {
    std::vector<std::string> listed;
    for (const auto& [type, count] : unknown_facility_types_)
      if (listed.size() < 10) listed.push_back(fmt::format("«{}» ({})", type, count));
    report_.warnings.push_back(
        fmt::format("facility type(s) of no known category, stored as category «other»: {}{}",
                    fmt::join(listed, ", "), unknown_facility_types_.size() > 10 ? ", ..." : ""));
  }
  if (speeds_from_class_ > 0)
    report_.notes.push_back(
        fmt::format("{} road(s) without a speed got the default speed of their road class",
                    speeds_from_class_));
  if (roads_without_speed_ > 0)
    report_.warnings.push_back(fmt::format(
        "{} road(s) have neither a speed nor a known road class (国道/省道/县道/乡道/村道/机耕道)",
        roads_without_speed_));
  if (outside_polygons_ > 0)
    report_.warnings.push_back(
        fmt::format("{} feature(s) lie outside every village (kept)", outside_polygons_));
  for (const auto& w : report_.warnings)
    problems_.push_back({report_.layer, std::nullopt, "warning", w});
}

ImportReport Importer::run() {
  report_.kind = kind_.name;
  report_.layer = opt_.layer_name.empty() ? kind_.name : opt_.layer_name;
  report_.source = opt_.source;
  if (!geo::is_valid_layer_name(report_.layer))
    throw UsageError(fmt::format("«{}» is not a usable layer name (ASCII letters, digits and _)",
                                 report_.layer));
  src_ = open_source(opt_.source, opt_.source_layer, kind_.name);
  report_.driver = src_.driver;
  // The source's SHA-256 on the second core while the first reads it (the file is then in the
  // page cache for both).
  auto source_sha256 = std::async(std::launch::async, geo::sha256_file, opt_.source);
  choose_encoding();

  const int nfields = src_.layer.field_count();
  // Field names are decoded after the prescan has settled the encoding; find lon/lat columns on
  // the raw names first (they are ASCII or match once decoded below).
  std::vector<std::string> raw_names;
  for (int i = 0; i < nfields; ++i) raw_names.emplace_back(src_.layer.field_name(i));
  const bool has_geometry = src_.layer.geometry_field_count() > 0;
  auto find_lonlat = [&](const std::vector<std::string>& names) {
    std::vector<bool> none(names.size(), false);
    lon_col_ = find_field(names, lon_synonyms(), none);
    lat_col_ = find_field(names, lat_synonyms(), none);
  };
  if (!has_geometry) {
    std::vector<std::string> guess;
    for (const auto& n : raw_names)
      guess.push_back(is_valid_utf8(n) ? n : to_utf8(n, Encoding::gb18030, opt_.source));
    find_lonlat(guess);
    if (!(lon_col_ && lat_col_)) lon_col_.reset(), lat_col_.reset();
  }
  prescan();
  for (const auto& n : raw_names)
    field_names_.push_back(to_utf8(n, encoding_, fmt::format("{}: field name", opt_.source)));
  if (!has_geometry) find_lonlat(field_names_);
  if (!has_geometry && !(lon_col_ && lat_col_)) {
    lon_col_.reset();
    lat_col_.reset();
    if (!kind_.geometry_optional)
      throw DataError(fmt::format(
          "{}: the layer has no geometry and no longitude/latitude columns (looked for {} / {}; "
          "fields found: {})",
          opt_.source, fmt::join(lon_synonyms(), ","), fmt::join(lat_synonyms(), ","),
          fmt::join(field_names_, ", ")));
  }

  std::vector<std::string> mappable = field_names_;
  if (lon_col_) mappable[static_cast<size_t>(*lon_col_)] = "\x01lon";  // never a synonym
  if (lat_col_) mappable[static_cast<size_t>(*lat_col_)] = "\x01lat";
  mapping_ = map_fields(kind_, mappable, opt_.field_overrides, opt_.source);
  for (size_t c = 0; c < kind_.fields.size(); ++c) {
    auto s = mapping_.canonical_to_source[c];
    report_.mapping.emplace_back(kind_.fields[c].name,
                                 s ? field_names_[static_cast<size_t>(*s)] : std::string());
  }
  std::erase_if(mapping_.kept, [&](int i) { return i == lon_col_ || i == lat_col_; });
  for (int i : mapping_.kept) report_.kept_fields.push_back(field_names_[static_cast<size_t>(i)]);

  choose_crs();
  schema_ = store_schema(kind_, report_.layer);

  geo::Transaction tx(store_.db());
  if (store_.srid() == 0) store_.set_srid(report_.project_srid);
  nlohmann::json mapping_json = nlohmann::json::object();
  for (const auto& [canonical, source] : report_.mapping)
    if (!source.empty()) mapping_json[canonical] = source;
  if (lon_col_) {
    mapping_json["x"] = field_names_[static_cast<size_t>(*lon_col_)];
    mapping_json["y"] = field_names_[static_cast<size_t>(*lat_col_)];
  }
  geo::ImportRecord record{report_.layer,
                           kind_.name,
                           fs::absolute(opt_.source).lexically_normal().string(),
                           std::string(),  // filled in below, when the hash is ready
                           source_crs_def_.empty() ? "none" : report_.source_crs,
                           report_.encoding,
                           opt_.coords == geo::WebCoords::gcj02  ? "gcj02"
                           : opt_.coords == geo::WebCoords::bd09 ? "bd09"
                                                                 : "wgs84",
                           mapping_json,
                           0};
  import_id_ = store_.record_import(record);
  read_features();
  auto st =
      store_.db().prepare("UPDATE rz_imports SET feature_count=?, source_sha256=? WHERE id=?");
  std::string sha256 = source_sha256.get();
  st.bind(1, report_.features).bind(2, std::string_view(sha256)).bind(3, *import_id_);
  st.run();
  store_.add_problems(*import_id_, problems_);
  tx.commit();
  return report_;
}

}  // namespace

ImportReport import_layer(geo::Store& store, const ImportOptions& options) {
  return Importer(store, options).run();
}

}  // namespace rz::import
