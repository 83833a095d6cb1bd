#include "import/csv_shape.hpp"

#include <fstream>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace rz::import {

namespace {

char header_separator(const std::string& text) {
  size_t end = text.find('\n');
  std::string_view header(text.data(), end == std::string::npos ? text.size() : end);
  for (char c : {',', ';', '\t'})
    if (header.find(c) != std::string_view::npos) return c;
  return ',';
}

}  // namespace

CsvShape read_csv_shape(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(fmt::format("{}: cannot be read", path));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);  // UTF-8 byte order mark

  CsvShape shape;
  shape.separator = header_separator(text);
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
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"')
          ++i;
        else
          quoted = false;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      blank = false;
    } else if (c == shape.separator) {
      ++fields;
      blank = false;
    } else if (c == '\n') {
      end_record();
    } else if (c != '\r') {
      blank = false;
    }
  }
  end_record();
  return shape;
}

}  // namespace rz::import
