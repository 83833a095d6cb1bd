#pragma once
// The shape of a CSV file as written, before GDAL reads it: GDAL fills a short row's missing
// fields with nulls and drops a long row's extra ones, so a stray comma in an unquoted name
// silently shifts the coordinates into the wrong columns. We count each record's fields ourselves.
#include <cstdint>
#include <string>
#include <vector>

namespace rz::import {

struct RaggedRecord {
  int64_t record = 0;  // 1-based data record (GDAL's feature id)
  int64_t line = 0;    // 1-based line of the file where it starts
  size_t fields = 0;
};

struct CsvShape {
  char separator = ',';
  size_t header_fields = 0;
  int64_t records = 0;
  std::vector<RaggedRecord> ragged;  // records whose field count differs from the header's
  // (record, lines before it beyond one per record and the header), from each record on whose
  // line a quoted line break or a blank line moved: a record's line in a few bytes per shift.
  std::vector<std::pair<int64_t, int64_t>> line_shifts;
};

// Reads `path` as GDAL's CSV driver does: the separator is ',' when the header line has one, else
// ';', else a tab (comma when none), fields may be double-quoted with "" for a quote and may span
// lines, blank lines are skipped. Throws DataError naming the file when it cannot be read.
CsvShape read_csv_shape(const std::string& path);

}  // namespace rz::import
