#include "import/importer.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "geo/crs.hpp"
#include "geo/error.hpp"
#include "geo/gdal_errors.hpp"
#include "geo/geos.hpp"
#include "geo/geos_ops.hpp"
#include "geo/geos_read.hpp"
#include "geo/geos_transform.hpp"
#include "geo/messages.hpp"
#include "geo/sha256.hpp"
#include "import/background_writer.hpp"
#include "import/china_extent.hpp"
#include "import/classify.hpp"
#include "import/codes.hpp"
#include "import/csv_shape.hpp"
#include "import/encoding.hpp"
#include "import/field_mapping.hpp"
#include "import/gdal_source.hpp"
#include "import/number_text.hpp"
#include "import/register_join.hpp"
#include "import/rejects.hpp"
#include "import/text_damage.hpp"
#include "import/village_locator.hpp"
#include "import/wkb_shape.hpp"

namespace rz::import {

namespace fs = std::filesystem;

namespace {

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
  bool have_first = false;  // the first vertex as the source has it, to diagnose a wrong CRS
  double first_x = 0, first_y = 0;
  bool left_unconverted = false;  // a vertex outside China, where no web-map offset applies
};

int transform_vertex(double* x, double* y, void* user) {
  auto* t = static_cast<TransformContext*>(user);
  if (!t->have_first) {
    t->have_first = true;
    t->first_x = *x;
    t->first_y = *y;
  }
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
    const geo::WebConversion c = geo::convert_to_wgs84(t->coords, {*x, *y});
    if (!c.converted) t->left_unconverted = true;
    *x = c.point.lon;
    *y = c.point.lat;
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
  void plain_table_crs();
  void read_features();
  void convert_attributes(const geo::gdal::Feature& f, int64_t fid, std::vector<geo::Value>& values,
                          std::string& attrs);
  std::string decoded_string(const geo::gdal::Feature& f, int field, int64_t fid);
  std::optional<std::vector<unsigned char>> convert_geometry(geo::gdal::GeometryRef g, int64_t fid,
                                                             double* px, double* py);
  geo::Geometry repaired(const geo::Geometry& invalid, int64_t fid, const std::string& reason);
  void check_codes(const std::vector<geo::Value>& values, int64_t fid);
  void check_values(const std::vector<geo::Value>& values, int64_t fid);
  void check_township_location(const std::vector<geo::Value>& values, int64_t fid,
                               const std::string& township_there);
  void check_grid_village(std::vector<geo::Value>& values, int64_t fid, bool located);
  void classify(std::vector<geo::Value>& values);
  void finish_checks();
  // A register joins the villages; villages imported again get the store's register again.
  void join_with_register();
  void find_coordinate_columns(const std::vector<std::string>& names);
  void read_csv_shape_if_csv();
  [[noreturn]] void throw_without_crs();
  // Sets the rest of this feature aside: an error at the end, or left out with --skip-invalid.
  void reject(int64_t fid, const std::string& rule, std::string detail);
  // "feature 12 (431024100201, 晋屏村; line 13)": the fid, the code or id and name the feature
  // already has, and for a CSV the line it starts on.
  std::string feature_name(int64_t fid) const;
  std::string field_label(int source_field, const CanonicalField& canon) const;
  // "line 13" of a CSV, "row 13" of a spreadsheet (GDAL numbers a sheet's rows as the sheet
  // does: the header is row 1), else "feature 13".
  std::string row_label(int64_t fid) const;
  bool is_spreadsheet() const { return src_.driver == "XLSX" || src_.driver == "ODS"; }
  // The register joins the store's villages; without them there is nothing to join.
  void check_register_target() const;

  geo::Store& store_;
  const ImportOptions& opt_;
  const KindSpec& kind_;
  ImportReport report_;
  OpenedSource src_;
  Encoding encoding_ = Encoding::utf8;
  std::vector<std::string> raw_field_names_;  // as the source has them (a cut UTF-8 tail dropped)
  std::vector<std::string> field_names_;      // decoded
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
  int64_t bad_reference_codes_ = 0;
  int64_t outside_polygons_ = 0;
  int64_t located_ = 0;
  std::map<std::string, int64_t> unknown_facility_types_;
  int64_t speeds_from_class_ = 0, roads_without_speed_ = 0;
  // --coords gcj02|bd09: stored features with a vertex outside China, left as given.
  bool row_unconverted_ = false;
  int64_t unconverted_ = 0;
  std::string unconverted_first_;
  geo::Envelope last_envelope_{};
  Rejects rejects_{opt_.skip_invalid};
  bool row_rejected_ = false;
  const std::vector<geo::Value>* row_values_ = nullptr;  // the feature being read, for its name
  std::optional<ChinaExtent> china_;
  std::optional<CsvShape> csv_;
  std::unordered_map<int64_t, size_t> ragged_;   // CSV record -> index in csv_->ragged
  std::map<std::string, int64_t> filled_codes_;  // code field -> features with a value
  int64_t restored_codes_ = 0;
  std::string restored_sample_;
  int64_t damaged_text_ = 0;
  std::string damaged_sample_;
  int64_t township_field_mismatch_ = 0, township_location_mismatch_ = 0;
  std::string township_location_sample_;
  std::optional<std::unordered_set<std::string>> village_codes_;  // for grids: the store's villages
  std::map<std::string, int64_t> unknown_road_classes_;
};

void Importer::reject(int64_t fid, const std::string& rule, std::string detail) {
  row_rejected_ = true;
  rejects_.add(fid, rule, feature_name(fid), std::move(detail));
}

std::string Importer::feature_name(int64_t fid) const {
  std::string known;
  if (row_values_) {
    for (const char* field : {"code", "id", "name", "zone"}) {
      int i = field_index(schema_, field);
      if (i < 0 || static_cast<size_t>(i) >= row_values_->size()) continue;
      if (const auto* text = std::get_if<std::string>(&(*row_values_)[static_cast<size_t>(i)]))
        known += (known.empty() ? "" : ", ") + *text;
    }
  }
  if (csv_ || is_spreadsheet()) known += (known.empty() ? "" : "; ") + row_label(fid);
  return known.empty() ? fmt::format(fmt::runtime(tr("feature {}")), fid)
                       : fmt::format(fmt::runtime(tr("feature {} ({})")), fid, known);
}

std::string Importer::row_label(int64_t fid) const {
  if (csv_) {
    // A record's line: its number plus the header, plus the extra lines of the records before.
    int64_t line = fid + 1;
    auto it = std::upper_bound(csv_->line_shifts.begin(), csv_->line_shifts.end(),
                               std::pair<int64_t, int64_t>{fid, INT64_MAX});
    if (it != csv_->line_shifts.begin()) line += std::prev(it)->second;
    return fmt::format(fmt::runtime(tr("line {}")), line);
  }
  return is_spreadsheet() ? fmt::format(fmt::runtime(tr("row {}")), fid)
                          : fmt::format(fmt::runtime(tr("feature {}")), fid);
}

void Importer::check_register_target() const {
  if (kind_.kind != LayerKind::village_register) return;
  if (report_.layer != kind_.name)
    throw UsageError(fmt::format(
        fmt::runtime(
            tr("{}: a village register is kept as the table {} (a later register replaces it); "
               "leave out --layer {}")),
        opt_.source, in_quotes(kind_.name), in_quotes(report_.layer)));
  if (!register_target(store_))
    throw DataError(fmt::format(
        fmt::runtime(
            tr("{}: a village register is joined to the store's villages by code, and {} has no "
               "villages layer: import the villages first, then the register")),
        opt_.source, store_.path()));
}

std::string Importer::field_label(int source_field, const CanonicalField& canon) const {
  const std::string& name = field_names_[static_cast<size_t>(source_field)];
  return name == canon.name
             ? fmt::format(fmt::runtime(tr("field {}")), in_quotes(name))
             : fmt::format(fmt::runtime(tr("field {} ({})")), in_quotes(name), canon.name);
}

void Importer::choose_encoding() {
  const std::string cpg_note;
  if (opt_.encoding) {
    auto e = parse_encoding(*opt_.encoding);
    if (!e)
      throw UsageError(
          fmt::format(fmt::runtime(tr("unknown encoding {} (use utf-8, gbk or gb18030)")),
                      in_quotes(*opt_.encoding)));
    encoding_ = *e;
    report_.encoding = fmt::format(fmt::runtime(tr("{} (given)")), to_string(encoding_));
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
        report_.encoding = fmt::format(fmt::runtime(tr("{} (from .cpg)")), to_string(encoding_));
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
  for (int i = 0; i < n; ++i) detector.add(raw_field_names_[static_cast<size_t>(i)]);
  layer.ignore_geometry(true);
  layer.reset_reading();
  // The centre of all rows, and of the rows in China: a few rows at (0, 0) or swapped must not
  // move the centre out of China (they are rejected one by one later).
  double lon_sum = 0, lat_sum = 0, china_lon_sum = 0, china_lat_sum = 0;
  int64_t count = 0, in_china = 0;
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
        if (fits_china(*lon, *lat)) {
          china_lon_sum += *lon;
          china_lat_sum += *lat;
          ++in_china;
        }
      }
    }
  }
  errors.throw_if_failed(opt_.source, tr("reading"));
  layer.ignore_geometry(false);
  layer.reset_reading();
  if (detect) {
    encoding_ = detector.result();
    report_.encoding = fmt::format(fmt::runtime(tr("{} (detected{})")), to_string(encoding_),
                                   detector.saw_non_ascii() ? "" : tr(": text is ASCII"));
  }
  if (lonlat && in_china * 2 >= count && in_china > 0) {
    center_lon_ = china_lon_sum / static_cast<double>(in_china);
    center_lat_ = china_lat_sum / static_cast<double>(in_china);
  } else if (lonlat && count > 0) {
    center_lon_ = lon_sum / static_cast<double>(count);
    center_lat_ = lat_sum / static_cast<double>(count);
  }
}

