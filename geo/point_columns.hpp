#pragma once
// A column copy of an imported point layer, kept in the store next to the layer's table: fid, x,
// y and every typed column (but text columns of mostly distinct values, such as ids and names),
// in chunks of up to 65,536 rows, one blob per column and chunk (table rz_point_columns). Every
// analysis starts by reading its households; SQLite decodes a table row by row at some 4 million
// rows a second, while the column blobs of the same points read at memory speed. The table stays
// the truth: the copy is written in the import's transaction, and triggers on the table delete it
// on any INSERT, UPDATE or DELETE, from ruralzone or from any other program (QGIS editing the
// store). Readers use it only while it is complete and those triggers exist (a table dropped and
// created again outside ruralzone has lost them), and fall back to the table otherwise.
//
// Blob layouts, little-endian: fid int64[n]; x, y double[n]; an integer column int64[n] and
// n null flags (1 = NULL); a real column double[n] (NaN = NULL: SQLite stores no NaN); a text
// column a dictionary (uint32 count, then uint32 length and bytes per entry) and uint32[n]
// indexes into it (0xFFFFFFFF = NULL).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "geo/layer_schema.hpp"
#include "geo/sqlite.hpp"

namespace rz::geo {

// Fills the column copy of a new layer as its rows are written (LayerWriter does this for
// imported point layers). Runs inside the writer's transaction.
class PointColumnsWriter {
 public:
  static constexpr size_t kChunkRows = 65536;
  PointColumnsWriter(Database& db, const LayerSchema& schema);
  void add(int64_t fid, double x, double y, std::span<const Value> values);
  // Writes the last chunk and creates the triggers that discard the copy when the table changes.
  void finish();

 private:
  struct TextColumn {
    struct Hash {  // looks up string_views without making strings
      using is_transparent = void;
      size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> index_of;
    std::vector<const std::string*> entries;  // keys of index_of, in index order
    std::vector<uint32_t> rows;
  };
  void flush();
  void insert(const std::string& column, const std::vector<unsigned char>& blob);
  Database& db_;
  std::string layer_;
  std::vector<FieldDef> fields_;
  int64_t chunk_ = 0;
  std::vector<int64_t> fid_;
  std::vector<double> x_, y_;
  std::vector<std::vector<int64_t>> integers_;
  std::vector<std::vector<unsigned char>> nulls_;
  std::vector<std::vector<double>> reals_;
  std::vector<TextColumn> texts_;
  std::vector<bool> left_out_;  // text columns of mostly distinct values
  Statement insert_;
  // A value the blob layouts cannot hold as SQLite holds it (text in an integer column, say):
  // the layer gets no copy and readers use the table.
  bool abandoned_ = false;
};

// Reads the column copy of a layer, chunk by chunk, for rows with fid_min <= fid <= fid_max.
class PointColumnsReader {
 public:
  // std::nullopt when the layer has no complete, trusted copy holding all of `columns`.
  static std::optional<PointColumnsReader> open(Database& db, const LayerInfo& layer,
                                                const std::vector<std::string>& columns,
                                                int64_t fid_min, int64_t fid_max);
  // Loads the next chunk: false when there are no more. Its rows in the fid range are
  // first_row() .. end_row() - 1.
  bool next_chunk();
  size_t first_row() const { return first_row_; }
  size_t end_row() const { return end_row_; }
  int64_t fid(size_t row) const { return fid_[row]; }
  double x(size_t row) const { return x_[row]; }
  double y(size_t row) const { return y_[row]; }
  // As PointScan: an integer or real asked as text is its digits.
  std::string_view text(size_t column, size_t row) const;
  std::optional<int64_t> integer(size_t column, size_t row) const;
  std::optional<double> real(size_t column, size_t row) const;

 private:
  struct Column {
    std::string name;
    FieldType type = FieldType::text;
    std::vector<unsigned char> data;
    std::vector<std::string_view> dictionary;  // text columns: views into data
    const unsigned char* values = nullptr;     // int64 / double / uint32 per row
    const unsigned char* nulls = nullptr;      // integer columns
  };
  PointColumnsReader(Database& db, std::string layer, std::vector<Column> columns,
                     std::vector<int64_t> chunks, int64_t fid_min, int64_t fid_max);
  // Reads a blob of the chunk into `into` (a vector of the blob's element type).
  template <typename Buffer>
  void read_blob(const std::string& column, int64_t chunk, Buffer& into);
  std::string layer_;
  std::vector<Column> columns_;
  std::vector<int64_t> chunks_;
  size_t next_ = 0;
  int64_t fid_min_, fid_max_;
  MappedReads mapped_;  // declared before select_, which must be finalized first
  Statement select_;
  std::vector<int64_t> fid_;
  std::vector<double> x_, y_;
  size_t first_row_ = 0, end_row_ = 0;
  mutable std::string digits_;  // text() of a number
};

// Removes a layer's column copy (when the layer is dropped or written again).
void drop_point_columns(Database& db, const std::string& layer);

}  // namespace rz::geo
