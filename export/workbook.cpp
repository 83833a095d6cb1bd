#include "export/workbook.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "export/staging.hpp"
#include "geo/ascii.hpp"
#include "geo/error.hpp"
#include "geo/messages.hpp"
#include "geo/phase_timer.hpp"
#include "geo/xlsx_book.hpp"

namespace rz::exporting {

namespace fs = std::filesystem;

namespace {

constexpr size_t kExcelCellMaxUnits = 32767;  // UTF-16 code units, as Excel counts
constexpr size_t kExcelSheetNameMaxUnits = 31;
constexpr size_t kMaxColumnWidth = 50;
// Integers beyond this lose digits as an Excel number (15 significant digits): kept as text.
constexpr int64_t kExcelExactInteger = 999'999'999'999'999;

// One UTF-8 character at `at`: its code point and length (a stray byte counts as one
// character of its own, U+FFFD).
std::pair<char32_t, size_t> decode_at(std::string_view s, size_t at) {
  const auto b = static_cast<unsigned char>(s[at]);
  size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || at + n > s.size()) return {U'\uFFFD', 1};
  char32_t cp = n == 1 ? b : b & (0x7F >> n);
  for (size_t i = 1; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[at + i]);
    if ((c & 0xC0) != 0x80) return {U'\uFFFD', 1};
    cp = (cp << 6) | (c & 0x3F);
  }
  return {cp, n};
}

size_t utf16_units(char32_t cp) {
  return cp >= 0x10000 ? 2 : 1;
}

// East Asian wide characters take two columns of a sheet, as of a terminal.
bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
}

// The width `text` needs, counted up to `cap` (longer text is cut in view anyway).
size_t display_width(std::string_view text, size_t cap = kMaxColumnWidth) {
  size_t width = 0;
  for (size_t at = 0; at < text.size() && width < cap;) {
    auto [cp, n] = decode_at(text, at);
    width += is_wide(cp) ? 2 : 1;
    at += n;
  }
  return width;
}

// The longest start of `text` of at most `units` UTF-16 code units, cut between characters.
std::string_view first_units(std::string_view text, size_t units) {
  size_t used = 0, at = 0;
  while (at < text.size()) {
    auto [cp, n] = decode_at(text, at);
    if (used + utf16_units(cp) > units) break;
    used += utf16_units(cp);
    at += n;
  }
  return text.substr(0, at);
}

size_t units_of(std::string_view text) {
  size_t units = 0;
  for (size_t at = 0; at < text.size();) {
    auto [cp, n] = decode_at(text, at);
    units += utf16_units(cp);
    at += n;
  }
  return units;
}

// A sheet name Excel accepts: none of []:*?/\ (each becomes _), no apostrophe at either end,
// at most 31 characters; the layer's name when nothing is left.
std::string sheet_name_base(const std::string& title, const std::string& fallback) {
  std::string name;
  for (char c : title)
    name += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  while (!name.empty() && name.front() == '\'') name.erase(name.begin());
  while (!name.empty() && name.back() == '\'') name.pop_back();
  name = std::string(first_units(name, kExcelSheetNameMaxUnits));
  while (!name.empty() && (name.back() == '\'' || name.back() == ' ')) name.pop_back();
  return name.empty() ? fallback : name;
}

// Unique ignoring ASCII case (as Excel compares sheet names), with "~2", "~3", ... as
// spreadsheet.hpp's sheet_names does; cut by characters, since titles are Chinese.
std::string unique_sheet_name(const std::string& base, std::set<std::string>& taken) {
  std::string name = base;
  for (int n = 2; taken.count(geo::lower_ascii(name)); ++n) {
    const std::string suffix = fmt::format("~{}", n);
    name = std::string(first_units(base, kExcelSheetNameMaxUnits - suffix.size())) + suffix;
  }
  taken.insert(geo::lower_ascii(name));
  return name;
}