// The columns of a table without geometry that hold its coordinates: named by --x-field/
// --y-field (or field overrides x/y), else found by their usual names. Both or neither.
void Importer::find_coordinate_columns(const std::vector<std::string>& names) {
  auto named = [&](const std::optional<std::string>& option, const char* key) {
    if (option) return option;
    auto it = opt_.field_overrides.find(key);
    return it == opt_.field_overrides.end() ? std::optional<std::string>() : it->second;
  };
  std::vector<bool> none(names.size(), false);
  auto column = [&](const std::optional<std::string>& name,
                    const std::vector<std::string>& synonyms,
                    const char* option) -> std::optional<int> {
    if (!name) return find_field(names, synonyms, none);
    if (auto found = find_field(names, {*name}, none)) return found;
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: {} names the column {}, but the table has no such column "
                                    "(columns: {})")),
                    opt_.source, option, in_quotes(*name), fmt::join(names, ", ")));
  };
  lon_col_ = column(named(opt_.x_field, "x"), lon_synonyms(), "--x-field");
  lat_col_ = column(named(opt_.y_field, "y"), lat_synonyms(), "--y-field");
  if (!(lon_col_ && lat_col_)) lon_col_.reset(), lat_col_.reset();
}

// A CSV's records counted by us: ragged rows are then rejected by line, and features are named by
// the line they start on.
void Importer::read_csv_shape_if_csv() {
  if (src_.driver != "CSV") return;
  csv_ = read_csv_shape(opt_.source);
  for (size_t i = 0; i < csv_->ragged.size(); ++i) ragged_.emplace(csv_->ragged[i].record, i);
}

