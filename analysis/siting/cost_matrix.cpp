#include "analysis/siting/cost_matrix.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "geo/ascii.hpp"
#include "geo/error.hpp"
#include "geo/gdal_dataset.hpp"
#include "geo/gdal_errors.hpp"
#include "geo/messages.hpp"
#include "import/csv_shape.hpp"
#include "import/encoding.hpp"
#include "import/field_mapping.hpp"
#include "import/number_text.hpp"

namespace rz::analysis {

namespace {

namespace fs = std::filesystem;

// The long form's columns, by priority (the first present wins for the ids). Names are compared
// after import's field-name normalisation (case, blanks, full-width letters).
const std::vector<std::string> kDemandColumns = {
    "demand_id", "demand", "需求点",  "需求点编号", "需求点id", "origin_id", "origin",
    "originid",  "from",   "from_id", "起点",       "起点编号", "start_vid"};
const std::vector<std::string> kCandidateColumns = {
    "candidate_id",   "candidate",   "候选点",        "候选点编号", "候选点id",
    "destination_id", "destination", "destinationid", "to",         "to_id",
    "终点",           "终点编号",    "end_vid"};
const std::vector<std::string> kCostColumns = {
    "cost",        "agg_cost", "total_cost", "费用",     "成本",   "时间",   "time",   "minutes",
    "travel_time", "分钟",     "距离",       "distance", "length", "metres", "meters", "米"};
// A workbook's sheet holding the matrix, when it has several.
const std::vector<std::string> kSheetNames = {"costs",  "cost", "cost_matrix",
                                              "matrix", "费用", "成本"};

constexpr size_t kListed = 10;

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string trimmed(std::string_view s) {
  return std::string(trim(s));
}

bool named_one_of(const std::string& name, const std::vector<std::string>& names) {
  const std::string n = import::normalise_field_name(name);
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& s) { return import::normalise_field_name(s) == n; });
}

// A number cell as the id text it stands for: 12.0 is "12" (integers exactly, below 2^53).
std::string id_text(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 9007199254740992.0)
    return fmt::format("{:.0f}", v);
  return fmt::format("{}", v);
}

// The integer an id text spells in another way: "12.0", "12.00", and a code a spreadsheet wrote
// in scientific notation with every digit ("4.20115101201E+11").
std::optional<std::string> integer_form(const std::string& text) {
  const size_t point = text.find('.');
  if (point != std::string::npos && point > 0 &&
      std::all_of(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(point),
                  [](char c) { return c >= '0' && c <= '9'; }) &&
      point + 1 < text.size() &&
      std::all_of(text.begin() + static_cast<std::ptrdiff_t>(point) + 1, text.end(),
                  [](char c) { return c == '0'; }))
    return text.substr(0, point);
  import::CodeText code = import::restore_code(text);
  if (code.form == import::CodeForm::restored) return code.text;
  return std::nullopt;
}

// True when the file's bytes are ASCII or valid UTF-8. Read in blocks (a matrix can be hundreds
// of MB); a character cut by a block's end is checked with the next block.
bool file_is_utf8(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(fmt::format(fmt::runtime(tr("{}: cannot be read")), path));
  std::vector<char> block(1 << 20);
  std::string buffer, carry;
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    const auto got = static_cast<size_t>(in.gcount());
    if (got == 0) break;
    buffer.assign(carry);
    buffer.append(block.data(), got);
    size_t cut = buffer.size();
    for (size_t back = 1; back <= 3 && back <= buffer.size(); ++back) {
      const auto c = static_cast<unsigned char>(buffer[buffer.size() - back]);
      if (c < 0x80) break;
      if (c >= 0xC0) {  // a lead byte: is its sequence complete?
        const size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (length > back) cut = buffer.size() - back;
        break;
      }
    }
    if (!import::is_valid_utf8(std::string_view(buffer).substr(0, cut))) return false;
    carry.assign(buffer, cut);
  }
  return import::is_valid_utf8(carry);
}