const geo::LayerPresentation* presentation_of(const QgisExport& presentations,
                                              const std::string& layer) {
  for (const auto& p : presentations.presentations)
    if (p.layer == layer) return &p;
  return nullptr;
}

// The field's declaration, or that of its family ("within_{threshold}min_share"), whose unit it
// has; field_alias finds the alias the same way.
const geo::FieldPresentation* declared_field(const geo::LayerPresentation& layer,
                                             const std::string& name) {
  for (const auto& f : layer.fields)
    if (f.name == name) return &f;
  constexpr std::string_view kThreshold = "{threshold}";
  for (const auto& f : layer.fields) {
    const size_t at = f.name.find(kThreshold);
    if (at == std::string::npos) continue;
    const std::string prefix = f.name.substr(0, at), suffix = f.name.substr(at + kThreshold.size());
    if (name.size() > prefix.size() + suffix.size() && name.starts_with(prefix) &&
        name.ends_with(suffix) &&
        name.substr(prefix.size(), name.size() - prefix.size() - suffix.size())
                .find_first_not_of("0123456789.") == std::string::npos)
      return &f;
  }
  return nullptr;
}

struct Column {
  std::string field;
  geo::FieldType type = geo::FieldType::text;
  geo::CellStyle style = geo::CellStyle::plain;
  std::string header;
  size_t width = 0;    // of the widest text cell (header included)
  double largest = 0;  // of the magnitudes of its numbers
  bool negative = false;
};

// How a real field reads best: shares as percentages, metres and areas in whole units with
// thousands separators, anything else (minutes, scores, 万元, ...) to two decimals.
geo::CellStyle real_style(const std::string& field, const std::string& unit) {
  if (unit == "share") return geo::CellStyle::percent;
  if (unit == "m" || field.ends_with("_m2")) return geo::CellStyle::thousands;
  return geo::CellStyle::decimal;
}

size_t number_width(const Column& column) {
  const double whole = std::max(1.0, std::floor(column.largest) + 1);
  const auto digits = static_cast<size_t>(std::ceil(std::log10(whole)));
  size_t width = std::max<size_t>(digits, 1) + (column.negative ? 1 : 0);
  switch (column.style) {
    case geo::CellStyle::thousands:
      return width + (digits - 1) / 3;
    case geo::CellStyle::decimal:
      return width + 3;
    case geo::CellStyle::percent:
      return width + 4;  // a share of 1 is "100.0%"
    default:
      return column.type == geo::FieldType::real ? width + 6 : width;
  }
}

double column_width(const Column& column) {
  const size_t content = std::max(column.width, number_width(column));
  // Two more for the filter's drop-down button on the header.
  return static_cast<double>(std::min(kMaxColumnWidth, content + 2));
}

struct CutCells {
  int64_t count = 0;
  int64_t first_fid = 0;
  std::string first_field;
};

class SheetWriter {
 public:
  SheetWriter(geo::XlsxBook& book, size_t sheet) : book_(book), sheet_(sheet) {}

  void text(uint32_t row, uint16_t column, const std::string& value, Column& c,
            CutCells* cut = nullptr, int64_t fid = 0) {
    if (units_of(value) <= kExcelCellMaxUnits) {
      book_.write_text(sheet_, row, column, value);
      c.width = std::max(c.width, display_width(value));
      return;
    }
    std::string shortened(first_units(value, kExcelCellMaxUnits - 1));
    shortened += "…";
    book_.write_text(sheet_, row, column, shortened);
    c.width = kMaxColumnWidth;
    if (cut && cut->count++ == 0) {
      cut->first_fid = fid;
      cut->first_field = c.field;
    }
  }

  void number(uint32_t row, uint16_t column, double value, Column& c) {
    book_.write_number(sheet_, row, column, value, c.style);
    c.largest = std::max(c.largest, std::fabs(value));
    c.negative = c.negative || value < 0;
  }

