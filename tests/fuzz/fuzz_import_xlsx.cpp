// Fuzzes the spreadsheet path of the importer: the input is a table in CSV-like form (rows split
// at '\n', cells at ','), written as a minimal XLSX workbook (one sheet, shared strings; a cell
// that reads fully as a finite number is a number cell, as Excel stores codes it has mangled to
// 4.20115101201E+11) and imported with rz::import::import_layer as households into a fresh store
// (GDAL's XLSX driver with the header row forced, column types from the cells, lon/lat
// detection, field mapping). Random bytes would rarely be a valid zip; this keeps the fuzzing on
// the cell contents, which is what ruralzone reads.
// Expected: an import report, or DataError / UsageError. Crashes, sanitizer reports, hangs and
// any other exception are bugs.
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_support.hpp"

namespace {

uint32_t crc32(std::string_view s) {
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

void put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

// A zip archive of stored (uncompressed) entries.
std::string zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out, central;
  for (const auto& entry : entries) {
    const std::string& name = entry.first;
    const std::string& data = entry.second;
    const auto offset = static_cast<uint32_t>(out.size());
    const uint32_t crc = crc32(data), n = static_cast<uint32_t>(data.size());
    auto header = [&](std::string& h, bool local) {
      put32(h, local ? 0x04034b50u : 0x02014b50u);
      if (!local) put16(h, 20);
      put16(h, 20);
      put16(h, 0);     // flags
      put16(h, 0);     // stored
      put16(h, 0);     // time
      put16(h, 0x21);  // 1980-01-01
      put32(h, crc);
      put32(h, n);
      put32(h, n);
      put16(h, static_cast<uint32_t>(name.size()));
      put16(h, 0);  // extra
      if (!local) {
        put16(h, 0);  // comment
        put16(h, 0);  // disk
        put16(h, 0);  // internal attributes
        put32(h, 0);  // external attributes
        put32(h, offset);
      }
      h += name;
    };
    header(out, true);
    out += data;
    header(central, false);
  }
  const auto cd_offset = static_cast<uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50u);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<uint32_t>(entries.size()));
  put16(out, static_cast<uint32_t>(entries.size()));
  put32(out, static_cast<uint32_t>(central.size()));
  put32(out, cd_offset);
  put16(out, 0);
  return out;
}

// XML text: markup characters escaped, C0 controls XML 1.0 forbids dropped; other bytes as they
// are (invalid UTF-8 is the XML parser's to refuse).
std::string xml_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else if (static_cast<unsigned char>(c) >= 0x20 || c == '\t')
      out += c;
  }
  return out;
}

std::string column_name(size_t c) {
  std::string name;
  for (++c; c > 0; c = (c - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  return name;
}

bool is_number(const std::string& cell) {
  if (cell.empty() || cell.size() > 40) return false;
  char* end = nullptr;
  const double v = std::strtod(cell.c_str(), &end);
  return end == cell.c_str() + cell.size() && std::isfinite(v) &&
         cell.find_first_of("xXnN") == std::string::npos;  // no hex floats, inf, nan
}

std::string workbook(std::string_view table) {
  std::vector<std::string> strings;
  std::string rows;
  size_t start = 0, r = 0;
  while (start <= table.size() && r < 2000) {
    size_t end = table.find('\n', start);
    if (end == std::string_view::npos) end = table.size();
    const std::string_view line = table.substr(start, end - start);
    start = end + 1;
    rows += "<row r=\"" + std::to_string(r + 1) + "\">";
    size_t cs = 0, c = 0;
    while (cs <= line.size() && c < 100) {
      size_t ce = line.find(',', cs);
      if (ce == std::string_view::npos) ce = line.size();
      std::string cell(line.substr(cs, ce - cs));
      cs = ce + 1;
      const std::string ref = column_name(c++) + std::to_string(r + 1);
      if (cell.empty()) continue;
      if (is_number(cell)) {
        rows += "<c r=\"" + ref + "\"><v>" + cell + "</v></c>";
      } else {
        rows += "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(strings.size()) + "</v></c>";
        strings.push_back(std::move(cell));
      }
    }
    rows += "</row>";
    ++r;
  }
  std::string sst =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count=")" +
      std::to_string(strings.size()) + "\" uniqueCount=\"" + std::to_string(strings.size()) + "\">";
  for (const auto& s : strings) sst += "<si><t xml:space=\"preserve\">" + xml_text(s) + "</t></si>";
  sst += "</sst>";
  const std::string ns = "http://schemas.openxmlformats.org";
  return zip({
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns=")" + ns +
           R"(/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>)"},
      {"_rels/.rels",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns=")" + ns +
           R"(/package/2006/relationships"><Relationship Id="rId1" Type=")" + ns +
           R"(/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)"},
      {"xl/workbook.xml",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns=")" + ns +
           R"(/spreadsheetml/2006/main" xmlns:r=")" + ns +
           R"(/officeDocument/2006/relationships"><sheets><sheet name="households" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns=")" + ns +
           R"(/package/2006/relationships"><Relationship Id="rId1" Type=")" + ns +
           R"(/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type=")" +
           ns +
           R"(/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>)"},
      {"xl/worksheets/sheet1.xml",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns=")" + ns +
           R"(/spreadsheetml/2006/main"><sheetData>)" + rows + "</sheetData></worksheet>"},
      {"xl/sharedStrings.xml", sst},
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path =
      rz::fuzz::write_temp("households.xlsx", workbook(rz::fuzz::as_text(data, size)));
  rz::fuzz::import_households(path, static_cast<int>(size % 3));
  return 0;
}