void Importer::choose_crs() {
  if (kind_.table_only) {
    plain_table_crs();
    return;
  }
  if (opt_.crs) {
    source_crs_def_ = *opt_.crs;
  } else if (auto wkt = src_.layer.crs_wkt()) {
    source_crs_def_ = *wkt;
  } else if (lon_col_ && lat_col_) {
    if (center_lon_ && fits_china(*center_lat_, *center_lon_))
      throw DataError(fmt::format(
          fmt::runtime(
              tr("{}: the {}/{} columns are swapped: their centre ({:.3f}, {:.3f}) is in China as "
                 "latitude/longitude; name them with --x-field {} --y-field {}")),
          opt_.source, in_quotes(field_names_[static_cast<size_t>(*lon_col_)]),
          in_quotes(field_names_[static_cast<size_t>(*lat_col_)]), *center_lon_, *center_lat_,
          field_names_[static_cast<size_t>(*lat_col_)],
          field_names_[static_cast<size_t>(*lon_col_)]));
    if (!center_lon_ || !fits_china(*center_lon_, *center_lat_))
      throw DataError(fmt::format(
          fmt::runtime(
              tr("{}: the table has no CRS and its {}/{} values (centre {:.3f}, {:.3f}) are not "
                 "longitude/latitude in China; name the CRS with --crs")),
          opt_.source, in_quotes(field_names_[static_cast<size_t>(*lon_col_)]),
          in_quotes(field_names_[static_cast<size_t>(*lat_col_)]), center_lon_.value_or(NAN),
          center_lat_.value_or(NAN)));
    source_crs_def_ = "EPSG:4490";
    report_.warnings.push_back(
        tr("the table has lon/lat columns but no CRS: read as CGCS2000 lon/lat (EPSG:4490); "
           "give --crs if that is wrong"));
  } else if (kind_.geometry_optional && src_.layer.geometry_field_count() == 0) {
    plain_table_crs();
    return;
  } else {
    throw_without_crs();
  }
  geo::Crs crs(source_crs_def_);
  source_geographic_ = crs.is_geographic();
  std::string epsg = crs.epsg();
  report_.source_crs = epsg.empty() ? crs.name() : fmt::format("{} ({})", epsg, crs.name());
  if (opt_.coords != geo::WebCoords::wgs84 && !source_geographic_)
    throw UsageError(fmt::format(
        fmt::runtime(tr("{}: --coords {} needs longitude/latitude data, but the CRS is "
                        "projected ({})")),
        opt_.source, opt_.coords == geo::WebCoords::gcj02 ? "gcj02" : "bd09", report_.source_crs));

  int srid = store_.srid();
  if (srid == 0) {
    if (opt_.project_crs) {
      geo::Crs project(*opt_.project_crs);
      std::string code = project.epsg();
      if (code.empty() || project.is_geographic())
        throw UsageError(fmt::format(
            fmt::runtime(tr("project CRS {} must be a projected CRS with an EPSG code")),
            in_quotes(*opt_.project_crs)));
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
        if (!env) {
          const int64_t count = src_.layer.feature_count(true);
          if (count <= 0)
            throw DataError(
                fmt::format(fmt::runtime(tr("{}: layer {} is empty: it has no features")),
                            opt_.source, in_quotes(src_.layer_name)));
          throw DataError(fmt::format(
              fmt::runtime(tr("{}: none of the {} feature(s) of layer {} has a geometry")),
              opt_.source, count, in_quotes(src_.layer_name)));
        }
        double cx = (env->min_x + env->max_x) / 2, cy = (env->min_y + env->max_y) / 2;
        if (!source_geographic_) {
          geo::CrsTransform to_lonlat(source_crs_def_, "EPSG:4490");
          if (!to_lonlat.transform({&cx, 1}, {&cy, 1}))
            throw DataError(fmt::format(
                fmt::runtime(tr("{}: the layer's extent cannot be located on the earth")),
                opt_.source));
        }
        center_lon_ = cx;
      }
      if (!std::isfinite(*center_lon_) || std::abs(*center_lon_) > 180)
        throw DataError(fmt::format(
            fmt::runtime(tr("{}: coordinates are not longitude/latitude (centre x = {}); "
                            "the file's CRS label is wrong: give the right one with --crs")),
            opt_.source, *center_lon_));
      srid = geo::gauss_kruger_epsg_for_longitude(*center_lon_);
    }
  }
  report_.project_srid = srid;
  transform_ = std::make_unique<geo::CrsTransform>(source_crs_def_, fmt::format("EPSG:{}", srid));
  china_.emplace(fmt::format("EPSG:{}", srid));
}

void Importer::plain_table_crs() {
  source_crs_def_.clear();  // a plain table: no geometry to transform
  report_.project_srid = store_.srid();
  if (report_.project_srid == 0)
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: a table without geometry can only be imported into a "
                                    "store that already holds a layer with coordinates")),
                    opt_.source));
}

// No CRS in the file: say whether a .prj is missing or there and unreadable.
void Importer::throw_without_crs() {
  if (src_.driver == "ESRI Shapefile") {
    fs::path prj = fs::path(opt_.source).replace_extension(".prj");
    if (!fs::exists(prj)) prj = fs::path(opt_.source).replace_extension(".PRJ");
    if (fs::exists(prj)) {
      std::ifstream in(prj, std::ios::binary);
      std::string text(160, '\0');
      in.read(text.data(), static_cast<std::streamsize>(text.size()));
      text.resize(static_cast<size_t>(in.gcount()));
      for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
      throw DataError(fmt::format(
          fmt::runtime(tr(
              "{}: its .prj ({}) is there but is not a coordinate reference system GDAL/PROJ can "
              "read (it begins {}); replace it, or name the CRS with --crs, e.g. --crs EPSG:4490")),
          opt_.source, prj.filename().string(),
          in_quotes(is_valid_utf8(without_cut_utf8_tail(text)) ? without_cut_utf8_tail(text)
                                                               : tr("(binary data)"))));
    }
    throw DataError(fmt::format(
        fmt::runtime(tr(
            "{}: the shapefile has no .prj, so its coordinate reference system is unknown; name it "
            "with --crs, e.g. --crs EPSG:4490")),
        opt_.source));
  }
  throw DataError(fmt::format(
      fmt::runtime(
          tr("{}: the layer has no coordinate reference system (no CRS in the file); name it "
             "with --crs, e.g. --crs EPSG:4490")),
      opt_.source));
}