// A cost cell: blank (no pair), a number, or text that is not one.
struct CostCell {
  enum Kind { blank, number, text } kind = blank;
  double value = 0;
  std::string written;  // a text cell's text (a number cell's is formatted when a message needs it)
  std::string shown() const { return kind == text ? written : fmt::format("{}", value); }
};

// The table as GDAL reads it, with the header and cells decoded and every row named by its CSV
// line or spreadsheet row.
class Table {
 public:
  Table(const std::string& path, std::vector<std::string>& warnings);

  const std::vector<std::string>& columns() const { return columns_; }
  // The next row; false at the end.
  bool next();
  int64_t fid() const { return fid_; }
  std::string row_name(int64_t fid) const;
  std::string row_name() const { return row_name(fid_); }
  // The current row's field count when it differs from the header's (CSV only).
  std::optional<size_t> ragged_fields() const;
  size_t header_fields() const { return shape_ ? shape_->header_fields : columns_.size(); }
  bool blank_row() const;
  std::optional<std::string> id(int column) const;  // nullopt: blank
  CostCell cost(int column) const;

 private:
  // `raw` without its blanks, in UTF-8; a cell's row is named only when the bytes do not decode.
  // (Trimming before decoding is safe: no GBK byte after a lead byte is a blank.)
  std::string decoded(const char* raw, bool header) const;

  std::string path_;
  geo::gdal::ErrorCapture errors_;
  geo::gdal::Dataset dataset_;
  geo::gdal::Layer layer_;
  geo::gdal::Feature feature_;
  bool csv_ = false, spreadsheet_ = false;
  import::Encoding encoding_ = import::Encoding::utf8;
  std::optional<import::CsvShape> shape_;
  std::unordered_map<int64_t, size_t> ragged_;  // CSV record -> index in shape_->ragged
  std::vector<std::string> columns_;
  std::vector<OGRFieldType> types_;
  int64_t fid_ = 0, read_ = 0;
};

Table::Table(const std::string& path, std::vector<std::string>& warnings) : path_(path) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw DataError(fmt::format(fmt::runtime(tr("{}: no such file")), path));
  if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0)
    throw DataError(fmt::format(fmt::runtime(tr("{}: the file is empty")), path));
  const std::string ext = geo::lower_ascii(fs::path(path).extension().string());
  geo::gdal::OpenOptions options;
  if (ext == ".csv" || ext == ".tsv" || ext == ".txt") {
    // Every cell as text (ids keep their leading zeros), the first line always the header.
    options.driver = {
        {"AUTODETECT_TYPE", "NO"}, {"EMPTY_STRING_AS_NULL", "YES"}, {"HEADERS", "YES"}};
  }
  if (ext == ".xlsx" || ext == ".xlsm" || ext == ".ods") options.force_header_row = true;
  dataset_ = geo::gdal::Dataset::open_vector(path, options);
  if (!dataset_)
    throw DataError(fmt::format(fmt::runtime(tr("{}: cannot open: {}")), path,
                                errors_.failures().empty()
                                    ? std::string(tr("not a table GDAL reads"))
                                    : "GDAL: " + errors_.failures().front()));
  const int n = dataset_.layer_count();
  if (n == 0) throw DataError(fmt::format(fmt::runtime(tr("{}: the file holds no table")), path));
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) names.push_back(dataset_.layer(i).name());
  layer_ = dataset_.layer(0);
  if (n > 1) {
    auto named = std::find_if(names.begin(), names.end(),
                              [](const std::string& s) { return named_one_of(s, kSheetNames); });
    if (named != names.end())
      layer_ = dataset_.layer(*named);
    else
      warnings.push_back(fmt::format(
          fmt::runtime(tr("{}: read its first sheet, {}, of {} ({}); name the sheet with the "
                          "costs {} to read another")),
          path, in_quotes(names.front()), n, fmt::join(names, ", "), in_quotes("costs")));
  }
  const std::string driver = dataset_.driver_name();
  csv_ = driver == "CSV";
  spreadsheet_ = driver == "XLSX" || driver == "ODS";
  if (csv_) {
    shape_ = import::read_csv_shape(path);
    for (size_t i = 0; i < shape_->ragged.size(); ++i) ragged_.emplace(shape_->ragged[i].record, i);
    encoding_ = file_is_utf8(path) ? import::Encoding::utf8 : import::Encoding::gb18030;
  }
  for (int i = 0; i < layer_.field_count(); ++i) {
    columns_.push_back(decoded(layer_.field_name(i), true));
    types_.push_back(layer_.field_type(i));
  }
  errors_.throw_if_failed(path, tr("opening"));
}

