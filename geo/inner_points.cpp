#include "geo/inner_points.hpp"
#include "geo/layer_copy_triggers.hpp"

namespace rz::geo {

namespace {

constexpr LayerCopy kCopy{"rzi", "rz_inner_points"};

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
  create_copy_triggers(db_, kCopy, layer_);
}

std::optional<std::unordered_map<int64_t, std::pair<double, double>>> read_inner_points(
    Database& db, const std::string& layer) {
  if (!db.table_exists("rz_inner_points") || !has_copy_triggers(db, kCopy, layer))
    return std::nullopt;
  std::unordered_map<int64_t, std::pair<double, double>> points;
  auto st = db.prepare("SELECT fid, x, y FROM rz_inner_points WHERE layer=?");
  st.bind(1, std::string_view(layer));
  while (st.step()) points[st.get_int(0)] = {st.get_double(1), st.get_double(2)};
  return points;
}

void drop_inner_points(Database& db, const std::string& layer) {
  drop_copy_triggers(db, kCopy, layer);
  if (!db.table_exists("rz_inner_points")) return;
  auto st = db.prepare("DELETE FROM rz_inner_points WHERE layer=?");
  st.bind(1, std::string_view(layer));
  st.run();
}

}  // namespace rz::geo