std::string Importer::decoded_string(const geo::gdal::Feature& f, int field, int64_t fid) {
  std::string_view raw = f.as_string(field);
  // Most values are ASCII (codes, numbers): skip building the error context for them.
  if (is_ascii(raw)) return std::string(raw);
  std::string text =
      to_utf8(raw, encoding_,
              fmt::format(fmt::runtime(tr("{}: {} field {}")), opt_.source, feature_name(fid),
                          in_quotes(field_names_[static_cast<size_t>(field)])));
  if (has_replacement_characters(text) && damaged_text_++ == 0)
    damaged_sample_ =
        fmt::format(fmt::runtime(tr("feature {} field {}: {}")), fid,
                    in_quotes(field_names_[static_cast<size_t>(field)]), in_quotes(text));
  return text;
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
      if (canon.name == "code" || canon.name.ends_with("_code")) {
        text = clean_code(text);
        if (text.find_first_of("eE") != std::string::npos) {
          CodeText code = restore_code(text);
          if (code.form == CodeForm::lossy)
            reject(
                fid, tr("code damaged by a spreadsheet"),
                fmt::format(fmt::runtime(tr(
                                "{} is {}: a spreadsheet wrote the number in scientific notation "
                                "and its last digits are lost; export the column as text")),
                            field_label(*src, canon), in_quotes(text)));
          else if (code.form == CodeForm::restored && restored_codes_++ == 0)
            restored_sample_ = fmt::format(fmt::runtime(tr("feature {}: {} -> {}")), fid,
                                           in_quotes(text), code.text);
          text = std::move(code.text);
        }
        if (!text.empty()) ++filled_codes_[canon.name];
      }
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
    if (!number && canon.yes_no)
      if (auto word = yes_no_value(decoded_string(f, *src, fid))) number = *word;
    if (!number || !std::isfinite(*number)) {
      std::string text = decoded_string(f, *src, fid);
      if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;  // blank: no value
      reject(fid, tr("value that is not a number"),
             fmt::format(fmt::runtime(tr("{} is {}{}")), field_label(*src, canon), in_quotes(text),
                         is_number_in_words(text) ? tr(", a number in words: write it in digits")
                                                  : tr(", not a number")));
      continue;
    }
    if (std::string why = implausible(canon, *number); !why.empty()) {
      reject(fid, tr("implausible value"),
             fmt::format(fmt::runtime(tr("{} is {}, which {}")), field_label(*src, canon), *number,
                         why));
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
  const std::vector<unsigned char> none;
  if (!g || g.is_empty()) {
    if (kind_.geometry_optional) return std::nullopt;
    reject(fid, tr("feature without geometry"), tr("it has no geometry"));
    return none;
  }
  OGRwkbGeometryType type = g.flat_type();
  auto wrong_type = [&](const char* expected) {
    reject(fid, tr("wrong geometry type"),
           fmt::format(fmt::runtime(tr("its geometry is {}, but a {} layer needs {}")),
                       geo::gdal::geometry_type_name(type), kind_.name, expected));
    return none;
  };
  TransformContext tc{transform_.get(), opt_.coords, source_geographic_};
  // False (and the feature rejected) when a vertex could not be taken into the project CRS.
  auto transformed = [&](bool ok) {
    if (tc.non_finite) {
      reject(fid, tr("coordinate that is not a number"),
             fmt::format(fmt::runtime(tr("a coordinate is not a finite number ({} {})")), tc.bad_x,
                         tc.bad_y));
    } else if (tc.out_of_range) {
      bool swapped = false;
      std::string cause = outside_china_cause(tc.bad_x, tc.bad_y, source_crs_def_, true,
                                              report_.source_crs, &swapped);
      reject(fid, tr("coordinates that do not fit the CRS"),
             swapped
                 ? cause
                 : fmt::format(
                       fmt::runtime(
                           tr("coordinate ({} {}) is not longitude/latitude, but the CRS says it "
                              "is ({}): the values look projected; give the right CRS with --crs")),
                       tc.bad_x, tc.bad_y, report_.source_crs));
    } else if (!ok) {
      reject(
          fid, tr("coordinates PROJ cannot transform"),
          fmt::format(fmt::runtime(tr("PROJ cannot transform ({} {}) from {} to the project CRS")),
                      tc.first_x, tc.first_y, report_.source_crs));
    }
    row_unconverted_ = tc.left_unconverted;
    return ok && !tc.non_finite && !tc.out_of_range;
  };
  auto inside_china = [&](double min_x, double min_y, double max_x, double max_y) {
    if (!china_ || china_->contains(min_x, min_y, max_x, max_y)) return true;
    reject(fid, tr("outside China"),
           outside_china_cause(tc.first_x, tc.first_y, source_crs_def_, source_geographic_,
                               report_.source_crs));
    return false;
  };

  if (kind_.geometry == geo::GeometryKind::point) {
    geo::gdal::GeometryRef point = g;
    if (type == wkbMultiPoint && g.part_count() == 1)
      point = g.part(0);
    else if (type != wkbPoint)
      return wrong_type("points");
    double x = point.x(), y = point.y();
    if (!transformed(transform_vertex(&x, &y, &tc) == 1) || !inside_china(x, y, x, y)) return none;
    *px = x;
    *py = y;
    return none;
  }

  geo::gdal::Geometry copy = g.clone();
  if (kind_.geometry == geo::GeometryKind::polygon) {
    if (type != wkbPolygon && type != wkbMultiPolygon && type != wkbCurvePolygon &&
        type != wkbMultiSurface)
      return wrong_type("polygons");
    copy.force_to_multi_polygon();
  } else {
    if (type != wkbLineString && type != wkbMultiLineString && type != wkbCircularString &&
        type != wkbCompoundCurve && type != wkbMultiCurve)
      return wrong_type("lines");
    copy.force_to_multi_line_string();
  }
  copy.drop_z_and_m();  // planning maps are 2-D
  std::vector<unsigned char> wkb = copy.to_iso_wkb();
  if (auto fault = shape_fault(wkb)) {
    reject(fid, tr("unusable geometry"), *fault);
    return none;
  }

  geo::Geometry projected;
  try {
    auto geom = geo::from_wkb(geos_, wkb);
    projected = geo::transform_xy(geos_, geom.get(), &transform_vertex, &tc);
  } catch (const std::exception& e) {
    reject(fid, tr("unusable geometry"),
           fmt::format(fmt::runtime(tr("GEOS cannot read its geometry ({})")), e.what()));
    return none;
  }
  if (!transformed(projected != nullptr)) return none;
  auto e = geo::envelope(geos_, projected.get());
  if (!inside_china(e[0], e[1], e[2], e[3])) return none;
  if (kind_.geometry == geo::GeometryKind::polygon) {
    if (auto reason = geo::invalid_reason(geos_, projected.get())) {
      if (!opt_.repair) {
        reject(fid, tr("invalid polygon"), *reason);
        return none;
      }
      projected = repaired(projected, fid, *reason);
      if (!projected) return none;
      e = geo::envelope(geos_, projected.get());
    }
    std::tie(*px, *py) = geo::point_xy(geos_, geo::point_on_surface(geos_, projected.get()).get());
  } else {
    std::tie(*px, *py) = geo::point_xy(geos_, geo::interpolate(geos_, projected.get(), 0.0).get());
  }
  last_envelope_ = {e[0], e[1], e[2], e[3]};
  return geo::to_wkb(geos_, projected.get());
}

// MakeValid, bounded: a polygon that loops over itself thousands of times is reported, not
// left to keep the import busy for minutes.
geo::Geometry Importer::repaired(const geo::Geometry& invalid, int64_t fid,
                                 const std::string& reason) {
  constexpr double budget_seconds = 5;
  geo::Geometry valid = geo::make_valid_polygonal_within(geos_, invalid.get(), budget_seconds);
  if (!valid) {
    reject(fid, tr("polygon too tangled to repair"),
           fmt::format(fmt::runtime(tr(
                           "it is invalid ({}) and GEOS MakeValid did not finish within {:.0f} s "
                           "({} vertices): redraw it")),
                       reason, budget_seconds, geo::vertex_count(geos_, invalid.get())));
    return valid;
  }
  if (geo::is_empty(geos_, valid.get())) {
    reject(fid, tr("invalid polygon"),
           fmt::format(fmt::runtime(tr(
                           "it is invalid ({}) and nothing of it is left as an area after repair")),
                       reason));
    return geo::Geometry();
  }
  ++report_.repaired;
  problems_.push_back(
      {report_.layer, fid, "repaired",
       fmt::format(fmt::runtime(tr("invalid polygon ({}) repaired with MakeValid")), reason)});
  return valid;
}

void Importer::check_values(const std::vector<geo::Value>& values, int64_t fid) {
  if (kind_.kind != LayerKind::villages && kind_.kind != LayerKind::village_register) return;
  auto number = [&](std::string_view field) -> std::optional<int64_t> {
    int i = field_index(schema_, field);
    if (const auto* v = std::get_if<int64_t>(&values[static_cast<size_t>(i)])) return *v;
    return std::nullopt;
  };
  auto households = number("households"), population = number("population");
  if (households && population && *households > *population)
    reject(fid, tr("implausible value"),
           fmt::format(
               fmt::runtime(
                   tr("it has {} households but a population of {}: more households than people")),
               *households, *population));
}

// A village code says which township the village is in; so does where it lies.
void Importer::check_township_location(const std::vector<geo::Value>& values, int64_t fid,
                                       const std::string& township_there) {
  const auto* code =
      std::get_if<std::string>(&values[static_cast<size_t>(field_index(schema_, "code"))]);
  if (!code || !is_village_code(*code) || township_there.empty() ||
      township_of(*code) == township_there)
    return;
  if (township_location_mismatch_++ < 5)
    township_location_sample_ += fmt::format(
        fmt::runtime(tr("{}{}: code {} but inside township {}")),
        township_location_sample_.empty() ? "" : "; ", feature_name(fid), *code, township_there);
  problems_.push_back(
      {report_.layer, fid, "warning",
       fmt::format(fmt::runtime(tr("village code {} says township {}, but the village lies in "
                                   "township {}")),
                   *code, township_of(*code), township_there)});
}

// A grid belongs to a village: by its village code, which must be a village of the store, or by
// where it lies.
void Importer::check_grid_village(std::vector<geo::Value>& values, int64_t fid, bool located) {
  if (kind_.kind != LayerKind::grids || !village_codes_) return;
  const auto* code =
      std::get_if<std::string>(&values[static_cast<size_t>(field_index(schema_, "village_code"))]);
  if (!code) {
    if (!located)
      reject(fid, tr("grid of no village"),
             tr("it has no village code and lies outside every village"));
  } else if (!village_codes_->contains(*code)) {
    reject(
        fid, tr("grid of no village"),
        fmt::format(fmt::runtime(tr("its village code {} is not a village of the store")), *code));
  }
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
      if (road_class && unknown_road_classes_.size() < 1000) ++unknown_road_classes_[*road_class];
    }
  }
}