std::string Table::decoded(const char* raw, bool header) const {
  const std::string_view bytes = trim(raw ? raw : "");
  if (import::is_ascii(bytes)) return std::string(bytes);
  // GDAL gives UTF-8 for every format but CSV, whose bytes it passes through.
  const import::Encoding encoding =
      csv_ ? encoding_
           : (import::is_valid_utf8(bytes) ? import::Encoding::utf8 : import::Encoding::gb18030);
  if (encoding == import::Encoding::utf8) return std::string(bytes);
  return import::to_utf8(bytes, encoding,
                         fmt::format("{}: {}", path_, header ? tr("the header") : row_name()));
}

bool Table::next() {
  feature_ = layer_.next_feature();
  if (errors_.has_failures())
    errors_.throw_if_failed(
        path_, read_ == 0 ? std::string(tr("reading"))
                          : fmt::format(fmt::runtime(tr("reading after {}")), row_name(fid_)));
  if (!feature_) return false;
  ++read_;
  fid_ = feature_.fid().value_or(read_);
  return true;
}

std::string Table::row_name(int64_t fid) const {
  if (shape_) {
    // A record's line: its number plus the header, plus the extra lines of the records before.
    int64_t line = fid + 1;
    auto it = std::upper_bound(shape_->line_shifts.begin(), shape_->line_shifts.end(),
                               std::pair<int64_t, int64_t>{fid, INT64_MAX});
    if (it != shape_->line_shifts.begin()) line += std::prev(it)->second;
    return fmt::format(fmt::runtime(tr("line {}")), line);
  }
  return fmt::format(fmt::runtime(spreadsheet_ ? tr("row {}") : tr("feature {}")), fid);
}

std::optional<size_t> Table::ragged_fields() const {
  auto it = ragged_.find(fid_);
  if (it == ragged_.end()) return std::nullopt;
  return shape_->ragged[it->second].fields;
}

bool Table::blank_row() const {
  for (int i = 0; i < static_cast<int>(columns_.size()); ++i)
    if (feature_.is_set(i) && !trim(feature_.as_string(i)).empty()) return false;
  return true;
}

std::optional<std::string> Table::id(int column) const {
  if (!feature_.is_set(column)) return std::nullopt;
  switch (types_[static_cast<size_t>(column)]) {
    case OFTInteger:
    case OFTInteger64:
      return std::to_string(feature_.as_integer64(column));
    case OFTReal:
      return id_text(feature_.as_double(column));
    default:
      break;
  }
  std::string text = decoded(feature_.as_string(column), false);
  if (text.empty()) return std::nullopt;
  return text;
}

CostCell Table::cost(int column) const {
  CostCell cell;
  if (!feature_.is_set(column)) return cell;
  const OGRFieldType type = types_[static_cast<size_t>(column)];
  if (type == OFTInteger || type == OFTInteger64 || type == OFTReal) {
    cell.kind = CostCell::number;
    cell.value = type == OFTReal ? feature_.as_double(column)
                                 : static_cast<double>(feature_.as_integer64(column));
    return cell;
  }
  const char* raw = feature_.as_string(column);
  if (const std::string_view ascii = trim(raw); import::is_ascii(ascii)) {
    // Most cells: parsed where GDAL holds them, copied only for a message.
    if (ascii.empty()) return cell;
    const auto number = import::parse_number(ascii);
    cell.kind = number ? CostCell::number : CostCell::text;
    cell.value = number.value_or(0);
    if (!number) cell.written = std::string(ascii);
    return cell;
  }
  cell.written = decoded(raw, false);  // full-width digits, or text
  const auto number = import::parse_number(cell.written);
  cell.kind = number ? CostCell::number : CostCell::text;
  cell.value = number.value_or(0);
  return cell;
}

