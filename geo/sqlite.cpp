#include "geo/sqlite.hpp"

#include <mutex>

// spatialite.h uses sqlite3.h's types without including it.
#include <sqlite3.h>

#include <spatialite.h>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/messages.hpp"

namespace rz::geo {

namespace {
[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw DataError(fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : tr("out of memory")));
}
}  // namespace

Database::Database(const std::string& path, bool create, bool spatialite) : path_(path) {
  // SQLite counts every allocation under one global mutex unless told not to: with two threads
  // reading two connections that mutex is the bottleneck. Only possible before SQLite's first
  // use in the process; if GDAL got there first, the call fails harmlessly.
  static std::once_flag configure;
  std::call_once(configure, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  // NOMUTEX: a connection is only ever used by one thread at a time (see BackgroundWriter).
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = fmt::format(fmt::runtime(tr("cannot open project store {}: {}")), path,
                                  db_ ? sqlite3_errmsg(db_) : tr("out of memory"));
    sqlite3_close(db_);
    db_ = nullptr;
    throw DataError(msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  if (spatialite) {
    // The reentrant initialiser gives each connection its own SpatiaLite cache, so that two
    // threads may each use their own connection.
    spatialite_cache_ = spatialite_alloc_connection();
    spatialite_init_ex(db_, spatialite_cache_, 0);
  }
}

Database::~Database() {
  sqlite3_close_v2(db_);
  if (spatialite_cache_) spatialite_cleanup_ex(spatialite_cache_);
}

MappedReads::MappedReads(Database& db) : db_(&db) {
  // As much of the file as SQLite allows (it caps the request at its compile-time limit).
  db.exec("PRAGMA mmap_size=1099511627776");
}

MappedReads::~MappedReads() {
  // Errors ignored: a connection that cannot drop its map keeps reading through it.
  if (db_) sqlite3_exec(db_->handle(), "PRAGMA mmap_size=0", nullptr, nullptr, nullptr);
}

void Database::exec(std::string_view sql) {
  // Statement by statement, as sqlite3_exec does, each prepared from the view's own bytes (the
  // view need not end in a NUL).
  while (!sql.empty()) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, &tail);
    Statement statement(db_, raw);
    if (rc != SQLITE_OK) fail(db_, path_);
    sql.remove_prefix(static_cast<size_t>(tail - sql.data()));
    if (!raw) continue;  // a comment or blanks
    int step;
    while ((step = sqlite3_step(raw)) == SQLITE_ROW) {
    }
    if (step != SQLITE_DONE) fail(db_, path_);
  }
}

Statement Database::prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
      SQLITE_OK) {
    sqlite3_finalize(raw);
    fail(db_, fmt::format(fmt::runtime(tr("SQL error in {}")), in_quotes(sql)));
  }
  return Statement(db_, raw);
}

bool Database::table_exists(std::string_view name) {
  auto st = prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?");
  st.bind(1, name);
  return st.step();
}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
  other.stmt_ = nullptr;
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_blob(int index, std::span<const unsigned char> blob) {
  sqlite3_bind_blob(stmt_, index, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, tr("project store"));
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::get_text(int col) const {
  auto* p = sqlite3_column_text(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string();
}

std::string_view Statement::get_text_view(int col) const {
  auto* p = sqlite3_column_text(stmt_, col);
  return p ? std::string_view(reinterpret_cast<const char*>(p),
                              static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string_view();
}

std::optional<std::string> Statement::get_optional_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return get_text(col);
}

std::optional<std::pair<std::string, std::string>> Statement::column_origin(int col) const {
  const char* table = sqlite3_column_table_name(stmt_, col);
  const char* column = sqlite3_column_origin_name(stmt_, col);
  if (!table || !column) return std::nullopt;
  return std::pair<std::string, std::string>{table, column};
}

std::span<const unsigned char> Statement::get_blob(int col) const {
  auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, col));
  return {p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

Transaction::Transaction(Database& db) : db_(db) {
  db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace rz::geo