void Importer::check_codes(const std::vector<geo::Value>& values, int64_t fid) {
  auto text_of = [&](std::string_view field) -> const std::string* {
    int i = field_index(schema_, field);
    if (i < 0) return nullptr;
    return std::get_if<std::string>(&values[static_cast<size_t>(i)]);
  };
  if (kind_.kind == LayerKind::villages || kind_.kind == LayerKind::townships ||
      kind_.kind == LayerKind::village_register) {
    if (const std::string* code = text_of("code")) {
      bool ok =
          kind_.kind == LayerKind::townships ? is_township_code(*code) : is_village_code(*code);
      if (!ok && malformed_codes_.size() < 1000)
        malformed_codes_.push_back(
            fmt::format(fmt::runtime(tr("feature {} {}")), fid, in_quotes(*code)));
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
  } else if (kind_.kind != LayerKind::townships && kind_.kind != LayerKind::roads &&
             !kind_.table_only) {
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
      errors.throw_if_failed(opt_.source,
                             fmt::format(fmt::runtime(tr("reading after feature {}")), read));
    if (!f) break;
    int64_t fid = f.fid().value_or(read + 1);
    ++read;
    if (opt_.progress && expected > 0 && read % 65536 == 0)
      opt_.progress(static_cast<double>(read) / static_cast<double>(expected));
    PendingRow& row = background.next_row();
    row.fid = fid;
    auto& values = row.values;
    values.assign(schema_.fields.size(), std::monostate{});
    row_rejected_ = false;
    row_unconverted_ = false;
    row_values_ = nullptr;
    if (!ragged_.empty()) {
      if (auto it = ragged_.find(fid); it != ragged_.end()) {
        const RaggedRecord& r = csv_->ragged[it->second];
        reject(
            fid, tr("CSV row with the wrong number of fields"),
            fmt::format(fmt::runtime(tr(
                            "line {} has {} field(s), the header {}: a separator inside an "
                            "unquoted value, or a missing one; its values would land in the wrong "
                            "columns")),
                        r.line, r.fields, csv_->header_fields));
        continue;
      }
    }
    row_values_ = &values;  // filled field by field: a reject names what is there so far
    convert_attributes(f, fid, values, row.attrs);

    if (code_col >= 0) {
      if (auto* code = std::get_if<std::string>(&values[static_cast<size_t>(code_col)])) {
        if (county_col >= 0 && code->size() >= 6)
          values[static_cast<size_t>(county_col)] = county_of(*code);
        if (kind_.kind == LayerKind::villages && township_col >= 0 && is_village_code(*code)) {
          auto& t = values[static_cast<size_t>(township_col)];
          std::string derived = township_of(*code);
          if (auto* given = std::get_if<std::string>(&t); given && *given != derived) {
            ++township_field_mismatch_;
            problems_.push_back(
                {report_.layer, fid, "warning",
                 fmt::format(fmt::runtime(tr("township code {} differs from the village code's "
                                             "prefix {}; kept the prefix")),
                             in_quotes(*given), in_quotes(derived))});
          }
          t = derived;
        }
      }
    }
    check_codes(values, fid);
    check_values(values, fid);
    classify(values);

    double x = 0, y = 0;
    std::optional<std::vector<unsigned char>> wkb;
    if (from_columns) {
      // Copies: for a number cell GDAL formats the text into a buffer its next call reuses.
      const std::string lon_text(f.as_string(*lon_col_)), lat_text(f.as_string(*lat_col_));
      auto lon = parse_number(lon_text);
      auto lat = parse_number(lat_text);
      if (!lon || !lat) {
        reject(fid, tr("row without coordinates"),
               fmt::format(fmt::runtime(tr("no usable coordinates in {}/{} ({}, {})")),
                           in_quotes(field_names_[static_cast<size_t>(*lon_col_)]),
                           in_quotes(field_names_[static_cast<size_t>(*lat_col_)]),
                           in_quotes(lon_text), in_quotes(lat_text)));
      } else if (!std::isfinite(*lon) || !std::isfinite(*lat)) {
        // GDAL treats a point with a NaN ordinate as empty: say what is wrong before it does.
        reject(fid, tr("coordinate that is not a number"),
               fmt::format(fmt::runtime(tr("a coordinate is not a finite number ({} {})")), *lon,
                           *lat));
      } else {
        geo::gdal::Geometry point = geo::gdal::Geometry::point(*lon, *lat);
        wkb = convert_geometry(point, fid, &x, &y);
      }
    } else if (layer.geometry_field_count() > 0 && !kind_.table_only) {
      wkb = convert_geometry(f.geometry(), fid, &x, &y);
    }

    bool located = false;
    if (locator && wkb && !row_rejected_ && code_target >= 0) {
      auto& target = values[static_cast<size_t>(code_target)];
      bool missing = std::holds_alternative<std::monostate>(target);
      if (auto hit = locator->locate(x, y)) {
        located = true;
        if (missing) {
          target = locator->code(*hit);
          ++located_;
        } else if (kind_.kind == LayerKind::villages) {
          check_township_location(values, fid, locator->code(*hit));
        }
        if (name_target >= 0 &&
            std::holds_alternative<std::monostate>(values[static_cast<size_t>(name_target)]))
          values[static_cast<size_t>(name_target)] = locator->name(*hit);
      } else if (kind_.kind != LayerKind::villages) {
        ++outside_polygons_;
      }
    }
    if (!row_rejected_) check_grid_village(values, fid, located);
    if (!row_rejected_ && row_unconverted_ && unconverted_++ == 0)
      unconverted_first_ = feature_name(fid);

    if (row_rejected_) {
      // left out: listed in the error, or in rz_problems with --skip-invalid
    } else if (!wkb) {
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
  }
  errors.throw_if_failed(opt_.source, tr("reading"));
  if (read == 0)
    throw DataError(fmt::format(fmt::runtime(tr("{}: layer {} is empty")), opt_.source,
                                in_quotes(src_.layer_name)));
  if (expected >= 0 && read != expected)
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: read {} features but the layer reports {} (a shapefile "
                                    "whose .dbf has fewer records "
                                    "than its .shp, or a damaged file); nothing imported")),
                    opt_.source, read, expected));
  row_values_ = nullptr;
  background.finish();
  finish_checks();
  report_.features = writer.finish();
}