 private:
  geo::XlsxBook& book_;
  size_t sheet_;
};

std::string as_text(const geo::Value& value) {
  if (const auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  return {};
}

// One cell of a data row. A text field is always text (codes stay 431024100201, whatever
// SQLite's dynamic typing kept); a number field's value is a number unless it cannot be one.
void write_value(SheetWriter& out, uint32_t row, uint16_t column, const geo::Value& value,
                 Column& c, CutCells& cut, int64_t fid) {
  if (std::holds_alternative<std::monostate>(value)) return;
  if (c.type == geo::FieldType::text || std::holds_alternative<std::string>(value)) {
    out.text(row, column, as_text(value), c, &cut, fid);
  } else if (const auto* i = std::get_if<int64_t>(&value)) {
    if (*i > kExcelExactInteger || *i < -kExcelExactInteger)
      out.text(row, column, std::to_string(*i), c);
    else
      out.number(row, column, static_cast<double>(*i), c);
  } else if (const auto* d = std::get_if<double>(&value)) {
    if (std::isfinite(*d))
      out.number(row, column, *d, c);
    else
      out.text(row, column, fmt::format("{}", *d), c);
  }
}

struct Planned {
  geo::LayerInfo info;
  const geo::LayerPresentation* presentation = nullptr;
  std::string sheet;
};

std::string in(Language language, const char* zh, const char* en) {
  return in_language(geo::Bilingual{zh, en}, language);
}

}  // namespace

const std::vector<std::string>& sheet_layers() {
  static const std::vector<std::string> layers = {
      // village summaries
      "grid_villages", "reach_villages", "road_reach_villages", "village_assessment",
      // township summaries
      "grid_townships", "reach_townships", "road_reach_townships", "site_townships",
      "village_townships",
      // county summaries
      "grid_county", "reach_county", "road_reach_county", "village_county",
      // households without a grid, out of reach
      "grid_households_none", "reach_households_beyond", "road_reach_households",
      // new sites
      "site_new", "site_summary",
      // zone checks
      "zone_checks", "zone_design_checks", "zone_design_summary", "zone_design_members",
      // the tour schedule
      "zone_tour_stops", "zone_tour_summary"};
  return layers;
}

bool is_household_sheet(const std::string& layer) {
  return layer == "grid_households_none" || layer == "reach_households_beyond" ||
         layer == "road_reach_households";
}

