#include "geo/inner_points.hpp"

#include <fmt/format.h>

#include "geo/store.hpp"

namespace rz::geo {

namespace {

constexpr const char* kEvents[] = {"insert", "update", "delete"};

std::string trigger_name(const std::string& layer, const char* event) {
  return fmt::format("rzi_{}_{}", layer, event);
}

Statement prepare_insert(Database& db, const std::string& layer) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS rz_inner_points (layer TEXT NOT NULL, fid INTEGER NOT NULL, "
      "x REAL NOT NULL, y REAL NOT NULL, PRIMARY KEY (layer, fid)) WITHOUT ROWID");
  drop_inner_points(db, layer);
  return db.prepare("INSERT INTO rz_inner_points (layer, fid, x, y) VALUES (?, ?, ?, ?)");
}

}  // namespace

InnerPointsWriter::InnerPointsWriter(Database& db, const std::string& layer)
    : db_(db), layer_(layer), insert_(prepare_insert(db, layer)) {}

void InnerPointsWriter::add(int64_t fid, double x, double y) {
  insert_.bind(1, std::string_view(layer_)).bind(2, fid).bind(3, x).bind(4, y);
  insert_.run();
}

void InnerPointsWriter::finish() {
  for (const char* event : kEvents)
    db_.exec(fmt::format(
        "CREATE TRIGGER {} AFTER {} ON {} BEGIN DELETE FROM rz_inner_points WHERE layer='{}'; END",
        quote_identifier(trigger_name(layer_, event)), event, quote_identifier(layer_), layer_));
}

std::optional<std::unordered_map<int64_t, std::pair<double, double>>> read_inner_points(
    Database& db, const std::string& layer) {
  if (!db.table_exists("rz_inner_points")) return std::nullopt;
  {
    auto st =
        db.prepare("SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name IN (?,?,?)");
    for (int i = 0; i < 3; ++i) st.bind(i + 1, std::string_view(trigger_name(layer, kEvents[i])));
    if (!st.step() || st.get_int(0) != 3) return std::nullopt;
  }
  std::unordered_map<int64_t, std::pair<double, double>> points;
  auto st = db.prepare("SELECT fid, x, y FROM rz_inner_points WHERE layer=?");
  st.bind(1, std::string_view(layer));
  while (st.step()) points[st.get_int(0)] = {st.get_double(1), st.get_double(2)};
  return points;
}

void drop_inner_points(Database& db, const std::string& layer) {
  for (const char* event : kEvents)
    db.exec(fmt::format("DROP TRIGGER IF EXISTS {}", quote_identifier(trigger_name(layer, event))));
  if (!db.table_exists("rz_inner_points")) return;
  auto st = db.prepare("DELETE FROM rz_inner_points WHERE layer=?");
  st.bind(1, std::string_view(layer));
  st.run();
}

}  // namespace rz::geo
