#include "import/csv_shape.hpp"

#include <fstream>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::import {

namespace {

char header_separator(std::string_view header) {
  for (char c : {',', ';', '\t'})
    if (header.find(c) != std::string_view::npos) return c;
  return ',';
}

}  // namespace

CsvShape read_csv_shape(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(fmt::format(fmt::runtime(tr("{}: cannot be read")), path));
  // The header line decides the separator; then the whole file is read in blocks (a province's
  // CSV is hundreds of MB: no copy of it in memory).
  std::string header_line;
  std::getline(in, header_line);
  std::streamoff start = header_line.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // UTF-8 byte order mark
  in.clear();
  in.seekg(start);

  CsvShape shape;
  shape.separator =
      header_separator(std::string_view(header_line).substr(static_cast<size_t>(start)));
  int64_t line = 1, record_line = 1;
  size_t fields = 1;
  bool quoted = false, blank = true, header = true;
  int64_t shift = 0;
  auto end_record = [&]() {
    if (!blank) {
      if (header) {
        shape.header_fields = fields;
        header = false;
      } else {
        ++shape.records;
        if (fields != shape.header_fields)
          shape.ragged.push_back({shape.records, record_line, fields});
        if (int64_t extra = record_line - shape.records - 1; extra != shift) {
          shift = extra;
          shape.line_shifts.emplace_back(shape.records, shift);
        }
      }
    }
    fields = 1;
    blank = true;
    record_line = line;
  };
  std::vector<char> block(1 << 20);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    const auto got = static_cast<size_t>(in.gcount());
    for (size_t i = 0; i < got; ++i) {
      const char c = block[i];
      if (c == '\n') ++line;
      // Every quote toggles: an escaped "" inside a quoted field closes and reopens it.
      if (c == '"') {
        quoted = !quoted;
        blank = false;
      } else if (quoted) {
        continue;
      } else if (c == shape.separator) {
        ++fields;
        blank = false;
      } else if (c == '\n') {
        end_record();
      } else if (c != '\r') {
        blank = false;
      }
    }
  }
  if (in.bad()) throw DataError(fmt::format(fmt::runtime(tr("{}: cannot be read")), path));
  end_record();
  return shape;
}

}  // namespace rz::import