// Where a cell is: the header's column, or the current row (and in the wide form its column), in
// words only when a problem needs them.
struct Place {
  const Table& table;
  bool header = false;
  std::optional<size_t> column;
  std::string text() const {
    if (header) return fmt::format(fmt::runtime(tr("the header, column {}")), *column + 1);
    if (column)
      return fmt::format(fmt::runtime(tr("{}, column {}")), table.row_name(),
                         in_quotes(table.columns()[*column]));
    return table.row_name();
  }
};

// The ids of a layer's points and their index. An id two points share matches neither.
class IdIndex {
 public:
  static constexpr uint32_t kShared = std::numeric_limits<uint32_t>::max();

  IdIndex(const std::vector<std::string>& ids, const char* what) : what_(what) {
    if (ids.size() >= kShared)
      throw DataError(fmt::format(
          fmt::runtime(demand() ? tr("{} demand points: too many for a cost matrix")
                                : tr("{} candidate points: too many for a cost matrix")),
          ids.size()));
    for (size_t i = 0; i < ids.size(); ++i) {
      std::string id = trimmed(ids[i]);
      if (id.empty()) {
        ++without_id_;
        continue;
      }
      if (sample_.size() < 3) sample_.push_back(id);
      auto [it, fresh] = index_.emplace(id, static_cast<uint32_t>(i));
      if (!fresh) {
        it->second = kShared;
        ++sharing_[id];
      }
    }
  }

  // The index of the point a cell names; kShared when points share the id; nullopt: no point.
  std::optional<uint32_t> find(const std::string& text) const {
    if (auto it = index_.find(text); it != index_.end()) return it->second;
    if (auto other = integer_form(text))
      if (auto it = index_.find(*other); it != index_.end()) return it->second;
    return std::nullopt;
  }
  // How many points share `text`'s id (after find returned kShared).
  int64_t sharing(const std::string& text) const {
    for (const std::string& key : {text, integer_form(text).value_or(text)})
      if (auto it = sharing_.find(key); it != sharing_.end()) return it->second + 1;
    return 2;
  }
  const char* what() const { return what_; }
  bool demand() const { return std::string_view(what_) == "demand"; }
  int64_t without_id() const { return without_id_; }
  // "«D1», «D2», «D3»": what the layer's ids look like, for a message about unknown ones.
  std::string sample() const {
    std::vector<std::string> quoted;
    for (const auto& id : sample_) quoted.push_back(in_quotes(id));
    return quoted.empty() ? std::string(tr("(none: the layer's points have no ids)"))
                          : fmt::format("{}", fmt::join(quoted, ", "));
  }

 private:
  const char* what_;
  std::unordered_map<std::string, uint32_t> index_;
  std::unordered_map<std::string, int64_t> sharing_;
  std::vector<std::string> sample_;
  int64_t without_id_ = 0;
};

// What is wrong with the file: every problem counted by its kind, the first few listed in the
// order they were found; an unknown id once, with the rows that name it. A kind is a message of
// its count, "{} negative cost(s)".
class Problems {
 public:
  void add(const char* kind, std::string text) {
    count(kind);
    if (listed_.size() < kListed) listed_.push_back({std::move(text), {}});
  }
  void unknown_id(const IdIndex& ids, const std::string& id, const Place& where) {
    const std::string key = std::string(ids.what()) + '\x1f' + id;
    auto it = unknown_.find(key);
    if (it != unknown_.end()) {
      ++it->second;
      return;
    }
    if (unknown_.size() < 1000000) unknown_.emplace(key, 1);
    count(ids.demand() ? tr("{} unknown demand id(s)") : tr("{} unknown candidate id(s)"));
    if (listed_.size() < kListed)
      listed_.push_back(
          {fmt::format(fmt::runtime(ids.demand() ? tr("{}: {} is not the id of a demand point")
                                                 : tr("{}: {} is not the id of a candidate "
                                                      "point")),
                       where.text(), in_quotes(id)),
           key});
    if (ids.demand())
      demand_unknown_ = true;
    else
      candidate_unknown_ = true;
  }
  bool empty() const { return kinds_.empty(); }