WrittenWorkbook write_workbook(geo::Store& store, const QgisExport& presentations,
                               const WorkbookOptions& options) {
  const fs::path& target = options.path;
  const std::string target_name = target.string();
  if (target.filename().empty())
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: the workbook needs a file name")), target_name));
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: cannot write the workbook: the folder {} does not exist")),
                    target_name, dir.string()));
  if (fs::exists(target, ec) && fs::equivalent(target, fs::path(store.path()), ec))
    throw DataError(fmt::format(
        fmt::runtime(
            tr("{}: cannot write the workbook over the store it reads; give another file")),
        target_name));
  if (options.max_rows < 0 || options.max_rows > kExcelMaxDataRows)
    throw DataError(fmt::format(fmt::runtime(tr("{}: a sheet holds 0 to {} rows, not {}")),
                                target_name, kExcelMaxDataRows, options.max_rows));
  if (options.household_rows < 0 || options.household_rows > kExcelMaxDataRows)
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: a sheet of households holds 0 to {} rows, not {}")),
                    target_name, kExcelMaxDataRows, options.household_rows));

  WrittenWorkbook out;
  out.path = target_name;
  if (auto removed = remove_dead_temporaries(dir, export_temporary_pid); !removed.empty())
    out.notes.push_back(fmt::format(
        fmt::runtime(
            removed.size() == 1
                ? tr("removed {} temporary file that an interrupted export left in {}: {}")
                : tr("removed {} temporary files that an interrupted export left in {}: {}")),
        removed.size(), dir.string(), fmt::join(removed, ", ")));
  check_replaceable({target}, options.overwrite);

  // The sheets, and their names before any is written: the About sheet lists them first.
  const std::string about_name = in(options.language, "说明", "About");
  std::set<std::string> taken = {geo::lower_ascii(about_name)};
  std::vector<Planned> planned;
  std::vector<std::string> absent;
  for (const auto& layer : sheet_layers()) {
    auto info = store.layer(layer);
    if (!info) {
      absent.push_back(layer);
      continue;
    }
    Planned p{*info, presentation_of(presentations, layer), {}};
    const std::string title =
        p.presentation ? in_language(p.presentation->title, options.language) : layer;
    p.sheet = unique_sheet_name(sheet_name_base(title, layer), taken);
    planned.push_back(std::move(p));
  }
  if (!absent.empty())
    out.notes.push_back(
        fmt::format(fmt::runtime(tr("not in the store, their analysis has not run: {}")),
                    fmt::join(absent, ", ")));

  const std::string stem = target.stem().string();
  Staging staging;
  const auto& set =
      staging.add({dir, temp_prefix(stem), stem, temp_prefix(stem) + ".xlsx", target, {}});
  geo::XlsxBook book(set.dir / set.single_temp);
  try {
    const size_t about = book.add_sheet(about_name);
    geo::PhaseTimer phases("workbook");
    for (const auto& p : planned) {
      phases.phase(p.info.schema.name);
      const size_t sheet = book.add_sheet(p.sheet);
      SheetWriter writer(book, sheet);
      std::vector<Column> columns;
      for (const auto& field : p.info.schema.fields) {
        Column c;
        c.field = field.name;
        c.type = field.type;
        c.header = field.name;
        if (p.presentation) {
          if (auto alias = geo::field_alias(*p.presentation, field.name))
            if (std::string text = in_language(*alias, options.language); !text.empty())
              c.header = std::move(text);
          if (field.type == geo::FieldType::real) {
            const auto* declared = declared_field(*p.presentation, field.name);
            c.style = real_style(field.name, declared ? declared->unit : std::string());
          }
        } else if (field.type == geo::FieldType::real) {
          c.style = real_style(field.name, {});
        }
        columns.push_back(std::move(c));
      }
      for (size_t i = 0; i < columns.size(); ++i) {
        book.write_text(sheet, 0, static_cast<uint16_t>(i), columns[i].header,
                        geo::CellStyle::header);
        columns[i].width = display_width(columns[i].header);
      }

      const bool households = is_household_sheet(p.info.schema.name);
      const int64_t cap =
          households ? std::min(options.household_rows, options.max_rows) : options.max_rows;
      int64_t kept = 0, seen = 0;
      CutCells cut_cells;
      // One row more than the sheet keeps says whether the layer has more; those are not read.
      store.read_attributes(p.info.schema.name, cap + 1, [&](const geo::FeatureRow& row) {
        if (++seen > cap) return;
        const auto r = static_cast<uint32_t>(++kept);
        for (size_t i = 0; i < columns.size() && i < row.values.size(); ++i)
          write_value(writer, r, static_cast<uint16_t>(i), row.values[i], columns[i], cut_cells,
                      row.fid);
      });
      const bool cut = seen > cap;
      const int64_t rows = cut ? std::max(p.info.feature_count, seen) : kept;
      if (!columns.empty())
        book.set_header_row(sheet, static_cast<uint32_t>(kept),
                            static_cast<uint16_t>(columns.size() - 1));
      for (size_t i = 0; i < columns.size(); ++i)
        book.set_column_width(sheet, static_cast<uint16_t>(i), column_width(columns[i]));

      out.sheets.push_back({p.info.schema.name, p.sheet, kept, cut});
      if (cut && households && cap < kExcelMaxDataRows)
        out.notes.push_back(fmt::format(
            fmt::runtime(tr("layer {}: {} households; sheet {} has the first {} (--household-rows "
                            "N keeps more, up to {}; export it to gpkg or csv for all of them)")),
            in_quotes(p.info.schema.name), rows, in_quotes(p.sheet), kept, kExcelMaxDataRows));
      else if (cut)
        out.notes.push_back(fmt::format(
            fmt::runtime(
                tr("layer {}: {} rows, more than an Excel sheet holds; sheet {} has the first {} "
                   "(export it to gpkg or csv for all of them)")),
            in_quotes(p.info.schema.name), rows, in_quotes(p.sheet), kept));
      if (cut_cells.count > 0)
        out.notes.push_back(fmt::format(
            fmt::runtime(cut_cells.count == 1
                             ? tr("layer {}: {} text value longer than an Excel cell holds ({} "
                                  "characters) cut, ending in {} (the first: fid {}, field {})")
                             : tr("layer {}: {} text values longer than an Excel cell holds ({} "
                                  "characters) cut, ending in {} (the first: fid {}, field {})")),
            in_quotes(p.info.schema.name), cut_cells.count, kExcelCellMaxUnits, in_quotes("…"),
            cut_cells.first_fid, cut_cells.first_field));
    }

    phases.phase("about");
    // The About sheet: what each sheet is, where it came from, what is missing.
    SheetWriter writer(book, about);
    std::vector<Column> columns(4);
    const std::array<std::string, 4> headers = {
        in(options.language, "工作表", "Sheet"), in(options.language, "图层", "Layer"),
        in(options.language, "行数", "Rows"), in(options.language, "备注", "Note")};
    for (size_t i = 0; i < headers.size(); ++i) {
      columns[i].type = i == 2 ? geo::FieldType::integer : geo::FieldType::text;
      book.write_text(about, 0, static_cast<uint16_t>(i), headers[i], geo::CellStyle::header);
      columns[i].width = display_width(headers[i]);
    }
    uint32_t r = 0;
    for (const auto& s : out.sheets) {
      ++r;
      writer.text(r, 0, s.sheet, columns[0]);
      writer.text(r, 1, s.layer, columns[1]);
      writer.number(r, 2, static_cast<double>(s.rows), columns[2]);
      if (s.cut)
        writer.text(
            r, 3,
            fmt::format("{} {}", in(options.language, "已截断，只含前", "cut: the first"), s.rows),
            columns[3]);
    }
    book.set_header_row(about, r, 3);
    // Below the list, a label and its values (one a row) in the Layer column; long values (a
    // path, a note) spill over the empty cells to their right, so they set no width.
    Column spilling;
    auto line = [&](const std::string& label, const std::vector<std::string>& values) {
      ++r;
      writer.text(r, 0, label, columns[0]);
      if (values.empty()) writer.text(r, 1, in(options.language, "无", "none"), spilling);
      for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0) ++r;
        writer.text(r, 1, values[i], spilling);
      }
    };
    ++r;  // a blank row below the list
    line(in(options.language, "项目数据库", "Store"), {store.path()});
    line(in(options.language, "坐标系", "CRS"),
         {fmt::format("EPSG:{} {}", store.srid(), store.crs_name())});
    line(in(options.language, "未运行的分析", "Analyses not run"), presentations.notes);
    line(in(options.language, "缺少的表", "Tables not in the store"), absent);
    line(in(options.language, "备注", "Notes"), out.notes);
    for (size_t i = 0; i < columns.size(); ++i)
      book.set_column_width(about, static_cast<uint16_t>(i), column_width(columns[i]));

    phases.phase("zip (close)");
    book.close();
    phases.phase({});
    staging.commit();
  } catch (const DataError& e) {
    throw DataError(
        fmt::format(fmt::runtime(tr("cannot write the workbook {}: {}")), target_name, e.what()));
  }
  return out;
}

}  // namespace rz::exporting
