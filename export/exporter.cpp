#include "export/exporter.hpp"

#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "export/shapefile_field_names.hpp"
#include "export/text_encoding.hpp"
#include "geo/ascii.hpp"
#include "geo/crs.hpp"
#include "geo/error.hpp"
#include "geo/geos.hpp"

namespace rz::exporting {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

constexpr size_t kDbfMaxTextBytes = 254;
constexpr size_t kExcelCellMaxChars = 32767;
constexpr size_t kExcelSheetNameMax = 31;

size_t utf8_chars(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// ---------------------------------------------------------------------------------------------
// GDAL plumbing

void ensure_gdal() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

// Collects what GDAL reports while an export runs. Warnings count as failures too: from the drivers
// used here they mean data was changed on the way out (a value truncated, a character dropped in
// recoding, a field name laundered), which an export must not do silently.
class GdalErrors {
 public:
  GdalErrors() {
    CPLErrorReset();
    CPLPushErrorHandlerEx(&GdalErrors::handler, this);
  }
  ~GdalErrors() { CPLPopErrorHandler(); }
  GdalErrors(const GdalErrors&) = delete;
  GdalErrors& operator=(const GdalErrors&) = delete;

  bool any() const { return !messages_.empty(); }
  std::string take() {
    std::string out;
    for (const auto& m : messages_) out += (out.empty() ? "" : "; ") + m;
    messages_.clear();
    return out;
  }

 private:
  static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* message) {
    if (level != CE_Warning && level != CE_Failure && level != CE_Fatal) return;
    auto* self = static_cast<GdalErrors*>(CPLGetErrorHandlerUserData());
    if (self) self->messages_.emplace_back(message ? message : "unknown GDAL error");
  }
  std::vector<std::string> messages_;
};

struct DatasetCloser {
  void operator()(void* ds) const {
    if (ds) GDALClose(ds);
  }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

struct SrsRelease {
  void operator()(OGRSpatialReferenceH srs) const {
    if (srs) OSRRelease(srs);
  }
};
using Srs = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsRelease>;

struct FeatureDestroy {
  void operator()(OGRFeatureH f) const {
    if (f) OGR_F_Destroy(f);
  }
};
using Feature = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDestroy>;

struct FieldDestroy {
  void operator()(OGRFieldDefnH f) const {
    if (f) OGR_Fld_Destroy(f);
  }
};
using FieldDefn = std::unique_ptr<std::remove_pointer_t<OGRFieldDefnH>, FieldDestroy>;

Srs make_srs(int epsg) {
  Srs srs(OSRNewSpatialReference(nullptr));
  if (OSRImportFromEPSG(srs.get(), epsg) != OGRERR_NONE)
    throw DataError(fmt::format("GDAL does not know the store CRS EPSG:{}", epsg));
  // x = east / longitude, y = north / latitude, as the store and CrsTransform have them.
  OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

// ---------------------------------------------------------------------------------------------
// Temporary files and their installation

// Every output is written as `.<stem>.tmp-<pid>.<suffix>` beside its final `<stem>.<suffix>`.
class Staging {
 public:
  struct Set {
    fs::path dir;
    std::string temp_prefix;  // ".villages.tmp-1234"
    std::string final_stem;   // "villages"
    // Single-file outputs: the one temporary file and its exact destination.
    std::string single_temp;
    fs::path single_target;
    // Files of an earlier export of the same set that must not survive beside the new ones.
    std::vector<std::string> stale_suffixes;
  };

  Staging() = default;
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;
  ~Staging() {
    if (!committed_) discard();
  }

  void created_folder(const fs::path& dir) { created_dir_ = dir; }

  const Set& add(Set set) {
    remove_temporaries(set);  // a leftover from a crashed run that had our pid
    sets_.push_back(std::move(set));
    return sets_.back();
  }

  // Renames every temporary into place and removes stale files of the replaced sets.
  void commit() {
    for (const auto& set : sets_) {
      std::set<std::string> installed;
      for (const auto& name : temporaries(set)) {
        fs::path from = set.dir / name;
        fs::path to;
        if (!set.single_temp.empty()) {
          if (name != set.single_temp) {  // e.g. a journal GDAL left behind: not part of the output
            std::error_code ec;
            fs::remove(from, ec);
            continue;
          }
          to = set.single_target;
        } else {
          to = set.dir / (set.final_stem + name.substr(set.temp_prefix.size()));
        }
        std::error_code ec;
        fs::rename(from, to, ec);
        if (ec)
          throw DataError(fmt::format("cannot move {} into place as {}: {}", from.string(),
                                      to.string(), ec.message()));
        installed.insert(to.filename().string());
      }
      for (const auto& suffix : set.stale_suffixes) {
        std::string name = set.final_stem + suffix;
        if (installed.count(name)) continue;
        std::error_code ec;
        fs::remove(set.dir / name, ec);
      }
    }
    committed_ = true;
  }

 private:
  static std::vector<std::string> temporaries(const Set& set) {
    std::vector<std::string> out;
    std::error_code ec;
    std::string prefix = set.temp_prefix + ".";
    for (fs::directory_iterator it(set.dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (name.compare(0, prefix.size(), prefix) == 0) out.push_back(name);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  static void remove_temporaries(const Set& set) {
    for (const auto& name : temporaries(set)) {
      std::error_code ec;
      fs::remove(set.dir / name, ec);
    }
  }

  void discard() {
    for (const auto& set : sets_) remove_temporaries(set);
    if (!created_dir_.empty()) {
      std::error_code ec;
      if (fs::is_empty(created_dir_, ec) && !ec) fs::remove(created_dir_, ec);
    }
  }

  std::deque<Set> sets_;  // references handed out by add() stay valid
  fs::path created_dir_;
  bool committed_ = false;
};

std::string temp_prefix(const std::string& stem) {
  return fmt::format(".{}.tmp-{}", stem, static_cast<long>(::getpid()));
}

// ---------------------------------------------------------------------------------------------
// Field plan

enum class Source { fid, column, attr };

struct OutField {
  std::string name;      // the full name (after clash renaming)
  std::string out_name;  // as created (shapefile: at most 10 bytes)
  OGRFieldType type = OFTString;
  Source source = Source::attr;
  size_t column = 0;      // Source::column: index into the schema and FeatureRow::values
  size_t text_bytes = 0;  // longest text value, in the output encoding (shapefile widths)
};

struct AttrStats {
  std::string key;
  bool integers = false, reals = false, others = false;
  size_t text_bytes = 0;
};

struct LayerPlan {
  geo::LayerInfo info;
  std::vector<OutField> fields;
  std::unordered_map<std::string, size_t> attr_field;  // attrs key -> index into fields
  bool renamed = false;                                // shapefile: some name was shortened
};

std::string value_text(const geo::Value& v) {
  if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return {};
}

std::string json_text(const ojson& j) {
  return j.is_string() ? j.get_ref<const std::string&>() : j.dump();
}

ojson parse_attrs(const std::string& text, const std::string& layer, int64_t fid) {
  if (text.empty()) return ojson::object();
  try {
    ojson j = ojson::parse(text);
    if (j.is_object()) return j;
  } catch (const nlohmann::json::exception&) {
  }
  throw DataError(fmt::format("layer «{}», feature {}: the stored attributes are not a JSON object",
                              layer, fid));
}

struct FormatTraits {
  bool settable_fid = false;  // the driver keeps our feature ids
  std::vector<std::string> reserved;
};

FormatTraits traits(Format format) {
  switch (format) {
    case Format::gpkg:
      return {true, {"fid", "geom"}};
    case Format::geojson:
      return {true, {}};
    case Format::shapefile:
      return {false, {"fid"}};
    case Format::csv:
    case Format::xlsx:
      return {false, {"fid", "wkt"}};
  }
  return {};
}

// Checks and measures a text value bound for a .dbf: it must be encodable and fit 254 bytes.
class DbfText {
 public:
  DbfText(DbfEncoding encoding, std::string layer) : encoding_(encoding), layer_(std::move(layer)) {
    if (encoding != DbfEncoding::utf8) encoder_ = std::make_unique<TextEncoder>(encoding);
  }

  size_t bytes(std::string_view text, int64_t fid, std::string_view field) {
    size_t n = text.size();
    if (encoder_) {
      std::string bad;
      auto encoded = encoder_->encode(text, &bad);
      if (!encoded)
        throw DataError(fmt::format(
            "layer «{}», feature {}, field «{}»: «{}» holds the character «{}» ({}), which {} "
            "cannot represent; export the shapefile as UTF-8 (the default) or GB18030, or use "
            "GeoPackage",
            layer_, fid, field, text, bad, code_point_label(bad), display_name(encoding_)));
      n = encoded->size();
    }
    if (n > kDbfMaxTextBytes)
      throw DataError(fmt::format(
          "layer «{}», feature {}, field «{}»: the value takes {} bytes in {}, more than a "
          "shapefile text field holds ({}); it would be cut. Use GeoPackage, GeoJSON or CSV",
          layer_, fid, field, n, display_name(encoding_), kDbfMaxTextBytes));
    return n;
  }

  void check_name(const std::string& short_name, const std::string& full_name) {
    if (!encoder_) return;
    std::string bad;
    if (!encoder_->encode(short_name, &bad))
      throw DataError(fmt::format(
          "layer «{}», field «{}»: the name holds the character «{}» ({}), which {} cannot "
          "represent; export the shapefile as UTF-8 (the default) or GB18030",
          layer_, full_name, bad, code_point_label(bad), display_name(encoding_)));
  }

 private:
  DbfEncoding encoding_;
  std::string layer_;
  std::unique_ptr<TextEncoder> encoder_;
};

std::string unique_name(const std::string& wanted, std::set<std::string>& taken) {
  std::string base = wanted.empty() ? std::string("field") : wanted;
  std::string name = base;
  for (int n = 2; taken.count(geo::lower_ascii(name)); ++n) name = fmt::format("{}_{}", base, n);
  taken.insert(geo::lower_ascii(name));
  return name;
}

// First pass over a layer: the attrs keys and their types, text widths, and (shapefile) whether
// every value can be written faithfully.
LayerPlan plan_layer(geo::Store& store, const geo::LayerInfo& info, Format format,
                     DbfEncoding dbf_encoding) {
  const auto& schema = info.schema;
  const bool shp = format == Format::shapefile;
  std::unique_ptr<DbfText> dbf;
  if (shp) dbf = std::make_unique<DbfText>(dbf_encoding, schema.name);

  std::vector<size_t> column_bytes(schema.fields.size(), 0);
  std::vector<AttrStats> attrs;
  std::unordered_map<std::string, size_t> attr_index;
  store.read_features(schema.name, [&](const geo::FeatureRow& row) {
    if (shp) {
      for (size_t i = 0; i < schema.fields.size(); ++i) {
        if (schema.fields[i].type != geo::FieldType::text) continue;
        const auto& v = row.values[i];
        if (std::holds_alternative<std::monostate>(v)) continue;
        column_bytes[i] =
            std::max(column_bytes[i], dbf->bytes(value_text(v), row.fid, schema.fields[i].name));
      }
    }
    ojson j = parse_attrs(row.attrs, schema.name, row.fid);
    for (const auto& [key, value] : j.items()) {
      auto [it, inserted] = attr_index.try_emplace(key, attrs.size());
      if (inserted) attrs.push_back(AttrStats{key});
      auto& s = attrs[it->second];
      if (value.is_null()) continue;
      if (value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
        s.others = true;
      else if (value.is_number_integer())
        s.integers = true;
      else if (value.is_number_float())
        s.reals = true;
      else
        s.others = true;
      if (shp) s.text_bytes = std::max(s.text_bytes, dbf->bytes(json_text(value), row.fid, key));
    }
  });

  LayerPlan plan;
  plan.info = info;
  const auto tr = traits(format);
  std::set<std::string> taken(tr.reserved.begin(), tr.reserved.end());
  if (!tr.settable_fid) {
    taken.erase("fid");
    plan.fields.push_back({unique_name("fid", taken), {}, OFTInteger64, Source::fid, 0, 0});
  }
  for (size_t i = 0; i < schema.fields.size(); ++i) {
    OGRFieldType type = schema.fields[i].type == geo::FieldType::integer ? OFTInteger64
                        : schema.fields[i].type == geo::FieldType::real  ? OFTReal
                                                                         : OFTString;
    plan.fields.push_back(
        {unique_name(schema.fields[i].name, taken), {}, type, Source::column, i, column_bytes[i]});
  }
  for (const auto& s : attrs) {
    OGRFieldType type = s.others     ? OFTString
                        : s.reals    ? OFTReal
                        : s.integers ? OFTInteger64
                                     : OFTString;
    plan.attr_field[s.key] = plan.fields.size();
    plan.fields.push_back({unique_name(s.key, taken), {}, type, Source::attr, 0, s.text_bytes});
  }

  if (shp) {
    std::vector<std::string> full;
    for (const auto& f : plan.fields) full.push_back(f.name);
    auto short_names = shapefile_field_names(full, iconv_name(dbf_encoding));
    for (size_t i = 0; i < plan.fields.size(); ++i) {
      dbf->check_name(short_names[i], full[i]);
      plan.fields[i].out_name = short_names[i];
      if (short_names[i] != full[i]) plan.renamed = true;
    }
  } else {
    for (auto& f : plan.fields) f.out_name = f.name;
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Writing

struct Writer {
  explicit Writer(Format f) : format(f) {}
  Format format;
  DbfEncoding dbf_encoding = DbfEncoding::utf8;
  int srid = 0;
  Srs store_srs;
  Srs wgs84;
  std::unique_ptr<geo::CrsTransform> to_wgs84;
  geo::GeosContext geos;
  int wkt_decimals = 3;
  GdalErrors errors;

  void check(const std::string& output, const std::string& layer, std::string_view what) {
    if (errors.any())
      throw DataError(fmt::format("export to {}: layer «{}»: {} failed: {}", output, layer, what,
                                  errors.take()));
  }
};

OGRwkbGeometryType layer_geometry_type(Format format, geo::GeometryKind kind) {
  if (format == Format::xlsx) return wkbNone;
  switch (kind) {
    case geo::GeometryKind::point:
      return wkbPoint;
    case geo::GeometryKind::line:
      return wkbMultiLineString;
    case geo::GeometryKind::polygon:
      return wkbMultiPolygon;
  }
  return wkbUnknown;
}

OGRGeometryH ogr_from_wkb(std::span<const unsigned char> wkb, geo::GeometryKind kind) {
  OGRGeometryH g = nullptr;
  if (OGR_G_CreateFromWkbEx(wkb.data(), nullptr, &g, wkb.size()) != OGRERR_NONE || !g)
    return nullptr;
  if (kind == geo::GeometryKind::polygon) g = OGR_G_ForceToMultiPolygon(g);
  if (kind == geo::GeometryKind::line) g = OGR_G_ForceToMultiLineString(g);
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

CPLStringList layer_options(Format format, DbfEncoding dbf_encoding) {
  CPLStringList o;
  switch (format) {
    case Format::gpkg:
      o.SetNameValue("FID", "fid");
      o.SetNameValue("GEOMETRY_NAME", "geom");
      o.SetNameValue("SPATIAL_INDEX", "YES");
      break;
    case Format::geojson:
      o.SetNameValue("RFC7946", "YES");
      o.SetNameValue("WRITE_NAME", "NO");
      o.SetNameValue("COORDINATE_PRECISION", "7");
      break;
    case Format::shapefile:
      // GBK: language driver 77 (code page 936) in the .dbf header; GDAL recodes to CP936 from
      // it. The .cpg saying 936 is written beside it (GDAL only writes a .cpg for names).
      o.SetNameValue("ENCODING",
                     dbf_encoding == DbfEncoding::cp936 ? "LDID/77" : iconv_name(dbf_encoding));
      break;
    case Format::csv:
      o.SetNameValue("GEOMETRY", "AS_WKT");
      o.SetNameValue("WRITE_BOM", "YES");
      break;
    case Format::xlsx:
      break;
  }
  return o;
}

// A value of an integer or real column. SQLite keeps whatever was stored, so a text or a fraction
// can sit in an integer column: GDAL would quietly write 0 or cut the fraction, we refuse.
void set_number(OGRFeatureH feature, int idx, const OutField& f, const geo::Value& v,
                const std::string& output, const std::string& layer, int64_t fid) {
  auto refuse = [&](const std::string& text) {
    return DataError(fmt::format("export to {}: layer «{}», feature {}, field «{}»: «{}» is not {}",
                                 output, layer, fid, f.name, text,
                                 f.type == OFTInteger64 ? "an integer" : "a number"));
  };
  if (auto* n = std::get_if<int64_t>(&v)) {
    OGR_F_SetFieldInteger64(feature, idx, *n);
  } else if (auto* d = std::get_if<double>(&v)) {
    if (f.type != OFTInteger64) {
      OGR_F_SetFieldDouble(feature, idx, *d);
    } else if (std::trunc(*d) == *d && std::abs(*d) < 9.2e18) {
      OGR_F_SetFieldInteger64(feature, idx, static_cast<int64_t>(*d));
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
      OGR_F_SetFieldInteger64(feature, idx, parsed);
    } else {
      double parsed = 0;
      auto r = std::from_chars(s.data(), end, parsed);
      if (s.empty() || r.ec != std::errc() || r.ptr != end) throw refuse(s);
      OGR_F_SetFieldDouble(feature, idx, parsed);
    }
  }
}

// Writes one layer into an open dataset; returns the feature count.
int64_t write_layer(geo::Store& store, GDALDatasetH ds, const LayerPlan& plan,
                    const std::string& layer_name, const std::string& output, Writer& w,
                    std::vector<std::string>& warnings) {
  const auto& schema = plan.info.schema;
  const std::string& layer = schema.name;
  OGRSpatialReferenceH srs = w.format == Format::geojson ? w.wgs84.get()
                             : w.format == Format::xlsx  ? nullptr
                                                         : w.store_srs.get();
  CPLStringList options = layer_options(w.format, w.dbf_encoding);
  OGRLayerH lyr = GDALDatasetCreateLayer(
      ds, layer_name.c_str(), srs, layer_geometry_type(w.format, schema.geometry), options.List());
  if (!lyr && !w.errors.any())
    throw DataError(
        fmt::format("export to {}: layer «{}»: GDAL could not create the layer", output, layer));
  w.check(output, layer, "creating the layer");

  std::vector<OutField> fields = plan.fields;
  if (w.format == Format::xlsx) fields.push_back({"WKT", "WKT", OFTString, Source::attr, 0, 0});
  for (const auto& f : fields) {
    FieldDefn defn(OGR_Fld_Create(f.out_name.c_str(), f.type));
    if (w.format == Format::shapefile && f.type == OFTString)
      OGR_Fld_SetWidth(defn.get(), static_cast<int>(std::max<size_t>(f.text_bytes, 1)));
    if (OGR_L_CreateField(lyr, defn.get(), TRUE) != OGRERR_NONE && !w.errors.any())
      throw DataError(fmt::format("export to {}: layer «{}»: GDAL could not create field «{}»",
                                  output, layer, f.name));
    w.check(output, layer, fmt::format("creating field «{}»", f.name));
  }
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(lyr);
  // The driver must have kept every name as given (no laundering, no truncation).
  if (OGR_FD_GetFieldCount(defn) != static_cast<int>(fields.size()))
    throw DataError(fmt::format("export to {}: layer «{}»: GDAL created {} fields instead of {}",
                                output, layer, OGR_FD_GetFieldCount(defn), fields.size()));
  for (size_t i = 0; i < fields.size(); ++i) {
    const char* got = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, static_cast<int>(i)));
    if (fields[i].out_name != got)
      throw DataError(fmt::format("export to {}: layer «{}»: GDAL renamed field «{}» to «{}»",
                                  output, layer, fields[i].out_name, got));
  }

  const bool transaction = w.format == Format::gpkg;
  if (transaction && GDALDatasetStartTransaction(ds, FALSE) != OGRERR_NONE)
    w.check(output, layer, "starting a transaction");

  const int wkt_field = w.format == Format::xlsx ? static_cast<int>(fields.size()) - 1 : -1;
  std::vector<int64_t> too_long;
  int64_t count = 0;
  store.read_features(layer, [&](const geo::FeatureRow& row) {
    Feature feature(OGR_F_Create(defn));
    if (traits(w.format).settable_fid) OGR_F_SetFID(feature.get(), row.fid);
    for (size_t i = 0; i < plan.fields.size(); ++i) {
      const auto& f = plan.fields[i];
      const int idx = static_cast<int>(i);
      if (f.source == Source::fid) {
        OGR_F_SetFieldInteger64(feature.get(), idx, row.fid);
      } else if (f.source == Source::column) {
        const auto& v = row.values[f.column];
        if (std::holds_alternative<std::monostate>(v))
          OGR_F_SetFieldNull(feature.get(), idx);
        else if (f.type == OFTString)
          OGR_F_SetFieldString(feature.get(), idx, value_text(v).c_str());
        else
          set_number(feature.get(), idx, f, v, output, layer, row.fid);
      }
    }
    ojson attrs = parse_attrs(row.attrs, layer, row.fid);
    for (const auto& [key, value] : attrs.items()) {
      auto it = plan.attr_field.find(key);
      if (it == plan.attr_field.end()) continue;
      const int idx = static_cast<int>(it->second);
      const auto type = plan.fields[it->second].type;
      if (value.is_null())
        OGR_F_SetFieldNull(feature.get(), idx);
      else if (type == OFTInteger64)
        OGR_F_SetFieldInteger64(feature.get(), idx, value.get<int64_t>());
      else if (type == OFTReal)
        OGR_F_SetFieldDouble(feature.get(), idx, value.get<double>());
      else
        OGR_F_SetFieldString(feature.get(), idx, json_text(value).c_str());
    }

    if (!row.wkb.empty()) {
      OGRGeometryH g = nullptr;
      if (w.format == Format::geojson || w.format == Format::xlsx) {
        auto geom = geo::from_wkb(w.geos, row.wkb);
        if (w.format == Format::xlsx) {
          std::string wkt = geo::to_wkt(w.geos, geom.get(), w.wkt_decimals);
          if (utf8_chars(wkt) > kExcelCellMaxChars)
            too_long.push_back(row.fid);
          else
            OGR_F_SetFieldString(feature.get(), wkt_field, wkt.c_str());
        } else {
          XYTransform t{w.to_wgs84.get()};
          GEOSGeometry* moved = GEOSGeom_transformXY_r(w.geos.get(), geom.get(), &transform_xy, &t);
          if (!moved || !t.ok) {
            if (moved) GEOSGeom_destroy_r(w.geos.get(), moved);
            throw DataError(fmt::format(
                "export to {}: layer «{}», feature {}: coordinates could not be transformed "
                "from EPSG:{} to WGS84",
                output, layer, row.fid, w.srid));
          }
          auto lonlat = geo::own(w.geos, moved, "transform");
          g = ogr_from_wkb(geo::to_wkb(w.geos, lonlat.get()), schema.geometry);
          if (!g)
            throw DataError(fmt::format("export to {}: layer «{}», feature {}: bad geometry",
                                        output, layer, row.fid));
        }
      } else {
        g = ogr_from_wkb(row.wkb, schema.geometry);
        if (!g)
          throw DataError(fmt::format("export to {}: layer «{}», feature {}: unreadable geometry",
                                      output, layer, row.fid));
      }
      if (g) OGR_F_SetGeometryDirectly(feature.get(), g);
    }
    if (OGR_L_CreateFeature(lyr, feature.get()) != OGRERR_NONE && !w.errors.any())
      throw DataError(fmt::format("export to {}: layer «{}», feature {}: GDAL could not write it",
                                  output, layer, row.fid));
    w.check(output, layer, fmt::format("writing feature {}", row.fid));
    ++count;
  });

  if (transaction && GDALDatasetCommitTransaction(ds) != OGRERR_NONE)
    w.check(output, layer, "committing");
  w.check(output, layer, "writing");
  if (!too_long.empty()) {
    std::string ids;
    for (size_t i = 0; i < too_long.size() && i < 10; ++i)
      ids += (i ? ", " : "") + std::to_string(too_long[i]);
    if (too_long.size() > 10) ids += ", ...";
    warnings.push_back(fmt::format(
        "layer «{}»: the WKT of {} feature(s) (fid {}) is longer than an Excel cell holds ({} "
        "characters) and was left empty; export to gpkg or csv for the full geometry",
        layer, too_long.size(), ids, kExcelCellMaxChars));
  }
  return count;
}

Dataset create_dataset(Format format, const fs::path& path, const std::string& output,
                       const std::string& layer, Writer& w) {
  const char* driver_name = format == Format::gpkg        ? "GPKG"
                            : format == Format::geojson   ? "GeoJSON"
                            : format == Format::shapefile ? "ESRI Shapefile"
                            : format == Format::csv       ? "CSV"
                                                          : "XLSX";
  GDALDriverH driver = GDALGetDriverByName(driver_name);
  if (!driver) throw DataError(fmt::format("this GDAL has no {} driver", driver_name));
  Dataset ds(GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds && !w.errors.any())
    throw DataError(fmt::format("export to {}: GDAL could not create the file", output));
  w.check(output, layer, "creating the file");
  return ds;
}

void close_dataset(Dataset& ds, const std::string& output, const std::string& layer, Writer& w) {
  GDALClose(ds.release());
  w.check(output, layer, "closing the file");
}

void write_text_file(const fs::path& path, const std::string& content, const std::string& output) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) throw DataError(fmt::format("export to {}: cannot write {}", output, path.string()));
}

std::string csv_quote(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::vector<std::string> sheet_names(const std::vector<geo::LayerInfo>& layers) {
  std::vector<std::string> out;
  std::set<std::string> taken;
  for (const auto& l : layers) {
    std::string name = l.schema.name.substr(0, kExcelSheetNameMax);
    for (int n = 2; taken.count(geo::lower_ascii(name)); ++n) {
      std::string suffix = fmt::format("~{}", n);
      name = l.schema.name.substr(0, kExcelSheetNameMax - suffix.size()) + suffix;
    }
    taken.insert(geo::lower_ascii(name));
    out.push_back(name);
  }
  return out;
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
      throw UsageError(fmt::format("{}: no layer named «{}»; the store has: {}", store.path(), name,
                                   names.empty() ? "(no layers)" : names));
    }
    out.push_back(*it);
  }
  return out;
}

}  // namespace

std::vector<ExportedFile> export_layers(geo::Store& store, const ExportOptions& options) {
  ensure_gdal();
  auto dbf_encoding = parse_dbf_encoding(options.shapefile_encoding);
  if (!dbf_encoding)
    throw UsageError(fmt::format("unknown shapefile encoding «{}» (use UTF-8, GBK or GB18030)",
                                 options.shapefile_encoding));
  if (options.output.empty()) throw UsageError("no export output given");
  auto layers = select_layers(store, options.layers);
  if (layers.empty())
    throw DataError(fmt::format("{}: the store has no layers to export", store.path()));
  const int srid = store.srid();
  if (srid == 0) throw DataError(fmt::format("{}: the store has no CRS", store.path()));

  const Format format = options.format;
  const std::string ext(extension(format));
  const fs::path output(options.output);

  // Where the files go; nothing is created before the checks pass.
  fs::path dir;
  bool create_dir = false;
  std::error_code ec;
  if (is_single_file(format)) {
    if (fs::is_directory(output, ec))
      throw UsageError(fmt::format("{} is a folder; {} export writes one file, e.g. {}",
                                   options.output, ext.substr(1),
                                   (output / ("ruralzone" + ext)).string()));
    dir = output.parent_path().empty() ? fs::path(".") : output.parent_path();
    if (!fs::is_directory(dir, ec))
      throw DataError(
          fmt::format("export to {}: the folder {} does not exist", options.output, dir.string()));
  } else {
    dir = output;
    if (fs::exists(output, ec)) {
      if (!fs::is_directory(output, ec))
        throw UsageError(
            fmt::format("{} is a file; {} export writes one file per layer into a folder",
                        options.output, ext.substr(1)));
    } else {
      fs::path parent = output.parent_path().empty() ? fs::path(".") : output.parent_path();
      if (!fs::is_directory(parent, ec))
        throw DataError(fmt::format("export to {}: the folder {} does not exist", options.output,
                                    parent.string()));
      create_dir = true;
    }
  }

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
  std::vector<LayerPlan> plans;
  for (const auto& l : layers) plans.push_back(plan_layer(store, l, format, *dbf_encoding));

  if (create_dir) {
    fs::create_directory(dir, ec);
    if (ec)
      throw DataError(
          fmt::format("export to {}: cannot create the folder: {}", options.output, ec.message()));
    staging.created_folder(dir);
  }

  std::vector<ExportedFile> out;
  if (is_single_file(format)) {
    std::string stem = output.stem().string();
    const auto& set =
        staging.add({dir, temp_prefix(stem), stem, temp_prefix(stem) + ext, output, {}});
    Dataset ds = create_dataset(format, set.dir / set.single_temp, options.output,
                                layers.front().schema.name, w);
    auto sheets = sheet_names(layers);
    for (size_t i = 0; i < plans.size(); ++i) {
      ExportedFile file{layers[i].schema.name, options.output, 0, {}};
      std::string name = format == Format::xlsx ? sheets[i] : layers[i].schema.name;
      file.features =
          write_layer(store, ds.get(), plans[i], name, options.output, w, file.warnings);
      out.push_back(std::move(file));
    }
    close_dataset(ds, options.output, layers.back().schema.name, w);
  } else {
    std::vector<std::string> stale;
    if (format == Format::shapefile)
      stale = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".fields.csv"};
    if (format == Format::csv) stale = {".csv", ".csvt", ".prj"};
    for (const auto& plan : plans) {
      const std::string& layer = plan.info.schema.name;
      const std::string final_path = (dir / (layer + ext)).string();
      const auto& set = staging.add({dir, temp_prefix(layer), layer, {}, {}, stale});
      const fs::path temp = set.dir / (set.temp_prefix + ext);
      Dataset ds = create_dataset(format, temp, final_path, layer, w);
      ExportedFile file{layer, final_path, 0, {}};
      file.features = write_layer(store, ds.get(), plan, layer, final_path, w, file.warnings);
      close_dataset(ds, final_path, layer, w);
      if (format == Format::shapefile) {
        if (*dbf_encoding == DbfEncoding::cp936)
          write_text_file(set.dir / (set.temp_prefix + ".cpg"), "936", final_path);
        if (plan.renamed) {
          std::string csv =
              "\xEF\xBB\xBF"
              "short_name,full_name\r\n";
          for (const auto& f : plan.fields)
            csv += csv_quote(f.out_name) + "," + csv_quote(f.name) + "\r\n";
          write_text_file(set.dir / (set.temp_prefix + ".fields.csv"), csv, final_path);
        }
      }
      out.push_back(std::move(file));
    }
  }
  staging.commit();
  return out;
}

}  // namespace rz::exporting