  std::string message(const std::string& path, const IdIndex& demand,
                      const IdIndex& candidates) const {
    int64_t total = 0;
    std::vector<std::string> summary;
    for (const auto& [kind, n] : kinds_) {
      total += n;
      summary.push_back(fmt::format(fmt::runtime(kind), n));
    }
    std::string out = fmt::format(fmt::runtime(tr("{}: the cost matrix has {} problem(s) ({}):")),
                                  path, total, fmt::join(summary, ", "));
    for (const auto& l : listed_) {
      out += "\n  " + l.text;
      if (l.unknown_key)
        if (int64_t rows = unknown_.at(*l.unknown_key); rows > 1)
          out += fmt::format(fmt::runtime(tr(" (on {} rows)")), rows);
    }
    if (total > static_cast<int64_t>(listed_.size()))
      out += fmt::format(fmt::runtime(tr("\n  ... and {} more")),
                         total - static_cast<int64_t>(listed_.size()));
    if (demand_unknown_)
      out += fmt::format(fmt::runtime(tr("\nthe demand points' ids are like {}")), demand.sample());
    if (candidate_unknown_)
      out +=
          fmt::format(fmt::runtime(tr("\nthe candidates' ids are like {}")), candidates.sample());
    return out;
  }

 private:
  void count(const char* kind) {
    auto it = std::find_if(kinds_.begin(), kinds_.end(),
                           [&](const auto& k) { return std::string_view(k.first) == kind; });
    if (it == kinds_.end())
      kinds_.emplace_back(kind, 1);
    else
      ++it->second;
  }
  struct Listed {
    std::string text;
    std::optional<std::string> unknown_key;
  };
  std::vector<std::pair<const char*, int64_t>> kinds_;  // in the order first found
  std::vector<Listed> listed_;
  std::unordered_map<std::string, int64_t> unknown_;  // what + id -> rows naming it
  bool demand_unknown_ = false, candidate_unknown_ = false;
};

// One pair as read, with its row for a duplicate's message. 16 bytes, as the result's pair.
struct Entry {
  uint32_t demand;
  uint32_t fid;
  double cost;
};

// Reads the pairs of either form into `entries` (one list per candidate), problems aside.
class Reader {
 public:
  Reader(const std::string& path, Table& table, const IdIndex& demand, const IdIndex& candidates,
         size_t candidate_count, Problems& problems)
      : path_(path),
        table_(table),
        demand_(demand),
        candidates_(candidates),
        problems_(problems),
        entries_(candidate_count) {}

  void read_long(int demand_column, int candidate_column, int cost_column);
  void read_wide();
  // Sorts each candidate's pairs by demand point; pairs given twice are problems.
  void sort_and_find_duplicates(const std::vector<std::string>& demand_ids,
                                const std::vector<std::string>& candidate_ids);
  std::vector<std::vector<Entry>>& entries() { return entries_; }

 private:
  // False (and the problem noted) when the row cannot be read as a row of the header's fields.
  bool row_is_whole();
  // The index of the point an id cell names, or nullopt with the problem noted.
  std::optional<uint32_t> point(const IdIndex& ids, const std::optional<std::string>& id,
                                const Place& where);
  // The cost a cell holds, or nullopt (blank: no pair; otherwise the problem noted).
  std::optional<double> cost(int column, const Place& where);
  void add(uint32_t demand, uint32_t candidate, double cost);

  const std::string& path_;
  Table& table_;
  const IdIndex& demand_;
  const IdIndex& candidates_;
  Problems& problems_;
  std::vector<std::vector<Entry>> entries_;
};

bool Reader::row_is_whole() {
  if (auto fields = table_.ragged_fields()) {
    problems_.add(tr("{} row(s) with the wrong number of fields"),
                  fmt::format(fmt::runtime(tr("{}: {} field(s), the header {}: a separator "
                                              "inside an unquoted value (a decimal comma?) or a "
                                              "missing one")),
                              table_.row_name(), *fields, table_.header_fields()));
    return false;
  }
  return !table_.blank_row();
}

