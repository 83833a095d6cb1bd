#include "import/gdal_source.hpp"

#include <cpl_error.h>
#include <cpl_string.h>

#include <filesystem>
#include <fstream>
#include <mutex>

#include <fmt/format.h>

#include "geo/ascii.hpp"
#include "geo/error.hpp"

namespace rz::import {

namespace fs = std::filesystem;

namespace {
void register_drivers_once() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}
}  // namespace

GdalErrorCapture::GdalErrorCapture() {
  CPLPushErrorHandlerEx(&GdalErrorCapture::handler, this);
}

GdalErrorCapture::~GdalErrorCapture() {
  CPLPopErrorHandler();
}

void CPL_STDCALL GdalErrorCapture::handler(CPLErr level, CPLErrorNum, const char* message) {
  auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
  if (!self) return;
  if (level == CE_Failure || level == CE_Fatal)
    self->failures_.emplace_back(message ? message : "");
  else if (level == CE_Warning)
    self->warnings_.emplace_back(message ? message : "");
}

void GdalErrorCapture::throw_if_failed(const std::string& file, const std::string& context) const {
  if (failures_.empty()) return;
  throw DataError(fmt::format("{}: {}{}GDAL: {}", file, context, context.empty() ? "" : ": ",
                              failures_.front()));
}

ScopedThreadConfig::ScopedThreadConfig(const char* key, const char* value) : key_(key) {
  if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) old_ = old;
  CPLSetThreadLocalConfigOption(key, value);
}

ScopedThreadConfig::~ScopedThreadConfig() {
  CPLSetThreadLocalConfigOption(key_.c_str(), old_ ? old_->c_str() : nullptr);
}

OpenedSource open_source(const std::string& path, const std::optional<std::string>& source_layer,
                         const std::string& preferred) {
  register_drivers_once();
  std::error_code ec;
  if (!fs::exists(path, ec)) throw DataError(fmt::format("{}: no such file", path));
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0)
    throw DataError(fmt::format("{}: the file is empty", path));

  OpenedSource out;
  const std::string ext = fs::path(path).extension().string();
  const std::string lext = geo::lower_ascii(ext);
  CPLStringList options;
  if (lext == ".shp" || lext == ".dbf") {
    // No recoding by GDAL: its choice from the .dbf code-page byte is wrong for GBK files that
    // lack a .cpg (pass-through for 0, Latin-1 for 87). We decode the bytes ourselves.
    options.SetNameValue("ENCODING", "");
  }
  if (lext == ".csv" || lext == ".txt") {
    // Keep codes as text (no 431024100001 -> 4.31e11), and let us find lon/lat columns.
    options.SetNameValue("AUTODETECT_TYPE", "NO");
    options.SetNameValue("EMPTY_STRING_AS_NULL", "YES");
  }
  // A planner's spreadsheet always has a header row; GDAL's guess (AUTO) takes it for data when
  // every cell is text, as it is in tables of codes and coordinates typed as text.
  if (lext == ".xlsx" || lext == ".xlsm")
    out.config.push_back(std::make_unique<ScopedThreadConfig>("OGR_XLSX_HEADERS", "FORCE"));
  if (lext == ".ods")
    out.config.push_back(std::make_unique<ScopedThreadConfig>("OGR_ODS_HEADERS", "FORCE"));

  GdalErrorCapture errors;
  GDALDatasetH ds =
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options.List(), nullptr);
  if (!ds) {
    std::string why = errors.failures().empty() ? "not a vector format GDAL reads"
                                                : "GDAL: " + errors.failures().front();
    throw DataError(fmt::format("{}: cannot open: {}", path, why));
  }
  out.dataset.reset(ds);
  out.driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds));
  out.raw_bytes = out.driver == "ESRI Shapefile" || out.driver == "CSV";

  int n = GDALDatasetGetLayerCount(ds);
  if (n == 0) throw DataError(fmt::format("{}: the file holds no vector layer", path));
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) names.emplace_back(OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
  if (source_layer) {
    out.layer = GDALDatasetGetLayerByName(ds, source_layer->c_str());
    if (!out.layer)
      throw DataError(fmt::format("{}: no layer «{}» (layers: {})", path, *source_layer,
                                  fmt::join(names, ", ")));
  } else if (n == 1) {
    out.layer = GDALDatasetGetLayer(ds, 0);
  } else {
    out.layer = GDALDatasetGetLayerByName(ds, preferred.c_str());
    if (!out.layer)
      throw UsageError(fmt::format("{}: holds {} layers ({}); say which with --source-layer", path,
                                   n, fmt::join(names, ", ")));
  }
  out.layer_name = OGR_L_GetName(out.layer);
  errors.throw_if_failed(path, "opening");
  return out;
}

std::optional<std::string> read_cpg(const std::string& shp_path) {
  fs::path p(shp_path);
  for (const char* ext : {".cpg", ".CPG"}) {
    fs::path cpg = p;
    cpg.replace_extension(ext);
    std::ifstream in(cpg);
    if (in) {
      std::string text;
      std::getline(in, text);
      while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.pop_back();
      return text;
    }
  }
  return std::nullopt;
}

}  // namespace rz::import
