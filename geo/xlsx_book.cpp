#include "geo/xlsx_book.hpp"

#include <xlsxwriter.h>

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::geo {

namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Excel reads "_xHHHH_" in a string as the character U+HHHH (how OOXML escapes control
// characters); its own escape for a literal one is "_x005F" (the underscore) before it.
// libxlsxwriter writes the text as it is, so a village named "_x0041_" would read back as "A".
std::string escaped_for_excel(const std::string& text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size() + 12);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && is_hex(text[i + 2]) &&
        is_hex(text[i + 3]) && is_hex(text[i + 4]) && is_hex(text[i + 5]) && text[i + 6] == '_')
      out += "_x005F";
    out += text[i];
  }
  return out;
}

std::string cell_name(uint32_t row, uint16_t column) {
  std::string letters;
  for (unsigned c = column + 1u; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return fmt::format("{}{}", letters, row + 1);
}

}  // namespace

struct XlsxBook::Impl {
  std::string path;
  lxw_workbook* book = nullptr;
  std::vector<lxw_worksheet*> sheets;
  std::vector<std::string> sheet_names;
  lxw_format* header = nullptr;
  lxw_format* decimal = nullptr;
  lxw_format* thousands = nullptr;
  lxw_format* percent = nullptr;

  lxw_format* format(CellStyle style) const {
    switch (style) {
      case CellStyle::plain:
        return nullptr;
      case CellStyle::header:
        return header;
      case CellStyle::decimal:
        return decimal;
      case CellStyle::thousands:
        return thousands;
      case CellStyle::percent:
        return percent;
    }
    return nullptr;
  }

  lxw_worksheet* sheet(size_t index) const {
    if (!book)
      throw DataError(fmt::format(fmt::runtime(tr("{}: the workbook is already closed")), path));
    if (index >= sheets.size())
      throw DataError(
          fmt::format(fmt::runtime(tr("{}: the workbook has no sheet {}")), path, index));
    return sheets[index];
  }

  void check(lxw_error error, size_t index, uint32_t row, uint16_t column) const {
    if (error != LXW_NO_ERROR)
      throw DataError(fmt::format(fmt::runtime(tr("{}: cannot write cell {} of sheet {}: {}")),
                                  path, cell_name(row, column), in_quotes(sheet_names[index]),
                                  lxw_strerror(error)));
  }
};

XlsxBook::XlsxBook(const std::filesystem::path& path) : impl_(std::make_unique<Impl>()) {
  impl_->path = path.string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.use_zip64 = LXW_TRUE;  // a sheet of a million rows may pass ZIP's 4 GB
  impl_->book = workbook_new_opt(impl_->path.c_str(), &options);
  if (!impl_->book)
    throw DataError(fmt::format(fmt::runtime(tr("{}: cannot start the workbook (out of memory)")),
                                impl_->path));
  auto number_format = [&](const char* pattern) {
    lxw_format* f = workbook_add_format(impl_->book);
    format_set_num_format(f, pattern);
    return f;
  };
  impl_->header = workbook_add_format(impl_->book);
  format_set_bold(impl_->header);
  format_set_bg_color(impl_->header, 0xDDEBF7);
  format_set_bottom(impl_->header, LXW_BORDER_THIN);
  impl_->decimal = number_format("0.00");
  impl_->thousands = number_format("#,##0");
  impl_->percent = number_format("0.0%");
}

XlsxBook::~XlsxBook() {
  // Frees without writing anything: workbook_close is what creates the file.
  if (impl_ && impl_->book) lxw_workbook_free(impl_->book);
}

size_t XlsxBook::add_sheet(const std::string& name) {
  if (!impl_->book)
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: the workbook is already closed")), impl_->path));
  if (lxw_error error = workbook_validate_sheet_name(impl_->book, name.c_str());
      error != LXW_NO_ERROR)
    throw DataError(fmt::format(fmt::runtime(tr("{}: cannot name a sheet {}: {}")), impl_->path,
                                in_quotes(name), lxw_strerror(error)));
  lxw_worksheet* sheet = workbook_add_worksheet(impl_->book, name.c_str());
  if (!sheet)
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: cannot add the sheet {}")), impl_->path, in_quotes(name)));
  impl_->sheets.push_back(sheet);
  impl_->sheet_names.push_back(name);
  return impl_->sheets.size() - 1;
}

void XlsxBook::write_text(size_t sheet, uint32_t row, uint16_t column, const std::string& text,
                          CellStyle style) {
  lxw_worksheet* ws = impl_->sheet(sheet);
  const std::string escaped = escaped_for_excel(text);
  impl_->check(worksheet_write_string(ws, row, column, escaped.c_str(), impl_->format(style)),
               sheet, row, column);
}

void XlsxBook::write_number(size_t sheet, uint32_t row, uint16_t column, double value,
                            CellStyle style) {
  lxw_worksheet* ws = impl_->sheet(sheet);
  if (!std::isfinite(value))
    throw DataError(fmt::format(
        fmt::runtime(tr("{}: cell {} of sheet {} would hold {}, which Excel cannot")), impl_->path,
        cell_name(row, column), in_quotes(impl_->sheet_names[sheet]), value));
  impl_->check(worksheet_write_number(ws, row, column, value, impl_->format(style)), sheet, row,
               column);
}

void XlsxBook::set_column_width(size_t sheet, uint16_t column, double width) {
  impl_->check(worksheet_set_column(impl_->sheet(sheet), column, column, width, nullptr), sheet, 0,
               column);
}

void XlsxBook::set_header_row(size_t sheet, uint32_t last_row, uint16_t last_column) {
  lxw_worksheet* ws = impl_->sheet(sheet);
  worksheet_freeze_panes(ws, 1, 0);
  impl_->check(worksheet_autofilter(ws, 0, 0, last_row, last_column), sheet, 0, 0);
}

void XlsxBook::close() {
  if (!impl_->book)
    throw DataError(
        fmt::format(fmt::runtime(tr("{}: the workbook is already closed")), impl_->path));
  // workbook_close frees the book whatever it returns.
  lxw_error error = workbook_close(impl_->book);
  impl_->book = nullptr;
  if (error != LXW_NO_ERROR)
    throw DataError(
        fmt::format(fmt::runtime(tr("cannot write {}: {}")), impl_->path, lxw_strerror(error)));
}

}  // namespace rz::geo
