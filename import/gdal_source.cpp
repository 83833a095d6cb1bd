#include "import/gdal_source.hpp"

#include <filesystem>
#include <fstream>
#include <vector>

#include <fmt/format.h>

#include "geo/ascii.hpp"
#include "geo/error.hpp"
#include "geo/gdal_errors.hpp"
#include "geo/messages.hpp"

namespace rz::import {

namespace fs = std::filesystem;

namespace {

// GDAL's reason, and in words what it means where GDAL's own words are a parser's: its JSON
// reader says "Too many characters in number" of a damaged or non-GeoJSON file.
std::string open_failure_in_words(const geo::gdal::ErrorCapture& errors) {
  if (errors.failures().empty()) return tr("not a vector format GDAL reads");
  const std::string& gdal = errors.failures().front();
  if (gdal.find("Too many characters in") != std::string::npos ||
      gdal.find("JSON parsing error") != std::string::npos ||
      gdal.find("Unexpected character") != std::string::npos)
    return fmt::format(
        fmt::runtime(tr("it is not valid GeoJSON (a value is damaged, cut short or far too long at "
                        "the place GDAL's JSON reader names: {})")),
        in_quotes(gdal));
  return "GDAL: " + gdal;
}

}  // namespace

OpenedSource open_source(const std::string& path, const std::optional<std::string>& source_layer,
                         const std::string& preferred) {
  geo::gdal::register_drivers();
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw DataError(fmt::format(fmt::runtime(tr("{}: no such file")), path));
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0)
    throw DataError(fmt::format(fmt::runtime(tr("{}: the file is empty")), path));

  OpenedSource out;
  const std::string ext = fs::path(path).extension().string();
  const std::string lext = geo::lower_ascii(ext);
  geo::gdal::OpenOptions options;
  if (lext == ".shp" || lext == ".dbf") {
    // No recoding by GDAL: its choice from the .dbf code-page byte is wrong for GBK files that
    // lack a .cpg (pass-through for 0, Latin-1 for 87). We decode the bytes ourselves.
    options.driver.emplace_back("ENCODING", "");
  }
  if (lext == ".csv" || lext == ".txt") {
    // Keep codes as text (no 431024100001 -> 4.31e11), and let us find lon/lat columns.
    options.driver.emplace_back("AUTODETECT_TYPE", "NO");
    options.driver.emplace_back("EMPTY_STRING_AS_NULL", "YES");
  }
  // A planner's spreadsheet always has a header row; GDAL's guess takes it for data when every
  // cell is text, as it is in tables of codes and coordinates typed as text.
  if (lext == ".xlsx" || lext == ".xlsm" || lext == ".ods") options.force_header_row = true;

  geo::gdal::ErrorCapture errors;
  out.dataset = geo::gdal::Dataset::open_vector(path, options);
  if (!out.dataset) {
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: cannot open: {}")), path, open_failure_in_words(errors)));
  }
  const geo::gdal::Dataset& ds = out.dataset;
  out.driver = ds.driver_name();
  out.raw_bytes = out.driver == "ESRI Shapefile" || out.driver == "CSV";

  int n = ds.layer_count();
  if (n == 0)
    throw DataError(fmt::format(fmt::runtime(tr("{}: the file holds no vector layer")), path));
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) names.push_back(ds.layer(i).name());
  if (source_layer) {
    out.layer = ds.layer(*source_layer);
    if (!out.layer)
      throw DataError(fmt::format(fmt::runtime(tr("{}: no layer {} (layers: {})")), path,
                                  in_quotes(*source_layer), fmt::join(names, ", ")));
  } else if (n == 1) {
    out.layer = ds.layer(0);
  } else {
    out.layer = ds.layer(preferred);
    if (!out.layer)
      throw UsageError(
          fmt::format(fmt::runtime(tr("{}: holds {} layers ({}); say which with --source-layer")),
                      path, n, fmt::join(names, ", ")));
  }
  out.layer_name = out.layer.name();
  errors.throw_if_failed(path, tr("opening"));
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
