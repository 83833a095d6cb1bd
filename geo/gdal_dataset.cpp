#include "geo/gdal_dataset.hpp"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <ogr_srs_api.h>

#include <mutex>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::geo::gdal {

namespace {

CPLStringList string_list(const Options& options) {
  CPLStringList list;
  for (const auto& [name, value] : options) list.SetNameValue(name.c_str(), value.c_str());
  return list;
}

}  // namespace

// A GDAL configuration option set for this thread until destruction, the old value restored.
class ThreadConfig {
 public:
  ThreadConfig(const char* key, const char* value) : key_(key) {
    if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) old_ = old;
    CPLSetThreadLocalConfigOption(key, value);
  }
  ~ThreadConfig() { CPLSetThreadLocalConfigOption(key_.c_str(), old_ ? old_->c_str() : nullptr); }
  ThreadConfig(const ThreadConfig&) = delete;
  ThreadConfig& operator=(const ThreadConfig&) = delete;

 private:
  std::string key_;
  std::optional<std::string> old_;
};

void register_drivers() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

// ---------------------------------------------------------------------------------------------
// Layer

std::string Layer::name() const {
  return OGR_L_GetName(handle_);
}

int Layer::field_count() const {
  return OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(handle_));
}

const char* Layer::field_name(int field) const {
  return OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(OGR_L_GetLayerDefn(handle_), field));
}

OGRFieldType Layer::field_type(int field) const {
  return OGR_Fld_GetType(OGR_FD_GetFieldDefn(OGR_L_GetLayerDefn(handle_), field));
}

int Layer::geometry_field_count() const {
  return OGR_FD_GetGeomFieldCount(OGR_L_GetLayerDefn(handle_));
}

std::optional<std::string> Layer::crs_wkt() const {
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(handle_);
  if (!srs) return std::nullopt;
  char* wkt = nullptr;
  const char* options[] = {"FORMAT=WKT2_2019", nullptr};
  OSRExportToWktEx(srs, &wkt, options);
  std::string out = wkt ? wkt : "";
  CPLFree(wkt);
  return out;
}

int64_t Layer::feature_count(bool force) const {
  return OGR_L_GetFeatureCount(handle_, force ? TRUE : FALSE);
}

std::optional<Extent> Layer::extent(bool force) const {
  OGREnvelope env;
  if (OGR_L_GetExtent(handle_, &env, force ? TRUE : FALSE) != OGRERR_NONE) return std::nullopt;
  return Extent{env.MinX, env.MaxX, env.MinY, env.MaxY};
}

void Layer::ignore_geometry(bool ignore) {
  if (!ignore) {
    OGR_L_SetIgnoredFields(handle_, nullptr);
    return;
  }
  const char* ignored[] = {"OGR_GEOMETRY", nullptr};
  OGR_L_SetIgnoredFields(handle_, ignored);
}

void Layer::reset_reading() {
  OGR_L_ResetReading(handle_);
}

Feature Layer::next_feature() {
  return Feature(OGR_L_GetNextFeature(handle_));
}

bool Layer::create_field(const std::string& name, OGRFieldType type, int width, int precision) {
  OGRFieldDefnH defn = OGR_Fld_Create(name.c_str(), type);
  if (width > 0) OGR_Fld_SetWidth(defn, width);
  if (precision >= 0) OGR_Fld_SetPrecision(defn, precision);
  // TRUE: the driver may adapt the definition (e.g. a width) rather than refuse it.
  bool ok = OGR_L_CreateField(handle_, defn, TRUE) == OGRERR_NONE;
  OGR_Fld_Destroy(defn);
  return ok;
}

Feature Layer::new_feature() const {
  return Feature(OGR_F_Create(OGR_L_GetLayerDefn(handle_)));
}

bool Layer::create_feature(Feature& feature) {
  return OGR_L_CreateFeature(handle_, feature.handle()) == OGRERR_NONE;
}

// ---------------------------------------------------------------------------------------------
// Dataset

Dataset::Dataset() = default;

Dataset::~Dataset() {
  close();
}

Dataset::Dataset(Dataset&& other) noexcept
    : config_(std::move(other.config_)), handle_(std::exchange(other.handle_, nullptr)) {}

Dataset& Dataset::operator=(Dataset&& other) noexcept {
  if (this != &other) {
    close();
    config_ = std::move(other.config_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

Dataset Dataset::open_vector(const std::string& path, const OpenOptions& options) {
  register_drivers();
  Dataset out;
  if (options.force_header_row) {
    out.config_.push_back(std::make_unique<ThreadConfig>("OGR_XLSX_HEADERS", "FORCE"));
    out.config_.push_back(std::make_unique<ThreadConfig>("OGR_ODS_HEADERS", "FORCE"));
  }
  CPLStringList list = string_list(options.driver);
  out.handle_ =
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, list.List(), nullptr);
  return out;
}

Dataset Dataset::create(const std::string& driver, const std::string& path) {
  register_drivers();
  GDALDriverH d = GDALGetDriverByName(driver.c_str());
  if (!d) throw DataError(fmt::format(fmt::runtime(tr("this GDAL has no {} driver")), driver));
  Dataset out;
  out.handle_ = GDALCreate(d, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  return out;
}

std::string Dataset::driver_name() const {
  return GDALGetDriverShortName(GDALGetDatasetDriver(handle_));
}

int Dataset::layer_count() const {
  return GDALDatasetGetLayerCount(handle_);
}

Layer Dataset::layer(int index) const {
  return Layer(GDALDatasetGetLayer(handle_, index));
}

Layer Dataset::layer(const std::string& name) const {
  return Layer(GDALDatasetGetLayerByName(handle_, name.c_str()));
}

Layer Dataset::create_layer(const std::string& name, const SpatialRef* srs, OGRwkbGeometryType type,
                            const Options& options) {
  CPLStringList list = string_list(options);
  return Layer(GDALDatasetCreateLayer(handle_, name.c_str(), srs ? srs->handle() : nullptr, type,
                                      list.List()));
}

bool Dataset::start_transaction() {
  return GDALDatasetStartTransaction(handle_, FALSE) == OGRERR_NONE;
}

bool Dataset::commit_transaction() {
  return GDALDatasetCommitTransaction(handle_) == OGRERR_NONE;
}

void Dataset::close() {
  if (handle_) GDALClose(std::exchange(handle_, nullptr));
}

}  // namespace rz::geo::gdal
