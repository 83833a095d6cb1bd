#pragma once
// RAII over sqlite3 handles: a connection with SpatiaLite registered on it,
// prepared statements, and a transaction guard that rolls back unless committed.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace rz::geo {

class Statement;

class Database {
 public:
  // Opens (creating when `create`). With `spatialite`, SpatiaLite's functions are registered on
  // the connection with a cache of its own; without, SQL naming them is an error.
  Database(const std::string& path, bool create, bool spatialite = true);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  bool table_exists(std::string_view name);
  int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
  // True when SpatiaLite's functions are registered on this connection.
  bool has_spatialite() const { return spatialite_cache_ != nullptr; }

 private:
  sqlite3* db_ = nullptr;
  void* spatialite_cache_ = nullptr;
  std::string path_;
};

// The connection reads the store's file through a memory map while this lives (PRAGMA
// mmap_size), for bulk reads of large blobs: SQLite then copies them out of the mapped file
// instead of reading each page into fresh page-cache memory first (bench/README.md has the
// gain). Scoped, not set for every connection: mapped pages count as resident
// memory for as long as the map lives, on top of the page cache.
class MappedReads {
 public:
  explicit MappedReads(Database& db);
  ~MappedReads();
  MappedReads(MappedReads&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  MappedReads(const MappedReads&) = delete;
  MappedReads& operator=(const MappedReads&) = delete;
  MappedReads& operator=(MappedReads&&) = delete;

 private:
  Database* db_;
};

class Statement {
 public:
  // Takes ownership of a prepared statement of connection `db`.
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  Statement& bind(int index, int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::span<const unsigned char> blob);
  Statement& bind_null(int index);
  // Steps once: true when a row is available, false when done. Throws on error.
  bool step();
  // Steps until done (for statements that return no rows) and resets for reuse.
  void run();
  void reset();

  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t get_int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double get_double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string get_text(int col) const;
  std::optional<std::string> get_optional_text(int col) const;
  // The text in SQLite's row buffer, valid until the statement steps or resets ("" for NULL).
  std::string_view get_text_view(int col) const;
  std::span<const unsigned char> get_blob(int col) const;
  int column_count() const { return sqlite3_column_count(stmt_); }
  std::string column_name(int col) const { return sqlite3_column_name(stmt_, col); }
  int column_type(int col) const { return sqlite3_column_type(stmt_, col); }
  // The table and column a result column reads as it is (through views too), or std::nullopt
  // for an expression.
  std::optional<std::pair<std::string, std::string>> column_origin(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless commit() was called, so an
// exception anywhere inside leaves the store exactly as it was.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace rz::geo