std::optional<uint32_t> Reader::point(const IdIndex& ids, const std::optional<std::string>& id,
                                      const Place& where) {
  if (!id) {
    problems_.add(
        ids.demand() ? tr("{} row(s) without a demand id") : tr("{} row(s) without a candidate id"),
        fmt::format(fmt::runtime(ids.demand() ? tr("{}: no demand id") : tr("{}: no candidate id")),
                    where.text()));
    return std::nullopt;
  }
  auto index = ids.find(*id);
  if (!index) {
    problems_.unknown_id(ids, *id, where);
    return std::nullopt;
  }
  if (*index == IdIndex::kShared) {
    problems_.add(
        ids.demand() ? tr("{} demand id(s) shared by several points")
                     : tr("{} candidate id(s) shared by several points"),
        fmt::format(fmt::runtime(ids.demand() ? tr("{}: {} is the id of {} demand points, so "
                                                   "their costs cannot be told apart")
                                              : tr("{}: {} is the id of {} candidate points, so "
                                                   "their costs cannot be told apart")),
                    where.text(), in_quotes(*id), ids.sharing(*id)));
    return std::nullopt;
  }
  return *index;
}

std::optional<double> Reader::cost(int column, const Place& where) {
  const CostCell cell = table_.cost(column);
  switch (cell.kind) {
    case CostCell::blank:
      return std::nullopt;
    case CostCell::text:
      problems_.add(tr("{} cost(s) not a number"),
                    fmt::format(fmt::runtime(tr("{}: the cost {} is not a number")), where.text(),
                                in_quotes(cell.shown())));
      return std::nullopt;
    case CostCell::number:
      break;
  }
  if (!std::isfinite(cell.value)) {
    problems_.add(tr("{} cost(s) not finite"),
                  fmt::format(fmt::runtime(tr("{}: the cost {} is not a finite number (leave the "
                                              "cell empty for an unreachable pair)")),
                              where.text(), in_quotes(cell.shown())));
    return std::nullopt;
  }
  if (cell.value < 0) {
    problems_.add(
        tr("{} negative cost(s)"),
        fmt::format(fmt::runtime(tr("{}: the cost {} is negative")), where.text(), cell.shown()));
    return std::nullopt;
  }
  return cell.value + 0.0;  // -0 as 0
}

void Reader::add(uint32_t demand, uint32_t candidate, double cost) {
  if (table_.fid() < 0 || table_.fid() > std::numeric_limits<uint32_t>::max())
    throw DataError(fmt::format(fmt::runtime(tr("{}: {}: more rows than a cost matrix can have")),
                                path_, table_.row_name()));
  entries_[candidate].push_back({demand, static_cast<uint32_t>(table_.fid()), cost});
}

void Reader::read_long(int demand_column, int candidate_column, int cost_column) {
  while (table_.next()) {
    if (!row_is_whole()) continue;
    const Place where{table_, false, std::nullopt};
    auto d = point(demand_, table_.id(demand_column), where);
    auto c = point(candidates_, table_.id(candidate_column), where);
    auto value = cost(cost_column, where);
    if (d && c && value) add(*d, *c, *value);
  }
}

void Reader::read_wide() {
  // Columns after the first: the candidate each heads (none: unknown, reported once).
  const auto& columns = table_.columns();
  std::vector<std::optional<uint32_t>> column_candidate(columns.size());
  std::unordered_map<uint32_t, size_t> column_of;
  for (size_t j = 1; j < columns.size(); ++j) {
    const Place where{table_, true, j};
    auto c =
        point(candidates_, columns[j].empty() ? std::nullopt : std::optional(columns[j]), where);
    if (!c) continue;
    if (auto [it, fresh] = column_of.emplace(*c, j); !fresh) {
      problems_.add(tr("{} candidate(s) heading two columns"),
                    fmt::format(fmt::runtime(tr("{}: {} heads columns {} and {}")), where.text(),
                                in_quotes(columns[j]), it->second + 1, j + 1));
      continue;
    }
    column_candidate[j] = c;
  }
  std::unordered_map<uint32_t, int64_t> row_of;  // demand point -> its row's fid
  while (table_.next()) {
    if (!row_is_whole()) continue;
    const Place where{table_, false, std::nullopt};
    auto d = point(demand_, table_.id(0), where);
    if (!d) continue;
    if (auto [it, fresh] = row_of.emplace(*d, table_.fid()); !fresh) {
      problems_.add(
          tr("{} demand point(s) with two rows"),
          fmt::format(fmt::runtime(tr("{}: a second row of {} (the first is on {})")), where.text(),
                      in_quotes(*table_.id(0)), table_.row_name(it->second)));
      continue;
    }
    for (size_t j = 1; j < columns.size(); ++j) {
      if (!column_candidate[j]) continue;
      if (auto value = cost(static_cast<int>(j), Place{table_, false, j}))
        add(*d, *column_candidate[j], *value);
    }
  }
}