void Importer::finish_checks() {
  if (!rejects_.empty()) {
    if (!opt_.skip_invalid)
      throw DataError(rejects_.message(
          opt_.source, rejects_.has_rule(tr("invalid polygon")) && !opt_.repair
                           ? tr("invalid polygons can be repaired with --repair (GEOS MakeValid)")
                           : std::string()));
    report_.skipped = static_cast<int64_t>(rejects_.feature_count());
    report_.warnings.push_back(rejects_.skipped_summary());
    auto skipped = rejects_.problems(report_.layer);
    problems_.insert(problems_.end(), skipped.begin(), skipped.end());
  }
  for (size_t c = 0; c < kind_.fields.size(); ++c) {
    const std::string& name = kind_.fields[c].name;
    auto src = mapping_.canonical_to_source[c];
    if (src && (name == "code" || name == "village_code" || name == "township_code") &&
        !filled_codes_.contains(name))
      throw DataError(fmt::format(
          fmt::runtime(tr(
              "{}: field {} ({}) is empty in every feature: a layer's codes are what links it to "
              "the others; fill them in, or map another field with --field {}=SOURCE")),
          opt_.source, in_quotes(field_names_[static_cast<size_t>(*src)]), name, name));
  }
  if (unconverted_ > 0)
    report_.warnings.push_back(fmt::format(
        fmt::runtime(tr(
            "{} feature(s) lie outside China, where web maps give WGS84 and no {} offset applies: "
            "left unconverted (the first: {})")),
        unconverted_, geo::to_string(opt_.coords), unconverted_first_));
  if (restored_codes_ > 0)
    report_.warnings.push_back(fmt::format(
        fmt::runtime(
            tr("{} code(s) written by a spreadsheet in scientific notation were restored to their "
               "digits (e.g. {}): check them, and export codes as text next time")),
        restored_codes_, restored_sample_));
  if (damaged_text_ > 0)
    report_.warnings.push_back(fmt::format(
        fmt::runtime(tr("{} value(s) hold replacement characters ({} or {}): the text was damaged "
                        "by an earlier wrong encoding conversion and cannot be recovered here "
                        "(e.g. {}); convert the original file again")),
        damaged_text_, "�", "锟斤拷", damaged_sample_));
  if (township_field_mismatch_ > 0)
    report_.warnings.push_back(
        fmt::format(fmt::runtime(tr("{} village(s) have a township code that differs from their "
                                    "village code's first 9 digits "
                                    "(the village code's was kept)")),
                    township_field_mismatch_));
  if (township_location_mismatch_ > 0)
    report_.warnings.push_back(fmt::format(
        fmt::runtime(tr("{} village(s) lie in another township than their code says: {}{}")),
        township_location_mismatch_, township_location_sample_,
        township_location_mismatch_ > 5 ? "; ..." : ""));
  if (!unknown_road_classes_.empty()) {
    std::vector<std::string> listed;
    for (const auto& [road_class, count] : unknown_road_classes_)
      if (listed.size() < 10) listed.push_back(fmt::format("«{}» ({})", road_class, count));
    report_.warnings.push_back(fmt::format(
        fmt::runtime(tr("unknown road class(es), so no default speed: {}{} (known: {} and "
                        "OpenStreetMap's highway values)")),
        fmt::join(listed, ", "), unknown_road_classes_.size() > 10 ? ", ..." : "",
        "国道, 省道, 县道, 乡道, 村道, 机耕道, 高速"));
  }
  if (!malformed_codes_.empty())
    throw DataError(fmt::format(
        fmt::runtime(tr("{}: {} malformed {} code(s) (expected {} digits): {}")), opt_.source,
        malformed_codes_.size(),
        kind_.kind == LayerKind::townships ? tr("township") : tr("village"),
        kind_.kind == LayerKind::townships ? 9 : 12,
        fmt::join(malformed_codes_.begin(),
                  malformed_codes_.begin() +
                      std::min<ptrdiff_t>(20, static_cast<ptrdiff_t>(malformed_codes_.size())),
                  ", ")));
  std::vector<std::string> duplicates;
  for (const auto& [code, fids] : code_fids_)
    if (fids.size() > 1) {
      if (kind_.kind != LayerKind::village_register) {
        duplicates.push_back(fmt::format(fmt::runtime(tr("{} in features {}")), in_quotes(code),
                                         fmt::join(fids, ", ")));
        continue;
      }
      std::vector<std::string> rows;
      for (int64_t fid : fids) rows.push_back(row_label(fid));
      duplicates.push_back(
          fmt::format(fmt::runtime(tr("{} in {}")), in_quotes(code), fmt::join(rows, ", ")));
    }
  if (!duplicates.empty()) {
    std::sort(duplicates.begin(), duplicates.end());
    if (kind_.kind == LayerKind::village_register)
      throw DataError(
          fmt::format(fmt::runtime(tr("{}: duplicate village codes in the register (one row per "
                                      "village; which row's values "
                                      "hold is not for ruralzone to guess), nothing imported: {}")),
                      opt_.source, fmt::join(duplicates, "; ")));
    throw DataError(fmt::format(fmt::runtime(tr("{}: duplicate codes: {}")), opt_.source,
                                fmt::join(duplicates, "; ")));
  }
  if (bad_reference_codes_ > 0)
    report_.warnings.push_back(fmt::format(
        fmt::runtime(tr("{} feature(s) carry a village code that is not 12 valid digits")),
        bad_reference_codes_));
  if (located_ > 0)
    report_.warnings.push_back(
        fmt::format(fmt::runtime(tr("{} feature(s) without a {} code were linked by location")),
                    located_, kind_.kind == LayerKind::villages ? tr("township") : tr("village")));
  if (!unknown_facility_types_.empty()) {
    std::vector<std::string> listed;
    for (const auto& [type, count] : unknown_facility_types_)
      if (listed.size() < 10) listed.push_back(fmt::format("«{}» ({})", type, count));
    report_.warnings.push_back(
        fmt::format(fmt::runtime(tr("facility type(s) of no known category, stored as category "
                                    "{}: {}{}")),
                    in_quotes("other"), fmt::join(listed, ", "),
                    unknown_facility_types_.size() > 10 ? ", ..." : ""));
  }
  if (speeds_from_class_ > 0)
    report_.notes.push_back(fmt::format(
        fmt::runtime(tr("{} road(s) without a speed got the default speed of their road class")),
        speeds_from_class_));
  if (roads_without_speed_ > 0)
    report_.warnings.push_back(
        fmt::format(fmt::runtime(tr("{} road(s) have neither a speed nor a known road class ({})")),
                    roads_without_speed_, "国道/省道/县道/乡道/村道/机耕道"));
  if (outside_polygons_ > 0)
    report_.warnings.push_back(fmt::format(
        fmt::runtime(tr("{} feature(s) lie outside every village (kept)")), outside_polygons_));
  for (const auto& w : report_.warnings)
    problems_.push_back({report_.layer, std::nullopt, "warning", w});
}

