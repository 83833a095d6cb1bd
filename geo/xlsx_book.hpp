#pragma once
// An Excel workbook (.xlsx) being written, through libxlsxwriter, whose C handles stay in here
// (README, "Layout"). Plain cells only: numbers and text, each with one of a few styles; never a
// formula, so a text such as "=1+1" is a string in every reader.
//
// The book is written in libxlsxwriter's constant-memory mode: each sheet's rows go to a
// temporary file as they are written, so a sheet of a million rows costs no more memory than one
// of ten. The price is the order: within a sheet, rows are written top to bottom (a cell of an
// earlier row than the last one written is lost). Sheets are independent of each other, so a
// first sheet may be filled last.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace rz::geo {

enum class CellStyle {
  plain,
  header,     // bold on a light fill
  decimal,    // 0.00
  thousands,  // #,##0
  percent,    // 0.0%
};

class XlsxBook {
 public:
  // Nothing is on disk until close(); a book destroyed without close() leaves no file.
  explicit XlsxBook(const std::filesystem::path& path);
  ~XlsxBook();
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;

  // Adds a sheet after the others and returns its index for the calls below. The name must be a
  // valid Excel sheet name (at most 31 characters, none of []:*?/\, unique ignoring case):
  // DataError otherwise.
  size_t add_sheet(const std::string& name);

  // A string cell, whatever the text looks like. Text that Excel would read as an escaped
  // character (_x0041_) is escaped itself, so it reads back as written. The caller keeps the text
  // within Excel's 32,767 characters: DataError otherwise.
  void write_text(size_t sheet, uint32_t row, uint16_t column, const std::string& text,
                  CellStyle style = CellStyle::plain);
  // A number cell (finite values: DataError otherwise, as a NaN would corrupt the file).
  void write_number(size_t sheet, uint32_t row, uint16_t column, double value,
                    CellStyle style = CellStyle::plain);
  // In characters of the default font, as Excel counts them.
  void set_column_width(size_t sheet, uint16_t column, double width);
  // Row 0 frozen in view and an autofilter over rows 0..last_row, columns 0..last_column.
  void set_header_row(size_t sheet, uint32_t last_row, uint16_t last_column);

  // Writes the file; DataError naming it and the cause. The book takes no more calls after it.
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rz::geo