void Reader::sort_and_find_duplicates(const std::vector<std::string>& demand_ids,
                                      const std::vector<std::string>& candidate_ids) {
  for (size_t c = 0; c < entries_.size(); ++c) {
    auto& list = entries_[c];
    std::sort(list.begin(), list.end(), [](const Entry& a, const Entry& b) {
      return a.demand != b.demand ? a.demand < b.demand : a.fid < b.fid;
    });
    for (size_t i = 1; i < list.size(); ++i)
      if (list[i].demand == list[i - 1].demand)
        problems_.add(
            tr("{} duplicate pair(s)"),
            fmt::format(fmt::runtime(tr("{}: the pair {} again (first on {})")),
                        table_.row_name(list[i].fid),
                        fmt::format("{} × {}", in_quotes(trimmed(demand_ids[list[i].demand])),
                                    in_quotes(trimmed(candidate_ids[c]))),
                        table_.row_name(list[i - 1].fid)));
  }
}

// The long form's columns, when the header has them all.
struct LongColumns {
  std::optional<int> demand, candidate;
  std::vector<int> costs;  // every column that could be the cost
};

LongColumns long_columns(const std::vector<std::string>& columns) {
  LongColumns found;
  const std::vector<bool> none(columns.size(), false);
  found.demand = import::find_field(columns, kDemandColumns, none);
  found.candidate = import::find_field(columns, kCandidateColumns, none);
  for (size_t i = 0; i < columns.size(); ++i)
    if (named_one_of(columns[i], kCostColumns) && static_cast<int>(i) != found.demand &&
        static_cast<int>(i) != found.candidate)
      found.costs.push_back(static_cast<int>(i));
  return found;
}

[[noreturn]] void throw_neither_form(const std::string& path,
                                     const std::vector<std::string>& columns,
                                     const LongColumns& found, const IdIndex& candidates) {
  // `named` and `absent` are messages, "demand {}" and "no demand column ({})".
  auto column = [&](const std::optional<int>& i, const char* named, const char* absent,
                    const std::vector<std::string>& names) {
    if (i) return fmt::format(fmt::runtime(named), in_quotes(columns[static_cast<size_t>(*i)]));
    return fmt::format(fmt::runtime(absent), fmt::join(names, ", "));
  };
  std::vector<std::string> shown(
      columns.begin(),
      columns.begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(columns.size(), 12)));
  throw DataError(fmt::format(
      fmt::runtime(
          tr("{}: the header ({}{}) is neither form of a cost matrix. Long form, one row per "
             "pair: {}, {}, {}. Wide form: the demand id, then one column per candidate headed by "
             "its id; no column is headed by a candidate's id (they are like {})")),
      path, fmt::join(shown, ", "), columns.size() > shown.size() ? ", ..." : "",
      column(found.demand, tr("demand {}"), tr("no demand column ({})"), kDemandColumns),
      column(found.candidate, tr("candidate {}"), tr("no candidate column ({})"),
             kCandidateColumns),
      column(found.costs.empty() ? std::nullopt : std::optional(found.costs[0]), tr("cost {}"),
             tr("no cost column ({})"), kCostColumns),
      candidates.sample()));
}

}  // namespace