void Importer::join_with_register() {
  std::optional<RegisterJoin> join;
  if (kind_.kind == LayerKind::village_register) {
    std::vector<std::string> fields;
    for (const auto& [canonical, source] : report_.mapping)
      if (!source.empty()) fields.push_back(canonical);
    RegisterInput input;
    input.source = opt_.source;
    input.register_layer = report_.layer;
    input.fields = std::move(fields);
    input.row_label = [this](int64_t fid) { return row_label(fid); };
    join = join_register(store_, input);
  } else if (kind_.kind == LayerKind::villages && register_target(store_) == report_.layer) {
    join = reapply_register(store_, opt_.source);
  }
  if (!join) return;
  for (auto& n : join->notes) report_.notes.push_back(std::move(n));
  for (auto& w : join->warnings) {
    problems_.push_back({report_.layer, std::nullopt, "warning", w});
    report_.warnings.push_back(std::move(w));
  }
}

ImportReport Importer::run() {
  report_.kind = kind_.name;
  report_.layer = opt_.layer_name.empty() ? kind_.name : opt_.layer_name;
  report_.source = opt_.source;
  if (!geo::is_valid_layer_name(report_.layer))
    throw UsageError(
        fmt::format(fmt::runtime(tr("{} is not a usable layer name (ASCII letters, digits and _)")),
                    in_quotes(report_.layer)));
  check_register_target();
  src_ = open_source(opt_.source, opt_.source_layer, kind_.name);
  report_.driver = src_.driver;
  // The source's SHA-256 on the second core while the first reads it (the file is then in the
  // page cache for both).
  auto source_sha256 = std::async(std::launch::async, geo::sha256_file, opt_.source);
  choose_encoding();

  const int nfields = src_.layer.field_count();
  // Field names are decoded after the prescan has settled the encoding; find lon/lat columns on
  // the raw names first (they are ASCII or match once decoded below).
  std::vector<std::string>& raw_names = raw_field_names_;
  for (int i = 0; i < nfields; ++i) {
    std::string name(src_.layer.field_name(i));
    // A dBASE field name is at most 10 bytes: a UTF-8 name may have lost its last character's
    // tail there. Keep the whole characters rather than take the name for GBK.
    if (src_.driver == "ESRI Shapefile" && name.size() == 10) name = without_cut_utf8_tail(name);
    raw_names.push_back(std::move(name));
  }
  // A register is a table: geometry and coordinate columns, if any, are not its business.
  const bool has_geometry = !kind_.table_only && src_.layer.geometry_field_count() > 0;
  if (!has_geometry && !kind_.table_only) {
    std::vector<std::string> guess;
    for (const auto& n : raw_names)
      guess.push_back(is_valid_utf8(n) ? n : to_utf8(n, Encoding::gb18030, opt_.source));
    find_coordinate_columns(guess);
  }
  read_csv_shape_if_csv();
  prescan();
  for (const auto& n : raw_names)
    field_names_.push_back(
        to_utf8(n, encoding_, fmt::format(fmt::runtime(tr("{}: field name")), opt_.source)));
  if (!has_geometry && !kind_.table_only) find_coordinate_columns(field_names_);
  if (!has_geometry && !(lon_col_ && lat_col_)) {
    lon_col_.reset();
    lat_col_.reset();
    if (!kind_.geometry_optional)
      throw DataError(fmt::format(
          fmt::runtime(tr("{}: the layer has no geometry and no longitude/latitude columns (looked "
                          "for {} / {}; "
                          "fields found: {}){}")),
          opt_.source, fmt::join(lon_synonyms(), ","), fmt::join(lat_synonyms(), ","),
          fmt::join(field_names_, ", "),
          // Planners' village attributes come as such tables: say how to import them.
          kind_.kind == LayerKind::villages
              ? fmt::format(
                    fmt::runtime(tr(". Villages need their polygons; a table of village values "
                                    "keyed by {} is a village register: import the polygons "
                                    "first, then this table with --kind village_register, which "
                                    "joins it into the villages by code")),
                    "村代码")
              : std::string()));
  }

  std::vector<std::string> mappable = field_names_;
  if (lon_col_) mappable[static_cast<size_t>(*lon_col_)] = "\x01lon";  // never a synonym
  if (lat_col_) mappable[static_cast<size_t>(*lat_col_)] = "\x01lat";
  std::map<std::string, std::string> overrides = opt_.field_overrides;
  overrides.erase("x");  // the coordinate columns, taken above
  overrides.erase("y");
  mapping_ = map_fields(kind_, mappable, overrides, opt_.source);
  for (size_t c = 0; c < kind_.fields.size(); ++c) {
    auto s = mapping_.canonical_to_source[c];
    report_.mapping.emplace_back(kind_.fields[c].name,
                                 s ? field_names_[static_cast<size_t>(*s)] : std::string());
  }
  std::erase_if(mapping_.kept, [&](int i) { return i == lon_col_ || i == lat_col_; });
  for (int i : mapping_.kept) report_.kept_fields.push_back(field_names_[static_cast<size_t>(i)]);

  choose_crs();
  schema_ = store_schema(kind_, report_.layer);
  if (kind_.kind == LayerKind::grids && store_.layer("villages")) {
    village_codes_.emplace();
    auto st = store_.db().prepare("SELECT code FROM villages WHERE code IS NOT NULL");
    while (st.step()) village_codes_->insert(st.get_text(0));
  }

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
  join_with_register();
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
