#include "export/shapefile_sidecars.hpp"

#include <fstream>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::exporting {

namespace fs = std::filesystem;

namespace {

void write_text_file(const fs::path& path, const std::string& content, const std::string& output) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out)
    throw DataError(
        fmt::format(fmt::runtime(tr("export to {}: cannot write {}")), output, path.string()));
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

}  // namespace

void write_shapefile_sidecars(const fs::path& dir, const std::string& temp_prefix,
                              const LayerPlan& plan, DbfEncoding encoding,
                              const std::vector<Writer::CutValue>& cut_values,
                              const std::string& output) {
  if (encoding == DbfEncoding::cp936) write_text_file(dir / (temp_prefix + ".cpg"), "936", output);
  if (plan.renamed) {
    // UTF-8 with a BOM, so that Excel shows the Chinese names right.
    std::string csv =
        "\xEF\xBB\xBF"
        "short_name,full_name\r\n";
    for (const auto& f : plan.fields)
      csv += csv_quote(f.out_name) + "," + csv_quote(f.name) + "\r\n";
    write_text_file(dir / (temp_prefix + ".fields.csv"), csv, output);
  }
  if (!cut_values.empty()) {
    std::string csv =
        "\xEF\xBB\xBF"
        "fid,field,value\r\n";
    for (const auto& c : cut_values)
      csv += fmt::format("{},{},{}\r\n", c.fid, csv_quote(c.field), csv_quote(c.full));
    write_text_file(dir / (temp_prefix + ".long_values.csv"), csv, output);
  }
}

}  // namespace rz::exporting