CostMatrix read_cost_matrix(const std::string& path, const std::vector<std::string>& demand_ids,
                            const std::vector<std::string>& candidate_ids) {
  const IdIndex demand(demand_ids, "demand");
  const IdIndex candidates(candidate_ids, "candidate");
  CostMatrix out;
  geo::gdal::register_drivers();  // before the table's ErrorCapture: not a reading error
  Table table(path, out.warnings);
  const auto& columns = table.columns();

  Problems problems;
  Reader reader(path, table, demand, candidates, candidate_ids.size(), problems);
  LongColumns found = long_columns(columns);
  if (found.costs.size() > 1) {
    // A column named cost says which it is; otherwise which to take is the user's to say.
    auto named_cost = std::find_if(found.costs.begin(), found.costs.end(), [&](int i) {
      return import::normalise_field_name(columns[static_cast<size_t>(i)]) == "cost";
    });
    if (named_cost != found.costs.end()) found.costs = {*named_cost};
  }
  if (found.demand && found.candidate && found.costs.size() > 1) {
    std::vector<std::string> names;
    for (int i : found.costs) names.push_back(in_quotes(columns[static_cast<size_t>(i)]));
    throw DataError(fmt::format(
        fmt::runtime(tr("{}: more than one column could be the cost ({}): keep only the one to "
                        "use, or rename it {}")),
        path, fmt::join(names, ", "), in_quotes("cost")));
  }
  if (found.demand && found.candidate && found.costs.size() == 1) {
    reader.read_long(*found.demand, *found.candidate, found.costs[0]);
  } else {
    bool wide = false;
    for (size_t j = 1; j < columns.size() && !wide; ++j) {
      auto c = candidates.find(columns[j]);
      wide = c.has_value();
    }
    if (!wide) throw_neither_form(path, columns, found, candidates);
    reader.read_wide();  // its rows and columns are unique: no pair twice
  }
  reader.sort_and_find_duplicates(demand_ids, candidate_ids);
  if (!problems.empty()) throw DataError(problems.message(path, demand, candidates));

  auto& entries = reader.entries();
  out.costs.resize(candidate_ids.size());
  std::vector<bool> demand_reached(demand_ids.size(), false);
  for (size_t c = 0; c < entries.size(); ++c) {
    auto& list = out.costs[c];
    list.reserve(entries[c].size());
    for (const Entry& e : entries[c]) {
      list.emplace_back(e.demand, e.cost);
      demand_reached[e.demand] = true;
    }
    out.pairs += static_cast<int64_t>(list.size());
    std::vector<Entry>().swap(entries[c]);  // the peak is one list, not two matrices
  }
  const int64_t all =
      static_cast<int64_t>(demand_ids.size()) * static_cast<int64_t>(candidate_ids.size());
  out.missing_pairs = all - out.pairs;
  if (out.missing_pairs > 0)
    out.warnings.push_back(fmt::format(
        fmt::runtime(tr("{}: {} of {} demand {} candidate pairs are not in the file: treated as "
                        "unreachable")),
        path, out.missing_pairs, all, "×"));
  const auto unreached = std::find(demand_reached.begin(), demand_reached.end(), false);
  if (unreached != demand_reached.end() && !candidate_ids.empty()) {
    const auto count = std::count(demand_reached.begin(), demand_reached.end(), false);
    const std::string first =
        trimmed(demand_ids[static_cast<size_t>(std::distance(demand_reached.begin(), unreached))]);
    out.warnings.push_back(fmt::format(
        fmt::runtime(tr("{}: {} of {} demand point(s) have no pair in the file, so no candidate "
                        "reaches them (the first: {}){}")),
        path, count, demand_ids.size(),
        first.empty() ? fmt::format(fmt::runtime(tr("number {}, which has no id")),
                                    std::distance(demand_reached.begin(), unreached) + 1)
                      : in_quotes(first),
        demand.without_id() > 0
            ? fmt::format(
                  fmt::runtime(tr("; {} demand point(s) have no id, which no row can name")),
                  demand.without_id())
            : std::string()));
  }
  return out;
}

}  // namespace rz::analysis
